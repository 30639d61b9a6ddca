import Foundation
import NIOConcurrencyHelpers
import Mustache

/// An event card (or one-line event link) as templates see it, shared by every page that lists
/// the event (its links start from `SiteRoot.marker`, so depth does not matter).
///
/// It keeps the rendered HTML (`{{{html}}}`) and the card's values; their template form, for
/// themes that lay cards out themselves, is made again when a template asks for a field.
/// Keeping that form (a dictionary of boxed values per card, two or three cards per event)
/// was most of a 10,000-event build's memory.
final class CardValue: MustacheParent, Sendable {
    let html: TemplateText
    private let fields: @Sendable () -> TemplateObject
    /// What the card read of the report: every page that places it reads it too.
    let reads: [PageInput]

    convenience init(html: String, reads: Set<PageInput>, fields: @escaping @Sendable () -> TemplateObject) {
        self.init(html: TemplateText(html), reads: Array(reads), fields: fields)
    }

    private init(html: TemplateText, reads: [PageInput], fields: @escaping @Sendable () -> TemplateObject) {
        self.html = html
        self.reads = reads
        self.fields = fields
    }

    /// The card at a heading level, where `CardCache.levelSlot` stands in its HTML and fields.
    func placed(headingLevel: Int) -> CardValue {
        let fields = self.fields
        return CardValue(
            html: TemplateText(html.text.replacingSlot(CardCache.levelSlot, with: String(headingLevel))), reads: reads
        ) {
            TemplateObject(fields().fields.merging(["headingLevel": headingLevel]) { $1 })
        }
    }

    /// What templates find in a card: the card's own fields and its rendered HTML.
    static let shape: TemplateShape = {
        var shape = EventCard.shape.shape
        shape.fields.insert(
            .init(
                name: "html", summary: "The card as the theme's `partials/event-card` renders it, for `{{{html}}}`.",
                kind: .html), at: 0)
        return shape
    }()

    /// What templates find in a one-line event link.
    static let linkShape = TemplateShape(
        name: "EventLink", summary: "A one-line link to an event (rendered by `partials/event-link`).",
        fields: [
            .init(
                name: "html", summary: "The link as the theme's `partials/event-link` renders it, for `{{{html}}}`.",
                kind: .html),
            .init(name: "title", summary: "The event's title.", kind: .text),
            .init(name: "href", summary: "Link to the event's page.", kind: .text),
            .init(name: "date", summary: "The event's date in words.", kind: .text),
            .init(
                name: "place",
                summary:
                    "Where it took place, in a list of events at several places (a map's group of events that share no place); empty otherwise.",
                kind: .text),
        ])

    /// What templates find in a line of related events.
    static let relatedShape: TemplateShape = {
        var shape = EventPage.Neighbour.shape.shape
        shape.name = "RelatedEvent"
        shape.summary = "Another event in an event's related list (rendered by `partials/related-event`)."
        shape.fields.insert(
            .init(
                name: "html", summary: "The line as the theme's `partials/related-event` renders it, for `{{{html}}}`.",
                kind: .html), at: 0)
        return shape
    }()

    func child(named name: String) -> Any? {
        name == "html" ? html : fields().child(named: name)
    }
}

/// Builds and renders each event's card once per heading level and role: the timeline,
/// actor pages, topic pages and related-event lists then place the same HTML (like Hugo's
/// `partialCached`). The card is rendered by the theme's `partials/event-card` template and
/// placed with `{{{html}}}`; its fields stay available to themes that lay cards out themselves.
final class CardCache: Sendable {
    static let template = "partials/event-card"
    static let linkTemplate = "partials/event-link"

    static let relatedTemplate = "partials/related-event"

    /// What is cached of an event: its card (at a heading level, with a role), its one-line
    /// link or its line in other events' related lists. The cache is keyed by event first, so
    /// an edit drops them at once.
    private enum Key: Hashable {
        case card(headingLevel: Int, role: Involvement.Role?)
        case link
        case placedLink
        case related
    }

    /// The cards by event, and which events' cards read each input (so that an edit finds the
    /// cards it makes stale without looking at every card).
    private struct Store {
        var cards: [String: [Key: CardValue]] = [:]
        var readers: [PageInput: Set<String>] = [:]
    }

    private let store = NIOLockedValueBox(Store())

