import Foundation

/// Checks that the loaded content holds together — unique ids, known types, references that
/// resolve — and builds the `Report`. Every problem is logged with the position of the reference.
struct ReportLinker {
    public let markdown: CommonMark
    /// The site's page kinds: their pages are the paths links may point to.
    let kinds: [PageKind]

    public init(markdown: CommonMark) {
        self.init(markdown: markdown, kinds: PageKinds.builtIn)
    }

    init(markdown: CommonMark, kinds: [PageKind]) {
        self.markdown = markdown
        self.kinds = kinds
    }

    /// - Parameter previous: the report of the preview's last build, when only event files
    ///   changed since: its indexes are reused if the edit left them as they were.
    public func link(_ content: LoadedContent, previous: Report? = nil, log: DiagnosticLog) -> Report {
        link(content, previous: previous, otherEvents: [], log: log)
    }

    /// - Parameter otherEvents: ids of the report's events that `content` leaves out (an import
    ///   checks the report a file at a time): references to them resolve. (Whether `content`'s
    ///   events take one of them is the caller's to check.) Sets as they are, not joined: at
    ///   100,000 events a joined copy for each file checked would cost more than the check.
    func link(
        _ content: LoadedContent, previous: Report? = nil, otherEvents: [Set<String>], log: DiagnosticLog
    ) -> Report {
        // In the preview, after an edit that leaves the report's indexes as they were, the ids
        // are those of the last good build (so they are unique), and the events that are the
        // very objects of that build (their file did not change), or equal to them, were checked
        // then against the same ids, types and files.
        let reused = previous?.replacingEvents(content.events)
        if reused == nil {
            checkUnique(content.events.map { ($0.id, $0.origin) }, kind: "event", log: log)
            checkUnique(content.actors.map { ($0.id, $0.origin) }, kind: "actor", log: log)
            checkUnique(content.topics.map { ($0.id, $0.origin) }, kind: "topic", log: log)
            checkUnique(content.pages.map { ($0.id, $0.origin) }, kind: "page", log: log)
            let reserved = PageKinds.reservedFolders(kinds)
            for page in content.pages where reserved.contains(page.id) {
                log.error(
                    page.idLocation,
                    "a page cannot be called `\(page.id)`: the site uses that folder for its own pages",
                    hint: "rename the page, e.g. `\(page.id)-notes`")
            }
            TranslationCheck.check(content, log: log)
        }

        let config = content.config
        // (Made only when something is checked: a preview rebuild may check a single event.)
        lazy var known: [CrossReference.Kind: Set<String>] = [
            .actor: Set(content.actors.map(\.id)), .event: Set(content.events.map(\.id)),
            .topic: Set(content.topics.map(\.id)), .page: Set(content.pages.map(\.id)),
        ]
        // Actors mentioned other than as an event's actor (the report indexes those).
        var mentionedActors = Set<String>()

        func isKnown(_ id: String, kind: CrossReference.Kind) -> Bool {
            // With the indexes reused, the ids are the last build's: its indexes answer (sets of
            // every event's id would be made again for the one event a rebuild checks).
            guard let reused else {
                return known[kind, default: []].contains(id)
                    || (kind == .event && otherEvents.contains { $0.contains(id) })
            }
            switch kind {
            case .actor: return reused.actor(id) != nil
            case .event: return reused.event(id) != nil
            case .topic: return reused.topic(id) != nil
            case .page: return reused.page(id) != nil
            }
        }
        let suggestions = SuggestionBudget()
        func checkReference(_ id: String, kind: CrossReference.Kind, at location: SourceLocation) {
            guard !isKnown(id, kind: kind) else { return }
            log.error(
                location, "unknown \(kind.rawValue) `\(id)`",
                hint: suggestions.hint(for: id, in: kind.rawValue) {
                    ([known[kind, default: []]] + (kind == .event ? otherEvents : [])).joined()
                } ?? "no \(kind.rawValue) has this id; check the spelling or add it")
        }
        lazy var sitePaths = Self.sitePaths(content, kinds: kinds)
        func checkMarkdown(_ text: MarkdownText?) {
            guard let text else { return }
            for link in markdown.links(in: text) {
                if let reference = CrossReference(url: link.url) {
                    checkReference(reference.id, kind: reference.kind, at: link.location)
                    if reference.kind == .actor { mentionedActors.insert(reference.id) }
                } else {
                    checkLocalLink(link, sitePaths: { sitePaths }, log: log)
                }
            }
        }

        // With the indexes reused, each event is at the place in the chronology of the one it
        // replaces (`Report.replacingEvents`): those the edit left as they were, the very same
        // objects or equal to them (all but one, usually; 1,400 of them at 50,000 events), were
        // checked by the last build and need no checking now.
        let changedEvents =
            if let previous, let reused {
                zip(previous.events, reused.events).compactMap { old, new in
                    old === new || old.hasSameContent(as: new) ? nil : new
                }
            } else {
                content.events
            }
        for event in changedEvents {
            if config.eventType(event.type) == nil {
                log.error(
                    event.referenceLocations["type"] ?? event.origin,
                    "event `\(event.id)` has the unknown type `\(event.type)`",
                    hint: Suggestion.hint(for: event.type, in: config.eventTypes.map(\.id))
                        ?? "add it to event_types in site.yaml, or use one of: \(config.eventTypes.map(\.id).joined(separator: ", "))"
                )
            }
            if config.confidence(event.confidence) == nil {
                log.error(
                    event.referenceLocations["confidence"] ?? event.origin,
                    "event `\(event.id)` has the unknown confidence grade `\(event.confidence)`",
                    hint: Suggestion.hint(for: event.confidence, in: config.confidenceGrades.map(\.id))
                        ?? "grades are: \(config.confidenceGrades.map(\.id).joined(separator: ", "))")
            }
            for involvement in event.actors {
                checkReference(involvement.actorID, kind: .actor, at: involvement.location)
            }
            checkMarkdown(event.summary)
            checkMarkdown(event.body)
            if let media = event.media, media.isLocal {
                let path = media.url.hasPrefix("/") ? String(media.url.dropFirst()) : media.url
                if !sitePaths.contains(path.removingPercentEncoding ?? path) {
                    log.error(
                        event.referenceLocations["media"] ?? event.origin,
                        "the media `\(media.url)` of event `\(event.id)` is not a file of the site",
                        hint: "put the file at Content/static/\(path), or give the media's web address (https://…)")
                }
            }
        }
        // With the indexes reused only event files changed: actors, topics and pages are those
        // checked by the last good build, against the same ids.
        for actor in content.actors {
            for affiliation in actor.affiliations {
                if reused == nil { checkReference(affiliation.actorID, kind: .actor, at: affiliation.location) }
                mentionedActors.insert(affiliation.actorID)
            }
            if reused == nil { checkMarkdown(actor.profile) }
        }
        for topic in content.topics {
            if reused == nil {
                for id in topic.eventIDs {
                    checkReference(id, kind: .event, at: topic.referenceLocations[id] ?? topic.origin)
                }
            }
            for quote in topic.quotes {
                if let actor = quote.actorID {
                    if reused == nil { checkReference(actor, kind: .actor, at: quote.location) }
                    mentionedActors.insert(actor)
                }
            }
            for tag in topic.tags where !content.events.contains(where: { $0.tags.contains(tag) }) {
                log.warning(
                    topic.origin, "topic `\(topic.id)` selects events tagged `\(tag)`, but no event has that tag")
            }
            if reused == nil { checkMarkdown(topic.narrative) }
        }
        if reused == nil { for page in content.pages { checkMarkdown(page.body) } }

        var report =
            reused
            ?? Report(
                config: config, events: content.events, actors: content.actors, topics: content.topics,
                pages: content.pages, eventFields: content.eventFields)
        report.translations = content.translations
        warnAboutUnmentionedActors(
            content, report: report, mentioned: mentionedActors, textsChecked: reused == nil, log: log)
        return report
    }

