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
        public var events = 0, actors = 0, types = 0, topics = 0
        /// What the import could not carry over, one line each.
        public var notes: [String] = []
        /// Events this import made before that the new export changes, replaced.
        public var updated = 0
        /// Events the report has that the import did not make, or that were edited by hand
        /// since and that the export changes too: kept as they are (or replaced, if asked).
        public var conflicts: [Diagnostic] = []
        /// Events the report had already, left as they are (unchanged in the export, or removed by hand).
        public var alreadyThere = 0
        public var skipped: [Diagnostic] = []
        /// What the file calls a record ("row", "slide").
        public var recordName = "row"

        /// The one line an import ends with.
        public var summary: String {
            var parts = [Counted.text(events, "event"), Counted.text(actors, "new actor"), Counted.text(types, "new event type")]
            if topics > 0 { parts.append(Counted.text(topics, "new topic")) }
            if updated > 0 { parts.append("\(updated) updated") }
            if !conflicts.isEmpty { parts.append("\(Counted.text(conflicts.count, "conflict")) (see the warnings above)") }
            if alreadyThere > 0 { parts.append("\(alreadyThere) already in the report, left as they are") }
            if !skipped.isEmpty { parts.append("\(Counted.text(skipped.count, recordName)) skipped (see the errors above)") }
            return parts.joined(separator: ", ")
        }
    }

    /// Which side wins when an event was edited by hand since it was imported and the new
    /// export changes it too.
    public enum ConflictChoice: String, CaseIterable, Sendable {
        /// Keep the hand-edited event (the default), and report the conflict.
        case keep
        /// Replace it with the export's, and report that it did.
        case replace
    }

    public init(content: URL, displayName: String, source: String) {
        self.content = content
        self.displayName = displayName
        self.source = source
    }

    /// Colours for new event types, distinct from each other (Tableau 10), those the report
    /// uses already left out.
    static let palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]

    func write(_ batch: ImportBatch, existing: LoadedContent?, dryRun: Bool, onConflict: ConflictChoice = .keep) throws -> Outcome {
        var outcome = Outcome(notes: batch.notes, skipped: batch.skipped, recordName: batch.recordName)
        let known = Set(existing?.events.map(\.id) ?? [])
        var record = ImportRecord.read(content.appendingPathComponent(ImportRecord.path(source)))
        var writes: [(url: URL, text: String, append: Bool)] = []
        // Events the report has: updated where this import made them and no one changed them since.
        let imported = ImportedFiles(folder: content.appendingPathComponent("events/\(source)"))
        var replacements: [String: [(range: Range<Int>, text: String)]] = [:]
        var events: [ImportBatch.Event] = []
        for event in batch.events {
            guard known.contains(event.id) || record.events[event.id] != nil else {
                events.append(event)
                continue
            }
            let text = ImportBatch.yaml([event])
            let digest = ImportRecord.digest(text)
            guard known.contains(event.id) else {
                outcome.alreadyThere += 1  // removed by hand: not added again
                continue
            }
            let current = imported.item(event.id)
            let lastImported = record.events[event.id]
            if digest == lastImported || current?.text == text {
                outcome.alreadyThere += 1  // the export has not changed it, or it is as the export has it
                continue
            }
            let editedByHand = current.map { ImportRecord.digest($0.text) != lastImported } ?? true
            if let current, !editedByHand || onConflict == .replace {
                replacements[current.file, default: []].append((current.range, text))
                record.events[event.id] = digest
                outcome.updated += 1
                if editedByHand {
                    outcome.conflicts.append(.warning(SourceLocation(file: displayName + "/events/\(source)/" + current.file, line: current.line),
                        "event `\(event.id)` was edited by hand since it was imported; replaced with the new export's, as asked (--on-conflict replace)"))
                }
                continue
            }
            let location = current.map { SourceLocation(file: displayName + "/events/\(source)/" + $0.file, line: $0.line) }
                ?? SourceLocation(file: displayName + "/events")
            outcome.conflicts.append(.warning(location,
                "event `\(event.id)` was \(current == nil ? "moved out of events/\(source)/ or made by hand" : "edited by hand") since it was imported, and the new export changes it too; kept yours",
                hint: "compare it with the export and merge by hand, or import again with --on-conflict replace to take the export's"))
        }
        for (file, changes) in replacements.sorted(by: { $0.key < $1.key }) {
            let url = content.appendingPathComponent("events/\(source)/\(file)")
            var bytes = Array(((try? Data(contentsOf: url)) ?? Data()))
            for change in changes.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
                bytes.replaceSubrange(change.range, with: Array(change.text.utf8))
            }
            writes.append((url, String(decoding: bytes, as: UTF8.self), false))
            outcome.files.append(("events/\(source)/\(file)", "\(Counted.text(changes.count, "event")) updated"))
        }
        outcome.events = events.count
        // New events, one file per month, in the order of the export.
        var months: [String: [ImportBatch.Event]] = [:], monthOrder: [String] = []
        for event in events {
            if months[event.month] == nil { monthOrder.append(event.month) }
            months[event.month, default: []].append(event)
            record.events[event.id] = ImportRecord.digest(ImportBatch.yaml([event]))
        }
        for month in monthOrder.sorted() {
            let path = "events/\(source)/\(month).yaml"
            let url = content.appendingPathComponent(path)
            let exists = FileManager.default.fileExists(atPath: url.path)
            // Item by item, as the record's digests are taken.
            var text = (months[month] ?? []).map { ImportBatch.yaml([$0]) }.joined()
            if !exists { text = "# Imported by `dossier import \(source)`: edit freely.\n" + text }
            if let index = writes.firstIndex(where: { $0.url == url }) {
                writes[index].text += writes[index].text.hasSuffix("\n") ? text : "\n" + text
            } else {
                writes.append((url, text, exists))
            }
            outcome.files.append((path, exists ? "\(Counted.text(months[month]?.count ?? 0, "event")) added" : Counted.text(months[month]?.count ?? 0, "event")))
        }
        if outcome.events > 0 || outcome.updated > 0 {
            writes.append((content.appendingPathComponent(ImportRecord.path(source)), record.json, false))
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
        // Topics the report does not have (eras, groups).
        let knownTopics = Set(existing?.topics.map(\.id) ?? [])
        for topic in batch.topics where !knownTopics.contains(topic.id) {
            let path = "topics/\(topic.id).md"
            let url = content.appendingPathComponent(path)
            guard !FileManager.default.fileExists(atPath: url.path) else { continue }
            writes.append((url, Self.topicFile(topic), false))
            outcome.files.append((path, "new topic"))
            outcome.topics += 1
        }
        // Pages the events' text links to.
        let knownPages = Set(existing?.pages.map(\.id) ?? [])
        for page in batch.pages where !knownPages.contains(page.id) {
            let path = "pages/\(page.id).md"
            let url = content.appendingPathComponent(path)
            guard !FileManager.default.fileExists(atPath: url.path) else { continue }
            writes.append((url, "---\ntitle: \(Self.quoted(page.title))\n---\nImported; write \(page.title) here.\n", false))
            outcome.files.append((path, "new page"))
        }
        // site.yaml: the report's title and description where it has none, and new event types.
        let siteURL = content.appendingPathComponent("site.yaml")
        var siteText = (try? String(contentsOf: siteURL, encoding: .utf8)) ?? ""
        var siteChanges: [String] = []
        for (key, value) in [("title", batch.siteTitle), ("description", batch.siteDescription)] {
            guard let value else { continue }
            // A new report's placeholder, as `dossier new` wrote it, is no title of the author's.
            if let placeholder = NewReport.placeholderLines.first(where: { $0.hasPrefix(key + ":") }),
               siteText.components(separatedBy: "\n").contains(placeholder) {
                siteText = siteText.components(separatedBy: "\n").map { $0 == placeholder ? "\(key): \(Self.quoted(value))" : $0 }.joined(separator: "\n")
                siteChanges.append(key)
            } else if Self.hasTopLevelKey(key, in: siteText) {
                outcome.notes.append("the timeline's \(key) was not used: site.yaml has one (\(Self.quoted(value)))")
            } else {
                siteText = Self.addingTopLevelKey(key, Self.quoted(value), to: siteText)
                siteChanges.append(key)
            }
        }
        let knownTypes = Set(existing?.config.eventTypes.map(\.id) ?? [])
        let newTypes = batch.types.filter { !knownTypes.contains($0.id) }
        if !newTypes.isEmpty {
            let url = siteURL
            let text = siteText
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
            siteText = updated
            siteChanges.append("\(Counted.text(newTypes.count, "event type")) added to event_types")
            outcome.types = newTypes.count
        }
        if !siteChanges.isEmpty {
            writes.append((siteURL, siteText, false))
            outcome.files.append(("site.yaml", siteChanges.joined(separator: ", ")))
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

    /// A topic's Markdown file: front matter (title, its period, the tags that select its events) and its text.
    static func topicFile(_ topic: ImportBatch.Topic) -> String {
        var text = "---\ntitle: \(quoted(topic.title))\n"
        if let start = topic.start { text += "start: \(start.iso)\n" }
        if let end = topic.end { text += "end: \(end.iso)\n" }
        text += "tags: [\(topic.tags.joined(separator: ", "))]\n---\n"
        return text + (topic.body.isBlank ? "Imported; describe \(topic.title) here.\n" : topic.body + "\n")
    }

    /// Whether the YAML has the key at its top level (a line starting `key:`).
    static func hasTopLevelKey(_ key: String, in text: String) -> Bool {
        text.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.hasPrefix(key + ":") }
    }

    /// The YAML with `key: value` added: after the `title:` line for a description, else after the
    /// `id:` line or at the top (after leading comments), so the author's lines stay as they were.
    static func addingTopLevelKey(_ key: String, _ value: String, to text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        let line = "\(key): \(value)"
        if key == "description", let title = lines.firstIndex(where: { $0.hasPrefix("title:") }) {
            lines.insert(line, at: title + 1)
        } else if let id = lines.firstIndex(where: { $0.hasPrefix("id:") }) {
            lines.insert(line, at: id + 1)  // after the id and its comment
        } else {
            let first = lines.firstIndex { !$0.hasPrefix("#") && !$0.hasPrefix("---") } ?? 0
            lines.insert(line, at: first)
        }
        return lines.joined(separator: "\n")
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
