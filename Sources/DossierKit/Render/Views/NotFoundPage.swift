/// The page hosts show for a missing address.
///
/// A host serves it at whatever address was missing (`/events/no-such-event/`), so links
/// relative to its own place, the site's root, would lead astray. With `base_url` its links are
/// absolute. Without it the theme's `404.mustache` carries a small script that finds the site's
/// root from the address (the nearest folder above it that holds `404.html`) and sets `<base>`
/// before the page's links are read; without JavaScript, its links work at the root only.
struct NotFoundPage {
    var timelineHref: String
    /// Whether the links are relative, so the page must find the site's root when it is shown.
    var findsRoot: Bool

    static let kind = PageKind(
        name: "404", folder: "404", section: "", inSitemap: false, fields: shape.shape,
        path: { _ in SitePaths.notFound }, view: { _, links in make(links) }
    )

    static func make(_ pageLinks: PageLinks) -> PageView<NotFoundPage> {
        let baseURL = pageLinks.report.config.baseURL
        let links = baseURL.map { pageLinks.rooted(at: $0) } ?? pageLinks
        var chrome = Chrome(links: links, title: links.text("page.404"), description: links.text("description.404"))
        chrome.canonical = nil
        return PageView(chrome: chrome, content: NotFoundPage(timelineHref: links.to(SitePaths.timeline), findsRoot: baseURL == nil))
    }
}

extension NotFoundPage: TemplateModel {
    static let shape = TemplateFieldList<NotFoundPage>("NotFoundPage", "The page hosts show for a missing address (`404.mustache`, as `content.*`).", [
        .text("timelineHref", "Link to the timeline.") { $0.timelineHref },
        .flag("findsRoot", "True when the site has no `base_url`: the page's links are relative to the site's root, which a script must find when a host shows the page at a deeper address.") { $0.findsRoot },
    ])
}
