import Foundation

/// Writes an import batch into a report's content folder as ordinary content: events in one
/// YAML file per month under `events/<source>/`, a Markdown stub per new actor, and the new
/// event types appended to `site.yaml`'s `event_types` list (as lines added to the file, so the
/// author's comments and order stay as they were).
///
/// It adds and never replaces: an actor whose file exists is left as it is, an event whose id
/// the report has already is not written again (matching an updated export to the events it
/// made, and keeping hand edits, is the next step: see docs/importing.md), and events for a
/// month whose file exists are appended to it.
public struct ContentImport {
    public let content: URL
    /// How the content folder is named in messages.
    public let displayName: String
    /// The subfolder of `events/` the files go in (`acled`).
    public let source: String

    public struct Outcome {
        /// Paths written (or, in a dry run, that would be), relative to the content folder, with what each gets.
        public var files: [(path: String, change: String)] = []
        public var events = 0, actors = 0, types = 0
        /// Events the report had already, left as they are.
        public var alreadyThere = 0
        public var skipped: [Diagnostic] = []

        /// The one line an import ends with.
        public var summary: String {
            var parts = [Counted.text(events, "event"), Counted.text(actors, "new actor"), Counted.text(types, "new event type")]
            if alreadyThere > 0 { parts.append("\(alreadyThere) already in the report, left as they are") }
            if !skipped.isEmpty { parts.append("\(Counted.text(skipped.count, "row")) skipped (see the errors above)") }
            return parts.joined(separator: ", ")
        }
    }

    public init(content: URL, displayName: String, source: String) {
        self.content = content
        self.displayName = displayName
        self.source = source
    }

    /// Colours for new event types, distinct from each other (Tableau 10), those the report
    /// uses already left out.
    static let palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]

    func write(_ batch: ImportBatch, existing: LoadedContent?, dryRun: Bool) throws -> Outcome {
        var outcome = Outcome(skipped: batch.skipped)
        let known = Set(existing?.events.map(\.id) ?? [])
        let events = batch.events.filter { !known.contains($0.id) }
        outcome.alreadyThere = batch.events.count - events.count
        outcome.events = events.count
        var writes: [(url: URL, text: String, append: Bool)] = []
        // Events, one file per month, in the order of the export.
        var months: [String: [ImportBatch.Event]] = [:], monthOrder: [String] = []
        for event in events {
            if months[event.month] == nil { monthOrder.append(event.month) }
            months[event.month, default: []].append(event)
        }
        for month in monthOrder.sorted() {
            let path = "events/\(source)/\(month).yaml"
            let url = content.appendingPathComponent(path)
            let exists = FileManager.default.fileExists(atPath: url.path)
            var text = ImportBatch.yaml(months[month] ?? [])
            if !exists { text = "# Imported by `dossier import \(source)`: edit freely.\n" + text }
            writes.append((url, text, exists))
            outcome.files.append((path, exists ? "\(Counted.text(months[month]?.count ?? 0, "event")) added" : Counted.text(months[month]?.count ?? 0, "event")))
        }
        // Actors the report does not have.
        let knownActors = Set(existing?.actors.map(\.id) ?? [])
        for actor in batch.actors where !knownActors.contains(actor.id) {
            let path = "actors/\(actor.id).md"
            let url = content.appendingPathComponent(path)
            guard !FileManager.default.fileExists(atPath: url.path) else { continue }
            writes.append((url, Self.stub(actor), false))
            outcome.files.append((path, "new actor"))
            outcome.actors += 1
        }
        // Event types, appended to site.yaml.
        let knownTypes = Set(existing?.config.eventTypes.map(\.id) ?? [])
        let newTypes = batch.types.filter { !knownTypes.contains($0.id) }
        if !newTypes.isEmpty {
            let url = content.appendingPathComponent("site.yaml")
            let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            let used = Set(existing?.config.eventTypes.map { $0.colour.lowercased() } ?? [])
            var colours = Self.palette.filter { !used.contains($0) }
            if colours.count < newTypes.count { colours += Self.palette }
            let entries = zip(newTypes, colours).map { type, colour in
                "{ id: \(type.id), label: \(Self.quoted(type.label)), colour: \"\(colour)\" }"
            }
            guard let updated = Self.addingEventTypes(entries, to: text) else {
                throw ImportFailure("\(displayName)/site.yaml writes `event_types` on one line; add these types to it by hand and import again:\n"
                                    + entries.map { "  - " + $0 }.joined(separator: "\n"))
            }
            writes.append((url, updated, false))
            outcome.files.append(("site.yaml", "\(Counted.text(newTypes.count, "event type")) added to event_types"))
            outcome.types = newTypes.count
        }
        guard !dryRun else { return outcome }
        for write in writes {
            try FileManager.default.createDirectory(at: write.url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if write.append, let handle = try? FileHandle(forWritingTo: write.url) {
                defer { try? handle.close() }
                try handle.seekToEnd()
                // The file may not end with a line break.
                let existing = (try? Data(contentsOf: write.url)) ?? Data()
                if let last = existing.last, last != 0x0A { try handle.write(contentsOf: Data("\n".utf8)) }
                try handle.write(contentsOf: Data(write.text.utf8))
            } else {
                try Data(write.text.utf8).write(to: write.url, options: .atomic)
            }
        }
        return outcome
    }

    /// An actor's Markdown stub: front matter and one line to replace.
    static func stub(_ actor: ImportBatch.Actor) -> String {
        var text = "---\nname: \(quoted(actor.name))\nkind: \(actor.kind.rawValue)\n"
        if !actor.aliases.isEmpty { text += "aliases: [\(actor.aliases.map(quoted).joined(separator: ", "))]\n" }
        return text + "---\nImported; describe \(actor.name) here.\n"
    }

    /// A YAML scalar in double quotes (escaped as JSON, which YAML reads).
    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }

    /// `site.yaml` with the entries appended to its block list `event_types:`, at that list's
    /// indentation, after its last item; or a new `event_types:` at the end. Nil when the list
    /// is written on one line (`event_types: [...]`), which cannot be extended line by line.
    static func addingEventTypes(_ entries: [String], to text: String) -> String? {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        guard let start = lines.firstIndex(where: { $0.hasPrefix("event_types:") }) else {
            return (lines + ["event_types:"] + entries.map { "  - " + $0 }).joined(separator: "\n") + "\n"
        }
        let rest = lines[start].dropFirst("event_types:".count).trimmingCharacters(in: .whitespaces)
        guard rest.isEmpty || rest.hasPrefix("#") else { return nil }
        // The block: indented, blank or comment lines after the key.
        var end = start, indent = "  "
        var index = start + 1
        while index < lines.count, lines[index].isEmpty || lines[index].first == " " || lines[index].first == "#" || lines[index].hasPrefix("- ") {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("- ") {
                indent = String(lines[index].prefix { $0 == " " })
                end = index
            } else if !trimmed.isEmpty, !trimmed.hasPrefix("#") {
                end = index  // a continued item
            }
            index += 1
        }
        lines.insert(contentsOf: entries.map { indent + "- " + $0 }, at: end + 1)
        return lines.joined(separator: "\n") + "\n"
    }
}

public struct ImportFailure: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
