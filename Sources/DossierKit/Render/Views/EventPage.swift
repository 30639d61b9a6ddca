import Foundation

/// One event in full: text, actors by role, place, casualties, sources, related events.
struct EventPage {
    struct RoleGroup {
        var role: String
        var actors: [EventCard.ActorLink]
    }

    struct SourceView {
        var publisher: String
        var url: String
        /// The link's words: the title, or "cited via …" for a second-hand source, or the host.
        var linkText: String
        var isTitle: Bool
        var author: String?
        var date: String?
        var quote: String?
        /// "cited via …" when the link text is already the title.
        var viaNote: String?

        init(_ source: Source) {
            publisher = source.publisher
            url = source.url
            isTitle = source.title != nil
            linkText = source.title ?? source.via.map { "cited via \($0)" } ?? (URLComponents(string: source.url)?.host ?? source.url)
            author = source.author
            date = source.date?.formatted
            quote = source.quote
            viaNote = source.title == nil ? nil : source.via.map { "cited via \($0)" }
        }
    }

    struct Neighbour {
        var title: String
        var href: String
        var date: String
        var typeLabel: String = ""
        var typeColour: String = ""
    }

    struct TopicLink {
        var title: String
        var href: String
    }

    var card: EventCard
    var bodyHTML: String?
    var roles: [RoleGroup]
    var coordinates: String?
    var mapHref: String?
    var confidenceDescription: String
    var sources: [SourceView]
    var topics: [TopicLink]
    /// Compact entries (date, type, title): a page stays light however connected the event is.
    var related: [Neighbour]
    var previous: Neighbour?
    var next: Neighbour?
    var tags: [String]
    var citation: String

    static func path(_ event: Event) -> String { SitePaths.event(event.id) }

    static func make(_ index: Int, _ site: RenderContext) -> PageView<EventPage> {
        let report = site.report, markdown = site.markdown
        let event = report.events[index]
        let links = PageLinks(path: path(event), site: site)
        let card = EventCard(event, links: links)
        let roles = Involvement.Role.allCases.compactMap { role -> RoleGroup? in
            let actors = event.actors.filter { $0.role == role }.compactMap { involvement in
                report.actor(involvement.actorID).map { EventCard.ActorLink(name: $0.name, href: links.actor($0.id), role: role.label) }
            }
            return actors.isEmpty ? nil : RoleGroup(role: role.label, actors: actors)
        }
        var coordinates: String?, mapHref: String?
        if let latitude = event.location?.latitude, let longitude = event.location?.longitude {
            coordinates = String(format: "%.4f, %.4f", latitude, longitude)
            mapHref = String(format: "https://www.openstreetmap.org/?mlat=%.5f&mlon=%.5f#map=10/%.5f/%.5f", latitude, longitude, latitude, longitude)
        }
        let neighbour = { (other: Event) in Neighbour(title: other.title, href: links.event(other.id), date: other.date.formatted) }
        let citedURL = links.canonicalURL.map { " \($0)" } ?? ""
        let content = EventPage(
            card: card,
            bodyHTML: links.html(event.body).nonEmpty,
            roles: roles,
            coordinates: coordinates,
            mapHref: mapHref,
            confidenceDescription: report.config.confidence(event.confidence)?.description ?? "",
            sources: event.sources.map(SourceView.init),
            topics: (report.eventTopics[index] ?? []).compactMap { id in report.topic(id).map { TopicLink(title: $0.title, href: links.topic($0.id)) } },
            related: relatedEvents(index, report).map { other in
                let event = report.events[other], type = report.config.eventType(report.events[other].type)
                return Neighbour(title: event.title, href: links.event(event.id), date: event.date.formatted,
                                 typeLabel: type?.label ?? event.type, typeColour: type?.colour ?? "#5b6770")
            },
            previous: index > 0 ? neighbour(report.events[index - 1]) : nil,
            next: index + 1 < report.events.count ? neighbour(report.events[index + 1]) : nil,
            tags: event.tags,
            citation: "\(report.config.title), “\(event.title)” (\(event.date.formatted)).\(citedURL)"
        )
        let plainSummary = event.summary.map { markdown.plainText($0.text) } ?? ""
        let chrome = Chrome(
            links: links, title: event.title, description: plainSummary, section: .timeline,
            breadcrumbs: [.init(label: "Timeline", href: links.to(SitePaths.timeline)), .init(label: event.title)],
            ogType: "article"
        )
        return PageView(chrome: chrome, content: content)
    }

    /// Up to five events sharing an actor (other than a passing mention) or a topic, nearest in time first.
    ///
    /// Each actor's and topic's events are in chronological order, so only the five nearest on
    /// either side of this event can be among the nearest overall: a busy actor with thousands of
    /// events costs a binary search, not a scan.
    static let relatedLimit = 5

    static func relatedEvents(_ index: Int, _ report: Report) -> [Int] {
        let limit = relatedLimit
        var candidates = Set<Int>()
        func nearest(in sorted: [Int]) {
            var low = 0, high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle] < index { low = middle + 1 } else { high = middle }
            }
            for position in max(0, low - limit)..<min(sorted.count, low + limit + 1) { candidates.insert(sorted[position]) }
        }
        for involvement in report.events[index].actors where involvement.role != .mentioned {
            nearest(in: report.significantEvents[involvement.actorID] ?? [])
        }
        for topic in report.eventTopics[index] ?? [] { nearest(in: report.topicEvents[topic] ?? []) }
        candidates.remove(index)
        return candidates.sorted { (abs($0 - index), $0) < (abs($1 - index), $1) }.prefix(limit).sorted()
    }
}
