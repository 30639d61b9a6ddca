import Foundation

/// One event in full: text, actors by role, place, casualties, sources, related events.
struct EventPage {
    struct RoleGroup {
        var role: String
        var actors: [EventCard.ActorLink]
        /// Whether the actors take part (any role but a passing mention): search ranks an
        /// event higher for the names of the actors that take part in it.
        var takePart: Bool
    }

    struct SourceView: Hashable, Sendable {
        var publisher: String
        /// Its address; nil for a source its dataset names without one (shown unlinked).
        var url: String?
        /// The link's words: the title, or "cited via …" for a second-hand source, or the host.
        var linkText: String
        var isTitle: Bool
        var author: String?
        var date: String?
        var quote: String?
        /// "cited via …" when the link text is already the title.
        var viaNote: String?
        /// "no address given", in the report's language (`label.noAddress`).
        var noAddress: String
        /// The language's comma and quotation marks, which join the line's parts (`label.comma`,
        /// `label.openQuote`, `label.closeQuote`: ", " “ ” in English, "، " « » in Arabic).
        var comma: String
        var openQuote: String
        var closeQuote: String
        /// The line as the theme's `partials/source-line` renders it (`SourceLines`).
        var html = ""

        init(_ source: Source, text words: DisplayText) {
            let via = source.via.map { words("source.via", ["via": $0]) }
            publisher = source.publisher
            url = source.url
            isTitle = source.title != nil
            linkText = source.title ?? via ?? source.url.map { URLComponents(string: $0)?.host ?? $0 } ?? ""
            author = source.author
            date = source.date.map(words.date)
            quote = source.quote
            viaNote = source.title == nil ? nil : via
            noAddress = words("label.noAddress")
            comma = words("label.comma")
            openQuote = words("label.openQuote")
            closeQuote = words("label.closeQuote")
        }
    }

    struct Neighbour {
        var title: String
        var href: String
        var date: String
        var typeLabel: String = ""
        var typeColour: String = ""
        var typeID: String = ""
    }

    struct TopicLink {
        var title: String
        var href: String
    }

    /// A plain field of the event (`EventFields.plain`), as its table line names it.
    struct Detail {
        var label: String
        var value: String

        /// The event's plain fields that it gives, in the table's order.
        static func of(_ event: Event, fields: EventFields, text: DisplayText) -> [Detail] {
            guard !event.declaredValues.isEmpty else { return [] }
            return fields.plain.compactMap { field in
                event.declaredValues[field.key].map { Detail(label: field.label, value: shown($0, text)) }
            }
        }

        /// A list's words separated by commas, a number in digits, a flag as the theme's
        /// `value.yes` or `value.no`.
        static func shown(_ value: EventFieldValue, _ text: DisplayText) -> String {
            switch value {
            case .text(let words): return words
            case .texts(let words): return words.joined(separator: ", ")
            case .integer(let number): return String(number)
            case .flag(let flag): return text(flag ? "value.yes" : "value.no")
            }
        }
    }

    /// The event's media: a picture kept in the site is shown; anything on another host is
    /// linked, not loaded (reading a report loads nothing from another site).
    struct MediaView {
        var href: String
        /// The picture's address relative to the page, when it is a picture in the site.
        var imageSrc: String?
        var caption: String?
        var credit: String?
        var alt: String
        /// The host it is on, for the link's words ("View the media on www.youtube.com").
        var host: String?
        /// Whether there are words under it: a caption, a credit, or the link to what is not shown.
        var hasCaption: Bool { caption != nil || credit != nil || imageSrc == nil }

        init(_ media: Media, links: PageLinks) {
            let local = media.isLocal
            href = local ? links.to(media.url.hasPrefix("/") ? String(media.url.dropFirst()) : media.url) : media.url
            imageSrc = local && media.isImage ? href : nil
            caption = media.caption
            credit = media.credit
            alt = media.alt ?? media.caption ?? ""
            host =
                local ? nil : URLComponents(string: media.url.hasPrefix("//") ? "https:" + media.url : media.url)?.host
        }
    }

