import Foundation
import Yams

/// Reads Dossier's own data download (`data/events.json` or `data/events.csv` of a built site)
/// into an import batch: the events as they were, each written back in an event file's form,
/// with a stub for each actor and a type for each event type the report does not have.
///
/// The downloads carry actors' and types' ids, not their names: a stub is named from its id
/// (`kataib-hezbollah` → "Kataib Hezbollah"), which the import says, for the author to correct.
struct DossierImport {
    let file: String
    let log: DiagnosticLog
    /// Actors, event types, topics and pages the report has already, by id.
    var knownActors: Set<String> = []
    var knownTypes: Set<String> = []
    var knownTopics: Set<String> = []
    var knownPages: Set<String> = []
    /// The languages the report is translated into: an event's translations into others are
    /// left out, and the import says so (adding a language would publish a site in it).
    var knownLanguages: [String] = []

    func read(_ raw: String) -> ImportBatch? {
        var text = raw.hasPrefix("\u{FEFF}") ? String(raw.dropFirst()) : raw
        text = text.replacingOccurrences(of: "\r\n", with: "\n")
        let isJSON = text.first(where: { !$0.isWhitespace }).map { $0 == "{" || $0 == "[" } ?? false
        if !isJSON {
            let header = text.prefix { $0 != "\n" }.split(separator: ",").map {
                $0.trimmingCharacters(in: .init(charactersIn: "\" "))
            }
            guard header.contains("id"), header.contains("title"), header.contains("type") else {
                log.error(
                    SourceLocation(file: file, line: 1, column: 1),
                    "this is not a Dossier events download: it has no `id`, `title` and `type` columns",
                    hint:
                        "import a built site's data/events.json or data/events.csv; for an ACLED export use `dossier import acled`, for TimelineJS `dossier import timelinejs`"
                )
                return nil
            }
        }
        let fileLog = DiagnosticLog()
        let events = ContentLoader.decodeEvents(
            text, file: isJSON && !file.lowercased().hasSuffix(".json") ? file + ".json" : file, isCSV: !isJSON,
            log: fileLog)
        // Warnings (a source without a link, no source) are the report's to see when it checks.
        for diagnostic in fileLog.diagnostics where diagnostic.severity == .error { log.add(diagnostic) }
        guard !log.hasErrors else { return nil }
        if events.isEmpty, isJSON, !text.contains("\"events\"") {
            log.error(
                SourceLocation(file: file, line: 1, column: 1),
                "this is not a Dossier events download: it has no `events` list",
                hint: "import a built site's data/events.json or data/events.csv")
            return nil
        }
        var batch = ImportBatch()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var newActors: [String] = [], newTypes: [String] = [], newTopics: [String] = [], newPages: [String] = []
        let markdown = CommonMark()
        var leftOut: [String: Int] = [:]
        for event in events {
            var record = DataExport.Record(event)
            if let translations = record.builtIn.translations {
                for language in translations.keys where !knownLanguages.contains(language) {
                    leftOut[language, default: 0] += 1
                }
                let kept = translations.filter { knownLanguages.contains($0.key) }
                record.builtIn.translations = kept.isEmpty ? nil : kept
            }
            guard let data = try? encoder.encode(record),
                case .mapping(let mapping)? = try? Yams.compose(yaml: String(decoding: data, as: UTF8.self))
            else { continue }
            var fields: [(key: String, value: Node)] = []
            for (key, value) in Self.inOrder(mapping, Self.eventKeys) {
                // What the event file leaves out: empty lists, and the precision its date already says.
                if case .sequence(let items) = value, items.isEmpty { continue }
                if key == "precision", value.string != "week" { continue }
                if key == "confidence", value.string == "reported" { continue }
                fields.append((key, Self.restyled(value, key: key)))
            }
            // Every id this event names becomes a file name (an actor's stub, a page's) or a value in
            // site.yaml (a type): one that is not an id leaves the event out, whatever it holds.
            var references: [(kind: CrossReference.Kind?, id: String, role: String)] =
                [(nil, event.id, "its id"), (nil, event.type, "its type")]
                + event.actors.map { (.actor, $0.actorID, "one of its actors") }
            for text in [event.summary, event.body].compactMap({ $0 }) {
                for link in markdown.links(in: text) {
                    guard let reference = CrossReference(url: link.url) else { continue }
                    references.append((reference.kind, reference.id, "its link to a \(reference.kind.rawValue)"))
                }
            }
            if let bad = references.first(where: { Identifier.problem(with: $0.id) != nil }) {
                batch.skip([
                    .error(
                        event.origin,
                        "event `\(Self.shown(event.id))` left out: \(bad.role) is `\(Self.shown(bad.id))`, which is not an id",
                        hint:
                            "an id holds only lowercase letters a–z, digits and single hyphens (it names files and addresses); correct it in the file imported"
                    )
                ])
                continue
            }
            let month =
                event.date.start.precision == .year
                ? String(event.date.start.iso.prefix(4)) : String(event.date.start.iso.prefix(7))
            batch.events.append(.init(id: event.id, month: month, fields: fields, origin: event.origin))
            if !knownTypes.contains(event.type), !newTypes.contains(event.type) { newTypes.append(event.type) }
            // The actors and the text's cross-references (`actor:…`, `topic:…`, `page:…`) need their targets too.
            for reference in references {
                switch reference.kind {
                case .actor? where !knownActors.contains(reference.id) && !newActors.contains(reference.id):
                    newActors.append(reference.id)
                case .topic? where !knownTopics.contains(reference.id) && !newTopics.contains(reference.id):
                    newTopics.append(reference.id)
                case .page? where !knownPages.contains(reference.id) && !newPages.contains(reference.id):
                    newPages.append(reference.id)
                default: break
                }
            }
        }
        batch.topics = newTopics.map {
            .init(id: $0, title: Self.name(fromID: $0), start: nil, end: nil, tags: [], body: "")
        }
        batch.pages = newPages.map { ($0, Self.name(fromID: $0)) }
        batch.actors = newActors.map { .init(id: $0, name: Self.name(fromID: $0), kind: .organisation, aliases: []) }
        batch.types = newTypes.map { .init(id: $0, label: Self.name(fromID: $0)) }
        // A picture kept in the other site is not in the download: its file must come too.
        let localMedia = events.compactMap(\.media).filter(\.isLocal).map(\.url)
        if !localMedia.isEmpty {
            batch.notes.append(
                "\(Counted.text(localMedia.count, "event")) show\(localMedia.count == 1 ? "s" : "") a file of the other site (\(localMedia.prefix(3).joined(separator: ", "))\(localMedia.count > 3 ? ", …" : "")): copy \(localMedia.count == 1 ? "it" : "them") into Content/static/ (check says which are missing)"
            )
        }
        if let example = (newActors + newTypes + newTopics + newPages).first {
            batch.notes.append(
                "the download names actors, event types, topics and pages by id only: the new ones are named from their ids (`\(example)` → \"\(Self.name(fromID: example))\"); give them their real names and text"
            )
        }
        for (language, count) in leftOut.sorted(by: { $0.key < $1.key }) {
            batch.notes.append(
                "the translations of \(Counted.text(count, "event")) into \(language) were left out: the report is not published in \(language); to keep them, add it to site.yaml's `languages` and import again"
            )
        }
        return batch
    }

