import Foundation

/// The report's events as data downloads: `data/events.json` and `data/events.csv`.
///
/// Both are a stable interface, versioned by `schemaVersion` (in the JSON, and described by
/// `data/events.schema.json`), and both are Dossier's own content formats: a download put in
/// `Content/events/` of another report (or read by `dossier import`) gives the same events.
/// The CSV uses the columns `dossier` reads from `Content/events/*.csv`, with numbered columns
/// for an event's second and further sources and casualty figures (`source_2_url`,
/// `killed_2_min`), so nothing is lost; cells that a spreadsheet would run as formulas are
/// written as text (`SpreadsheetFormulaGuard`), and read back as they were.
enum DataExport {
    /// The version of the downloads' shape. Raise it when a field changes meaning or goes away
    /// (a field added is not a new version); say what changed in docs/data-downloads.md.
    static let schemaVersion = 1

    /// The JSON download's shape: stable keys, sorted, for diffs between versions of a report.
    /// (`json(_:)` writes it record by record; a test checks it against encoding it whole.)
    struct Document: Encodable {
        var schema_version = DataExport.schemaVersion
        var title: String
        var events: [Record]
    }

    /// One event, with the keys and values of an event in `Content/events/*.yaml`: everything
    /// the event says, and nothing of where it sits in its file. So it is also what the preview
    /// compares to tell an edited event (`Event.hasSameContent`): a field that travels in the
    /// downloads is compared without being named again.
    struct Record: Encodable, Equatable {
        var builtIn: BuiltInFields
        /// The plain fields' values (`EventFields.plain`), under their keys beside the others.
        var declared: [String: EventFieldValue]

        init(_ event: Event) {
            builtIn = BuiltInFields(event)
            declared = event.declaredValues
        }

        func encode(to encoder: Encoder) throws {
            try builtIn.encode(to: encoder)
            guard !declared.isEmpty else { return }
            var container = encoder.container(keyedBy: FieldKey.self)
            for (key, value) in declared { try container.encode(value, forKey: FieldKey(stringValue: key)) }
        }
    }

    /// A key of the table's (`EventFields`), which no Swift type names.
    struct FieldKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The fields with code of their own, encoded as Swift spells them (`external_id`).
    struct BuiltInFields: Encodable, Equatable {
        init(_ event: Event) {
            id = event.id
            if event.date.isRange {
                start = event.date.start.iso
                end = event.date.end?.iso
            } else {
                date = event.date.start.iso
            }
            precision = event.date.precisionName
            display_date = event.date.display
            title = event.title
            type = event.type
            location = event.location.map {
                Location(
                    name: $0.name, region: $0.region, country: $0.country, lat: $0.latitude, lon: $0.longitude,
                    precision: $0.precision.rawValue, source: $0.source.map(SourceRecord.init))
            }
            actors = event.actors.map { ActorRole(id: $0.actorID, role: $0.role.rawValue) }
            casualties = event.casualties.map {
                CasualtyRecord(
                    kind: $0.kind.rawValue, min: $0.minimum, max: $0.maximum, approximate: $0.approximate, who: $0.who)
            }
            summary = event.summary?.text
            body = event.body?.text
            sources = event.sources.map(SourceRecord.init)
            confidence = event.confidence
            tags = event.tags
            highlight = event.highlight.map { $0.isEmpty ? .marked : .label($0) }
            published = event.published.map(Timestamp.rfc3339)
            external_id = event.externalID
            updated = event.updated.map(Timestamp.rfc3339)
            media = event.media.map { MediaRecord(url: $0.url, caption: $0.caption, credit: $0.credit, alt: $0.alt) }
            extra = event.extra.isEmpty ? nil : event.extra
            translations =
                event.translations.isEmpty
                ? nil
                : event.translations.mapValues {
                    TranslationRecord(
                        title: $0.title, display_date: $0.displayDate, summary: $0.summary?.text, body: $0.body?.text,
                        highlight: $0.highlight)
                }
        }

