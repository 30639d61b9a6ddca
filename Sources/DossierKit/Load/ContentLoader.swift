import Foundation

/// Everything read from the content folder, decoded but not yet cross-checked.
struct LoadedContent: Sendable {
    public var config: SiteConfig
    public var events: [Event]
    public var actors: [Actor]
    public var topics: [Topic]
    public var pages: [Page]
    /// Files under `Content/static/`, relative to it: copied to the site root as they are.
    public var staticFiles: [String] = []
    /// The fields its events were read with.
    var eventFields: EventFields = .standard
    /// Actors, topics and pages in the report's other languages (`*.ar.md`).
    public var translations = Translations()
}

/// Reads `Content/`: `site.yaml`, `events/` (YAML, JSON, CSV), `actors/`, `topics/`, `pages/` (Markdown).
struct ContentLoader: Sendable {
    public let folder: URL
    /// How the folder is named in messages (as the user typed it).
    public let displayName: String
    /// Files parsed by an earlier load (the preview keeps them across rebuilds).
    let cache: ContentCache?
    /// Texts read in place of the files at these paths (absolute, as `folder` spells them), and
    /// files added: an import checks the report as it would be after it, before writing a file.
    /// Each text is made when it is read (an import makes one file's text at a time).
    var overlay: [String: @Sendable () throws -> String] = [:]
    /// The fields an event may have.
    var eventFields: EventFields = .standard

    public init(folder: URL, displayName: String? = nil, cache: ContentCache? = nil) {
        self.folder = folder
        self.displayName = displayName ?? folder.lastPathComponent
        self.cache = cache
    }

    private func readText(_ url: URL, display: String, log: DiagnosticLog) -> String? {
        guard let planned = overlay[url.path] else { return ContentFile.readText(url, display: display, log: log) }
        do {
            return try planned()
        } catch {
            log.error(SourceLocation(file: display), "\(error)")
            return nil
        }
    }

    /// The files of a section, with the overlay's new files among them in path order.
    private func listing(
        _ section: String, extensions: Set<String>
    ) -> (files: [(url: URL, stamp: FileStamp)], skipped: [ContentFile.Skipped]) {
        let sectionFolder = folder.appendingPathComponent(section)
        let listing = ContentFile.listStamped(sectionFolder, extensions: extensions, within: folder)
        var files = listing.files.map { ($0.url, $0.stamp) }
        guard !overlay.isEmpty else { return (files, listing.skipped) }
        let listed = Set(files.map(\.0.path))
        for path in overlay.keys
        where path.hasPrefix(sectionFolder.path + "/") && !listed.contains(path)
            && extensions.contains(ContentFile.fileExtension(ContentFile.fileName(path)).lowercased())
            && !ContentFile.fileName(path).hasPrefix(".")
        {
            files.append((URL(fileURLWithPath: path), FileStamp(seconds: 0, nanoseconds: 0, size: 0)))
        }
        return (files.sorted { $0.0.path < $1.0.path }, listing.skipped)
    }

    public func load(log: DiagnosticLog) -> LoadedContent? {
        load(log: log) { loadEvents(log: log) }
    }

    /// The report without its events' contents: everything but the events, and each events file
    /// with the ids of its events. Each file is parsed and let go, so memory does not grow with the
    /// report (an import into a report of 100,000 events needs their ids, not the events).
    /// Errors of reading and decoding are in `log` as `load` gives them; the links between the
    /// parts are not checked (`ReportLinker` does that, with the events).
    /// - Parameter eventIDs: false to leave the events files unread (their list is empty).
    func loadIndex(
        log: DiagnosticLog, eventIDs: Bool = true
    ) -> (content: LoadedContent, eventFiles: [(url: URL, ids: [String])])? {
        var eventFiles: [(url: URL, ids: [String])] = []
        let content = load(log: log) {
            guard eventIDs else { return [] }
            let listing = listing("events", extensions: ["yaml", "yml", "json", "csv"])
            reportSkipped(listing.skipped, log: log)
            let ids = Self.parse(listing.files, cache: nil, log: log) { url, fileLog in
                loadEventFile(url, log: fileLog).map(\.id)
            }
            eventFiles = zip(listing.files.map(\.url), ids).map { ($0, $1) }
            return []
        }
        return content.map { ($0, eventFiles) }
    }

