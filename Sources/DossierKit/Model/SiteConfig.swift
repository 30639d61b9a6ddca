/// The report's settings, from `Content/site.yaml`.
public struct SiteConfig: Sendable, Equatable {
    public var title: String
    /// The report's permanent id (`id`, a URI such as `urn:uuid:…`): feeds and the calendar
    /// derive their entries' ids from it (`StableID`), so they survive a new title or address.
    public var id: String? = nil
    public var description: String
    /// BCP 47 language tag for `<html lang>`.
    public var language: String
    /// Absolute URL of the published site, used only where relative links cannot work:
    /// canonical links, feeds, sitemaps, the 404 page.
    public var baseURL: String?
    public var authors: [String]
    public var license: String?
    public var eventTypes: [EventType]
    public var confidenceGrades: [ConfidenceGrade]
    /// Let raw HTML in Markdown through. Off by default: cmark's safe mode drops it.
    public var allowRawHTML: Bool
    /// Curly quotes and dashes in Markdown (cmark's smart punctuation).
    public var smartPunctuation: Bool
    /// Events shown on the home page.
    public var homeLatestCount: Int
    /// The most events one page lists (`lists: {per_page: 100}`): a longer list is split (the
    /// timeline by year, then by month; other lists into numbered pages).
    public var eventsPerPage: Int = SiteConfig.defaultEventsPerPage
    /// Whether the site has full-text search when Pagefind is installed (`search: {enabled: false}`
    /// turns it off).
    public var searchEnabled = true
    /// The digits the site writes its numbers in (`digits:`): nil for its language's usual ones.
    public var digits: Digits? = nil
    /// The languages the report is written in (`languages: [en, ar]`), the first its own
    /// (`language`): content is translated into the others file by file (`*.ar.md`) and event by
    /// event (`translations:`). One language when site.yaml names none.
    public var languages: [String] = []
    /// The languages content is translated into: all but the first.
    public var translationLanguages: [String] { Array(languages.dropFirst()) }
    /// The report's own words in its other languages (`translations:` in site.yaml), by language.
    public var translations: [String: Translation] = [:]

    /// What site.yaml says in another language: the title, description and licence, the event
    /// types' labels, and the digits that language's pages write.
    public struct Translation: Sendable, Equatable {
        public var title: String?
        public var description: String?
        public var license: String?
        public var digits: Digits? = nil
        public var eventTypes: [String: TypeWords] = [:]

        public struct TypeWords: Sendable, Equatable {
            public var label: String?
            public var description: String?
        }
    }
    public var origin: SourceLocation

    /// A reading size, not only a bound: 100 cards are about 2,700 DOM nodes and 130 KB of HTML,
    /// a page that paints as fast as the site's others and can be read to its end (lists
    /// elsewhere: Hugo's pager 10, GitHub's issues 25, news archives 20–50; the timeline's
    /// filter and the search find across pages). At 500, a topic of 428 events was 11,721 nodes
    /// and 96,627 px tall.
    public static let defaultEventsPerPage = 100

    public struct EventType: Sendable, Hashable {
        public var id: String
        public var label: String
        /// CSS colour for badges and the timeline marker.
        public var colour: String
        public var description: String?
        /// Its colour on a dark page (`colour_dark`); derived from `colour` when not given (`TypeColours`).
        public var darkColour: String? = nil
    }

    public struct ConfidenceGrade: Sendable, Hashable {
        public var id: String
        public var label: String
        public var description: String
    }

    public static let defaultConfidenceGrades: [ConfidenceGrade] = [
        .init(
            id: "confirmed", label: "Confirmed",
            description: "Confirmed by the parties involved or by several independent sources."),
        .init(
            id: "reported", label: "Reported",
            description: "Reported by a credible source; not independently confirmed."),
        .init(
            id: "claimed", label: "Claimed",
            description: "Claimed by a party to the events; not independently confirmed."),
        .init(id: "disputed", label: "Disputed", description: "Sources disagree about what happened."),
    ]

    public func eventType(_ id: String) -> EventType? { eventTypes.first { $0.id == id } }
    public func confidence(_ id: String) -> ConfidenceGrade? { confidenceGrades.first { $0.id == id } }
}
