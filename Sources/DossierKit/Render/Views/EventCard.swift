/// An event as it appears in lists: timeline, home, actor and topic pages.
struct EventCard {
    struct ActorLink {
        var name: String
        var href: String
        var role: String
    }

    var id: String
    var title: String
    var href: String
    var date: DateView
    var typeLabel: String
    var typeID: String
    var typeColour: String
    var place: String?
    var actors: [ActorLink]
    var casualties: [String]
    var summaryHTML: String?
    var confidenceLabel: String
    var confidenceID: String
    /// The actor's role in this event, on actor pages.
    var role: String?
    /// The card's heading level, so headings nest correctly wherever the card is placed.
    var headingLevel: Int
    /// The theme's words (`label.*`), which a card's partials write: a card is rendered without the page's `chrome`.
    var label: [String: TemplateText]

    init(_ event: Event, links: PageLinks, role: Involvement.Role? = nil, headingLevel: Int = 3) {
        self.headingLevel = headingLevel
        label = links.site.labels
        links.reads.read([.event(event.id), .config])
        let config = links.report.config
        let type = config.eventType(event.type)
        id = event.id
        title = event.title
        href = links.event(event.id)
        date = DateView(event.date, text: links.text)
        typeLabel = type?.label ?? event.type
        typeID = event.type
        typeColour = type?.colour ?? "#5b6770"
        place = event.location.map(\.formatted).flatMap { $0.isEmpty ? nil : $0 }
        actors = event.actors.filter { $0.role != .mentioned }.compactMap { involvement in
            links.reads.read(.actor(involvement.actorID))
            return links.report.actor(involvement.actorID).map {
                ActorLink(name: $0.name, href: links.actor($0.id), role: links.text.role(involvement.role))
            }
        }
        casualties = event.casualties.map(links.text.casualty)
        summaryHTML = links.inlineHTML(event.summary).nonEmpty
        confidenceLabel = config.confidence(event.confidence).map(links.text.label(of:)) ?? event.confidence
        confidenceID = event.confidence
        self.role = role.map(links.text.role)
    }
}

/// A date ready for a template: the words, the machine-readable form, and its precision.
struct DateView {
    var text: String
    /// For `<time datetime>`: the start, at its own precision.
    var datetime: String
    var iso: String
    var precision: String
    var isApproximate: Bool

    /// The precision in the report's language (`date.precision.day`), for readers.
    var precisionText: String

    init(_ date: EventDate, text words: DisplayText) {
        text = words.date(date)
        datetime = date.start.iso
        iso = date.iso
        precision = date.precisionLabel
        precisionText = words("date.precision.\(precision)")
        isApproximate = date.isRange || date.start.precision != .day || date.withinWeek
    }
}

extension EventCard: TemplateModel {
    static let shape = TemplateFieldList<EventCard>(
        "EventCard", "An event as lists show it (the timeline, actor and topic pages, the home page).",
        [
            .text("id", "The event's id.") { $0.id },
            .init(
                name: "label", summary: "The theme's words, as `chrome.label` on a page: `{{label.place}}`.",
                kind: .object(Chrome.labelShape)
            ) { TemplateObject($0.label) },
            .text("title", "The event's title.") { $0.title },
            .text("href", "Link to the event's page.") { $0.href },
            .object("date", "The event's date.") { $0.date },
            .text("typeLabel", "The event type's label (`event_types` in site.yaml).") { $0.typeLabel },
            .text("typeID", "The event type's id.") { $0.typeID },
            .text("typeColour", "The event type's colour, `#rrggbb`.") { $0.typeColour },
            .text("place", "Where it happened, in words.") { $0.place },
            .list("actors", "The actors taking part (passing mentions left out).") { $0.actors },
            .texts("casualties", "Casualty figures in words, e.g. \"2–3 killed\".") { $0.casualties },
            .html("summaryHTML", "The summary, as inline HTML.") { $0.summaryHTML },
            .text("confidenceLabel", "The confidence grade's label.") { $0.confidenceLabel },
            .text("confidenceID", "The confidence grade's id.") { $0.confidenceID },
            .text("role", "On actor pages: the actor's role in the event.") { $0.role },
            .number("headingLevel", "The card's heading level (3 or 4), so headings nest where it is placed.") {
                $0.headingLevel
            },
        ])
}

extension EventCard.ActorLink: TemplateModel {
    static let shape = TemplateFieldList<EventCard.ActorLink>(
        "ActorLink", "An actor of an event.",
        [
            .text("name", "The actor's name.") { $0.name },
            .text("href", "Link to the actor's page.") { $0.href },
            .text("role", "Its role in the event, in words.") { $0.role },
        ])
}

extension DateView: TemplateModel {
    static let shape = TemplateFieldList<DateView>(
        "DateView", "A date at the precision the source gives.",
        [
            .text("text", "In words, e.g. \"18 February 2024\", \"February 2024\", \"2014\".") { $0.text },
            .text("datetime", "The start, for `<time datetime>`, at its own precision.") { $0.datetime },
            .text("iso", "The date (or range) in ISO 8601.") { $0.iso },
            .text("precision", "day, week, month, year or range.") { $0.precision },
            .text("precisionText", "The precision in words of the report's language (`date.precision.*`).") {
                $0.precisionText
            },
            .flag("isApproximate", "Whether it is a range or coarser than a day.") { $0.isApproximate },
        ])
}

extension String {
    /// Nil for an empty string: Mustache sections treat any string, even an empty one, as present.
    var nonEmpty: String? { isEmpty ? nil : self }
}
