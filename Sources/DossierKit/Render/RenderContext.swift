import Foundation
import NIOConcurrencyHelpers
import Mustache

/// What every page of one build renders from: the report, the Markdown renderer, and the
/// caches shared between pages.
struct RenderContext: Sendable {
    let report: Report
    /// The language of its pages, and where they live (`ar/`).
    let language: LanguageSite
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
    /// The theme's `label.*` words, for every page's `chrome.label`.
    let labels: [String: TemplateText]
    /// Whether the site's language is written right to left (the theme's words know: `DisplayText`).
    let rightToLeft: Bool
    /// In a report translated into another language: the note of a page whose subject is not
    /// (all) translated (`translation.missing`, naming both languages), the same on every such page.
    let untranslatedNote: String?
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
        fragmentReads: FragmentReads = FragmentReads(), downloads: DataDownloads? = nil,
        language: LanguageSite? = nil
    ) {
        self.report = report
        self.language = language ?? LanguageSite.root(report.config)
        self.downloads = downloads ?? DataDownloads(report: report, text: templates.text, markdown: markdown)
        self.kinds = kinds
        navigation = kinds.compactMap { kind in
            kind.navigationLabel.map { (kind.name, templates.text.optional("page.\(kind.name)") ?? $0, kind.path("")) }
        }
        hasSearch = kinds.contains { $0 === SearchPage.kind }
        labels = Chrome.labels(templates.text)
        rightToLeft = templates.text.rightToLeft
        untranslatedNote = report.untranslated.map { untranslated in
            let language = report.config.language, names = Locale(identifier: language)
            return templates.text(
                "translation.missing",
                [
                    "language": names.localizedString(forLanguageCode: language) ?? language,
                    "original": names.localizedString(forLanguageCode: untranslated.language) ?? untranslated.language,
                ])
        }
        self.markdown = markdown
        self.templates = templates
        self.cards = cards
        fragments = FragmentCache(templates: templates, reads: fragmentReads)
        sourceLines = SourceLines(templates: templates)
    }
}
