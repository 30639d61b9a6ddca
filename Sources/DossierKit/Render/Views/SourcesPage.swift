/// Every cited source once, with the events that cite it.
struct SourcesPage {
    struct Row {
        var source: EventPage.SourceView
        var events: [CardValue]
        var count: Int
        var citedByText: String
    }

    var sources: [Row]
    var count: Int
    var eventsJSONHref: String
    var eventsCSVHref: String

    static let path = SitePaths.sources

    static func make(_ site: RenderContext) -> PageView<SourcesPage> {
        let report = site.report
        let links = PageLinks(path: path, site: site)
        let rows = report.sources.map { cited in
            Row(
                source: EventPage.SourceView(cited.source),
                events: cited.eventIndexes.map { site.cards.link($0, links: links) },
                count: cited.eventIndexes.count,
                citedByText: "Cited by \(Counted.text(cited.eventIndexes.count, "event"))"
            )
        }
        let chrome = Chrome(links: links, title: "Sources", description: "Every source cited in \(report.config.title), with the events that rely on it.",
                            section: .sources, breadcrumbs: [.init(label: "Sources")])
        let content = SourcesPage(sources: rows, count: rows.count, eventsJSONHref: links.to(SitePaths.eventsJSON), eventsCSVHref: links.to(SitePaths.eventsCSV))
        return PageView(chrome: chrome, content: content)
    }
}
