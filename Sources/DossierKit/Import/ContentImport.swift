import Foundation
import Yams

/// Plans what an import batch becomes in a report's content folder, as ordinary content:
/// events in one YAML file per month under `events/<source>/`, a Markdown stub per new actor
/// (topic, page), and the new event types added to `site.yaml`'s `event_types` (`SiteYAMLEdit`,
/// so the author's comments and layout stay as they were). The plan holds every file's whole new
/// text; `Importer` validates it and `ImportTransaction` writes it, all files or none.
///
/// It adds and never replaces: an actor whose file exists is left as it is; an event the report
/// has is replaced only where this import made it and no one edited it since (`ImportRecord`),
/// otherwise the conflict is reported; events for a month whose file exists are appended to it.
public struct ContentImport: Sendable {
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
        /// How many rows were left out (a row may have several errors).
        public var skippedRows = 0
        /// What the file calls a record ("row", "slide").
        public var recordName = "row"

        /// The one line an import ends with.
        public var summary: String {
            var parts = [
                Counted.text(events, "event"), Counted.text(actors, "new actor"), Counted.text(types, "new event type"),
            ]
            if topics > 0 { parts.append(Counted.text(topics, "new topic")) }
            if updated > 0 { parts.append("\(updated) updated") }
            if !conflicts.isEmpty {
                parts.append("\(Counted.text(conflicts.count, "conflict")) (see the warnings above)")
            }
            if alreadyThere > 0 { parts.append("\(alreadyThere) already in the report, left as they are") }
            if skippedRows > 0 {
                parts.append("\(Counted.text(skippedRows, recordName)) skipped (see the errors above)")
            }
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

    /// Colours for new event types: Dossier's palette, those the report uses already left out.
    static let palette = TypeColours.palette

    /// Everything the import would write, and the folders to make. Each file's new text is made
    /// when it is needed — read back for the check, then written — one file at a time
    /// (`text(of:in:)`): the new events wait in the spool, not in memory.
    struct Plan {
        struct File {
            /// Relative to the content folder.
            var path: String
            var contents: Contents
            /// The digest of the bytes the file held when it was read (nil for a new file): the
            /// commit checks that no one changed it in between.
            var original: ImportRecord.Digest?
        }
        enum Contents {
            /// The whole text (site.yaml, a stub, the import record).
            case text(String)
            /// An events file: the file as it was read (or a new one), with these items replaced
            /// and the spool's part for this month appended.
            case events(replacements: [(range: Range<Int>, text: String)], appended: String?)
            /// The import record: the record before (with updated digests) and the new events, by
            /// month. Its JSON (96 bytes an event) is made only when it is written.
            case record(ImportRecord, added: [String: (size: Int, items: [EventSorter.Added])])
        }
        var files: [File] = []
        /// Folders to make, parents first.
        var folders: [String] = []
        /// Where the new events' text is.
        var spool: ImportSpool?
    }

    /// Where each event of an export goes, decided one event at a time as the export is read:
    /// new (filed by month), an update of one this import made, or left as it is (unchanged, a
    /// conflict, removed by hand). Only each event's text is kept, not its tree.
    struct EventSorter {
        let content: ContentImport
        let known: Set<String>
        let onConflict: ConflictChoice
        var record: ImportRecord
        let imported: ImportedFiles
        /// A new event: its text is in the spool, at `range` of its month's part. This is all an
        /// import keeps of a new event besides its id in `addedIDs` (32 bytes; its digest is taken
        /// from the spool when the record is written), so that memory barely grows with the export.
        struct Added {
            var id: String
            private var start: UInt32, end: UInt32
            /// Its row and column in the export (`originFiles[file]`), for an error the report
            /// after the import would have.
            private var row: UInt32, column: UInt16, fileIndex: UInt16

            init(id: String, range: Range<Int>, line: Int, column: Int, file: Int) {
                self.id = id
                // A month's part is one month file's text: `ContentFile.largestFile` (100 MB) at most.
                start = UInt32(clamping: range.lowerBound)
                end = UInt32(clamping: range.upperBound)
                row = UInt32(clamping: line)
                self.column = UInt16(clamping: column)
                fileIndex = UInt16(clamping: file)
            }

            var range: Range<Int> {
                get { Int(start)..<Int(end) }
                set { (start, end) = (UInt32(clamping: newValue.lowerBound), UInt32(clamping: newValue.upperBound)) }
            }
            var line: Int { Int(row) }
            var columnNumber: Int { Int(column) }
            var file: Int { Int(fileIndex) }
        }
        /// New events, by month, in the export's order: their text is in the spool (a part per
        /// month, which becomes the month file's text as it is), and where each item is in it.
        var months: [String: (size: Int, items: [Added])] = [:]
        /// The files new events come from (one, for every format today).
        var originFiles: [String] = []
        let spool: ImportSpool
        /// How many new events there are.
        var addedCount: Int { addedIDs.count }
        /// The new events' ids: the one set of them an import holds (the check after the import
        /// uses it as it is), so that a new id is never in the report twice.
        private(set) var addedIDs = Set<String>()
        /// The ids of events the report has that the export gave: with `addedIDs`, every id the
        /// export gave, so that an event given twice is taken once (an update of one event twice
        /// would replace the same bytes twice).
        private var givenKnownIDs = Set<String>()
        /// Where these new or updated events are in the export.
        func origins(of ids: Set<String>) -> [String: SourceLocation] {
            var found: [String: SourceLocation] = [:]
            for month in months.values {
                for item in month.items where ids.contains(item.id) {
                    found[item.id] = SourceLocation(
                        file: originFiles[item.file], line: item.line, column: item.columnNumber)
                }
            }
            for changes in replacements.values {
                for change in changes where ids.contains(change.id) { found[change.id] = change.origin }
            }
            return found
        }
        /// Updates, by file of the import's folder: id, the item's bytes, the new text, the row.
        var replacements: [String: [(id: String, range: Range<Int>, text: String, origin: SourceLocation)]] = [:]
        var alreadyThere = 0, updated = 0
        var conflicts: [Diagnostic] = []

        init(_ content: ContentImport, known: Set<String>, onConflict: ConflictChoice) throws {
            self.content = content
            self.known = known
            self.onConflict = onConflict
            record = try ImportRecord.read(
                content.content.appendingPathComponent(ImportRecord.path(content.source)),
                shownAs: "\(content.displayName)/\(ImportRecord.path(content.source))")
            imported = ImportedFiles(folder: content.content.appendingPathComponent("events/\(content.source)"))
            spool = try ImportSpool()
        }

        /// Sorts the event; false when the export gave its id before (it is left out).
        mutating func add(_ event: ImportBatch.Event) -> Bool {
            let source = content.source, displayName = content.displayName
            let text = event.text
            guard known.contains(event.id) || record.events[event.id] != nil else {
                guard addedIDs.insert(event.id).inserted else { return false }
                // A month the report has no file for starts with the file's header, so that its text
                // is the new file's text as it is.
                if months[event.month] == nil,
                    !FileManager.default.fileExists(
                        atPath: content.content.appendingPathComponent("events/\(source)/\(event.month).yaml").path)
                {
                    let header = ContentImport.importedHeader(source)
                    spool.append(header, to: event.month)
                    months[event.month] = (size: header.utf8.count, items: [])
                }
                spool.append(text, to: event.month)
                let start = months[event.month]?.size ?? 0, end = start + text.utf8.count
                // In place: `var month = months[…]` then storing it back copies the month's list for every event.
                let file = originFiles.lastIndex(of: event.origin.file) ?? originFiles.count
                if file == originFiles.count { originFiles.append(event.origin.file) }
                months[event.month, default: (0, [])].items.append(
                    Added(
                        id: event.id, range: start..<end, line: event.origin.line,
                        column: event.origin.column, file: file))
                months[event.month, default: (0, [])].size = end
                return true
            }
            guard givenKnownIDs.insert(event.id).inserted else { return false }
            guard known.contains(event.id) else {
                alreadyThere += 1  // removed by hand: not added again
                return true
            }
            let digest = ImportRecord.digest(text)
            let lastImported = record.events[event.id]
            guard digest != lastImported else {
                alreadyThere += 1  // the export has not changed it
                return true
            }
            let current = imported.item(event.id)
            let currentDigest = current?.digest
            if currentDigest == digest {
                alreadyThere += 1  // it is as the export has it
                return true
            }
            let editedByHand = current == nil || currentDigest == nil || currentDigest != lastImported
            if let current, !editedByHand || onConflict == .replace {
                replacements[current.file, default: []].append((event.id, current.range, text, event.origin))
                updated += 1
                if editedByHand {
                    conflicts.append(
                        .warning(
                            SourceLocation(file: displayName + "/events/\(source)/" + current.file, line: current.line),
                            "event `\(event.id)` was edited by hand since it was imported; replaced with the new export's, as asked (--on-conflict replace)"
                        ))
                }
                return true
            }
            let location =
                current.map { SourceLocation(file: displayName + "/events/\(source)/" + $0.file, line: $0.line) }
                ?? SourceLocation(file: displayName + "/events")
            conflicts.append(
                .warning(
                    location,
                    "event `\(event.id)` was \(current == nil ? "moved out of events/\(source)/ or made by hand" : "edited by hand") since it was imported, and the new export changes it too; kept yours",
                    hint:
                        "compare it with the export and merge by hand, or import again with --on-conflict replace to take the export's"
                ))
            return true
        }

        /// Leaves these events out (rows the report would not check with).
        mutating func leaveOut(_ ids: Set<String>) throws {
            for (name, month) in months where month.items.contains(where: { ids.contains($0.id) }) {
                let bytes = Array(try spool.text(name).utf8)
                var kept = String(decoding: bytes[..<(month.items.first?.range.lowerBound ?? 0)], as: UTF8.self)
                var items: [Added] = []
                for var item in month.items where !ids.contains(item.id) {
                    let start = kept.utf8.count
                    kept += String(decoding: bytes[item.range], as: UTF8.self)
                    item.range = start..<kept.utf8.count
                    items.append(item)
                }
                try spool.replace(name, with: items.isEmpty ? nil : kept)
                months[name] = items.isEmpty ? nil : (kept.utf8.count, items)
            }
            addedIDs.subtract(ids)
            for file in replacements.keys {
                let before = replacements[file]?.count ?? 0
                replacements[file]?.removeAll { ids.contains($0.id) }
                updated -= before - (replacements[file]?.count ?? 0)
            }
        }
    }

    /// What an import of `batch` writes, without writing it: the outcome to print and the plan
    /// to validate and commit. Its events were sorted as they were read (`EventSorter`); the
    /// batch brings the rest (actors, types, topics, pages, the report's title).
    func plan(_ sorted: EventSorter, batch: ImportBatch, existing: LoadedContent?) throws -> (Outcome, Plan) {
        var outcome = Outcome(
            notes: batch.notes, skipped: batch.skipped, skippedRows: batch.skippedRows, recordName: batch.recordName)
        outcome.alreadyThere = sorted.alreadyThere
        outcome.updated = sorted.updated
        outcome.conflicts = sorted.conflicts
        var plan = Plan()
        var record = sorted.record
        // Files read once, changed as the plan goes.
        var texts: [String: (original: [UInt8]?, text: String)] = [:]
        func text(of path: String) throws -> String? {
            if let known = texts[path] { return known.text }
            guard let bytes = try readExisting(path) else { return nil }
            texts[path] = (bytes, String(decoding: bytes, as: UTF8.self))
            return texts[path]?.text
        }
        func set(_ path: String, _ text: String) throws {
            if texts[path] == nil { texts[path] = (try readExisting(path), "") }
            texts[path]?.text = text
        }
        // Events files: the items each replaces and the month it appends; their texts are made
        // one at a time when the plan is checked and written.
        var events: [String: (replacements: [(range: Range<Int>, text: String)], appended: String?)] = [:]
        for (file, changes) in sorted.replacements.sorted(by: { $0.key < $1.key }) where !changes.isEmpty {
            let path = "events/\(source)/\(file)"
            guard FileManager.default.fileExists(atPath: content.appendingPathComponent(path).path) else { continue }
            events[path, default: ([], nil)].replacements += changes.map { ($0.range, $0.text) }
            for change in changes { record.events[change.id] = ImportRecord.digest(change.text) }
            outcome.files.append((path, "\(Counted.text(changes.count, "event")) updated"))
        }
        outcome.events = sorted.addedCount
        // New events, one file per month, in the order of the export.
        for (month, added) in sorted.months.sorted(by: { $0.key < $1.key }) {
            let path = "events/\(source)/\(month).yaml"
            events[path, default: ([], nil)].appended = month
            let count = Counted.text(added.items.count, "event")
            outcome.files.append(
                (
                    path,
                    FileManager.default.fileExists(atPath: content.appendingPathComponent(path).path)
                        ? "\(count) added" : count
                ))
        }
        // The record changes with every new or updated event; its text is made when it is written.
        var recordFile: Plan.File?
        if outcome.events > 0 || outcome.updated > 0 {
            let path = ImportRecord.path(source)
            recordFile = .init(
                path: path, contents: .record(record, added: sorted.months),
                original: try readExisting(path).map(Self.digest))
        }
        // Actors, topics and pages the report does not have: a file each, never over one that exists.
        let knownActors = Set(existing?.actors.map(\.id) ?? [])
        for actor in batch.actors where !knownActors.contains(actor.id) {
            let path = "actors/\(actor.id).md"
            guard try readExisting(path) == nil, texts[path] == nil else { continue }
            try set(path, try Self.stub(actor))
            outcome.files.append((path, "new actor"))
            outcome.actors += 1
        }
        let knownTopics = Set(existing?.topics.map(\.id) ?? [])
        for topic in batch.topics where !knownTopics.contains(topic.id) {
            let path = "topics/\(topic.id).md"
            guard try readExisting(path) == nil, texts[path] == nil else { continue }
            try set(path, try Self.topicFile(topic))
            outcome.files.append((path, "new topic"))
            outcome.topics += 1
        }
        let knownPages = Set(existing?.pages.map(\.id) ?? [])
        for page in batch.pages where !knownPages.contains(page.id) {
            let path = "pages/\(page.id).md"
            guard try readExisting(path) == nil, texts[path] == nil else { continue }
            try set(path, try Self.pageFile(title: page.title))
            outcome.files.append((path, "new page"))
        }
        // site.yaml: the report's title and description where it has none, and new event types.
        let siteShown = "\(displayName)/site.yaml"
        guard let siteText = try text(of: "site.yaml") else { throw ImportFailure("\(siteShown) does not exist") }
        var site = SiteYAMLEdit(siteText, shownAs: siteShown)
        var siteChanges: [String] = [], setKeys: [String: String] = [:]
        for (key, value) in [("title", batch.siteTitle), ("description", batch.siteDescription)] {
            guard let value else { continue }
            // A new report's placeholder, as `dossier new` wrote it, is no title of the author's.
            if let placeholder = NewReport.placeholderLines.first(where: { $0.hasPrefix(key + ":") }),
                try site.replaceLine(placeholder, key: key, value: value)
            {
                siteChanges.append(key)
                setKeys[key] = value
            } else if site.hasKey(key) {
                outcome.notes.append("the timeline's \(key) was not used: site.yaml has one (\(Self.quoted(value)))")
            } else {
                try site.addKey(key, value: value)
                siteChanges.append(key)
                setKeys[key] = value
            }
        }
        let knownTypes = Set(existing?.config.eventTypes.map(\.id) ?? [])
        let newTypes = batch.types.filter { !knownTypes.contains($0.id) }
        var addedTypes: [[String: String]] = []
        if !newTypes.isEmpty {
            // The report's colours; site.yaml's own when the report did not load (it has no config then).
            let used =
                existing.map { Set($0.config.eventTypes.map { $0.colour.lowercased() }) }
                ?? Self.typeColours(inSiteYAML: siteText)
            var colours = Self.palette.filter { !used.contains($0) }
            while colours.count < newTypes.count { colours += Self.palette }
            addedTypes = zip(newTypes, colours).map { ["id": $0.id, "label": $0.label, "colour": $1] }
            try site.addEventTypes(
                addedTypes.map {
                    try SiteYAMLEdit.entry(id: $0["id"] ?? "", label: $0["label"] ?? "", colour: $0["colour"] ?? "")
                })
            siteChanges.append("\(Counted.text(newTypes.count, "event type")) added to event_types")
            outcome.types = newTypes.count
        }
        if !siteChanges.isEmpty {
            try SiteYAMLEdit.verify(
                old: siteText, new: site.text, set: setKeys, addedTypes: addedTypes, shownAs: siteShown)
            try set("site.yaml", site.text)
            outcome.files.append(("site.yaml", siteChanges.joined(separator: ", ")))
        }
        // The plan: every file whose text changed, and the folders they need.
        var files: [Plan.File] = []
        for (path, file) in texts where file.original.map({ String(decoding: $0, as: UTF8.self) }) != file.text {
            files.append(.init(path: path, contents: .text(file.text), original: file.original.map(Self.digest)))
        }
        for (path, change) in events {
            // Read once more, only for its digest (and to know it can be read): its text is made when it is written.
            files.append(
                .init(
                    path: path, contents: .events(replacements: change.replacements, appended: change.appended),
                    original: try readExisting(path).map(Self.digest)))
        }
        if let recordFile { files.append(recordFile) }
        var folders: [String] = []
        for path in files.map(\.path).sorted() {
            var folder = (path as NSString).deletingLastPathComponent, missing: [String] = []
            while !folder.isEmpty, !folders.contains(folder),
                !FileManager.default.fileExists(atPath: content.appendingPathComponent(folder).path)
            {
                missing.insert(folder, at: 0)
                folder = (folder as NSString).deletingLastPathComponent
            }
            folders += missing
        }
        plan.files = files.sorted { $0.path < $1.path }
        plan.folders = folders
        plan.spool = sorted.spool
        return (outcome, plan)
    }

    /// A planned file's whole new text (for the check, which reads the report as it would be).
    func text(of file: Plan.File, in plan: Plan) throws -> String {
        var text = ""
        try write(file, in: plan) { text += $0 }
        return text
    }

    /// Gives a planned file's new text to `write`, in pieces. An events file is read again, and
    /// must be as it was when the plan was made: its text is made now, so that an import holds
    /// one file's text at a time, and a new month's events or the record not even that.
    func write(_ file: Plan.File, in plan: Plan, to write: (String) throws -> Void) throws {
        switch file.contents {
        case .text(let text):
            try write(text)
        case .record(let record, let added):
            try record.write(adding: added, from: plan.spool, to: write)
        case .events(let replacements, let appended):
            let header = Self.importedHeader(source)
            guard let original = file.original else {
                // A new file: the month's text (it starts with the header), as the spool holds it.
                guard let appended, let spool = plan.spool else { return }
                var first = true
                try spool.forEachSegment(appended) { segment in
                    if first, !segment.hasPrefix(header) { try write(header) }
                    first = false
                    try write(segment)
                }
                return
            }
            guard let bytes = try readExisting(file.path), Self.digest(bytes) == original else {
                throw ChangedFile(path: file.path)
            }
            let current = String(decoding: bytes, as: UTF8.self)
            let crlf = current.contains("\r\n")
            var changed = bytes
            for change in replacements.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
                changed.replaceSubrange(change.range, with: Array(Self.lineEnds(change.text, crlf: crlf).utf8))
            }
            let text = String(decoding: changed, as: UTF8.self)
            try write(text)
            guard let appended, let spool = plan.spool else { return }
            var first = true
            try spool.forEachSegment(appended) { segment in
                var body = first && segment.hasPrefix(header) ? String(segment.dropFirst(header.count)) : segment
                if first, !text.isEmpty, !text.hasSuffix("\n") { body = (crlf ? "\r\n" : "\n") + body }
                first = false
                try write(Self.lineEnds(body, crlf: crlf))
            }
        }
    }