    /// An actor that nothing mentions is probably a typo'd id somewhere, or a leftover.
    /// Most actors are an event's actor (the report's index says so at once); only when some
    /// are not, and the texts were not all checked above, are their cross-references looked
    /// through (each text's scan is kept with it, so this is cheap in the preview too).
    private func warnAboutUnmentionedActors(
        _ content: LoadedContent, report: Report, mentioned: Set<String>, textsChecked: Bool, log: DiagnosticLog
    ) {
        var unmentioned = Set(
            content.actors.lazy.map(\.id).filter { report.involvements[$0] == nil && !mentioned.contains($0) })
        if !textsChecked, !unmentioned.isEmpty {
            func scan(_ text: MarkdownText?) {
                if let text, !unmentioned.isEmpty { unmentioned.subtract(markdown.actorMentions(in: text)) }
            }
            for event in content.events where !unmentioned.isEmpty {
                scan(event.summary)
                scan(event.body)
            }
            content.actors.forEach { scan($0.profile) }
            content.topics.forEach { scan($0.narrative) }
            content.pages.forEach { scan($0.body) }
        }
        for actor in content.actors where unmentioned.contains(actor.id) {
            log.warning(
                actor.origin, "actor `\(actor.id)` is not mentioned by any event or page",
                hint: "link it from an event's `actors:` or with [name](actor:\(actor.id))")
        }
    }

