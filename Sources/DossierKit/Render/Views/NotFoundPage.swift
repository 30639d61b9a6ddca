/// The page hosts show for a missing address.
struct NotFoundPage {
    var timelineHref: String

    static let kind = PageKind(
        name: "404", folder: "404", section: "", inSitemap: false, fields: shape.shape,
        path: { _ in SitePaths.notFound }, view: { _, links in make(links) }
    )

    static func make(_ links: PageLinks) -> PageView<NotFoundPage> {
        let report = links.report
        var chrome = Chrome(links: links, title: links.text("page.404"), description: links.text("description.404"))
        // A host serves this page at whatever address was missing, so relative links would
        // point to the wrong place; with a known base URL, anchor them with <base>.
        chrome.baseHref = report.config.baseURL
        chrome.canonical = nil
        return PageView(chrome: chrome, content: NotFoundPage(timelineHref: links.to(SitePaths.timeline)))
    }
}

extension NotFoundPage: TemplateModel {
    static let shape = TemplateFieldList<NotFoundPage>("NotFoundPage", "The page hosts show for a missing address (`404.mustache`, as `content.*`).", [
        .text("timelineHref", "Link to the timeline.") { $0.timelineHref },
    ])
}