    /// A file the plan changes was changed by someone else since it was read.
    struct ChangedFile: Error, CustomStringConvertible {
        /// Relative to the content folder.
        var path: String
        var description: String {
            "\(path) changed while the import was reading or writing the report; nothing was imported"
        }
    }

    /// The digest of a file's bytes, to tell that it did not change.
    static func digest(_ bytes: [UInt8]) -> ImportRecord.Digest { ImportRecord.digest(bytes: bytes) }

    /// The colours `event_types` gives, read from site.yaml's text (lower-cased).
    static func typeColours(inSiteYAML text: String) -> Set<String> {
        let log = DiagnosticLog()
        guard let root = YAMLReader.parse(text, file: "site.yaml", log: log),
            let fields = FieldReader(root, subject: "site.yaml", log: log)
        else { return [] }
        return Set(
            fields.list("event_types").compactMap { node in
                FieldReader(node, subject: "the event type", log: log).flatMap {
                    $0.string("colour") ?? $0.string("color")
                }?.lowercased()
            })
    }

    /// The first line of a month file an import makes.
    static func importedHeader(_ source: String) -> String {
        "# Imported by `dossier import \(source)`: edit freely.\n"
    }

    /// A file's bytes, or nil when it does not exist. A file that exists and cannot be read, or is
    /// not UTF-8, is an error: an import never replaces what it could not read.
    func readExisting(_ path: String) throws -> [UInt8]? {
        let url = content.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let log = DiagnosticLog()
        guard let data = ContentFile.read(url, display: "\(displayName)/\(path)", log: log)?.data else {
            throw ImportFailure(
                log.diagnostics.map { problem in
                    var located = problem
                    located.message += "; the import would change this file, so it wrote nothing"
                    return located
                })
        }
        return Array(data)
    }

