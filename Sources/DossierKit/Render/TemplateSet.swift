import Foundation
import Mustache

/// The theme's Mustache templates, parsed once per build.
///
/// Page templates and the shared `layout.mustache` sit at the top of the templates folder;
/// partials in `partials/`; static files (CSS, JS, images) in `assets/`, copied as they are.
/// A report's templates folder overrides the default theme file by file: whatever it lacks
/// (or all of it, when there is no such folder) comes from `BuiltInTheme`.
struct TemplateSet: Sendable {
    let library: MustacheLibrary
    public let folder: URL
    let displayName: String
    /// Each template's text and how messages name its file, to point at a tag.
    var sources: [String: (display: String, text: String)] = [:]
    /// The words the theme writes around the report (`text.yaml`).
    var text = DisplayText.builtIn
    /// The country outlines maps are drawn on (`map/countries.txt`).
    var geography = Geography.builtIn
    /// The colours of the shared outline file (`map/world.css`, written into `map/world.svg`).
    var worldStyle = BuiltInTheme.files[WorldOutline.stylePath] ?? ""
    /// The theme's own `text.yaml` and map outlines, as read: the site's data scripts
    /// (`map/places.js`, the filter's index) change with them, and with nothing else of the theme.
    var dataWords = ""
    /// The words in other languages, by language tag: `text.<tag>.yaml` of the built-in theme
    /// and of the report's theme over `text` (`text(for:)`).
    var translations: [String: DisplayText] = [:]
    /// Where the templates read the author's values (`{{extra.colour}}`), found by `check`.
    var extraUses: [ExtraUse] = []

    /// The templates as programs, rendered without swift-mustache's dynamic lookups; the engine
    /// a build fills them with (`TemplateEngine`: swift-mustache stays the reference).
    var programs: TemplatePrograms?
    var engine = TemplateEngine.compiled

    struct ExtraUse: Sendable {
        var path: String
        var location: SourceLocation
    }

