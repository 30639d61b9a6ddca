import Foundation
import Yams

/// Reads an ACLED export (the CSV of ACLED's export tool or API) into an import batch.
///
/// The mapping, column by column, is in docs/importing.md. In short: `event_id_cnty` gives the
/// id (`acled-irq1234`) and `external_id`; `event_date` (`2024-01-28` or `28 January 2024`) at
/// the precision `time_precision` gives (1 day, 2 the week around it, 3 the month);
/// `event_type` the event type and `sub_event_type` a tag; `actor1` the perpetrator, `actor2`
/// the target, the associated actors participants, their kinds from `inter1`/`inter2`;
/// `location`, `admin1`, `country`, `latitude`, `longitude` the place, `geo_precision` how
/// precise (1 town, 2 district, 3 region); `fatalities` the killed; `notes` the summary;
/// `source` the sources (publishers without addresses, with ACLED itself cited with its
/// address); `civilian_targeting`, `tags` and `source_scale` tags; `timestamp` `updated`.
struct ACLEDImport {
    let file: String
    let log: DiagnosticLog
    /// Actors the report has already, by normalised name or alias: their ids are used.
    var knownActors: [String: String] = [:]
    /// Event types the report has already, by id and by lower-cased label.
    var knownTypes: [String: String] = [:]

    static let requiredColumns = [
        "event_id_cnty", "event_date", "event_type", "actor1", "country", "latitude", "longitude",
    ]
    /// ACLED's page, cited on every imported event: its sources carry no addresses.
    static let citation = (publisher: "ACLED", url: "https://acleddata.com/")

    /// The batch, or nil when the file is not an ACLED export (the error says what was expected).
    /// Row by row: each event goes to `each` as soon as its row is read, so an export of 100,000
    /// rows is never held as rows or events.
    func read(_ source: ImportSource, each: (ImportBatch.Event) -> Void) -> ImportBatch? {
        var batch = ImportBatch()
        var actors: [String: ImportBatch.Actor] = [:], actorOrder: [String] = []
        var types: [String: ImportBatch.EventType] = [:], typeOrder: [String] = []
        var checkedHeader = false, notACLED = false
        func row(_ row: DataNode) {
            guard !notACLED else { return }
            if !checkedHeader {
                checkedHeader = true
                let header = Set((row.mapEntries ?? []).map(\.key))
                let missing = Self.requiredColumns.filter { !header.contains($0) }
                guard missing.isEmpty else {
                    log.error(
                        SourceLocation(file: file, line: 1, column: 1),
                        "this is not an ACLED export: it has no \(missing.map { "`\($0)`" }.joined(separator: ", ")) column\(missing.count == 1 ? "" : "s")",
                        hint:
                            "export the events from ACLED's export tool or API as CSV; its first row names the columns (event_id_cnty, event_date, …)"
                    )
                    notACLED = true
                    return
                }
            }
            let rowLog = DiagnosticLog()
            guard let fields = FieldReader(row, subject: "the row", log: rowLog),
                var event = event(
                    fields, log: rowLog, actors: &actors, actorOrder: &actorOrder, types: &types, typeOrder: &typeOrder)
            else {
                batch.skip(rowLog.diagnostics.filter { $0.severity == .error })
                return
            }
            event.origin = row.location
            each(event)  // (a row given twice is found where events are sorted: `ContentImport.EventSorter`)
        }
        // A block of rows at a time (`CSVBlocks`): an export is never held whole, whatever its size.
        let read = CSVBlocks.rows(
            source.url, display: file, log: log, delimiter: Self.delimiter,
            firstBlock: { block in
                guard let first = block.first(where: { !$0.isWhitespace }), first == "{" || first == "[" else {
                    return true
                }
                log.error(
                    SourceLocation(file: file, line: 1, column: 1), "this file is JSON, not an ACLED export",
                    hint:
                        "`dossier import acled` reads the CSV of ACLED's export tool; for a TimelineJS file use `dossier import timelinejs`"
                )
                return false
            }
        ) { found in
            row(found)
            return !notACLED
        }
        guard read, !notACLED else { return nil }
        batch.actors = actorOrder.compactMap { actors[$0] }
        batch.types = typeOrder.compactMap { types[$0] }
        return batch
    }

    /// A European spreadsheet saves CSV with semicolons.
    static func delimiter(_ firstLine: Substring) -> UnicodeScalar {
        firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
    }

    // MARK: One row

