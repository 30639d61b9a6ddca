/// Decodes `site.yaml`.
struct SiteConfigDecoder {
    let log: DiagnosticLog

    func decode(_ node: DataNode) -> SiteConfig? {
        guard let fields = FieldReader(node, subject: "site.yaml", log: log) else { return nil }
        fields.warnAboutUnknownKeys(known: [
            "id", "title", "description", "language", "languages", "base_url", "authors", "license", "event_types",
            "confidence",
            "markdown", "home", "lists", "search", "digits", "translations",
        ])
        let title = fields.string("title", required: true)
        var baseURL = fields.string("base_url")
        if let url = baseURL {
            if let problem = URLCheck.problem(with: url, asBase: true) {
                log.error(
                    fields.locationOf("base_url"), "invalid base_url: \(problem)",
                    hint: "give the full address of the published site, e.g. https://example.org/report/")
                baseURL = nil
            } else if !url.hasSuffix("/") {
                baseURL = url + "/"
            }
        }
        var types: [SiteConfig.EventType] = [], typeLocations: [String: SourceLocation] = [:]
        for node in fields.list("event_types") {
            guard let entry = FieldReader(node, subject: "the event type", log: log) else { continue }
            entry.warnAboutUnknownKeys(known: [
                "id", "label", "colour", "color", "colour_dark", "color_dark", "description",
            ])
            guard let id = entry.string("id", required: true) else { continue }
            if let problem = Identifier.problem(with: id) {
                log.error(entry.locationOf("id"), "invalid event type id: \(problem)")
                continue
            }
            let colour = entry.string("colour") ?? entry.string("color") ?? "#5b6770"
            if !Self.isSafeColour(colour) {
                log.error(
                    entry.locationOf(entry.node("colour") != nil ? "colour" : "color"), "`\(colour)` is not a colour",
                    hint: "use a hex colour such as #b03a2e")
                continue
            }
            let dark = entry.string("colour_dark") ?? entry.string("color_dark")
            if let dark, !Self.isSafeColour(dark) {
                log.error(
                    entry.locationOf(entry.node("colour_dark") != nil ? "colour_dark" : "color_dark"),
                    "`\(dark)` is not a colour", hint: "use a hex colour such as #e58a7e")
                continue
            }
            types.append(
                .init(
                    id: id, label: entry.string("label") ?? id, colour: colour,
                    description: entry.string("description"), darkColour: dark))
            typeLocations[id] = entry.locationOf(
                entry.node("colour") != nil ? "colour" : entry.node("color") != nil ? "color" : "id")
        }
        for pair in TypeColours.lookAlike(types) {
            log.warning(
                typeLocations[pair.second.id] ?? fields.location,
                "event types `\(pair.first.id)` and `\(pair.second.id)` look alike in \(pair.mode) mode (CIEDE2000 ΔE \(String(format: "%.1f", pair.difference)) between their colours as drawn, below \(Int(TypeColours.distinctDifference))): charts and maps tell types apart by colour",
                hint:
                    "give one of them a colour further from the other; Dossier's palette keeps ΔE ≥ 17.8 in both modes: \(TypeColours.palette.joined(separator: " "))"
            )
        }
        if types.isEmpty {
            log.error(
                fields.location, "site.yaml defines no `event_types`",
                hint:
                    "list the kinds of event the report uses, e.g. `- {id: attack, label: Attack, colour: \"#b03a2e\"}`"
            )
        }
        var grades = SiteConfig.defaultConfidenceGrades
        let gradeNodes = fields.list("confidence")
        if !gradeNodes.isEmpty {
            grades = gradeNodes.compactMap { node in
                guard let entry = FieldReader(node, subject: "the confidence grade", log: log),
                    let id = entry.string("id", required: true)
                else { return nil }
                return .init(id: id, label: entry.string("label") ?? id, description: entry.string("description") ?? "")
            }
        }
        var allowRawHTML = false, smart = true, latest = 6
        if let markdown = fields.node("markdown"),
            let options = FieldReader(markdown, subject: "the markdown settings", log: log)
        {
            options.warnAboutUnknownKeys(known: ["unsafe_html", "smart_punctuation"])
            allowRawHTML = options.bool("unsafe_html") ?? false
            smart = options.bool("smart_punctuation") ?? true
        }
        if let home = fields.node("home"), let options = FieldReader(home, subject: "the home settings", log: log) {
            options.warnAboutUnknownKeys(known: ["latest"])
            latest = max(0, options.integer("latest") ?? latest)
        }
        var perPage = SiteConfig.defaultEventsPerPage
        if let lists = fields.node("lists"), let options = FieldReader(lists, subject: "the list settings", log: log) {
            options.warnAboutUnknownKeys(known: ["per_page"])
            if let value = options.integer("per_page") {
                if value < 10 {
                    log.error(
                        options.locationOf("per_page"), "`per_page` must be at least 10, not \(value)",
                        hint:
                            "the default is \(SiteConfig.defaultEventsPerPage); pages of a few hundred events stay small and quick"
                    )
                } else {
                    perPage = value
                }
            }
        }
        var search = true
        if let node = fields.node("search"), let options = FieldReader(node, subject: "the search settings", log: log) {
            options.warnAboutUnknownKeys(known: ["enabled"])
            search = options.bool("enabled") ?? true
        }
        var language = fields.string("language") ?? "en"
        if !LanguageTag.isWellFormed(language) {
            log.error(
                fields.locationOf("language"), "`\(language)` is not a language tag",
                hint: "use a BCP 47 tag such as en, en-GB, ar or fa")
            language = "en"
        }
        let languages = self.languages(fields, language: &language)
        var digits: Digits?
        if let text = fields.string("digits") {
            digits = Digits(rawValue: text)
            if digits == nil {
                let names = Digits.allCases.map(\.rawValue)
                log.error(
                    fields.locationOf("digits"), "unknown digits `\(text)`",
                    hint: Suggestion.hint(for: text, in: names)
                        ?? "use latn (0–9), arab (٠–٩) or arabext (۰–۹), or leave it out for the language's usual digits"
                )
            }
        }
        guard let title else { return nil }
        let id = reportID(fields, title: title)
        var config = SiteConfig(
            title: title, id: id, description: fields.string("description") ?? "", language: language,
            baseURL: baseURL, authors: fields.stringList("authors"), license: fields.string("license"),
            eventTypes: types, confidenceGrades: grades, allowRawHTML: allowRawHTML, smartPunctuation: smart,
            homeLatestCount: latest, eventsPerPage: perPage, searchEnabled: search, origin: fields.location
        )
        config.digits = digits
        config.languages = languages
        config.translations = translations(fields, languages: languages, types: types)
        return config
    }

