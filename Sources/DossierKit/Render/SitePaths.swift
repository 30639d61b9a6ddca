import Foundation

/// Where each page lives in the output, and how pages link to each other.
///
/// Every link is relative and names `index.html` explicitly: the site then works on any host,
/// under any sub-path, and opened straight from disk (`file://`), where a link to a folder
/// would show a directory listing instead of the page.
enum SitePaths {
    /// Folders and names the site's own files use besides its pages (`PageKind.folder`):
    /// plain pages may not take these ids either.
    static let supportFolders: Set<String> = ["assets", "data", "feed", "pagefind"]

    public static let home = "index.html"
    public static let timeline = "timeline/index.html"
    public static let actors = "actors/index.html"
    public static let topics = "topics/index.html"
    public static let sources = "sources/index.html"
    public static let notFound = "404.html"
    public static let feed = "feed.xml"
    public static let sitemap = "sitemap.xml"
    public static let eventsJSON = "data/events.json"
    public static let eventsCSV = "data/events.csv"
    public static let eventsGeoJSON = "data/events.geojson"
    public static let map = "map/index.html"
    /// A country's closer map (`MapPage.countryKind`), by its country page's id: a folder, so
    /// it never meets the map's files (`map/world.svg`, `map/places.js`).
    public static func countryMap(_ slug: String) -> String { "map/\(slug)/index.html" }
    public static let stylesheet = "assets/style.css"
    public static let script = "assets/dossier.js"
    public static let favicon = "assets/favicon.svg"

    /// Whether a file is the site's, shared by every language (a report in several languages
    /// has a site per language, `ar/…`, `LanguageSite`): the theme's assets, the map outlines,
    /// the data downloads, the search index and the sitemap. The rest (pages, feeds, the
    /// filter's index, the map pages' data) are each language's. Decided by the path alone,
    /// since every page links to these.
    static func isShared(_ path: String) -> Bool {
        if path.hasPrefix("data/") { return !path.hasPrefix("data/filter/") }
        if path.hasPrefix("map/") {
            return path.hasPrefix("map/tiles/") || path == WorldOutline.path || path == MapPage.filterStylesheetPath
        }
        return path.hasPrefix("assets/") || path.hasPrefix("pagefind/") || path == sitemap
    }

    /// The path part of a base URL, ending in `/` (`https://example.org/sub` → `/sub/`): pages
    /// that cannot link relatively (the 404 page) start their links with it, so that they work
    /// on any host that serves the site at that path.
    static func basePath(ofBaseURL baseURL: String?) -> String? {
        baseURL.flatMap { URLComponents(string: $0)?.percentEncodedPath }.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    }

    public static func event(_ id: String) -> String { "events/\(id)/index.html" }
    public static func actor(_ id: String) -> String { "actors/\(id)/index.html" }
    public static func topic(_ id: String) -> String { "topics/\(id)/index.html" }
    public static func page(_ id: String) -> String { "\(id)/index.html" }
    /// A year's and a month's part of a split timeline (`TimelineParts`).
    public static func timelineYear(_ year: Int) -> String { "timeline/\(year)/index.html" }
    public static func timelineMonth(_ year: Int, _ month: Int, page: Int = 1) -> String {
        "timeline/\(year)/\(month < 10 ? "0" : "")\(month)/" + (page == 1 ? "index.html" : "page/\(page)/index.html")
    }

    public static func path(for reference: CrossReference) -> String {
        switch reference.kind {
        case .actor: return actor(reference.id)
        case .event: return event(reference.id)
        case .topic: return topic(reference.id)
        case .page: return page(reference.id)
        }
    }

    /// The link from the page at `from` to the file at `to`, both relative to the site root:
    /// up to the root, then down (`events/a/index.html` → `../../actors/b/index.html`).
    ///
    /// Always going through the root, even between neighbours, makes a link depend only on the
    /// page's depth; pages make theirs from `SiteRoot.marker`, put in when the page is finished.
    public static func relativeURL(from: String, to: String) -> String {
        rootPrefix(from: from) + to
    }

    /// Adds the folders that hold `path` (`events/a/index.html` → `events/a`, `events`) to `folders`.
    /// Stops at the first one already there: its own parents were added with it.
    static func addFolders(of path: String, to folders: inout Set<String>) {
        var folder = Substring(path)
        while let slash = folder.lastIndex(of: "/") {
            folder = folder[..<slash]
            if !folders.insert(String(folder)).inserted { return }
        }
    }

    /// Prefix from the page at `from` to the site root: `""`, `"../"`, `"../../"`.
    public static func rootPrefix(from: String) -> String {
        String(repeating: "../", count: from.split(separator: "/").count - 1)
    }
}