        var id: String
        /// A single date (`2024`, `2024-02`, `2024-02-07`), or `start` and `end` for a period.
        var date: String?
        var start: String?
        var end: String?
        /// The (start) date's precision: `day`, `month` or `year`; `week` for a day known to the week around it.
        var precision: String
        var display_date: String?
        var title: String
        var type: String
        var location: Location?
        var actors: [ActorRole]
        var casualties: [CasualtyRecord]
        var summary: String?
        var body: String?
        var sources: [SourceRecord]
        var confidence: String
        var tags: [String]
        var highlight: Highlight?
        /// Its id in the dataset it was imported from.
        var external_id: String?
        /// When the event was published in the report and last changed (RFC 3339, UTC).
        var published: String?
        var updated: String?
        var media: MediaRecord?
        /// Free-form values for the theme; not in the CSV, which has no column for a mapping.
        var extra: ExtraValue.Fields?
        /// The event's words in the report's other languages, by language (in the CSV, `title_ar` …).
        var translations: [String: TranslationRecord]?
    }

    struct TranslationRecord: Encodable, Equatable {
        var title: String?, display_date: String?, summary: String?, body: String?, highlight: String?
    }

    struct MediaRecord: Encodable, Equatable {
        var url: String, caption: String?, credit: String?, alt: String?
    }