    var card: EventCard
    var bodyHTML: String?
    /// On a page in another of the report's languages whose event's body is not translated:
    /// the report's own language, which the body is shown in.
    var bodyLanguage: String?
    var media: MediaView?
    var roles: [RoleGroup]
    var coordinates: String?
    var mapHref: String?
    /// A small map placing the event (or its country), when it has a place a map can show.
    var locator: MapView?
    /// Where the event took place, in words, with how precisely it is known.
    var placeText: String?
    /// Where the coordinates come from, when not from the event's own sources.
    var coordinatesSource: SourceView?
    var confidenceDescription: String
    /// The page of the events of its type.
    var typeHref: String
    /// The year it began and its country, for search's filters.
    var year: String
    var country: String?
    var sources: [SourceView]
    var topics: [TopicLink]
    /// Compact entries (date, type, title): a page stays light however connected the event is.
    var related: [CardValue]
    var previous: Neighbour?
    var next: Neighbour?
    var tags: [String]
    var details: [Detail]
    var citation: String
    /// The author's free-form values (`extra:`).
    var extra: ExtraValue.Fields = [:]

    static let kind = PageKind(
        name: "event", folder: "events", section: TimelinePage.kind.name, fields: shape.shape,
        subjects: { $0.events.map(\.id) }, path: SitePaths.event,
        view: { id, links in make(links.report.eventIndex[id] ?? 0, links) }
    )

    static func make(_ index: Int, _ links: PageLinks) -> PageView<EventPage> {
        let report = links.report, markdown = links.markdown
        let event = report.events[index]
        let card = EventCard(event, links: links)
        let roles = Involvement.Role.allCases.compactMap { role -> RoleGroup? in
            let actors = event.actors.filter { $0.role == role }.compactMap { involvement in
                links.reads.read(.actor(involvement.actorID))
                return report.actor(involvement.actorID).map {
                    EventCard.ActorLink(name: $0.name, href: links.actor($0.id), role: links.text.role(role))
                }
            }
            return actors.isEmpty
                ? nil : RoleGroup(role: links.text.role(role), actors: actors, takePart: role != .mentioned)
        }
        var coordinates: String?, mapHref: String?
        if let latitude = event.location?.latitude, let longitude = event.location?.longitude {
            coordinates = "\(FixedDecimal.text(latitude, places: 4)), \(FixedDecimal.text(longitude, places: 4))"
            let (lat, lon) = (FixedDecimal.text(latitude, places: 5), FixedDecimal.text(longitude, places: 5))
            mapHref = "https://www.openstreetmap.org/?mlat=\(lat)&mlon=\(lon)#map=10/\(lat)/\(lon)"
        }
        let neighbour = { (other: Event) -> Neighbour in
            links.reads.read(.event(other.id))
            return Neighbour(title: other.title, href: links.event(other.id), date: links.text.date(other.date))
        }
        links.reads.read([.neighbours(event.id), .eventTopics(event.id)])
        let citedURL = links.canonicalURL.map { " \($0)" } ?? ""
        let content = EventPage(
            card: card,
            bodyHTML: links.html(event.body).nonEmpty,
            bodyLanguage: links.report.untranslated.flatMap { untranslated in
                event.body != nil && event.translations[report.config.language]?.body == nil
                    ? untranslated.language : nil
            },
            media: event.media.map { MediaView($0, links: links) },
            roles: roles,
            coordinates: coordinates,
            mapHref: mapHref,
            locator: links.site.locators.map(
                index, links: links,
                title: links.text("map.title", ["subject": event.location.map(links.text.place) ?? event.title])),
            placeText: event.location.map(links.text.place),
            coordinatesSource: event.location?.source.map(links.source),
            confidenceDescription: report.config.confidence(event.confidence).map(links.text.description(of:)) ?? "",
            typeHref: links.to(ListPaging.path(EventListPage.typeFolder, event.type, page: 1)),
            year: String(event.date.start.year), country: event.location?.country,
            sources: event.sources.map(links.source),
            topics: (report.eventTopics[index] ?? []).compactMap { id in
                links.reads.read(.topic(id))
                return report.topic(id).map { TopicLink(title: $0.title, href: links.topic($0.id)) }
            },
            related: relatedEvents(index, report, reads: links.reads).map(links.relatedEvent),
            previous: index > 0 ? neighbour(report.events[index - 1]) : nil,
            next: index + 1 < report.events.count ? neighbour(report.events[index + 1]) : nil,
            tags: event.tags,
            details: Detail.of(event, fields: report.eventFields, text: links.text),
            citation: links.text(
                "event.citation",
                ["site": report.config.title, "title": event.title, "date": links.text.date(event.date)]) + citedURL,
            extra: event.extra
        )
        let plainSummary = event.summary.map { markdown.plainText($0.text) } ?? ""
        let chrome = Chrome(
            links: links, title: event.title, description: plainSummary,
            breadcrumbs: [
                .init(label: links.text("page.timeline"), href: links.to(SitePaths.timeline)),
                .init(label: event.title),
            ],
            ogType: "article", untranslated: links.report.untranslated?.events[event.id]
        )
        return PageView(chrome: chrome, content: content)
    }