    /// `translations: { ar: { title: …, description: …, event_types: { strike: { label: … } } } }`:
    /// the report's own words in each of its other languages.
    private func translations(
        _ fields: FieldReader, languages: [String], types: [SiteConfig.EventType]
    ) -> [String: SiteConfig.Translation] {
        guard let node = fields.node("translations"),
            let entries = FieldReader(node, subject: "site.yaml's translations", log: log)
        else { return [:] }
        let others = Array(languages.dropFirst())
        var translations: [String: SiteConfig.Translation] = [:]
        for entry in entries.entries {
            guard others.contains(entry.key) else {
                log.error(
                    entries.locationOf(entry.key),
                    "`\(entry.key)` is not one of the report's languages to translate into",
                    hint: others.isEmpty
                        ? "add it to `languages`, after the report's own: languages: [\(languages.first ?? "en"), \(entry.key)]"
                        : Suggestion.hint(for: entry.key, in: others)
                            ?? "languages: \(languages.joined(separator: ", "))")
                continue
            }
            guard let words = FieldReader(entry.value, subject: "the \(entry.key) translation", log: log) else {
                continue
            }
            words.warnAboutUnknownKeys(known: ["title", "description", "license", "digits", "event_types"])
            var translation = SiteConfig.Translation(
                title: words.string("title"), description: words.string("description"), license: words.string("license")
            )
            if let text = words.string("digits") {
                translation.digits = Digits(rawValue: text)
                if translation.digits == nil {
                    log.error(
                        words.locationOf("digits"), "unknown digits `\(text)`",
                        hint: Suggestion.hint(for: text, in: Digits.allCases.map(\.rawValue))
                            ?? "use latn (0–9), arab (٠–٩) or arabext (۰–۹)")
                }
            }
            if let node = words.node("event_types"),
                let typeEntries = FieldReader(node, subject: "the translated event types", log: log)
            {
                for typeEntry in typeEntries.entries {
                    guard types.contains(where: { $0.id == typeEntry.key }) else {
                        log.error(
                            typeEntries.locationOf(typeEntry.key),
                            "`\(typeEntry.key)` is not one of the report's event types",
                            hint: Suggestion.hint(for: typeEntry.key, in: types.map(\.id))
                                ?? "key each translated type by its id in `event_types`")
                        continue
                    }
                    guard let type = FieldReader(typeEntry.value, subject: "the translated type", log: log) else {
                        continue
                    }
                    type.warnAboutUnknownKeys(known: ["label", "description"])
                    translation.eventTypes[typeEntry.key] = .init(
                        label: type.string("label"), description: type.string("description"))
                }
            }
            translations[entry.key] = translation
        }
        return translations
    }

