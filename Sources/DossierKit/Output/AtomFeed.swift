import Foundation

/// `feed.xml`: the latest events as an Atom feed, newest first, rendered by the theme's `feed`
/// template (so a report can change it like any page).
///
/// Atom needs absolute ids; with a base URL they are the event pages' addresses, without one
/// they are `tag:` URIs made from the event ids, and links stay relative to the feed.
struct AtomFeed {
    struct Entry {
        var title: String
        var id: String
        var link: String
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

    static func make(_ report: Report, markdown: CommonMark, text: DisplayText, limit: Int = 50) -> AtomFeed {
        let config = report.config
        let events = report.events.reversed().prefix(limit)
        let base = config.baseURL ?? ""
        let tag = "tag:dossier,\(Identifier.suggestion(from: config.title))"
        return AtomFeed(
            language: config.language, title: config.title, subtitle: config.description,
            id: config.baseURL ?? tag,
            alternate: base.isEmpty ? SitePaths.home : base,
            selfLink: base + SitePaths.feed,
            updated: events.first.map { timestamp($0.date.start) } ?? "1970-01-01T00:00:00Z",
            authors: config.authors,
            entries: events.map { event in
                let path = SitePaths.event(event.id)
                let link = base.isEmpty ? path : base + String(path.dropLast("index.html".count))
                let summary = event.summary.map { markdown.plainText($0.text, limit: 1000) } ?? ""
                return Entry(title: event.title, id: base.isEmpty ? "\(tag):\(event.id)" : link, link: link,
                             updated: timestamp(event.date.start), summary: "\(text.date(event.date)). \(summary)")
            }
        )
    }

    /// Atom wants a full timestamp; a month or year is dated at its first day.
    static func timestamp(_ date: PartialDate) -> String {
        let (year, month, day) = date.earliestDay
        return String(format: "%04d-%02d-%02dT00:00:00Z", year, month, day)
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
        return Sitemap(locations: pagePaths.map { path in
            base + (path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path)
        })
    }
}

extension AtomFeed: TemplateModel {
    static let shape = TemplateFieldList<AtomFeed>("AtomFeed", "The Atom feed of the latest events (`feed.mustache`).", [
        .text("language", "The report's language.") { $0.language },
        .text("title", "The report's title.") { $0.title },
        .text("subtitle", "The report's description.") { $0.subtitle },
        .text("id", "The feed's id: the base URL, or a `tag:` URI.") { $0.id },
        .text("alternate", "The site's address.") { $0.alternate },
        .text("selfLink", "The feed's own address.") { $0.selfLink },
        .text("updated", "When the latest event happened, as an Atom timestamp.") { $0.updated },
        .texts("authors", "The report's authors.") { $0.authors },
        .list("entries", "The latest events, newest first.") { $0.entries },
    ])
}

extension AtomFeed.Entry: TemplateModel {
    static let shape = TemplateFieldList<AtomFeed.Entry>("FeedEntry", "An event in the feed.", [
        .text("title", "The event's title.") { $0.title },
        .text("id", "Its id: its page's address, or a `tag:` URI.") { $0.id },
        .text("link", "Its page's address.") { $0.link },
        .text("updated", "Its date, as an Atom timestamp.") { $0.updated },
        .text("summary", "Its date in words and its summary as plain text.") { $0.summary },
    ])
}

extension Sitemap: TemplateModel {
    static let shape = TemplateFieldList<Sitemap>("Sitemap", "The addresses of the site's pages (`sitemap.mustache`).", [
        .texts("locations", "The full address of each page.") { $0.locations },
    ])
}
