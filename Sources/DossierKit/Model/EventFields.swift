/// The keys of an event in `Content/events/` (YAML, JSON) and the columns of a row in a CSV,
/// declared once, in the order the downloads write them: the decoder's known keys (and its
/// "did you mean"), the CSV's columns, the order `dossier import dossier` writes an event's keys
/// in, and the checks that the JSON download, its schema and docs/content-model.md name the same
/// fields (`EventFieldsTests`) come from here. An event's content, as the preview compares it,
/// is its download record (`DataExport.Record`).
enum EventFields {
    struct Field: Sendable {
        /// The key in an events file and in `data/events.json`.
        let key: String
        /// Its columns in a CSV, in order (a nested value is flat there: `location` is `place`,
        /// `region`, `country`, …). Further sources and casualty figures go in numbered columns
        /// (`EventDecoder.csvColumn`).
        let columns: [String]

        init(_ key: String, columns: [String]? = nil) {
            self.key = key
            self.columns = columns ?? [key]
        }
    }

    static let sourceFields = ["publisher", "title", "url", "author", "date", "quote", "via"]
    static let casualtyFields = ["min", "max", "approximate", "who"]

    static let all: [Field] = [
        Field("id"), Field("date"), Field("start"), Field("end"), Field("precision"), Field("display_date"),
        Field("title"),
        Field("type"),
        Field(
            "location",
            columns: ["place", "region", "country", "lat", "lon", "location_precision"]
                + sourceFields.map { "location_source_\($0)" }),
        Field("actors"),
        Field(
            "casualties",
            columns: Casualty.Kind.allCases.flatMap { kind in casualtyFields.map { "\(kind.rawValue)_\($0)" } }),
        Field("summary"), Field("body"),
        Field("sources", columns: sourceFields.map { "source_\($0)" }),
        Field("confidence"), Field("tags"), Field("highlight"), Field("published"), Field("updated"),
        Field("external_id"),
        Field("media", columns: ["url", "caption", "credit", "alt"].map { "media_\($0)" }),
    ]

    /// Every key, for the decoder.
    static let keys = Set(all.map(\.key))
    /// Every CSV column (the first source's and figure's; `EventDecoder.numberedColumn` reads the others).
    static let csvColumns = all.flatMap(\.columns)
}
