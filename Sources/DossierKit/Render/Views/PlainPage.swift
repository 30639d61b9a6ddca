/// A page from `Content/pages/`.
struct PlainPage {
    var title: String
    var bodyHTML: String
    /// The report's lists, on a page that names its own template (a dashboard).
    var report: ReportLists?

    static let kind = PageKind(
        name: "page", section: "", fields: shape.shape,
        subjects: { $0.pages.map(\.id) },
        subjectTemplate: { contents, id in contents.pages.first { $0.id == id }?.template },
        path: SitePaths.page,
        view: { id, links in make(links.report.page(id)!, links) }
    )

    static func make(_ page: Page, _ links: PageLinks) -> PageView<PlainPage> {
        links.reads.read(.page(page.id))
        let chrome = Chrome(
            links: links, title: page.title, description: page.description ?? "",
            breadcrumbs: [.init(label: page.title)],
            untranslated: links.report.untranslated?.pages[page.id])
        return PageView(
            chrome: chrome,
            content: PlainPage(
                title: page.title, bodyHTML: links.html(page.body),
                report: page.template == nil ? nil : ReportLists.make(links)))
    }
}

extension PlainPage: TemplateModel {
    static let shape = TemplateFieldList<PlainPage>(
        "PlainPage", "A page from `Content/pages/` (`page.mustache`, as `content.*`).",
        [
            .text("title", "The page's title.") { $0.title },
            .html("bodyHTML", "Its text, as HTML.") { $0.bodyHTML },
            .object(
                "report",
                "The report's lists, on a page that names its own template (`template:`): events by type, topic, actor, year."
            ) { $0.report },
        ])
}
