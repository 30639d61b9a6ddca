import Foundation
import NIOConcurrencyHelpers
import Mustache

/// What every page of one build renders from: the report, the Markdown renderer, and the
/// caches shared between pages.
struct RenderContext: Sendable {
    let report: Report
    let markdown: CommonMark
    let templates: TemplateSet
    let cards: CardCache
    let fragments: FragmentCache

    /// - Parameter cards: cards kept from the previous build (the preview keeps them across
    ///   rebuilds, dropping those of changed events); a new cache otherwise.
    init(report: Report, markdown: CommonMark, templates: TemplateSet, cards: CardCache = CardCache()) {
        self.report = report
        self.markdown = markdown
        self.templates = templates
        self.cards = cards
        fragments = FragmentCache(templates: templates)
    }
}

/// Parts of the layout that are the same on many pages (the header's navigation for a section,
/// the footer), rendered once per variant by the theme's own partial.
final class FragmentCache: Sendable {
    private let rendered = NIOLockedValueBox<[String: String]>([:])
    let templates: TemplateSet

    init(templates: TemplateSet) {
        self.templates = templates
    }

    func render(_ template: String, chrome: Chrome, variant: String) -> String {
        let key = template + "|" + variant
        if let cached = rendered.withLockedValue({ $0[key] }) { return cached }
        let html = templates.renderConverted(["chrome": chrome.templateFields], template: template)
        return rendered.withLockedValue { rendered in
            if let raced = rendered[key] { return raced }
            rendered[key] = html
            return html
        }
    }
}

/// An event card (or one-line event link) as templates see it, shared by every page that lists
/// the event at the same folder depth (links inside it are relative, so depth matters).
///
/// It keeps the rendered HTML (`{{{html}}}`) and the card's values; their template form, for
/// themes that lay cards out themselves, is made again when a template asks for a field.
/// Keeping that form (a dictionary of boxed values per card, two or three cards per event)
/// was most of a 10,000-event build's memory.
final class CardValue: MustacheParent, Sendable {
    let html: TemplateText
    private let fields: @Sendable () -> TemplateObject

    init(html: String, fields: @escaping @Sendable () -> TemplateObject) {
        self.html = TemplateText(html)
        self.fields = fields
    }

    func child(named name: String) -> Any? {
        name == "html" ? html : fields().child(named: name)
    }
}

/// Builds and renders each event's card once per depth, heading level and role: the timeline,
/// actor pages, topic pages and related-event lists then place the same HTML (like Hugo's
/// `partialCached`). The card is rendered by the theme's `partials/event-card` template and
/// placed with `{{{html}}}`; its fields stay available to themes that lay cards out themselves.
final class CardCache: Sendable {
    static let template = "partials/event-card"

    /// A card's variant; the cache is keyed by event first, so an edit drops its cards at once.
    private struct Key: Hashable {
        var depth: Int
        var headingLevel: Int
        var role: Involvement.Role?
    }

    private let cards = NIOLockedValueBox<[String: [Key: CardValue]]>([:])

    func card(_ index: Int, links: PageLinks, role: Involvement.Role?, headingLevel: Int) -> CardValue {
        cached(links.report.events[index].id, Key(depth: links.root.count, headingLevel: headingLevel, role: role)) {
            // The closure keeps the card's own values, not the report: the preview keeps cards
            // across rebuilds, and each would otherwise keep the report it was made from.
            let card = EventCard(links.report.events[index], links: links, role: role, headingLevel: headingLevel)
            return CardValue(html: links.site.templates.renderConverted(card.templateFields, template: Self.template), fields: { card.templateFields })
        }
    }

    /// A one-line link to an event (title and date), rendered once per event and depth by the
    /// theme's `partials/event-link`: the sources index lists tens of thousands of them.
    func link(_ index: Int, links: PageLinks) -> CardValue {
        cached(links.report.events[index].id, Key(depth: links.root.count, headingLevel: 0, role: nil)) {
            let event = links.report.events[index]
            let title = event.title, href = links.event(event.id), date = event.date.formatted
            let fields = { @Sendable in TemplateValue.fields(["title": title, "href": href, "date": date]) }
            return CardValue(html: links.site.templates.renderConverted(fields(), template: "partials/event-link"), fields: fields)
        }
    }

    private func cached(_ event: String, _ key: Key, make: () -> CardValue) -> CardValue {
        if let cached = cards.withLockedValue({ $0[event]?[key] }) { return cached }
        let made = make()
        return cards.withLockedValue { cards in
            if let raced = cards[event]?[key] { return raced }
            cards[event, default: [:]][key] = made
            return made
        }
    }

    /// A cache of its own holding the same cards, for pages rendered later (whose cards must
    /// come from their own build, whatever later rebuilds do to this cache).
    func copy() -> CardCache {
        let copy = CardCache()
        let cards = cards.withLockedValue { $0 }
        copy.cards.withLockedValue { $0 = cards }
        return copy
    }

    /// Forgets the cards of these events (they changed), or every card when `eventIDs` is nil.
    func invalidate(_ eventIDs: Set<String>?) {
        cards.withLockedValue { cards in
            if let eventIDs { for id in eventIDs { cards[id] = nil } } else { cards = [:] }
        }
    }
}
