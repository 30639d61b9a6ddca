/// The page hosts show for a missing address.
struct NotFoundPage {
    var timelineHref: String

    static let path = SitePaths.notFound

    static func make(_ site: RenderContext) -> PageView<NotFoundPage> {
        let report = site.report
        let links = PageLinks(path: path, site: site)
        var chrome = Chrome(links: links, title: "Page not found", description: "This page does not exist.", section: .page)
        // A host serves this page at whatever address was missing, so relative links would
        // point to the wrong place; with a known base URL, anchor them with <base>.
        chrome.baseHref = report.config.baseURL
        chrome.canonical = nil
        return PageView(chrome: chrome, content: NotFoundPage(timelineHref: links.to(SitePaths.timeline)))
    }
}