    /// Up to five events sharing an actor (other than a passing mention) or a topic, nearest in
    /// time first (in days between their dates; events equally far in the order of the timeline).
    ///
    /// Each actor's and topic's events are in chronological order, so only the five nearest on
    /// either side of this event can be among the nearest overall (`Report.neighbourhood`): a
    /// busy actor with thousands of events costs a binary search, not a scan. What the choice
    /// reads is recorded: those stretches of the lists, and the candidates (their dates decide).
    static let relatedLimit = 5

    static func relatedEvents(_ index: Int, _ report: Report, reads: PageReads) -> [Int] {
        let event = report.events[index]
        var candidates = Set<Int>()
        for involvement in event.actors where involvement.role != .mentioned {
            reads.read(.actorNeighbourhood(actor: involvement.actorID, event: event.id))
            candidates.formUnion(
                report.neighbourhood(of: index, in: report.significantEvents[involvement.actorID] ?? []))
        }
        for topic in report.eventTopics[index] ?? [] {
            reads.read(.topicNeighbourhood(topic: topic, event: event.id))
            candidates.formUnion(report.neighbourhood(of: index, in: report.topicEvents[topic] ?? []))
        }
        candidates.remove(index)
        let day = event.date.dayNumber
        var ranked: [(distance: Int, index: Int)] = []
        for candidate in candidates {
            reads.read(.event(report.events[candidate].id))
            ranked.append((abs(report.events[candidate].date.dayNumber - day), candidate))
        }
        return ranked.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(relatedLimit).map(\.index)
            .sorted()
    }
}

extension EventPage: TemplateModel {
    static let shape = TemplateFieldList<EventPage>(
        "EventPage", "One event in full (`event.mustache`, as `content.*`).",
        [
            .object("card", "The event as lists show it: title, date, type, place, actors, summary.") { $0.card },
            .html("bodyHTML", "The event's text, as HTML.") { $0.bodyHTML },
            .text(
                "bodyLanguage",
                "On a page in another of the report's languages whose event's text is not translated: the language it is shown in, for its `lang`."
            ) { $0.bodyLanguage },
            .object("media", "A picture or other media that goes with the event (`media`).") { $0.media },
            .list("roles", "The event's actors grouped by role.") { $0.roles },
            .text("coordinates", "Latitude and longitude, when given.") { $0.coordinates },
            .text("mapHref", "A link to the place on OpenStreetMap, when coordinates are given.") { $0.mapHref },
            .object("locator", "A small map placing the event, or its country.") { $0.locator },
            .text("year", "The year it began (search's year filter).") { $0.year },
            .text("country", "The country it took place in, if known (search's country filter).") { $0.country },
            .text("placeText", "Where it took place, with how precisely that is known.") { $0.placeText },
            .object("coordinatesSource", "Where the coordinates come from (a gazetteer), when the event says.") {
                $0.coordinatesSource
            },
            .text("confidenceDescription", "What the event's confidence grade means.") { $0.confidenceDescription },
            .text("typeHref", "The page of the events of its type (`types/strike/`).") { $0.typeHref },
            .list("sources", "The sources cited for the event.") { $0.sources },
            .list("topics", "The topics the event belongs to.") { $0.topics },
            .relatedEvents("related", "Up to five events sharing an actor or a topic, nearest in time.") { $0.related },
            .object("previous", "The event before it in the timeline.") { $0.previous },
            .object("next", "The event after it in the timeline.") { $0.next },
            .texts("tags", "The event's tags.") { $0.tags },
            .list("details", "The event's plain fields (`EventFields.plain`) that it gives, each a label and a value.")
            {
                $0.details
            },
            .text("citation", "A citation of the event's page.") { $0.citation },
            .extra("extra", "The author's values under the event's `extra:` (`extra.key`).") { $0.extra },
        ])
}

