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

    init(_ event: Event, links: PageLinks, role: Involvement.Role? = nil, headingLevel: Int = 3) {
        self.headingLevel = headingLevel
        let config = links.report.config
        let type = config.eventType(event.type)
        id = event.id
        title = event.title
        href = links.event(event.id)
        date = DateView(event.date)
        typeLabel = type?.label ?? event.type
        typeID = event.type
        typeColour = type?.colour ?? "#5b6770"
        place = event.location.map(\.formatted).flatMap { $0.isEmpty ? nil : $0 }
        actors = event.actors.filter { $0.role != .mentioned }.compactMap { involvement in
            links.report.actor(involvement.actorID).map { ActorLink(name: $0.name, href: links.actor($0.id), role: involvement.role.label) }
        }
        casualties = event.casualties.map(\.formatted)
        summaryHTML = links.inlineHTML(event.summary).nonEmpty
        confidenceLabel = config.confidence(event.confidence)?.label ?? event.confidence
        confidenceID = event.confidence
        self.role = role?.label
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

    init(_ date: EventDate) {
        text = date.formatted
        datetime = date.start.iso
        iso = date.iso
        precision = date.precisionLabel
        isApproximate = date.isRange || date.start.precision != .day
    }
}

extension String {
    /// Nil for an empty string: Mustache sections treat any string, even an empty one, as present.
    var nonEmpty: String? { isEmpty ? nil : self }
}
