import Foundation

/// The page hosts show for a missing address.
///
/// A host serves it at whatever address was missing (`/events/no-such-event/`), so links
/// relative to its own place, the site's root, would lead astray. With `base_url` its links
/// start from the base URL's path (`/sub/…`, on whatever host shows it: a staging host too).
/// Without it the theme's `404.mustache` carries a small script that finds the site's root
/// from the address before the page's links are read: the folder before the first of the
/// site's own top folders in it (`/sub/events/x/y/` is under `/sub/`), confirmed by one request
/// for its `404.html`; failing that, the nearest folder above that holds one. Without
/// JavaScript, its links work at the root only.
struct NotFoundPage {
    var timelineHref: String
    /// Whether the links are relative, so the page must find the site's root when it is shown.
    var findsRoot: Bool
    /// The site's own top folders (its sections, support files and plain pages), as a JSON
    /// array: in a missing address, what comes before one of them is the site's root.
    var siteFoldersJSON: String

    static let kind = PageKind(
        name: "404", folder: "404", section: "", inSitemap: false, fields: shape.shape,
        path: { _ in SitePaths.notFound }, view: { _, links in make(links) }
    )

    static func make(_ pageLinks: PageLinks) -> PageView<NotFoundPage> {
        let basePath = SitePaths.basePath(ofBaseURL: pageLinks.report.config.baseURL)
        let links = basePath.map { pageLinks.rooted(at: $0) } ?? pageLinks
        var chrome = Chrome(links: links, title: links.text("page.404"), description: links.text("description.404"))
        chrome.canonical = nil
        let folders = PageKinds.reservedFolders(pageLinks.site.kinds).union(pageLinks.report.pages.map(\.id))
            .subtracting(["404"]).sorted()
        return PageView(
            chrome: chrome,
            content: NotFoundPage(
                timelineHref: links.to(SitePaths.timeline), findsRoot: basePath == nil,
                siteFoldersJSON: "[" + folders.map(ScriptData.string).joined(separator: ",") + "]"))
    }
}

extension NotFoundPage: TemplateModel {
    static let shape = TemplateFieldList<NotFoundPage>(
        "NotFoundPage", "The page hosts show for a missing address (`404.mustache`, as `content.*`).",
        [
            .text("timelineHref", "Link to the timeline.") { $0.timelineHref },
            .flag(
                "findsRoot",
                "True when the site has no `base_url`: the page's links are relative to the site's root, which a script must find when a host shows the page at a deeper address."
            ) { $0.findsRoot },
            .html(
                "siteFoldersJSON",
                "The site's own top folders as a JSON array (ids: safe in a script): in a missing address, what comes before one of them is the site's root."
            ) { $0.siteFoldersJSON },
        ])
}
