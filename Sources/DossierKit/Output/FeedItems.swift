import Foundation

/// The events a feed carries: the most recently published or changed, newest first, each with
/// the dates and the stable id that the Atom feed and the JSON Feed both give it.
///
/// An event's `updated` (else `published`) dates it in the feed, so an old event documented
/// today reaches subscribers as new; an event with neither is dated by when it happened (its
/// first day), as a report that never sets them always was.
struct FeedItem {
    var event: Event
    var id: String
    var published: Date
    var updated: Date
    /// Its page: absolute with a base URL, else relative to the site's root (where the feeds are).
    var link: String
    /// Its date in words and its summary as plain text.
    var summary: String

    static func latest(_ report: Report, markdown: CommonMark, text: DisplayText, limit: Int = 50) -> [FeedItem] {
        let base = report.config.baseURL ?? ""
        let dated = report.events.enumerated().map { index, event in
            let happened = Timestamp.date(event.date.start)
            let published = event.published ?? happened
            return (index: index, event: event, published: published, updated: event.updated ?? published)
        }
        // Newest change first; among equal dates, the later event in the report's order first.
        let newest = dated.sorted { ($0.updated, $0.index) > ($1.updated, $1.index) }.prefix(limit)
        return newest.map { item in
            let path = SitePaths.event(item.event.id)
            let summary = item.event.summary.map { markdown.plainText($0.text, limit: 1000) } ?? ""
            return FeedItem(event: item.event, id: StableID.event(item.event.id, in: report.config), published: item.published, updated: item.updated,
                            link: base.isEmpty ? path : base + String(path.dropLast("index.html".count)),
                            summary: "\(text.date(item.event.date)). \(summary)")
        }
    }
}
