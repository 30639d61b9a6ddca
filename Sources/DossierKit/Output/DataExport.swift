import Foundation

/// The report's events as data downloads: `data/events.json` and `data/events.csv`.
///
/// The CSV uses the same columns `dossier` reads from `Content/events/*.csv`, so a download can be
/// opened in a spreadsheet, edited and put back as content.
enum DataExport {
    /// The JSON download's shape: stable keys, sorted, for diffs between versions of a report.
    struct Document: Encodable {
        var title: String
        var events: [Record]
    }

    struct Record: Encodable {
        var id: String
        var date: String
        var date_precision: String
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
    }

    struct Location: Encodable {
        var name: String?, region: String?, country: String?, lat: Double?, lon: Double?
    }

    struct ActorRole: Encodable {
        var id: String, role: String
    }

    struct CasualtyRecord: Encodable {
        var kind: String, min: Int?, max: Int?, approximate: Bool, who: String?
    }

    struct SourceRecord: Encodable {
        var publisher: String, url: String, title: String?, date: String?, quote: String?, via: String?
    }

    static func json(_ report: Report) -> OutputFile {
        let events = report.events.map { event in
            Record(
                id: event.id, date: event.date.iso, date_precision: event.date.precisionLabel, display_date: event.date.display,
                title: event.title, type: event.type,
                location: event.location.map { Location(name: $0.name, region: $0.region, country: $0.country, lat: $0.latitude, lon: $0.longitude) },
                actors: event.actors.map { ActorRole(id: $0.actorID, role: $0.role.rawValue) },
                casualties: event.casualties.map { CasualtyRecord(kind: $0.kind.rawValue, min: $0.minimum, max: $0.maximum, approximate: $0.approximate, who: $0.who) },
                summary: event.summary?.text, body: event.body?.text,
                sources: event.sources.map { SourceRecord(publisher: $0.publisher, url: $0.url, title: $0.title, date: $0.date?.iso, quote: $0.quote, via: $0.via) },
                confidence: event.confidence, tags: event.tags
            )
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Document(title: report.config.title, events: events))) ?? Data("{}".utf8)
        return OutputFile(path: SitePaths.eventsJSON, contents: .data(data + Data("\n".utf8)))
    }

    static func csv(_ report: Report) -> OutputFile {
        var writer = CSVRows()
        writer.append(EventDecoder.csvColumns)
        for event in report.events {
            let killed = event.casualties.first { $0.kind == .killed }
            let injured = event.casualties.first { $0.kind == .injured }
            let source = event.sources.first
            let values: [String: String?] = [
                "id": event.id,
                "date": event.date.isRange ? nil : event.date.start.iso,
                "start": event.date.isRange ? event.date.start.iso : nil,
                "end": event.date.end?.iso,
                "display_date": event.date.display,
                "title": event.title,
                "type": event.type,
                "place": event.location?.name,
                "region": event.location?.region,
                "country": event.location?.country,
                "lat": event.location?.latitude.map { String($0) },
                "lon": event.location?.longitude.map { String($0) },
                "actors": event.actors.map { "\($0.actorID):\($0.role.rawValue)" }.joined(separator: "; "),
                "killed_min": killed?.minimum.map(String.init),
                "killed_max": killed?.maximum.map(String.init),
                "killed_approximate": killed.map { $0.approximate ? "true" : "false" },
                "killed_who": killed?.who,
                "injured_min": injured?.minimum.map(String.init),
                "injured_max": injured?.maximum.map(String.init),
                "injured_approximate": injured.map { $0.approximate ? "true" : "false" },
                "injured_who": injured?.who,
                "summary": event.summary?.text,
                "body": event.body?.text,
                "source_publisher": source?.publisher,
                "source_title": source?.title,
                "source_url": source?.url,
                "source_date": source?.date?.iso,
                "source_quote": source?.quote,
                "confidence": event.confidence,
                "tags": event.tags.joined(separator: "; "),
            ]
            writer.append(EventDecoder.csvColumns.map { (values[$0] ?? nil) ?? "" })
        }
        return OutputFile(path: SitePaths.eventsCSV, contents: .data(writer.data))
    }
}

/// Writes CSV rows (RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled).
///
/// Reading CSV content is CSV.swift's job; its writer, though, calls a closure and writes to a
/// stream for every code unit (about 0.2 s per 1,000 events), so the download is written here.
/// `EventFormatsTests` reads the download back with CSV.swift.
struct CSVRows {
    private(set) var data = Data()

    mutating func append(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { data.append(UInt8(ascii: ",")) }
            if field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
                data.append(UInt8(ascii: "\""))
                data.append(contentsOf: field.replacingOccurrences(of: "\"", with: "\"\"").utf8)
                data.append(UInt8(ascii: "\""))
            } else {
                data.append(contentsOf: field.utf8)
            }
        }
        data.append(0x0A)
    }
}
