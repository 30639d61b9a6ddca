/// What every page's layout needs: `<head>` metadata, navigation, breadcrumbs, footer.
struct Chrome {
    struct Link {
        var label: String
        var href: String
        var current: Bool = false
    }

    struct Crumb {
        var label: String
        var href: String?
    }

    var siteTitle: String
    var siteDescription: String
    var language: String
    /// The `<title>`: "Page — Site", or the site title alone on the home page.
    var documentTitle: String
    var pageTitle: String
    var description: String
    var canonical: String?
    var ogType: String
    var root: String
    var homeHref: String
    var stylesheet: String
    var script: String
    var feedHref: String
    var eventsJSONHref: String
    var eventsCSVHref: String
    var nav: [Link]
    var breadcrumbs: [Crumb]
    var footerPages: [Link]
    var authors: String
    var license: String?
    /// Set on the 404 page only: hosts serve it at any address, so its links must be absolute.
    var baseHref: String?
    /// The theme's `partials/header` and `partials/footer`, rendered once for all pages at the
    /// same depth in the same section, and placed by the layout with `{{{chrome.header}}}`.
    var header = ""
    var footer = ""

    /// Sections in the main navigation, with the one this page belongs to marked current.
    enum Section: String {
        case home, timeline, actors, topics, sources, page
    }

    init(links: PageLinks, title: String, description: String, section: Section, breadcrumbs: [Crumb] = [], ogType: String = "website") {
        let config = links.report.config
        siteTitle = config.title
        siteDescription = config.description
        language = config.language
        pageTitle = title
        documentTitle = section == .home ? config.title : "\(title) — \(config.title)"
        self.description = description.isEmpty ? config.description : description
        canonical = links.canonicalURL
        self.ogType = ogType
        root = links.root
        homeHref = links.to(SitePaths.home)
        stylesheet = links.to(SitePaths.stylesheet)
        script = links.to(SitePaths.script)
        feedHref = links.to(SitePaths.feed)
        eventsJSONHref = links.to(SitePaths.eventsJSON)
        eventsCSVHref = links.to(SitePaths.eventsCSV)
        nav = [
            Link(label: "Home", href: links.to(SitePaths.home), current: section == .home),
            Link(label: "Timeline", href: links.to(SitePaths.timeline), current: section == .timeline),
            Link(label: "Actors", href: links.to(SitePaths.actors), current: section == .actors),
            Link(label: "Topics", href: links.to(SitePaths.topics), current: section == .topics),
            Link(label: "Sources", href: links.to(SitePaths.sources), current: section == .sources),
        ]
        self.breadcrumbs = breadcrumbs.isEmpty ? [] : [Crumb(label: "Home", href: links.to(SitePaths.home))] + breadcrumbs
        footerPages = links.report.pages.map { page in
            Link(label: page.title, href: links.to(SitePaths.page(page.id)), current: links.path == SitePaths.page(page.id))
        }
        authors = config.authors.joined(separator: ", ")
        license = config.license
        header = links.site.fragments.render("partials/header", chrome: self, variant: "\(root)|\(section.rawValue)", allowed: Self.headerFields)
        footer = links.site.fragments.render("partials/footer", chrome: self, variant: "\(root)|\(footerPages.first { $0.current }?.href ?? "")", allowed: Self.footerFields)
    }

    /// The fields the header's cache key (depth and section) decides: the same on every page
    /// that shares the header. Titles, descriptions, canonical links and breadcrumbs are not.
    static let headerFields: Set<String> = [
        "siteTitle", "siteDescription", "language", "root", "homeHref", "stylesheet", "script", "feedHref",
        "eventsJSONHref", "eventsCSVHref", "nav", "authors", "license",
    ]
    /// The footer's key is depth and the current footer page: the footer links too.
    static let footerFields = headerFields.union(["footerPages"])

    /// Which chrome fields each cached fragment may read, for messages.
    static let fragmentFields = ["partials/header": headerFields, "partials/footer": footerFields]
}

/// The object a page template renders: the layout's `chrome` and the page's own `content`.
struct PageView<Content> {
    var chrome: Chrome
    var content: Content
}