    /// Text with CRLF line ends, for a file that has them.
    static func lineEnds(_ text: String, crlf: Bool) -> String {
        crlf ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n") : text
    }

    /// An actor's Markdown stub: front matter and one line to replace.
    static func stub(_ actor: ImportBatch.Actor) throws -> String {
        try frontMatter([
            ("name", Node(actor.name)), ("kind", Node(actor.kind.rawValue)),
            ("aliases", actor.aliases.isEmpty ? nil : Node.flowList(actor.aliases)),
        ])
            + "Imported; write this actor's profile here.\n"
    }

    /// A topic's Markdown file: front matter (title, its period, the tags that select its events) and its text.
    static func topicFile(_ topic: ImportBatch.Topic) throws -> String {
        try frontMatter([
            ("title", Node(topic.title)), ("start", topic.start.map { Node($0.iso) }),
            ("end", topic.end.map { Node($0.iso) }),
            ("tags", Node.flowList(topic.tags)),
        ])
            + (topic.body.isBlank ? "Imported; write what this topic follows here.\n" : topic.body + "\n")
    }

    /// A plain page's stub.
    static func pageFile(title: String) throws -> String {
        try frontMatter([("title", Node(title))]) + "Imported; write this page here.\n"
    }

    /// Front matter between `---` lines, emitted by libyaml (through Yams): no value can end it early.
    static func frontMatter(_ pairs: [(String, Node?)]) throws -> String {
        "---\n" + (try Yams.serialize(node: Node.ordered(pairs).keepingTexts, width: -1, allowUnicode: true)) + "---\n"
    }

    /// A value as YAML writes it, for messages.
    static func quoted(_ text: String) -> String {
        (try? Yams.serialize(node: Node(text, Tag(.str), .doubleQuoted), width: -1, allowUnicode: true))?
            .trimmingCharacters(in: .newlines) ?? text
    }
}

/// What stopped an import before it wrote anything: a sentence, or located diagnostics.
public struct ImportFailure: Error, CustomStringConvertible {
    public let description: String
    /// The errors, when they have a place (a file the import would change that cannot be read).
    var diagnostics: [Diagnostic] = []
    init(_ description: String) { self.description = description }
    init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
        description = diagnostics.map(\.description).joined(separator: "\n")
    }
}
