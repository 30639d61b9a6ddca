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
        // Newest change first; among equal dates, the later event in the report's order first.
        // The `limit` newest are kept in one pass (sorting 50,000 events for 50 took a tenth of a
        // preview rebuild's support files).
        typealias Dated = (index: Int, event: Event, published: Date, updated: Date)
        let newer = { (a: Dated, b: Dated) in (a.updated, a.index) > (b.updated, b.index) }
        var newest: [Dated] = []
        newest.reserveCapacity(limit + 1)
        for (index, event) in report.events.enumerated() {
            let happened = Timestamp.date(event.date.start)
            let published = event.published ?? happened
            let item: Dated = (index, event, published, event.updated ?? published)
            guard newest.count < limit || newer(item, newest[newest.count - 1]) else { continue }
            let position = newest.firstIndex { newer(item, $0) } ?? newest.count
            newest.insert(item, at: position)
            if newest.count > limit { newest.removeLast() }
        }
        return newest.map { item in
            let path = SitePaths.event(item.event.id)
            let summary = item.event.summary.map { markdown.plainText($0.text, limit: 1000) } ?? ""
            return FeedItem(event: item.event, id: StableID.event(item.event.id, in: report.config), published: item.published, updated: item.updated,
                            link: base.isEmpty ? path : base + String(path.dropLast("index.html".count)),
                            summary: "\(text.date(item.event.date)). \(summary)")
        }
    }
}