    /// `true` marks a key event with its title; a string, with that short label.
    enum Highlight: Encodable, Equatable {
        case marked
        case label(String)

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .marked: try container.encode(true)
            case .label(let label): try container.encode(label)
            }
        }
    }

    struct Location: Encodable, Equatable {
        var name: String?, region: String?, country: String?, lat: Double?, lon: Double?
        var precision: String
        /// Where the coordinates come from, when the event's sources do not give them.
        var source: SourceRecord?
    }

    struct ActorRole: Encodable, Equatable {
        var id: String, role: String
    }

    struct CasualtyRecord: Encodable, Equatable {
        var kind: String, min: Int?, max: Int?, approximate: Bool, who: String?
    }

    struct SourceRecord: Encodable, Equatable {
        var publisher: String, url: String?, title: String?, author: String?, date: String?, quote: String?,
            via: String?

        init(_ source: Source) {
            publisher = source.publisher
            url = source.url
            title = source.title
            author = source.author
            date = source.date?.iso
            quote = source.quote
            via = source.via
        }
    }

    /// The whole `Document`, one event a line (`{"events":[` on the first line, the schema
    /// version and title on the last), encoded one event at a time on every core: the encoder
    /// builds a tree of the whole value before writing, which for 10,000 events held about 100
    /// MiB at the build's memory peak. Compact, since a third of the pretty-printed file was
    /// indentation; a line an event reads well with `grep` and line-based tools.
    static func json(_ report: Report) -> OutputFile {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let events = report.events
        let chunk = 256
        let parts = (events.count + chunk - 1) / chunk
        let encoded = ResultSlots<[UInt8]>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var bytes: [UInt8] = []
            for event in events[(part * chunk)..<min(events.count, (part + 1) * chunk)] {
                bytes.append(contentsOf: ",\n".utf8)
                bytes.append(contentsOf: (try? encoder.encode(Record(event))) ?? Data("{}".utf8))
            }
            encoded.set(part, bytes)
        }
        let title = (try? encoder.encode(report.config.title)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        var data = Data("{\"events\":[".utf8)
        data.reserveCapacity(encoded.values.reduce(data.count + 64 + title.utf8.count) { $0 + ($1?.count ?? 0) })
        for index in 0..<parts {
            guard let part = encoded.take(index) else { continue }
            // The first record follows the `[` and a line end, without the comma.
            data.append(contentsOf: index == 0 ? part.dropFirst() : part[...])
        }
        data.append(contentsOf: (events.isEmpty ? "]," : "\n],").utf8)
        data.append(contentsOf: "\"schema_version\":\(schemaVersion),\"title\":\(title)}\n".utf8)
        return OutputFile(path: SitePaths.eventsJSON, contents: .data(data))
    }

    /// The CSV's columns for this report: its `EventFields.csvColumns`, with numbered columns for
    /// the most sources and casualty figures of a kind that one event has, each group after the
    /// first's columns (`source_via`, then `source_2_publisher` … `source_2_via`, …).
    static func csvHeader(_ report: Report) -> [String] {
        let sources = report.events.reduce(1) { max($0, $1.sources.count) }
        var figures: [Casualty.Kind: Int] = [:]
        for event in report.events {
            for kind in Casualty.Kind.allCases {
                figures[kind] = max(figures[kind] ?? 1, event.casualties.count { $0.kind == kind })
            }
        }
        var header: [String] = []
        for column in report.eventFields.csvColumns {
            header.append(column)
            if column == EventDecoder.csvColumn("source", 1, "via"), sources > 1 {
                for number in 2...sources {
                    header += EventFields.sourceFields.map { EventDecoder.csvColumn("source", number, $0) }
                }
            }
            for kind in Casualty.Kind.allCases
            where column == EventDecoder.csvColumn(kind.rawValue, 1, "who") && (figures[kind] ?? 1) > 1 {
                for number in 2...(figures[kind] ?? 1) {
                    header += EventFields.casualtyFields.map { EventDecoder.csvColumn(kind.rawValue, number, $0) }
                }
            }
        }
        // The events' words in the report's other languages, a column a field and language
        // (`title_ar` … `highlight_ar`), last: the report's languages in order, then any other.
        var languages = Set<String>()
        for event in report.events { languages.formUnion(event.translations.keys) }
        let ordered =
            report.config.translationLanguages.filter(languages.contains)
            + languages.subtracting(report.config.translationLanguages).sorted()
        for language in ordered {
            header += EventTranslation.fields.map { EventTranslation.csvColumn($0, language) }
        }
        return header
    }

    /// One row an event, each value put at its column's position (known once for the whole
    /// file: a dictionary of cells per row and the numbered column names, made again for every
    /// source of every event, were most of this file's time).
    static func csv(_ report: Report) -> OutputFile {
        var writer = CSVRows()
        let header = csvHeader(report)
        writer.append(header)
        var position: [String: Int] = [:]
        for (index, column) in header.enumerated() where position[column] == nil { position[column] = index }
        /// The positions of a numbered group's fields (`source_2_publisher` … `source_2_via`), by number.
        var numbered: [String: [[Int?]]] = [:]
        func columns(_ group: String, _ number: Int, _ fields: [String]) -> [Int?] {
            var known = numbered[group, default: []]
            while known.count < number {
                let next = known.count + 1
                known.append(fields.map { position[EventDecoder.csvColumn(group, next, $0)] })
            }
            numbered[group] = known
            return known[number - 1]
        }
        let sourceColumns = { (group: String, number: Int) in columns(group, number, EventFields.sourceFields) }
        var row = [String](repeating: "", count: header.count)
        for event in report.events {
            for index in row.indices { row[index] = "" }
            func set(_ column: String, _ value: String?) {
                if let value, let index = position[column] { row[index] = value }
            }
            func setSource(_ source: Source, group: String, number: Int) {
                // In the order of `EventFields.sourceFields`.
                let values = [
                    source.publisher, source.title, source.url, source.author, source.date?.iso, source.quote,
                    source.via,
                ]
                for (index, value) in zip(sourceColumns(group, number), values) {
                    if let index, let value { row[index] = value }
                }
            }
            set("id", event.id)
            set("title", event.title)
            set("type", event.type)
            set("actors", event.actors.map { "\($0.actorID):\($0.role.rawValue)" }.joined(separator: "; "))
            set("confidence", event.confidence)
            set("tags", event.tags.joined(separator: "; "))
            set(event.date.isRange ? "start" : "date", event.date.start.iso)
            set("end", event.date.end?.iso)
            set("display_date", event.date.display)
            if event.date.withinWeek { set("precision", "week") }
            set("place", event.location?.name)
            set("region", event.location?.region)
            set("country", event.location?.country)
            set("lat", event.location?.latitude.map { String($0) })
            set("lon", event.location?.longitude.map { String($0) })
            // Written only where reading it back would not give the same precision.
            set(
                "location_precision",
                event.location.flatMap {
                    $0.precision == ($0.latitude == nil ? .country : .exact) ? nil : $0.precision.rawValue
                })
            if let source = event.location?.source { setSource(source, group: "location_source", number: 1) }
            for kind in Casualty.Kind.allCases {
                for (index, figure) in event.casualties.filter({ $0.kind == kind }).enumerated() {
                    // In the order of `EventFields.casualtyFields`.
                    let values = [
                        figure.minimum.map(String.init), figure.maximum.map(String.init),
                        figure.approximate ? "true" : "false", figure.who,
                    ]
                    for (column, value) in zip(
                        columns(kind.rawValue, index + 1, EventFields.casualtyFields), values)
                    {
                        if let column, let value { row[column] = value }
                    }
                }
            }
            set("summary", event.summary?.text)
            set("body", event.body?.text)
            for (index, source) in event.sources.enumerated() { setSource(source, group: "source", number: index + 1) }
            set("highlight", event.highlight.map { $0.isEmpty ? "true" : $0 })
            set("published", event.published.map(Timestamp.rfc3339))
            set("external_id", event.externalID)
            set("updated", event.updated.map(Timestamp.rfc3339))
            set("media_url", event.media?.url)
            set("media_caption", event.media?.caption)
            set("media_credit", event.media?.credit)
            set("media_alt", event.media?.alt)
            for (key, value) in event.declaredValues { set(key, value.csvText) }
            for (language, words) in event.translations {
                // In the order of `EventTranslation.fields`.
                let values = [words.title, words.displayDate, words.summary?.text, words.body?.text, words.highlight]
                for (field, value) in zip(EventTranslation.fields, values) {
                    set(EventTranslation.csvColumn(field, language), value)
                }
            }
            writer.append(row.map(SpreadsheetFormulaGuard.escaped))
        }
        return OutputFile(path: SitePaths.eventsCSV, contents: .data(writer.data))
    }
}

