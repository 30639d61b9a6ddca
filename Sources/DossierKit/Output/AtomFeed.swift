import Foundation

/// `feed.xml`: the latest events as an Atom feed (RFC 4287), most recently published or changed
/// first (`FeedItem`), rendered by the theme's `feed` template (so a report can change it like
/// any page).
///
/// Its ids are the report's and its events' stable ids (`StableID`: a new title or base URL
/// changes none of them); links are the event pages' addresses with a base URL, and relative to
/// the feed without one.
struct AtomFeed {
    struct Entry {
        var title: String
        var id: String
        var link: String
        var published: String
        var updated: String
        var summary: String
    }

    var language: String
    var title: String
    var subtitle: String
    var id: String
    var alternate: String
    var selfLink: String
    var updated: String
    var authors: [String]
    var entries: [Entry]

    static let template = "feed"

    static func make(_ report: Report, items: [FeedItem]) -> AtomFeed {
        let config = report.config
        let base = config.baseURL ?? ""
        return AtomFeed(
            language: config.language, title: config.title, subtitle: config.description,
            id: StableID.report(config),
            alternate: base.isEmpty ? SitePaths.home : base,
            selfLink: base + SitePaths.feed,
            // The feed changed when its newest entry did (the first, as they are ordered).
            updated: Timestamp.rfc3339(items.map(\.updated).max() ?? Date(timeIntervalSince1970: 0)),
            authors: config.authors,
            entries: items.map { item in
                Entry(
                    title: item.event.title, id: item.id, link: item.link, published: Timestamp.rfc3339(item.published),
                    updated: Timestamp.rfc3339(item.updated), summary: item.summary)
            }
        )
    }
}

/// `sitemap.xml`, written only when the base URL is known (sitemaps need absolute addresses),
/// rendered by the theme's `sitemap` template.
struct Sitemap {
    var locations: [String]

    static let template = "sitemap"

    /// - Parameter pagePaths: the pages of kinds listed in sitemaps (`PageKind.inSitemap`).
    static func make(_ report: Report, pagePaths: [String]) -> Sitemap? {
        guard let base = report.config.baseURL else { return nil }
        return Sitemap(
            locations: pagePaths.map { path in
                base + (path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path)
            })
    }
}

extension AtomFeed: TemplateModel {
    static let shape = TemplateFieldList<AtomFeed>(
        "AtomFeed", "The Atom feed of the latest events (`feed.mustache`).",
        [
            .text("language", "The report's language.") { $0.language },
            .text("title", "The report's title.") { $0.title },
            .text("subtitle", "The report's description.") { $0.subtitle },
            .text("id", "The feed's id: the report's `id` (see `StableID`).") { $0.id },
            .text("alternate", "The site's address.") { $0.alternate },
            .text("selfLink", "The feed's own address.") { $0.selfLink },
            .text("updated", "When the newest entry was published or changed, as an Atom timestamp.") { $0.updated },
            .texts("authors", "The report's authors.") { $0.authors },
            .list("entries", "The latest events, newest first.") { $0.entries },
        ])
}

extension AtomFeed.Entry: TemplateModel {
    static let shape = TemplateFieldList<AtomFeed.Entry>(
        "FeedEntry", "An event in the feed.",
        [
            .text("title", "The event's title.") { $0.title },
            .text("id", "Its stable id (`urn:uuid:`, the same for the life of the event).") { $0.id },
            .text("link", "Its page's address.") { $0.link },
            .text(
                "published",
                "When it was published in the report (`published`, else when it happened), as an Atom timestamp."
            ) { $0.published },
            .text("updated", "When it last changed (`updated`, else as published), as an Atom timestamp.") {
                $0.updated
            },
            .text("summary", "Its date in words and its summary as plain text.") { $0.summary },
        ])
}

extension Sitemap: TemplateModel {
    static let shape = TemplateFieldList<Sitemap>(
        "Sitemap", "The addresses of the site's pages (`sitemap.mustache`).",
        [
            .texts("locations", "The full address of each page.") { $0.locations }
        ])
}