extension EventPage.MediaView: TemplateModel {
    static let shape = TemplateFieldList<EventPage.MediaView>(
        "MediaView", "An event's media.",
        [
            .text("href", "Its address (relative to the page for a file of the site).") { $0.href },
            .text(
                "imageSrc",
                "The picture to show, when it is a picture kept in the site (nothing is loaded from another host)."
            ) { $0.imageSrc },
            .text("caption", "Its caption.") { $0.caption },
            .text("credit", "Who made it.") { $0.credit },
            .text("alt", "What the picture shows (its alt text, else its caption).") { $0.alt },
            .text("host", "The host it is on, when it is on another site.") { $0.host },
            .flag(
                "hasCaption", "Whether there are words under it: a caption, a credit, or the link to media not shown."
            ) { $0.hasCaption },
        ])
}

extension EventPage.Detail: TemplateModel {
    static let shape = TemplateFieldList<EventPage.Detail>(
        "Detail", "A plain field of an event.",
        [
            .text("label", "What the field is (\"Verified by\").") { $0.label },
            .text("value", "Its value, in words (a list's items separated by commas).") { $0.value },
        ])
}

extension EventPage.RoleGroup: TemplateModel {
    static let shape = TemplateFieldList<EventPage.RoleGroup>(
        "RoleGroup", "The actors of an event in one role.",
        [
            .text("role", "The role, in words.") { $0.role },
            .list("actors", "The actors in that role.") { $0.actors },
            .flag("takePart", "Whether they take part in the event (any role but `mentioned`).") { $0.takePart },
        ])
}

extension EventPage.SourceView: TemplateModel {
    static let shape = TemplateFieldList<EventPage.SourceView>(
        "SourceView", "A cited source.",
        [
            .html(
                "html",
                "The source's line as the theme's `partials/source-line` renders it (once for the whole site), for `{{{html}}}`."
            ) { $0.html },
            .text("publisher", "Who published it.") { $0.publisher },
            .text("url", "Its address.") { $0.url },
            .text(
                "linkText",
                "The link's words: its title, \"cited via …\", or the address's host (absent for an unlinked source without a title)."
            ) { $0.linkText.isEmpty ? nil : $0.linkText },
            .flag("isTitle", "Whether the link's words are the source's title.") { $0.isTitle },
            .text("author", "Its author.") { $0.author },
            .text("date", "Its date, in words.") { $0.date },
            .text("quote", "The passage quoted from it.") { $0.quote },
            .text("noAddress", "\"no address given\" in the report's language, for a source without one.") {
                $0.noAddress
            },
            .text("viaNote", "\"cited via …\" when the link's words are the title.") { $0.viaNote },
            .text("comma", "The language's comma, joining the line's parts (`label.comma`).") { $0.comma },
            .text("openQuote", "The language's opening quotation mark, before a title (`label.openQuote`).") {
                $0.openQuote
            },
            .text("closeQuote", "The language's closing quotation mark, after a title (`label.closeQuote`).") {
                $0.closeQuote
            },
        ])
}

extension EventPage.Neighbour: TemplateModel {
    static let shape = TemplateFieldList<EventPage.Neighbour>(
        "Neighbour", "Another event, in brief.",
        [
            .text("title", "Its title.") { $0.title },
            .text("href", "Link to its page.") { $0.href },
            .text("date", "Its date, in words.") { $0.date },
            .text("typeLabel", "Its type's label (related events only).") { $0.typeLabel },
            .text("typeColour", "Its type's colour (related events only).") { $0.typeColour },
            .text("typeID", "Its type's id (related events only).") { $0.typeID },
        ])
}

extension EventPage.TopicLink: TemplateModel {
    static let shape = TemplateFieldList<EventPage.TopicLink>(
        "TopicLink", "A link to a topic.",
        [
            .text("title", "The topic's title.") { $0.title },
            .text("href", "Link to the topic's page.") { $0.href },
        ])
}
