import Foundation

/// One dated thing that happened, as the report's sources describe it.
///
/// A class, and immutable: a report passes its events around constantly (sorting, indexing,
/// comparing two builds in the preview), and copying a struct of this many strings and arrays
/// costs twenty-odd reference counts each time.
public final class Event: Sendable, Identifiable {
    public let id: String
    public let date: EventDate
    public let title: String
    /// An id from the site's vocabulary of event types (`site.yaml`, `event_types`).
    public let type: String
    public let location: Place?
    public let actors: [Involvement]
    public let casualties: [Casualty]
    public let summary: MarkdownText?
    public let body: MarkdownText?
    public let sources: [Source]
    /// An id from the site's confidence grades (confirmed, reported, claimed, disputed by default).
    public let confidence: String
    public let tags: [String]
    /// A key event, marked on charts' time axes with this short label ("" for the title).
    public let highlight: String?
    /// The event's id in the dataset it was imported from (ACLED's `event_id_cnty`), which a
    /// later import of the same dataset matches it by (`external_id`).
    public let externalID: String?
    /// A picture or other media that goes with the event (imported from TimelineJS), shown on its page.
    public let media: Media?
    /// When the event was first published in the report, and last changed (`published`,
    /// `updated`: set by the author or by `dossier import`). Feeds order and date their entries
    /// by them, so that an old event documented today reaches subscribers as new.
    public let published: Date?
    public let updated: Date?
    /// The values of the event's plain fields (`EventFields.plain`), by key: the fields read,
    /// written and shown by their kind alone.
    public let declaredValues: [String: EventFieldValue]
    /// Free-form values for the theme (`extra:`), which Dossier does not read.
    public let extra: ExtraValue.Fields
    /// Its words in the report's other languages (`translations:`), by language.
    public let translations: [String: EventTranslation]
    /// Where the event is defined, for messages about it.
    public let origin: SourceLocation
    /// Where some fields (`type`, `confidence`) sit in the file, to point errors at the value itself.
    public let referenceLocations: [String: SourceLocation]

    public init(
        id: String, date: EventDate, title: String, type: String, location: Place?, actors: [Involvement],
        casualties: [Casualty],
        summary: MarkdownText?, body: MarkdownText?, sources: [Source], confidence: String, tags: [String],
        origin: SourceLocation,
        referenceLocations: [String: SourceLocation] = [:], highlight: String? = nil, published: Date? = nil,
        updated: Date? = nil, externalID: String? = nil, media: Media? = nil,
        declaredValues: [String: EventFieldValue] = [:], extra: ExtraValue.Fields = [:],
        translations: [String: EventTranslation] = [:]
    ) {
        self.extra = extra
        self.translations = translations
        self.id = id
        self.date = date
        self.title = title
        self.type = type
        self.location = location
        self.actors = actors
        self.casualties = casualties
        self.summary = summary
        self.body = body
        self.sources = sources
        self.confidence = confidence
        self.tags = tags
        self.highlight = highlight
        self.published = published
        self.externalID = externalID
        self.media = media
        self.updated = updated
        self.declaredValues = declaredValues
        self.origin = origin
        self.referenceLocations = referenceLocations
    }
}
