/// Decoders for the Markdown-with-front-matter content kinds: actors, topics and pages.
struct MarkdownFileDecoders {
    let log: DiagnosticLog

    /// The id in the front matter, or else the file name; checked for URL safety either way.
    private func id(_ fields: FieldReader, fileStem: String) -> String? {
        let id = fields.string("id") ?? fileStem
        if let problem = Identifier.problem(with: id) {
            let location = fields.node("id") == nil ? fields.location : fields.locationOf("id")
            log.error(
                location, "invalid id: \(problem)", hint: "use something like `\(Identifier.suggestion(from: id))`")
            return nil
        }
        return id
    }

    func actor(_ file: ContentFile.MarkdownDocument) -> Actor? {
        guard let fields = FieldReader(file.frontMatter, subject: "the actor", log: log) else { return nil }
        fields.warnAboutUnknownKeys(known: [
            "id", "name", "kind", "aliases", "country", "description", "status", "affiliations", "extra",
        ])
        let id = id(fields, fileStem: file.stem)
        let name = fields.string("name", required: true)
        let kindText = fields.string("kind", required: true)
        var kind: Actor.Kind?
        if let kindText {
            kind = Actor.Kind(rawValue: String(kindText.lowercased().map { $0 == " " ? "-" : $0 }))
            if kind == nil {
                let names = Actor.Kind.allCases.map(\.rawValue)
                log.error(
                    fields.locationOf("kind"), "unknown actor kind `\(kindText)`",
                    hint: Suggestion.hint(for: kindText, in: names) ?? "kinds are: \(names.joined(separator: ", "))")
            }
        }
        let affiliations: [Affiliation] = fields.list("affiliations").compactMap { node in
            guard let entry = FieldReader(node, subject: "the affiliation", log: log) else { return nil }
            entry.warnAboutUnknownKeys(known: ["actor", "relation", "since", "until"])
            guard let other = entry.string("actor", required: true),
                let relation = entry.string("relation", required: true)
            else { return nil }
            return Affiliation(
                actorID: other, relation: relation, since: date(entry, "since"), until: date(entry, "until"),
                location: entry.locationOf("actor"))
        }
        // Kept when only other fields are wrong, so references to it do not cascade into more errors.
        guard let id else { return nil }
        return Actor(
            id: id, name: name ?? id, kind: kind ?? .organisation, aliases: fields.stringList("aliases"),
            country: fields.string("country"),
            description: fields.string("description"), status: fields.string("status"), affiliations: affiliations,
            profile: file.body, origin: fields.location, extra: fields.extra()
        )
    }

    func topic(_ file: ContentFile.MarkdownDocument) -> Topic? {
        guard let fields = FieldReader(file.frontMatter, subject: "the topic", log: log) else { return nil }
        fields.warnAboutUnknownKeys(known: [
            "id", "title", "summary", "events", "tags", "quotes", "start", "end", "extra",
        ])
        let id = id(fields, fileStem: file.stem)
        let title = fields.string("title", required: true)
        var references: [String: SourceLocation] = [:]
        if case .list(let items, _)? = fields.node("events") {
            for case .scalar(let value, let location) in items { references[value] = location }
        }
        let quotes: [Quote] = fields.list("quotes").compactMap { node in
            guard let entry = FieldReader(node, subject: "the quote", log: log) else { return nil }
            entry.warnAboutUnknownKeys(known: ["text", "translation", "by", "actor", "date", "source"])
            guard let text = entry.string("text", required: true), let by = entry.string("by", required: true) else {
                return nil
            }
            let source = entry.node("source").flatMap { SourceDecoder(log: log).decode($0) }
            return Quote(
                text: text, translation: entry.string("translation"), attribution: by, actorID: entry.string("actor"),
                date: date(entry, "date"), source: source,
                location: entry.location)
        }
        let start = date(fields, "start"), end = date(fields, "end")
        if let start, let end, end < start {
            log.error(
                fields.locationOf("end"), "the topic's period ends (\(end.iso)) before it starts (\(start.iso))",
                hint: "swap `start` and `end`")
        }
        guard let id else { return nil }
        return Topic(
            id: id, title: title ?? id, summary: fields.string("summary"), eventIDs: fields.stringList("events"),
            tags: fields.stringList("tags"),
            quotes: quotes, start: start, end: end, narrative: file.body, origin: fields.location,
            referenceLocations: references, extra: fields.extra()
        )
    }

    func page(_ file: ContentFile.MarkdownDocument) -> Page? {
        guard let fields = FieldReader(file.frontMatter, subject: "the page", log: log) else { return nil }
        fields.warnAboutUnknownKeys(known: ["id", "title", "description", "order", "template"])
        let id = id(fields, fileStem: file.stem)
        guard let id else { return nil }
        let template = fields.string("template")
        // A template's name is a file's name in the theme: no folder, no extension.
        if let template, Identifier.problem(with: template) != nil {
            log.error(
                fields.locationOf("template"), "`\(template)` is not a template's name",
                hint: "name a template of the theme without its extension, e.g. `template: talks-dashboard`")
        }
        // (Ids the site's own folders take are refused by `ReportLinker`, which knows the page kinds.)
        return Page(
            id: id, idLocation: fields.node("id") == nil ? fields.location : fields.locationOf("id"),
            title: fields.string("title", required: true) ?? id, description: fields.string("description"),
            order: fields.integer("order") ?? 100, body: file.body,
            template: template.flatMap { Identifier.problem(with: $0) == nil ? $0 : nil },
            templateLocation: fields.node("template").map { _ in fields.locationOf("template") },
            origin: fields.location)
    }

    private func date(_ fields: FieldReader, _ key: String) -> PartialDate? {
        guard let text = fields.string(key) else { return nil }
        switch PartialDate.parse(text) {
        case .success(let date): return date
        case .failure(let error):
            log.error(fields.locationOf(key), error.message, hint: error.hint)
            return nil
        }
    }
}
