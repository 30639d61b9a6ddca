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
    /// Event pages' small maps, drawn once per place (`LocatorCache`).
    let locators = LocatorCache()
    /// Cited sources' lines, rendered once (`SourceLines`).
    let sourceLines: SourceLines
    /// The site's page kinds (`PageKinds.builtIn`, or more in tests).
    let kinds: [PageKind]
    /// The main navigation: the kinds that have an entry, labelled by the theme's `page.<kind>`
    /// text when it has one (worked out once, not on each of 10,000 pages).
    let navigation: [(kind: String, label: String, path: String)]
    /// Whether the site has the search page (only when its build makes Pagefind's index).
    let hasSearch: Bool
    /// The data downloads (the Downloads page shows their sizes).
    let downloads: DataDownloads
    private let eventGroups = Memo<EventGroups>()
    /// The events grouped by year and month, type and country, made when a page first asks.
    var groups: EventGroups { eventGroups.get { EventGroups(report) } }

    /// - Parameter cards: cards kept from the previous build (the preview keeps them across
    ///   rebuilds, dropping those of changed events); a new cache otherwise.
    init(
        report: Report, markdown: CommonMark, templates: TemplateSet, kinds: [PageKind] = PageKinds.builtIn,
        cards: CardCache = CardCache(),
        fragmentReads: FragmentReads = FragmentReads(), downloads: DataDownloads? = nil
    ) {
        self.report = report
        self.downloads = downloads ?? DataDownloads(report: report, text: templates.text, markdown: markdown)
        self.kinds = kinds
        navigation = kinds.compactMap { kind in
            kind.navigationLabel.map { (kind.name, templates.text.optional("page.\(kind.name)") ?? $0, kind.path("")) }
        }
        hasSearch = kinds.contains { $0 === SearchPage.kind }
        self.markdown = markdown
        self.templates = templates
        self.cards = cards
        fragments = FragmentCache(templates: templates, reads: fragmentReads)
        sourceLines = SourceLines(templates: templates)
    }
}

/// Parts of the layout that are the same on many pages (the header's navigation for a section,
/// the footer), rendered once per variant by the theme's own partial.
///
/// A fragment sees only the chrome fields its variant decides (`allowed`): a header shared by
/// every event page cannot show one event's title, whatever the theme asks for. What it asks for
/// beyond that is recorded (`FragmentReads`) and reported as an error at the template's tag.
final class FragmentCache: Sendable {
    private let rendered = NIOLockedValueBox<[String: String]>([:])
    let templates: TemplateSet
    let reads: FragmentReads

    init(templates: TemplateSet, reads: FragmentReads = FragmentReads()) {
        self.templates = templates
        self.reads = reads
    }

    func render(_ template: String, chrome: Chrome, variant: String, allowed: Set<String>) -> String {
        let key = template + "|" + variant
        if let cached = rendered.withLockedValue({ $0[key] }) { return cached }
        let fields = FragmentFields(chrome.templateFields, allowed: allowed, template: template, reads: reads)
        let html = templates.renderConverted(["chrome": fields], template: template)
        return rendered.withLockedValue { rendered in
            if let raced = rendered[key] { return raced }
            rendered[key] = html
            return html
        }
    }
}

/// The chrome as a cached fragment sees it: only the fields its cache key covers; asking for
/// another chrome field is recorded, and answered with nothing.
final class FragmentFields: MustacheParent {
    let fields: TemplateObject
    let allowed: Set<String>
    let template: String
    let reads: FragmentReads

    init(_ fields: TemplateObject, allowed: Set<String>, template: String, reads: FragmentReads) {
        self.fields = fields
        self.allowed = allowed
        self.template = template
        self.reads = reads
    }

    func child(named name: String) -> Any? {
        if allowed.contains(name) { return fields.child(named: name) }
        if fields.fields[name] != nil { reads.record(template: template, field: name) }
        return nil
    }
}

/// Chrome fields that cached fragments asked for but may not read, by template, for `check`.
final class FragmentReads: Sendable {
    private let refused = NIOLockedValueBox<[String: Set<String>]>([:])

    func record(template: String, field: String) {
        refused.withLockedValue { _ = $0[template, default: []].insert(field) }
    }

    /// One error per field, at the first tag of the template that names it.
    func diagnostics(_ templates: TemplateSet, allowed: [String: Set<String>]) -> [Diagnostic] {
        let refused = refused.withLockedValue { $0 }
        var diagnostics: [Diagnostic] = []
        for (template, fields) in refused.sorted(by: { $0.key < $1.key }) {
            for field in fields.sorted() {
                let may = (allowed[template] ?? []).sorted().joined(separator: ", ")
                diagnostics.append(
                    .error(
                        templates.location(of: "chrome." + field, in: template),
                        "`chrome.\(field)` differs from page to page, but \(template) is rendered once and shared by many pages, so it cannot show it",
                        hint:
                            "use it in layout.mustache, which is rendered for each page; \(template) may read chrome.{\(may)}"
                    ))
            }
        }
        return diagnostics
    }
}

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