    /// `id`: any absolute URI (a scheme, a colon, no spaces). Without one, feed readers and
    /// calendars would see every entry as new after the report is renamed: say so, and give the
    /// id the build uses meanwhile, so that adding it changes nothing already published.
    private func reportID(_ fields: FieldReader, title: String) -> String? {
        let suggestion = StableID.fromTitle(title)
        guard let id = fields.string("id") else {
            log.warning(
                fields.location,
                "site.yaml has no `id`, so the feeds and the calendar identify their entries by the report's title: renaming the report would make every entry look new to subscribers",
                hint: "add `id: \(suggestion)` (the id used now) and keep it for the life of the report")
            return nil
        }
        let scheme = id.prefix { $0 != ":" }
        guard scheme.count < id.count, let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }),
            !id.contains(where: { $0.isWhitespace }), id.count > scheme.count + 1
        else {
            log.error(
                fields.locationOf("id"), "`id` must be a URI, such as `urn:uuid:…` or `tag:example.org,2024:report`",
                hint: "use `id: \(suggestion)`, and keep it for the life of the report")
            return nil
        }
        return id
    }

    /// Colours go into a `style` attribute, so only plain hex colours are accepted.
    static func isSafeColour(_ text: String) -> Bool {
        guard text.hasPrefix("#"), [4, 7].contains(text.count) else { return false }
        // ASCII only: `Character.isHexDigit` also accepts full-width digits such as `１`.
        return text.utf8.dropFirst().allSatisfy {
            (0x30...0x39).contains($0) || (0x41...0x46).contains($0) || (0x61...0x66).contains($0)
        }
    }

    /// `languages: [en, ar]`: well-formed tags, each once; the first is the report's `language`
    /// (which may be left out, or must be the same).
    private func languages(_ fields: FieldReader, language: inout String) -> [String] {
        guard let node = fields.node("languages") else { return [language] }
        guard case .list(let items, _) = node, !items.isEmpty else {
            log.error(
                fields.locationOf("languages"), "`languages` must be a list of language tags, the report's own first",
                hint: "e.g. languages: [en, ar]")
            return [language]
        }
        var languages: [String] = []
        for item in items {
            guard case .scalar(let tag, let location) = item, LanguageTag.isWellFormed(tag) else {
                log.error(
                    item.location, "not a language tag in `languages`", hint: "use BCP 47 tags such as en, ar or fa")
                continue
            }
            guard !languages.contains(where: { $0.caseInsensitiveCompare(tag) == .orderedSame }) else {
                log.error(location, "`\(tag)` is in `languages` twice", hint: "name each language once")
                continue
            }
            languages.append(tag)
        }
        guard let first = languages.first else { return [language] }
        if fields.node("language") != nil, first.caseInsensitiveCompare(language) != .orderedSame {
            log.error(
                fields.locationOf("languages"),
                "the report's `language` (\(language)) must come first in `languages`",
                hint: "write languages: [\(([language] + languages.filter { $0 != language }).joined(separator: ", "))]"
            )
        }
        language = first
        return languages
    }
}
