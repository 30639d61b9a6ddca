import CSV
import Foundation

/// The report's events as data downloads: `data/events.json` and `data/events.csv`.
///
/// The CSV uses the same columns `dossier` reads from `Content/events/*.csv`, so a download can be
/// opened in a spreadsheet, edited and put back as content.
enum DataExport {
    static func json(_ report: Report) -> OutputFile {
        let events: [[String: Any]] = report.events.map { event in
            var record: [String: Any] = [
                "id": event.id,
                "date": event.date.iso,
                "date_precision": event.date.precisionLabel,
                "title": event.title,
                "type": event.type,
                "confidence": event.confidence,
                "actors": event.actors.map { ["id": $0.actorID, "role": $0.role.rawValue] },
                "casualties": event.casualties.map { casualty -> [String: Any] in
                    var entry: [String: Any] = ["kind": casualty.kind.rawValue, "approximate": casualty.approximate]
                    if let minimum = casualty.minimum { entry["min"] = minimum }
                    if let maximum = casualty.maximum { entry["max"] = maximum }
                    if let who = casualty.who { entry["who"] = who }
                    return entry
                },
                "sources": event.sources.map { source -> [String: Any] in
                    var entry: [String: Any] = ["publisher": source.publisher, "url": source.url]
                    if let title = source.title { entry["title"] = title }
                    if let date = source.date { entry["date"] = date.iso }
                    if let quote = source.quote { entry["quote"] = quote }
                    if let via = source.via { entry["via"] = via }
                    return entry
                },
                "tags": event.tags,
            ]
            if let display = event.date.display { record["display_date"] = display }
            if let place = event.location {
                var location: [String: Any] = [:]
                if let name = place.name { location["name"] = name }
                if let region = place.region { location["region"] = region }
                if let country = place.country { location["country"] = country }
                if let latitude = place.latitude, let longitude = place.longitude {
                    location["lat"] = latitude
                    location["lon"] = longitude
                }
                record["location"] = location
            }
            if let summary = event.summary { record["summary"] = summary.text }
            if let body = event.body { record["body"] = body.text }
            return record
        }
        let document: [String: Any] = ["title": report.config.title, "events": events]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return OutputFile(path: SitePaths.eventsJSON, contents: .data(data + Data("\n".utf8)))
    }

    static func csv(_ report: Report) throws -> OutputFile {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: EventDecoder.csvColumns)
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
            try writer.write(row: EventDecoder.csvColumns.map { (values[$0] ?? nil) ?? "" })
        }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return OutputFile(path: SitePaths.eventsCSV, contents: .data(data + Data("\n".utf8)))
    }
}