    /// Files the site will contain, as root-relative paths, for checking `/…` links in Markdown:
    /// the pages of every kind, the feed and downloads, and the report's static files. (The
    /// theme's `assets/` are left to the link check of the rendered site.)
    static func sitePaths(_ content: LoadedContent, kinds: [PageKind]) -> Set<String> {
        var paths = Set(PageKinds.pages(kinds, of: content).map(\.path))
        paths.formUnion(SiteRenderer.supportPaths(content))
        paths.formUnion(content.staticFiles)
        return paths
    }

    /// Links in Markdown that are not cross-references: web links pass; script-bearing schemes
    /// are refused; `/path` must name a file of the site; a relative path is refused, because the
    /// same text is shown on pages at different depths (a summary on the timeline and the home page).
    private func checkLocalLink(_ link: CommonMark.Link, sitePaths: () -> Set<String>, log: DiagnosticLog) {
        let url = String(link.url.trimmedWhitespace)
        if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("//") { return }
        if let colon = url.firstIndex(of: ":"),
            url[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) })
        {
            let scheme = url[..<colon].lowercased()
            if ["javascript", "vbscript", "data", "file"].contains(scheme) {
                log.error(
                    link.location, "`\(scheme):` links are not allowed in content",
                    hint: "link to a web page (https://…) or a file in Content/static/")
            } else if !["http", "https", "mailto", "tel"].contains(scheme) {
                let kinds = CrossReference.Kind.allCases.map { "\($0.rawValue):" }.joined(separator: ", ")
                log.error(
                    link.location, "unknown link type `\(scheme):` in `\(url)`",
                    hint: Suggestion.nearest(to: scheme, in: CrossReference.Kind.allCases.map(\.rawValue)).map {
                        "did you mean `\($0):`?"
                    } ?? "cross-references are \(kinds)")
            }
            return
        }
        guard url.hasPrefix("/") else {
            log.error(
                link.location, "the relative link `\(url)` would break where this text appears on other pages",
                hint:
                    "use a cross-reference such as [text](event:id), or a path from the site root such as /\(url.hasPrefix("./") ? String(url.dropFirst(2)) : url)"
            )
            return
        }
        var path = String(url.dropFirst())
        if let end = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<end]) }
        path = path.removingPercentEncoding ?? path
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        if path.hasPrefix("assets/") { return }
        let sitePaths = sitePaths()
        if sitePaths.contains(path) || sitePaths.contains(path + "/index.html") { return }
        log.error(
            link.location, "the link `\(url)` points to `\(path)`, which the site does not contain",
            hint: "put the file in Content/static/\(path), or correct the path")
    }

    private func checkUnique(_ items: [(String, SourceLocation)], kind: String, log: DiagnosticLog) {
        var first: [String: SourceLocation] = [:]
        for (id, location) in items where !id.isEmpty {
            if let earlier = first[id] {
                log.error(
                    location, "duplicate \(kind) id `\(id)`; it is already used at \(earlier)",
                    hint: "ids must be unique: rename one of them")
            } else {
                first[id] = location
            }
        }
    }
}