    /// Stands for the heading level in a card rendered for every level, put in where the card
    /// is placed: a control character, which neither content nor a template can hold (as
    /// `SiteRoot.marker`). Month pages show cards at level 3, actor pages at level 4.
    static let levelSlot = "\u{2}"

    func card(_ index: Int, links: PageLinks, role: Involvement.Role?, headingLevel: Int) -> CardValue {
        let placed = links.site.templates.placesHeadingLevel
        let card = cached(links.report.events[index].id, Key.card(headingLevel: placed ? 0 : headingLevel, role: role))
        {
            // The closure keeps the card's own values, not the report: the preview keeps cards
            // across rebuilds, and each would otherwise keep the report it was made from.
            let reads = links.reads.fresh()
            let card = EventCard(
                links.report.events[index], links: links.recording(into: reads), role: role, headingLevel: headingLevel)
            var fields = card.templateFields
            if placed {
                fields = TemplateObject(fields.fields.merging(["headingLevel": TemplateText(Self.levelSlot)]) { $1 })
            }
            return CardValue(
                html: links.site.templates.renderConverted(fields, template: Self.template), reads: reads.inputs,
                fields: { card.templateFields })
        }
        return placed ? card.placed(headingLevel: headingLevel) : card
    }

    /// A one-line link to an event (title and date), rendered once per event by the
    /// theme's `partials/event-link`: the sources index lists tens of thousands of them.
    ///
    /// - Parameter withPlace: the link says where the event took place too (a map's list of the
    ///   events of a marker that share no place).
    func link(_ index: Int, links: PageLinks, withPlace: Bool = false) -> CardValue {
        cached(links.report.events[index].id, withPlace ? Key.placedLink : Key.link) {
            let event = links.report.events[index]
            let title = event.title, href = links.event(event.id), date = links.text.date(event.date)
            let place = withPlace ? event.location?.formatted ?? "" : ""
            let fields = { @Sendable in
                TemplateValue.fields(
                    place.isEmpty
                        ? ["title": title, "href": href, "date": date]
                        : ["title": title, "href": href, "date": date, "place": place])
            }
            return CardValue(
                html: links.site.templates.renderConverted(fields(), template: Self.linkTemplate),
                reads: [.event(event.id)], fields: fields)
        }
    }

    /// An event as a line of another event's related events (`partials/related-event`): each
    /// event is in the lists of about five others.
    func related(_ index: Int, links: PageLinks) -> CardValue {
        cached(links.report.events[index].id, Key.related) {
            let event = links.report.events[index], type = links.report.config.eventType(event.type)
            let line = EventPage.Neighbour(
                title: event.title, href: links.event(event.id), date: links.text.date(event.date),
                typeLabel: type?.label ?? event.type, typeColour: type?.colour ?? "#5b6770", typeID: event.type)
            return CardValue(
                html: links.site.templates.renderConverted(line.templateFields, template: Self.relatedTemplate),
                reads: [.event(event.id), .config], fields: { line.templateFields })
        }
    }

    private func cached(_ event: String, _ key: Key, make: () -> CardValue) -> CardValue {
        if let cached = store.withLockedValue({ $0.cards[event]?[key] }) { return cached }
        let made = make()
        return store.withLockedValue { store in
            if let raced = store.cards[event]?[key] { return raced }
            store.cards[event, default: [:]][key] = made
            for input in made.reads { store.readers[input, default: []].insert(event) }
            return made
        }
    }

    /// A cache of its own holding the same cards, for pages rendered later (whose cards must
    /// come from their own build, whatever later rebuilds do to this cache).
    func copy() -> CardCache {
        let copy = CardCache()
        let store = store.withLockedValue { $0 }
        copy.store.withLockedValue { $0 = store }
        return copy
    }

    /// The events that have cards here.
    var eventIDs: Set<String> { store.withLockedValue { Set($0.cards.keys) } }

    /// Forgets the cards that read something the edit changed, or every card when `changes` is nil.
    func invalidate(_ changes: ReportChanges?) {
        store.withLockedValue { store in
            guard let changes else { return store = Store() }
            for input in changes.inputs {
                // (Readers of an input whose cards were dropped since stay listed: dropping none is harmless.)
                for event in store.readers.removeValue(forKey: input) ?? [] { store.cards[event] = nil }
            }
        }
    }
}
