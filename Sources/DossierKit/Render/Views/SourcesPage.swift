/// Every cited source once, by publisher, with the events that cite it: `sources/`, and past
/// `lists.per_page` sources numbered pages `sources/page/2/`, … A row names the first
/// `eventsPerRow` events citing its source; a source cited more often has its own list
/// (`EventListPage.sourceKind`, `sources/<id>/`), so that no page grows with the report.
struct SourcesPage {
    struct Row {
        var id: String
        var source: EventPage.SourceView
        var events: [CardValue]
        var count: Int
        var citedByText: String
        /// The source's own list of events, when the row shows only some of them.
        var allHref: String?
        var allText: String?
    }

    var title: String
    var sources: [Row]
    var count: Int
    var countText: String
    var isFirstPage: Bool
    var firstNumber: Int
    var pages: [Chrome.Link]
    var previous: Chrome.Link?
    var next: Chrome.Link?
    var eventsJSONHref: String
    var eventsCSVHref: String
    /// The lede, a sentence with links to the downloads (`sources.lede`).
    var ledeHTML = ""

    /// How many of a source's events its row on the index names.
    static let eventsPerRow = 5
    static let folder = "sources"

    static let kind = PageKind(
        name: "sources", folder: folder, navigationLabel: "Sources", previewDeferral: .afterContentEdits,
        fields: shape.shape,
        subjects: { contents in
            let pages = ListPaging.pageCount(contents.citedSources.count, contents.config.eventsPerPage)
            return (1...max(1, pages)).map(String.init)
        },
        path: { path(page: Int($0) ?? 1) }, view: { subject, links in make(page: Int(subject) ?? 1, links) }
    )

    static func path(page: Int) -> String { page == 1 ? SitePaths.sources : "\(folder)/page/\(page)/index.html" }

    static func make(page number: Int, _ links: PageLinks) -> PageView<SourcesPage> {
        let report = links.report, text = links.text
        links.reads.read(.sources)
        let part = ListPaging.Page(number, of: report.sources.count, perPage: report.config.eventsPerPage)
        let rows = part.items(report.sources).map { cited in
            let count = cited.eventIndexes.count
            let hasList = count > eventsPerRow
            return Row(
                id: cited.id,
                source: links.source(cited.source),
                events: cited.eventIndexes.prefix(eventsPerRow).map { links.eventLink($0) },
                count: count,
                citedByText: text.count("citedBy", count),
                allHref: hasList ? links.to(ListPaging.path(folder, cited.id, page: 1)) : nil,
                allText: hasList ? text("sources.all", ["count": text.count("events", count)]) : nil
            )
        }
        let pageHref = { (number: Int) in links.to(path(page: number)) }
        let neighbours = part.neighbours(pageHref)
        let title = part.title(text("page.sources"), text)
        let chrome = Chrome(
            links: links, title: title, description: text("description.sources", ["site": report.config.title]),
            breadcrumbs: [.init(label: title)])
        var content = SourcesPage(
            title: title, sources: rows, count: report.sources.count,
            countText: text.count("sources", report.sources.count),
            isFirstPage: part.isFirst, firstNumber: part.firstNumber,
            pages: part.links(pageHref), previous: neighbours.previous, next: neighbours.next,
            eventsJSONHref: links.to(SitePaths.eventsJSON), eventsCSVHref: links.to(SitePaths.eventsCSV)
        )
        content.ledeHTML = text.html(
            "sources.lede", ["count": content.countText],
            links: ["json": content.eventsJSONHref, "csv": content.eventsCSVHref])
        return PageView(chrome: chrome, content: content)
    }
}

extension SiteContents {
    /// The cited sources: the linked report's, or worked out from the content as loaded.
    var citedSources: [Report.CitedSource] { (self as? Report)?.sources ?? Report.CitedSource.list(citedBy: events) }
}

extension SourcesPage: TemplateModel {
    static let shape = TemplateFieldList<SourcesPage>(
        "SourcesPage",
        "Every cited source once (`sources.mustache`, as `content.*`), in pages of `lists.per_page` sources.",
        [
            .html("ledeHTML", "The lede, a sentence with links to the JSON and CSV downloads (`sources.lede`).") {
                $0.ledeHTML
            },
            .text("title", "\"Sources\", with the page's number when there are several.") { $0.title },
            .list("sources", "This page's sources, by publisher, with the events citing each.") { $0.sources },
            .number("count", "How many sources there are in all.") { $0.count },
            .text("countText", "The same in words (\"2 sources\").") { $0.countText },
            .flag("isFirstPage", "Whether this is the first page of the index.") { $0.isFirstPage },
            .number("firstNumber", "The number of this page's first source in the whole index.") { $0.firstNumber },
            .list("pages", "Every page of the index (`current` for this one); empty when it has one.") { $0.pages },
            .object("previous", "The page before, if any.") { $0.previous },
            .object("next", "The page after, if any.") { $0.next },
            .text("eventsJSONHref", "Link to the events as JSON.") { $0.eventsJSONHref },
            .text("eventsCSVHref", "Link to the events as CSV.") { $0.eventsCSVHref },
        ])
}

extension SourcesPage.Row: TemplateModel {
    static let shape = TemplateFieldList<SourcesPage.Row>(
        "SourceRow", "A source and the events citing it.",
        [
            .text("id", "The source's id (`sources/<id>/`, and the row's anchor).") { $0.id },
            .object("source", "The source.") { $0.source },
            .eventLinks("events", "One-line links to the first events citing it (at most 5).") { $0.events },
            .number("count", "How many events cite it.") { $0.count },
            .text("citedByText", "The count in words, e.g. \"Cited by 2 events\".") { $0.citedByText },
            .text("allHref", "Its own list of events, when it is cited by more than the row shows.") { $0.allHref },
            .text("allText", "The words of that link (\"All 12 events citing it\").") { $0.allText },
        ])
}