extension DataExport {
    /// `data/events.geojson`: one Feature per event with a point (RFC 7946: WGS 84, longitude
    /// first), for GIS tools and web maps. Events known only to their country have no point and
    /// are left out (the JSON download has every event).
    static func geoJSON(_ report: Report, eventURL: (String) -> String) -> OutputFile {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data("{\"type\":\"FeatureCollection\",\"features\":[".utf8)
        var first = true
        for event in report.events {
            guard let place = event.location, let point = place.point else { continue }
            let killed = event.casualties.first { $0.kind == .killed }
            let feature = Feature(
                geometry: .init(coordinates: [point.longitude, point.latitude]),
                properties: .init(
                    id: event.id, title: event.title, date: event.date.iso, type: event.type,
                    place: place.formatted.isEmpty ? nil : place.formatted, precision: place.precision.rawValue,
                    killed_min: killed?.minimum, killed_max: killed?.maximum, url: eventURL(event.id)
                )
            )
            guard let encoded = try? encoder.encode(feature) else { continue }
            data.append(contentsOf: (first ? "\n" : ",\n").utf8)
            data.append(encoded)
            first = false
        }
        data.append(contentsOf: "\n]}\n".utf8)
        return OutputFile(path: SitePaths.eventsGeoJSON, contents: .data(data))
    }

    struct Feature: Encodable {
        var type = "Feature"
        var geometry: Point
        var properties: Properties

        struct Point: Encodable {
            var type = "Point"
            var coordinates: [Double]
        }

        struct Properties: Encodable {
            /// `date` is ISO 8601 at the precision the sources give (`2024`, `2024-02`, `2024-02-07`, or a `start/end` period).
            var id: String, title: String, date: String, type: String, place: String?, precision: String
            var killed_min: Int?, killed_max: Int?
            var url: String
        }
    }
}