    /// - Parameter mustExist: the folder was named on the command line (`--templates`), so its
    ///   absence is an error; the default `Templates/` may be missing (the built-in theme is used).
    public static func load(
        from folder: URL, displayName: String, mustExist: Bool = false, log: DiagnosticLog
    ) -> TemplateSet? {
        HTMLEscaping.registered
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) && isFolder.boolValue
        if !exists, mustExist {
            log.error(
                SourceLocation(file: displayName), "the templates folder does not exist",
                hint:
                    "leave out --templates to use the built-in theme, or give a folder that overrides some of its files"
            )
            return nil
        }
        var sources: [(name: String, display: String, text: String)] = []
        var unreadable = Set<String>()
        var textFile: URL?, geographyFile: URL?, worldStyleFile: URL?
        var languageFiles: [String: URL] = [:]
        if exists {
            let base = folder.standardizedFileURL.path
            let listing = ContentFile.listStamped(folder, extensions: nil)
            for skip in listing.skipped {
                log.add(
                    skip.diagnostic(
                        shownAs:
                            "\(displayName)/\(ContentFile.relativePath(of: URL(fileURLWithPath: skip.path), in: folder))",
                        root: "the theme folder (\(displayName))"))
            }
            for (url, _, _) in listing.files {
                let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
                if relative == DisplayText.file { textFile = url }
                if let language = DisplayText.language(ofFile: relative) { languageFiles[language] = url }
                if relative == Geography.path { geographyFile = url }
                if relative == WorldOutline.stylePath { worldStyleFile = url }
                guard url.pathExtension == "mustache" else { continue }
                let name = String(relative.dropLast(".mustache".count))
                let display = "\(displayName)/\(relative)"
                guard let text = ContentFile.readText(url, display: display, log: log) else {
                    unreadable.insert(name)
                    continue
                }
                sources.append((name, display, text))
            }
        }
        // What the folder does not override comes from the theme the binary carries.
        let overridden = Set(sources.map(\.name)).union(unreadable)
        for (path, text) in BuiltInTheme.files.sorted(by: { $0.key < $1.key }) where path.hasSuffix(".mustache") {
            let name = String(path.dropLast(".mustache".count))
            if !overridden.contains(name) { sources.append((name, "(built-in theme)/\(path)", text)) }
        }
        var templates: [String: MustacheTemplate] = [:]
        var references: [(name: String, location: SourceLocation)] = []
        for (name, display, text) in sources {
            unreadable.insert(name)
            if let location = controlCharacter(in: text, file: display) {
                // U+0001 marks where links start while a page is rendered (`SiteRoot`).
                log.error(
                    location, "the template contains a control character",
                    hint: "remove it; control characters are invisible and break pages")
                continue
            }
            references += partialReferences(in: text, file: display)
            do {
                templates[name] = try MustacheTemplate(string: text)
                unreadable.remove(name)
            } catch let error as MustacheTemplate.ParserError {
                log.error(
                    SourceLocation(file: display, line: error.context.lineNumber, column: error.context.columnNumber),
                    "template syntax error: \(describe(error.error))",
                    hint: "the line reads: \(error.context.line.trimmingCharacters(in: .whitespaces))")
            } catch {
                log.error(SourceLocation(file: display), "could not parse the template: \(error)")
            }
        }
        // swift-mustache renders a missing partial as nothing; a theme author wants to hear about it.
        for reference in references where templates[reference.name] == nil && !unreadable.contains(reference.name) {
            log.error(
                reference.location, "the template uses the partial `\(reference.name)`, which does not exist",
                hint: Suggestion.hint(for: reference.name, in: templates.keys.sorted())
                    ?? "create \(displayName)/\(reference.name).mustache")
        }
        let library = MustacheLibrary(templates: templates)
        var set = TemplateSet(library: library, folder: folder, displayName: displayName)
        set.programs = TemplatePrograms(library: library, names: templates.keys)
        // (Found by the listing, which refuses links that lead out of the theme folder.)
        var reportYAML: String?
        if let textFile {
            let display = "\(displayName)/\(DisplayText.file)"
            reportYAML = ContentFile.readText(textFile, display: display, log: log)
            if let yaml = reportYAML {
                set.text = DisplayText(base: .builtIn, yaml: yaml, display: display, log: log)
                set.dataWords = yaml
            }
        }
        set.loadTranslations(languageFiles, reportYAML: reportYAML, log: log)
        if let geographyFile {
            let display = "\(displayName)/\(Geography.path)"
            if let text = ContentFile.readText(geographyFile, display: display, log: log) {
                set.dataWords += "\u{0}" + text
                do {
                    set.geography = try Geography(text: text)
                } catch let error as Geography.FormatError {
                    log.error(
                        SourceLocation(file: display, line: error.line),
                        "the map outlines cannot be read: \(error.message)",
                        hint:
                            "write the file as scripts/derive-map-data does, or remove it to use the built-in outlines")
                } catch {
                    log.error(SourceLocation(file: display), "the map outlines cannot be read: \(error)")
                }
            }
        }
        if let worldStyleFile {
            set.worldStyle =
                ContentFile.readText(worldStyleFile, display: "\(displayName)/\(WorldOutline.stylePath)", log: log)
                ?? set.worldStyle
        }
        for (name, display, text) in sources { set.sources[name] = (display, text) }
        set.placesHeadingLevel = set.onlyPrints("headingLevel", in: CardCache.template)
        return set
    }

    /// Whether the event card only prints its heading level (`{{headingLevel}}`, no transform,
    /// no section), so one render serves every level (`CardCache.levelSlot`). A theme that
    /// computes with it (`{{plusone(headingLevel)}}`) gets a render per level.
    var placesHeadingLevel = true

    private func onlyPrints(_ field: String, in template: String, seen: Set<String> = []) -> Bool {
        guard !seen.contains(template), let text = sources[template]?.text else { return true }
        guard let tags = TemplateTag.scan(text) else { return false }
        for tag in tags {
            if case .partial = tag.kind {
                if !onlyPrints(field, in: tag.name, seen: seen.union([template])) { return false }
                continue
            }
            let (transform, name) = tag.lookup
            guard name == field || name.hasSuffix("." + field) else { continue }
            guard case .variable = tag.kind, transform == nil else { return false }
        }
        return true
    }

    /// Where a template holds a control character other than a tab or line end, if it does.
    static func controlCharacter(in text: String, file: String) -> SourceLocation? {
        var line = 1, column = 0
        for scalar in text.unicodeScalars {
            column += 1
            switch scalar.value {
            case 0x0A: line += 1; column = 0
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F:
                return SourceLocation(file: file, line: line, column: column)
            default: break
            }
        }
        return nil
    }

    /// Where `name` first appears inside a tag of the template (its file alone when it does not).
    func location(of name: String, in template: String) -> SourceLocation {
        guard let (display, text) = sources[template] else {
            return SourceLocation(file: "\(displayName)/\(template).mustache")
        }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let found = line.range(of: name),
                let open = line[..<found.lowerBound].range(of: "{{", options: .backwards)
            else { continue }
            return SourceLocation(
                file: display, line: index + 1, column: line.distance(from: line.startIndex, to: open.lowerBound) + 1)
        }
        return SourceLocation(file: display)
    }

    /// Renders a page; a missing template was already reported by `load`.
    func render(_ view: any TemplateConvertible, template: String) -> String {
        renderConverted(view.templateFields, template: template)
    }

    /// Renders a value already converted by `TemplateValue`.
    func renderConverted(_ value: Any, template: String) -> String {
        if engine == .compiled, let html = programs?.render(value, template: template) { return html }
        return library.render(value, withTemplate: template) ?? ""
    }

    /// Names used in `{{> partial}}` and `{{< parent}}` tags, with their positions.
    static func partialReferences(in text: String, file: String) -> [(name: String, location: SourceLocation)] {
        (TemplateTag.scan(text) ?? []).compactMap { tag in
            switch tag.kind {
            case .partial, .parent:
                guard !tag.name.isEmpty, !tag.name.hasPrefix("*") else { return nil }
                return (tag.name, SourceLocation(file: file, line: tag.line, column: tag.column))
            default:
                return nil
            }
        }
    }

    private static func describe(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag is not closed with }}"
        case .expectedSectionEnd: return "a section is opened but never closed"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform cannot be applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "only blocks may appear inside a {{<parent}} section"
        case .textInsideInheritSection: return "text is not allowed directly inside a {{<parent}} section"
        case .invalidConfigVariableSyntax: return "invalid pragma syntax"
        case .unrecognisedConfigVariable: return "unknown pragma"
        }
    }
}