    /// An id as a message shows it: control characters escaped, at most 60 characters.
    static func shown(_ id: String) -> String {
        let escaped = id.unicodeScalars.map {
            $0.properties.generalCategory == .control || $0 == "`" ? "\\u{\(String($0.value, radix: 16))}" : String($0)
        }.joined()
        return escaped.count > 60 ? escaped.prefix(60) + "…" : escaped
    }

    /// `kataib-hezbollah` → "Kataib Hezbollah".
    static func name(fromID id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// Keys in the order an event file has them (the JSON encoder's order is not kept): the
    /// order they are declared in, but an import's own `external_id` next to the id it matches.
    static let eventKeys =
        ["id", "external_id"] + EventFields.standard.all.map(\.key).filter { $0 != "id" && $0 != "external_id" }
    static let nestedKeys: [String: [String]] = [
        "location": ["name", "region", "country", "lat", "lon", "precision", "source"],
        "actors": ["id", "role"],
        "casualties": ["kind", "count", "min", "max", "approximate", "who"],
        "sources": ["publisher", "title", "url", "author", "date", "quote", "via"],
        "source": ["publisher", "title", "url", "author", "date", "quote", "via"],
        "media": ["url", "caption", "credit", "alt"],
    ]

    /// The mapping's pairs with string keys, in the given order (others after, by name).
    static func inOrder(_ mapping: Node.Mapping, _ order: [String]) -> [(String, Node)] {
        let rank = { (key: String) in order.firstIndex(of: key) ?? order.count }
        return mapping.compactMap { pair in pair.key.string.map { ($0, pair.value) } }
            .sorted { (rank($0.0), $0.0) < (rank($1.0), $1.0) }
    }

    /// The value as an author writes it: keys in an event file's order, plain scalars where YAML
    /// allows, a block for text over several lines, a list of words on one line, a casualty
    /// figure known exactly as `count` (the JSON it came from quoted everything).
    static func restyled(_ node: Node, key: String? = nil) -> Node {
        switch node {
        case .scalar(let scalar):
            let style: Node.Scalar.Style = scalar.string.contains("\n") ? .literal : .any
            return .scalar(.init(scalar.string, scalar.tag, style))
        case .sequence(let sequence):
            let items = sequence.map { restyled($0, key: key) }
            let flow = items.allSatisfy { if case .scalar = $0 { return true } else { return false } }
            return .sequence(.init(items, sequence.tag, flow ? .flow : .block))
        case .mapping(let mapping):
            var pairs = inOrder(mapping, key.flatMap { nestedKeys[$0] } ?? [])
            if key == "casualties", let low = pairs.first(where: { $0.0 == "min" })?.1,
                let high = pairs.first(where: { $0.0 == "max" })?.1, low.string == high.string
            {
                pairs = pairs.filter { $0.0 != "max" }.map { $0.0 == "min" ? ("count", $0.1) : $0 }
            }
            return .mapping(.init(pairs.map { (Node.text($0.0), restyled($0.1, key: $0.0)) }, mapping.tag, .block))
        case .alias:
            return node
        }
    }
}
