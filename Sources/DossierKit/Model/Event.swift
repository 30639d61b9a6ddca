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
        declaredValues: [String: EventFieldValue] = [:], extra: ExtraValue.Fields = [:]
    ) {
        self.extra = extra
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

public struct Place: Sendable, Hashable {
    public var name: String?
    public var region: String?
    public var country: String?
    public var latitude: Double?
    public var longitude: Double?
    /// How closely the coordinates (or the names) place the event; see `LocationPrecision`.
    public var precision: LocationPrecision = .country
    /// Where the coordinates come from when the event's sources do not give them (a gazetteer).
    public var source: Source?

    public init(
        name: String? = nil, region: String? = nil, country: String? = nil, latitude: Double? = nil,
        longitude: Double? = nil,
        precision: LocationPrecision = .country, source: Source? = nil
    ) {
        self.name = name
        self.region = region
        self.country = country
        self.latitude = latitude
        self.longitude = longitude
        self.precision = precision
        self.source = source
    }

    /// The point a map draws, when the place has one (a place known only by its country has none).
    public var point: GeoPoint? {
        guard precision != .country, let latitude, let longitude else { return nil }
        return GeoPoint(longitude: longitude, latitude: latitude)
    }

    /// `Baghdad, Iraq` — the parts that are known, most specific first.
    public var formatted: String {
        [name, region, country].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
    }
}

/// How closely a place is known, from a point on a building to a whole country (after ACLED's
/// `geo_precision`). Maps draw each differently, and never draw a country-wide place as a point.
public enum LocationPrecision: String, Sendable, CaseIterable, Comparable {
    /// The coordinates are the place itself.
    case exact
    /// Somewhere in or near a town or city; the point is the town's.
    case town
    /// Somewhere in a district; the point is the district's centre.
    case district
    /// Somewhere in a region, a province or a border area; the point stands for the area.
    case region
    /// Only the country is known: no point.
    case country

    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// An actor's part in an event.
public struct Involvement: Sendable, Hashable {
    public var actorID: String
    public var role: Role
    public var location: SourceLocation

    public enum Role: String, Sendable, CaseIterable, Comparable {
        case perpetrator, target, participant, mediator, mentioned

        /// Most significant first: perpetrator, target, participant, mediator, mentioned.
        var rank: Int {
            switch self {
            case .perpetrator: return 0
            case .target: return 1
            case .participant: return 2
            case .mediator: return 3
            case .mentioned: return 4
            }
        }

        public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
    }
}

/// People killed or injured, as a range because sources rarely agree on one number.
public struct Casualty: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case killed, injured
    }

    /// The largest figure an event may carry: above any single recorded event, and small enough
    /// that the sums of 50,000 events' figures stay far from `Int.max`.
    public static let largestFigure = 100_000_000

    public var kind: Kind
    public var minimum: Int?
    public var maximum: Int?
    /// The source said "about": show the figure as approximate.
    public var approximate: Bool
    /// Who they were ("US soldiers", "mostly militia members").
    public var who: String?
}

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

/// Media that goes with an event: a picture, a video, a post elsewhere. The page shows a picture
/// kept in the site itself (a path in `Content/static/`) and links to anything on another host,
/// so reading a report never loads anything from another site.
public struct Media: Sendable, Hashable {
    /// A web address (http or https), or a path in the site (`media/strike.jpg`).
    public var url: String
    public var caption: String?
    /// Who made it, as the publisher asks to be credited.
    public var credit: String?
    /// What a picture shows, for readers who cannot see it.
    public var alt: String?

    public init(url: String, caption: String? = nil, credit: String? = nil, alt: String? = nil) {
        self.url = url
        self.caption = caption
        self.credit = credit
        self.alt = alt
    }

    /// Whether the address is a path in the site rather than on another host.
    public var isLocal: Bool { !url.contains(":") && !url.hasPrefix("//") }

    /// Whether the address names a picture a browser shows (by its extension).
    public var isImage: Bool {
        let path = url.split(separator: "?").first.map(String.init) ?? url
        let ext = (path as NSString).pathExtension.lowercased()
        return ["jpg", "jpeg", "png", "gif", "webp", "avif", "svg"].contains(ext)
    }
}