extension TemplateSet {
    /// The words of the site's language: its translation (`ar-IQ` falls back to `ar`), else `text`,
    /// with the language's plural rules, direction and digits (`digits`, else its usual ones).
    /// Month names no text file gives in the language come from the platform's locale data, in
    /// the Gregorian calendar (`ar-IQ` has Iraq's: كانون الثاني, شباط, …).
    func text(for language: String, digits: Digits? = nil) -> DisplayText {
        var text =
            translations[language] ?? language.split(separator: "-").first.flatMap { translations[String($0)] }
            ?? self.text
        text.language = language
        text.digits = digits ?? Digits.usual(for: language)
        if text.months == DisplayText.builtIn.months, !language.lowercased().hasPrefix("en") {
            text.months = Self.monthNames(language) ?? text.months
        }
        return text
    }

    /// The twelve Gregorian month names of a language, as it writes them alone ("January").
    static func monthNames(_ language: String) -> [String]? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: language)
        formatter.calendar = Calendar(identifier: .gregorian)
        let names = formatter.standaloneMonthSymbols
        return names.count == 12 ? names : nil
    }

    /// Each language's words: the built-in English, the built-in theme's `text.<tag>.yaml`, the
    /// report's `text.yaml`, then its `text.<tag>.yaml`, each over the one before, key by key.
    fileprivate mutating func loadTranslations(_ files: [String: URL], reportYAML: String?, log: DiagnosticLog) {
        let builtIn = Dictionary(
            uniqueKeysWithValues: BuiltInTheme.files.keys.compactMap { path in
                DisplayText.language(ofFile: path).map { ($0, path) }
            })
        guard !files.isEmpty || !builtIn.isEmpty else { return }
        // (The report's text.yaml, as read and checked when `text` was made: applied again, quietly.)
        for language in Set(files.keys).union(builtIn.keys).sorted() {
            var text = DisplayText.builtIn
            if let path = builtIn[language], let yaml = BuiltInTheme.files[path] {
                text = DisplayText(base: text, yaml: yaml, display: "(built-in theme)/\(path)", log: log)
            }
            if let reportYAML {
                text = DisplayText(base: text, yaml: reportYAML, display: DisplayText.file, log: DiagnosticLog())
            }
            if let url = files[language] {
                let display = "\(displayName)/\(url.lastPathComponent)"
                if let yaml = ContentFile.readText(url, display: display, log: log) {
                    text = DisplayText(base: text, yaml: yaml, display: display, log: log)
                    dataWords += "\u{0}" + yaml
                }
            }
            translations[language] = text
        }
    }
}