    private func event(
        _ fields: FieldReader, log: DiagnosticLog, actors: inout [String: ImportBatch.Actor],
        actorOrder: inout [String],
        types: inout [String: ImportBatch.EventType], typeOrder: inout [String]
    ) -> ImportBatch.Event? {
        guard let externalID = fields.string("event_id_cnty", required: true) else { return nil }
        let id = Self.id(externalID)
        guard let dateText = fields.string("event_date", required: true) else { return nil }
        guard let day = Self.date(dateText) else {
            log.error(
                fields.locationOf("event_date"), "`\(dateText)` is not a date ACLED writes",
                hint: "ACLED writes 2024-01-28 or 28 January 2024")
            return nil
        }
        var date = day.iso, precision: String?
        switch fields.string("time_precision") ?? "1" {
        case "1": break
        case "2": precision = "week"
        case "3": date = PartialDate(year: day.year, month: day.month).iso
        case let other:
            log.error(
                fields.locationOf("time_precision"), "unknown time_precision `\(other)`",
                hint: "ACLED's time_precision is 1 (day), 2 (week) or 3 (month)")
            return nil
        }
        // The event type, as the report names it or as a new one.
        guard let typeName = fields.string("event_type", required: true) else { return nil }
        let typeID =
            knownTypes[typeName.lowercased()] ?? knownTypes[Identifier.suggestion(from: typeName)]
            ?? Identifier.suggestion(from: typeName)
        if knownTypes[typeName.lowercased()] == nil, knownTypes[typeID] == nil, types[typeID] == nil {
            types[typeID] = .init(id: typeID, label: typeName)
            typeOrder.append(typeID)
        }
        // The place.
        let latitude = fields.double("latitude"), longitude = fields.double("longitude")
        if let latitude, !(-90...90).contains(latitude) {
            log.error(
                fields.locationOf("latitude"), "latitude \(latitude) is out of range",
                hint: "latitude runs from -90 to 90")
            return nil
        }
        if let longitude, !(-180...180).contains(longitude) {
            log.error(
                fields.locationOf("longitude"), "longitude \(longitude) is out of range",
                hint: "longitude runs from -180 to 180")
            return nil
        }
        let hasPoint = latitude != nil && longitude != nil
        let placePrecision: String? =
            hasPoint
            ? ["1": "town", "2": "district", "3": "region"][fields.string("geo_precision") ?? "1"] ?? "town" : nil
        let place = fields.string("location")
        let location = Node.ordered([
            ("name", place.map { Node.text($0) }), ("region", fields.string("admin1").map { Node.text($0) }),
            ("country", fields.string("country").map { Node.text($0) }),
            ("lat", hasPoint ? latitude.map { Node.text(String($0)) } : nil),
            ("lon", hasPoint ? longitude.map { Node.text(String($0)) } : nil),
            ("precision", placePrecision.map { Node.text($0) }),
        ])
        // Actors: actor1 acts, actor2 is acted on, the associated actors take part.
        var involved: [(id: String, role: String)] = []
        func add(_ name: String?, role: String, kindCode: String?) {
            guard let name, !name.isBlank else { return }
            let actorID = actorID(name, kindCode: kindCode, actors: &actors, order: &actorOrder)
            if !involved.contains(where: { $0.id == actorID }) { involved.append((actorID, role)) }
        }
        add(fields.string("actor1"), role: "perpetrator", kindCode: fields.string("inter1"))
        add(fields.string("actor2"), role: "target", kindCode: fields.string("inter2"))
        for (column, code) in [("assoc_actor_1", "inter1"), ("assoc_actor_2", "inter2")] {
            for name in Self.list(fields.string(column)) { add(name, role: "participant", kindCode: code) }
        }
        // Sources: publishers' names, and ACLED itself with its address.
        var sources = Self.list(fields.string("source")).map { Node.ordered([("publisher", Node.text($0))]) }
        sources.append(
            Node.ordered([
                ("publisher", Node.text(Self.citation.publisher)), ("title", Node.text("ACLED event \(externalID)")),
                ("url", Node.text(Self.citation.url)),
            ]))
        var tags: [String] = []
        for value in [fields.string("sub_event_type")] + Self.list(fields.string("tags")).map(Optional.init) {
            if let value { tags.append(Identifier.suggestion(from: value)) }
        }
        if let targeting = fields.string("civilian_targeting"), !targeting.isBlank { tags.append("civilian-targeting") }
        if let scale = fields.string("source_scale"), !scale.isBlank {
            tags.append("source-scale-" + Identifier.suggestion(from: scale))
        }
        var uniqueTags: [String] = []
        for tag in tags where !uniqueTags.contains(tag) { uniqueTags.append(tag) }
        let killed = fields.integer("fatalities") ?? 0
        var updated: String?
        if let stamp = fields.string("timestamp"), !stamp.isBlank {
            // Seconds since 1970; `nan`, `inf` or a number past the year 9999 is no moment.
            guard let seconds = Double(stamp), seconds.isFinite, (0...253_402_300_799).contains(seconds) else {
                log.error(
                    fields.locationOf("timestamp"), "timestamp `\(stamp)` is not a moment ACLED writes",
                    hint:
                        "ACLED's timestamp counts the seconds since 1 January 1970 (1706745600); leave it empty if unknown"
                )
                return nil
            }
            updated = Timestamp.rfc3339(Date(timeIntervalSince1970: seconds))
        }
        let subType = fields.string("sub_event_type") ?? typeName
        let title = place.map { "\(subType) in \($0)" } ?? subType
        guard !log.hasErrors else { return nil }
        return ImportBatch.Event(
            id: id, month: String(day.iso.prefix(7)),
            fields: [
                ("id", Node.text(id)), ("external_id", Node.text(externalID)), ("date", Node.text(date)),
                ("precision", precision.map { Node.text($0) }),
                ("title", Node.text(title)), ("type", Node.text(typeID)), ("location", location),
                (
                    "actors",
                    involved.isEmpty
                        ? nil
                        : Node.list(
                            involved.map { Node.ordered([("id", Node.text($0.id)), ("role", Node.text($0.role))]) })
                ),
                (
                    "casualties",
                    killed > 0
                        ? Node.list([
                            Node.ordered([("kind", Node.text("killed")), ("count", Node.text(String(killed)))])
                        ]) : nil
                ),
                // ACLED's notes are plain text: `<unknown>` or `*` mean what they say, not markup.
                ("summary", fields.string("notes").map { Node.text(HTMLToMarkdown.escaped($0)) }),
                ("sources", Node.list(sources)),
                ("tags", uniqueTags.isEmpty ? nil : Node.flowList(uniqueTags)),
                ("updated", updated.map { Node.text($0) }),
            ].compactMap { key, value in value.map { (key, $0) } })
    }

