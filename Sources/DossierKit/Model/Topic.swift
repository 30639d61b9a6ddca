/// A thread through the events: negotiations, a campaign, a dispute.
public struct Topic: Sendable, Identifiable {
    public var id: String
    public var title: String
    public var summary: String?
    /// Events listed by id, in addition to those matched by tag.
    public var eventIDs: [String]
    public var tags: [String]
    public var quotes: [Quote]
    /// The span the topic covers, when it says (`start`, `end`: a TimelineJS era); otherwise its
    /// page shows the span of its events' dates.
    public var start: PartialDate? = nil
    public var end: PartialDate? = nil
    public var narrative: MarkdownText
    public var origin: SourceLocation
    public var referenceLocations: [String: SourceLocation] = [:]
    /// Free-form values for the theme (`extra:`).
    public var extra: ExtraValue.Fields = [:]
}

/// Words someone said, with who said it and where it was published.
public struct Quote: Sendable, Hashable {
    /// The words as the source gave them, in the language they were said or published in.
    public var text: String
    /// The words in the page's language (`translation:`), shown beside them, never instead.
    public var translation: String? = nil
    public var attribution: String
    public var actorID: String?
    public var date: PartialDate?
    public var source: Source?
    public var location: SourceLocation
}
