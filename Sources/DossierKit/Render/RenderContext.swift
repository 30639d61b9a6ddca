import Foundation

/// What every page of one build renders from: the report, the Markdown renderer, and the
/// caches shared between pages.
struct RenderContext: Sendable {
    let report: Report
    let markdown: CommonMark
    let cards = CardCache()
}

/// An event card converted for templates, shared by every page that lists the event at the
/// same folder depth (links inside it are relative, so depth matters).
final class CardValue: TemplateConvertible, @unchecked Sendable {
    let templateFields: [String: Any]

    init(_ fields: [String: Any]) { templateFields = fields }
}

/// Builds each event's card once per depth and heading level: the timeline, actor pages, topic
/// pages and related-event lists then reuse it instead of rendering the summary again.
final class CardCache: @unchecked Sendable {
    private struct Key: Hashable {
        var event: Int
        var depth: Int
        var headingLevel: Int
    }

    private var cards: [Key: CardValue] = [:]
    private let lock = NSLock()

    func card(_ index: Int, links: PageLinks, role: Involvement.Role?, headingLevel: Int) -> CardValue {
        let key = Key(event: index, depth: links.root.count, headingLevel: headingLevel)
        lock.lock()
        var card = cards[key]
        lock.unlock()
        if card == nil {
            let made = CardValue(TemplateValue.convert(EventCard(links.report.events[index], links: links, headingLevel: headingLevel)) as? [String: Any] ?? [:])
            lock.lock()
            card = cards[key] ?? made
            cards[key] = card
            lock.unlock()
        }
        guard let role, let base = card else { return card ?? CardValue([:]) }
        var fields = base.templateFields
        fields["role"] = role.label
        return CardValue(fields)
    }
}