    /// `acled-irq1234`: the same on every import. An id in another script gets a digest of it, so
    /// two such ids stay two events.
    static func id(_ externalID: String) -> String {
        let slug = Identifier.suggestion(from: externalID)
        let latin = externalID.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
            .allSatisfy(\.isASCII)
        guard slug == "item" || !latin else { return "acled-" + slug }
        return "acled-" + StableID.nameBased(externalID, in: StableID.urlNamespace).uuidString.lowercased().prefix(8)
    }

    /// The actor's id: the report's own actor of that name, or a new one. Names that differ
    /// only in case, spacing or a trailing date range (`… (2021-)`) are one actor; each exact
    /// name other than its name is kept as an alias.
    private func actorID(
        _ exact: String, kindCode: String?, actors: inout [String: ImportBatch.Actor], order: inout [String]
    ) -> String {
        let name = Self.baseName(exact)
        let key = Self.normalised(name)
        if let known = knownActors[key] ?? knownActors[Self.normalised(exact)] { return known }
        var id = Identifier.suggestion(from: name)
        if id == "item" || id.count < 2 {
            // A name in another script: an id from its digest, the same on every import.
            id = "actor-" + StableID.nameBased(key, in: StableID.urlNamespace).uuidString.lowercased().prefix(8)
        }
        if var actor = actors[id] {
            if exact != actor.name, !actor.aliases.contains(exact) { actor.aliases.append(exact) }
            actors[id] = actor
        } else {
            actors[id] = .init(id: id, name: name, kind: Self.kind(kindCode), aliases: exact == name ? [] : [exact])
            order.append(id)
        }
        return id
    }

    /// ACLED's actor types (`inter1`, `inter2`: a number, or its words in newer exports).
    static func kind(_ code: String?) -> DossierKit.Actor.Kind {
        switch code?.lowercased() ?? "" {
        case "1", "state forces": return .military
        case "2", "rebel groups", "3", "political militias", "4", "identity militias": return .armedGroup
        default: return .organisation
        }
    }

    /// The name without a trailing date range: `Military Forces of the United States (2021-)`.
    static func baseName(_ name: String) -> String {
        let trimmed = name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if let range = trimmed.range(of: #"\s*\(\d{4}\s*-\s*(\d{4})?\)$"#, options: .regularExpression) {
            return String(trimmed[..<range.lowerBound])
        }
        return trimmed
    }

    static func normalised(_ name: String) -> String {
        baseName(name).lowercased()
    }

    /// A semicolon list, trimmed, without empty items.
    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ]

    /// `2024-01-28` or `28 January 2024` (also `28-January-2024`, `28 Jan 2024`).
    static func date(_ text: String) -> PartialDate? {
        if case .success(let date) = PartialDate.parse(text), date.precision == .day { return date }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" })
        // A year of four digits: `28 January -5` is no date ACLED writes.
        guard parts.count == 3, parts[2].count == 4, text.filter({ $0 == "-" }).count != 1, let day = Int(parts[0]),
            let year = Int(parts[2]),
            let month = months.firstIndex(where: { $0.hasPrefix(parts[1].lowercased()) && parts[1].count >= 3 })
        else { return nil }
        guard case .success(let date) = PartialDate.parse(String(format: "%04d-%02d-%02d", year, month + 1, day)) else {
            return nil
        }
        return date
    }
}
