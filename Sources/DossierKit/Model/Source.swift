/// A published source an event (or quote) relies on.
public struct Source: Sendable, Hashable {
    public var publisher: String
    public var title: String?
    /// Where readers find it; nil for a source a dataset names without an address (ACLED's
    /// sources are publishers' names only), allowed on imported events (`external_id`).
    public var url: String?
    public var author: String?
    public var date: PartialDate?
    /// The words of the source that support the event.
    public var quote: String?
    /// Where the source was read when it is cited second-hand (a wire report quoted by a news site).
    public var via: String?
    public var location: SourceLocation

    /// Sources are the same when they are the same document: the Sources page lists each once.
    public var identity: String { "\(url ?? "")\u{1F}\(publisher)\u{1F}\(title ?? "")" }

    /// The same in everything pages show of it; where it sits in its file does not count.
    func isSameCitation(as other: Source) -> Bool {
        publisher == other.publisher && title == other.title && url == other.url && author == other.author
            && date == other.date && quote == other.quote && via == other.via
    }
}
