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

    static let kind = PageKind(
        name: "sources", folder: "sources", navigationLabel: "Sources", listsEveryEvent: true, fields: shape.shape,
        path: { _ in SitePaths.sources }, view: { _, links in make(links) }
    )

    static func make(_ links: PageLinks) -> PageView<SourcesPage> {
        let report = links.report
        links.reads.read([.sources, .everyEvent])
        let rows = report.sources.map { cited in
            Row(
                source: EventPage.SourceView(cited.source, text: links.text),
                events: cited.eventIndexes.map { links.eventLink($0) },
                count: cited.eventIndexes.count,
                citedByText: links.text.count("citedBy", cited.eventIndexes.count)
            )
        }
        let title = links.text("page.sources")
        let chrome = Chrome(links: links, title: title, description: links.text("description.sources", ["site": report.config.title]),
                            breadcrumbs: [.init(label: title)])
        let content = SourcesPage(sources: rows, count: rows.count, eventsJSONHref: links.to(SitePaths.eventsJSON), eventsCSVHref: links.to(SitePaths.eventsCSV))
        return PageView(chrome: chrome, content: content)
    }
}

extension SourcesPage: TemplateModel {
    static let shape = TemplateFieldList<SourcesPage>("SourcesPage", "Every cited source once (`sources.mustache`, as `content.*`).", [
        .list("sources", "The sources, by publisher, with the events citing each.") { $0.sources },
        .number("count", "How many sources there are.") { $0.count },
        .text("eventsJSONHref", "Link to the events as JSON.") { $0.eventsJSONHref },
        .text("eventsCSVHref", "Link to the events as CSV.") { $0.eventsCSVHref },
    ])
}

extension SourcesPage.Row: TemplateModel {
    static let shape = TemplateFieldList<SourcesPage.Row>("SourceRow", "A source and the events citing it.", [
        .object("source", "The source.") { $0.source },
        .eventLinks("events", "One-line links to the events citing it.") { $0.events },
        .number("count", "How many events cite it.") { $0.count },
        .text("citedByText", "The count in words, e.g. \"Cited by 2 events\".") { $0.citedByText },
    ])
}
