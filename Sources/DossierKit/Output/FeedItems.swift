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

    /// How many events a feed carries at most.
    static let limit = 50

    static func latest(_ report: Report, markdown: CommonMark, text: DisplayText, limit: Int = limit) -> [FeedItem] {
        let base = report.config.baseURL ?? ""
        // Newest change first; among equal dates, the later event in the report's order first.
        // The `limit` newest are kept in one pass, not by sorting every event for a few.
        // Each event's dates are read in place: copying every Event into the list's candidates
        // retained and released all its fields.
        typealias Dated = (index: Int, published: Date, updated: Date)
        let newer = { (a: Dated, b: Dated) in (a.updated, a.index) > (b.updated, b.index) }
        var newest: [Dated] = []
        newest.reserveCapacity(limit + 1)
        let events = report.events
        for index in events.indices {
            let published = events[index].published ?? Timestamp.date(events[index].date.start)
            let item: Dated = (index, published, events[index].updated ?? published)
            guard newest.count < limit || newer(item, newest[newest.count - 1]) else { continue }
            let position = newest.firstIndex { newer(item, $0) } ?? newest.count
            newest.insert(item, at: position)
            if newest.count > limit { newest.removeLast() }
        }
        return newest.map { item in
            let event = events[item.index]
            let path = SitePaths.event(event.id)
            let summary = event.summary.map { markdown.plainText($0.text, limit: 1000) } ?? ""
            return FeedItem(
                event: event, id: StableID.event(event.id, in: report.config), published: item.published,
                updated: item.updated,
                link: base.isEmpty ? path : base + String(path.dropLast("index.html".count)),
                summary: "\(text.date(event.date)). \(summary)")
        }
    }
}