    /// Everything in the folder, with the events `events` reads (all of them, or none for the index).
    private func load(log: DiagnosticLog, events readEvents: () -> [Event]) -> LoadedContent? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            log.error(
                SourceLocation(file: displayName), "the content folder does not exist",
                hint: "run dossier from the report's folder, or pass --content PATH")
            return nil
        }
        let config = loadConfig(log: log)
        let events = readEvents()
        let languages = config?.translationLanguages ?? []
        let (actors, actorTranslations) = markdownFiles(
            "actors", cache: cache?.actors, languages: languages, log: log, id: \.id
        ) { $0.actor($1) }
        let (topics, topicTranslations) = markdownFiles(
            "topics", cache: cache?.topics, languages: languages, log: log, id: \.id
        ) { $0.topic($1) }
        let (pages, pageTranslations) = markdownFiles(
            "pages", cache: cache?.pages, languages: languages, log: log, id: \.id
        ) { $0.page($1) }
        guard let config else { return nil }
        var translations = Translations()
        translations.actors = actorTranslations
        translations.topics = topicTranslations
        translations.pages = pageTranslations
        let staticFolder = folder.appendingPathComponent("static")
        let staticListing = ContentFile.listStamped(staticFolder, extensions: nil, within: folder)
        reportSkipped(staticListing.skipped, log: log)
        let staticFiles = staticListing.files.map { ContentFile.relativePath(of: $0.url, in: staticFolder) }
        return LoadedContent(
            config: config, events: events, actors: actors, topics: topics, pages: pages, staticFiles: staticFiles,
            eventFields: eventFields, translations: translations)
    }

    /// The events of one file of the content folder (or of the overlay), as `load` reads them.
    func events(inFile url: URL, log: DiagnosticLog) -> [Event] {
        loadEventFile(url, log: log)
    }

    /// Links out of the report, dangling links, loops and pipes in the content folder.
    private func reportSkipped(_ skipped: [ContentFile.Skipped], log: DiagnosticLog) {
        for skip in skipped {
            log.add(
                skip.diagnostic(
                    shownAs: display(URL(fileURLWithPath: skip.path)), root: "the content folder (\(displayName))"))
        }
    }

    private func display(_ url: URL) -> String {
        let base = folder.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        let relative = path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : url.lastPathComponent
        return displayName + "/" + relative
    }

    private func loadConfig(log: DiagnosticLog) -> SiteConfig? {
        let url = folder.appendingPathComponent("site.yaml")
        let name = display(url)
        guard overlay[url.path] != nil || FileManager.default.fileExists(atPath: url.path) else {
            log.error(
                SourceLocation(file: name), "the report has no site.yaml",
                hint: "create it with at least `title:` and `event_types:`")
            return nil
        }
        guard let text = readText(url, display: name, log: log),
            let node = YAMLReader.parse(text, file: name, log: log)
        else { return nil }
        return SiteConfigDecoder(log: log).decode(node)
    }

    /// Event files in path order, so the order of events with equal dates is what the author wrote.
    private func loadEvents(log: DiagnosticLog) -> [Event] {
        let listing = listing("events", extensions: ["yaml", "yml", "json", "csv"])
        reportSkipped(listing.skipped, log: log)
        let files = listing.files
        return Self.parse(files, cache: cache?.events, log: log) { url, fileLog in loadEventFile(url, log: fileLog) }
            .flatMap { $0 }
    }

    /// Parses the files, each into its own log, merged into `log` in path order (so the result
    /// does not depend on timing); files the cache holds as they are now are not parsed again.
    ///
    /// Several files are parsed on every core. One file (the preview, after a save) is parsed
    /// here: a parallel loop inside another gets one thread from Dispatch, and the YAML reader
    /// parses a large file in parts on every core itself.
    private static func parse<Value: Sendable>(
        _ files: [(url: URL, stamp: FileStamp)], cache: ParsedFileCache<Value>?, log: DiagnosticLog,
        _ parse: @escaping @Sendable (URL, DiagnosticLog) -> Value
    ) -> [Value] {
        let results = ResultSlots<(Value, DiagnosticLog)>(count: files.count)
        let parseOne: @Sendable (Int) -> Void = { index in
            let (url, stamp) = files[index]
            if let cache {
                results.set(index, cache.value(of: url, stamp: stamp) { parse(url, $0) })
            } else {
                let fileLog = DiagnosticLog()
                results.set(index, (parse(url, fileLog), fileLog))
            }
        }
        if let cache, files.filter({ !cache.isFresh($0.url, stamp: $0.stamp) }).count <= 1 {
            for index in files.indices { parseOne(index) }
        } else {
            DispatchQueue.concurrentPerform(iterations: files.count, execute: parseOne)
        }
        var values: [Value] = []
        for case let (value, fileLog)? in results.values {
            values.append(value)
            fileLog.diagnostics.forEach(log.add)
        }
        return values
    }

    private func loadEventFile(_ url: URL, log: DiagnosticLog) -> [Event] {
        let name = display(url)
        guard let text = readText(url, display: name, log: log) else { return [] }
        let isCSV = url.pathExtension.lowercased() == "csv"
        if !isCSV, url.pathExtension.lowercased() != "json", let items = cache?.eventItems,
            let events = items.events(
                in: text, path: url.path, name: name, log: log,
                decode: { [eventFields] in EventDecoder(log: $1, fields: eventFields).decode($0, flat: false) })
        {
            return events
        }
        return Self.decodeEvents(text, file: name, isCSV: isCSV, fields: eventFields, log: log)
    }

    /// The events of an events file's text: a list, a list wrapped as `events: [...]` (the JSON
    /// download's form), one event, or CSV rows. `dossier import dossier` reads downloads with it.
    static func decodeEvents(
        _ text: String, file name: String, isCSV: Bool, fields: EventFields = .standard, log: DiagnosticLog
    ) -> [Event] {
        let decoder = EventDecoder(log: log, fields: fields)
        let node =
            isCSV ? CSVTableReader.parse(text, file: name, log: log) : YAMLReader.parse(text, file: name, log: log)
        switch node {
        case .list(let items, _)?:
            return items.compactMap { decoder.decode($0, flat: isCSV) }
        case .map(let entries, _)? where entries.contains(where: { $0.key == "events" }):
            // A file may also wrap its list as `events: [...]`.
            if case .list(let items, _)? = entries.first(where: { $0.key == "events" })?.value {
                return items.compactMap { decoder.decode($0, flat: false) }
            }
            return []
        case .map(let entries, let location)?:
            return decoder.decode(.map(entries, location), flat: false).map { [$0] } ?? []
        case .null?:
            log.warning(SourceLocation(file: name, line: 1), "the file holds no events")
            return []
        case .scalar(_, let location)?:
            log.error(location, "expected an event or a list of events, found a single value")
            return []
        case nil:
            return []
        }
    }

    /// Markdown files are read and decoded on every core too (a report may profile thousands of
    /// actors). A file named `<name>.<language>.md`, for one of the report's other languages, is
    /// the translation of `<name>.md`: decoded the same way, it takes its original's id; one whose
    /// original does not exist is an error at its first line.
    /// - Returns: the section's content, and its translations by language and id.
    private func markdownFiles<Value: Sendable>(
        _ section: String, cache: ParsedFileCache<Value?>?, languages: [String], log: DiagnosticLog,
        id: @escaping @Sendable (Value) -> String,
        decode: @escaping @Sendable (MarkdownFileDecoders, ContentFile.MarkdownDocument) -> Value?
    ) -> (values: [Value], translations: [String: [String: Value]]) {
        let listing = listing(section, extensions: ["md", "markdown"])
        reportSkipped(listing.skipped, log: log)
        @Sendable func stem(_ url: URL) -> String { url.deletingPathExtension().lastPathComponent }
        /// The translation's language and its original's stem, for a file that is one.
        @Sendable func translation(_ url: URL) -> (language: String, original: String)? {
            let name = stem(url)
            for language in languages where name.hasSuffix("." + language) {
                return (language, String(name.dropLast(language.count + 1)))
            }
            return nil
        }
        let originals = listing.files.filter { translation($0.url) == nil }
        let values = Self.parse(originals, cache: cache, log: log) { url, fileLog in
            ContentFile.readMarkdown(
                url, display: display(url), log: fileLog, text: overlay[url.path].flatMap { try? $0() }
            ).flatMap { decode(MarkdownFileDecoders(log: fileLog), $0) }
        }
        var idOfStem: [String: String] = [:]
        for (file, value) in zip(originals, values) { if let value { idOfStem[stem(file.url)] = id(value) } }
        var translations: [String: [String: Value]] = [:]
        let translated = listing.files.compactMap { file in translation(file.url).map { (file, $0) } }
        // Few files, decoded without the cache: whether a file is a translation depends on site.yaml.
        let decoded = Self.parse(translated.map(\.0), cache: nil, log: log) { url, fileLog -> Value? in
            guard let (_, original) = translation(url) else { return nil }
            return ContentFile.readMarkdown(
                url, display: display(url), log: fileLog, text: overlay[url.path].flatMap { try? $0() }
            ).flatMap { document in
                var document = document
                document.stem = original
                return decode(MarkdownFileDecoders(log: fileLog), document)
            }
        }
        for ((file, about), value) in zip(translated, decoded) {
            guard let originalID = idOfStem[about.original] else {
                log.error(
                    SourceLocation(file: display(file.url), line: 1),
                    "a translation into \(about.language) of `\(section)/\(about.original).md`, which does not exist",
                    hint: Suggestion.hint(for: about.original, in: Array(idOfStem.keys)).map {
                        "\($0) (a translation is named after its original: `<name>.\(about.language).md`)"
                    } ?? "name a translation after its original: `\(section)/<name>.\(about.language).md`")
                continue
            }
            guard let value else { continue }
            if id(value) != originalID, id(value) != about.original {
                log.error(
                    SourceLocation(file: display(file.url), line: 1),
                    "a translation keeps its original's id: `\(originalID)`, not `\(id(value))`",
                    hint: "leave `id` out of the translation, or give it `\(originalID)`")
                continue
            }
            translations[about.language, default: [:]][originalID] = value
        }
        return (values.compactMap { $0 }, translations)
    }
}
