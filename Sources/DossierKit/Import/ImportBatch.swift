import Foundation
import Yams

/// What an import adds to a report, before it is written: events as YAML records in the order
/// of an event file, the actors they name, and the event types they use.
///
/// Importers (`ACLEDImport`, …) make one from a file; `ContentImport` writes it as ordinary
/// content that the author then edits by hand.
struct ImportBatch {
    struct Event {
        var id: String
        /// The month it is filed under (`2024-01`): events go in one file per month.
        var month: String
        /// The record, its keys in the order they are written.
        var fields: [(key: String, value: Node)]
        /// Where it is in the file imported (its row, slide or item), for messages.
        var origin = SourceLocation(file: "")
        /// Its text as an item of an events file, once made (`withText`): emitting YAML through
        /// Yams is most of an import's time, and the text is needed three times (the row's check,
        /// the record's digest, the file).
        private(set) var cachedText: String?

        var text: String { cachedText ?? ImportBatch.yaml([self]) }

        func withText() -> Event {
            var event = self
            event.cachedText = text
            return event
        }
    }

    struct Actor {
        var id: String
        var name: String
        var kind: DossierKit.Actor.Kind
        /// The names the source gave it other than `name` (a trailing date range, other spacing).
        var aliases: [String]
    }

    struct EventType {
        var id: String
        var label: String
    }

    /// A thread of events (a TimelineJS era or group): a topic page selecting its events by tag.
    struct Topic {
        var id: String
        var title: String
        /// The span it covers, when it has its own (an era's).
        var start: PartialDate?
        var end: PartialDate?
        var tags: [String]
        /// Its text, in Markdown.
        var body: String
    }

    var events: [Event] = []
    var actors: [Actor] = []
    var types: [EventType] = []
    var topics: [Topic] = []
    /// Plain pages the events' text links to (`page:…`), as stubs: id and title.
    var pages: [(id: String, title: String)] = []
    /// The report's title and description, written to `site.yaml` only when it has none
    /// (a TimelineJS title slide).
    var siteTitle: String?
    var siteDescription: String?
    /// What the import could not carry over, one line each for the summary.
    var notes: [String] = []
    /// Rows left out, each with its located errors (`file:row:column`).
    var skipped: [Diagnostic] = []
    /// How many rows (slides, items) were left out: a row may have several errors.
    var skippedRows = 0

    /// Leaves a row out, with its errors.
    mutating func skip(_ errors: [Diagnostic]) {
        guard !errors.isEmpty else { return }
        skipped += errors
        skippedRows += 1
    }
    /// What the file calls a record, for the summary ("row", "slide").
    var recordName = "row"

    /// A month's events as the YAML of an events file.
    static func yaml(_ events: [Event]) -> String {
        let list = Node.sequence(
            Node.Sequence(
                events.map { event in
                    Node.mapping(Node.Mapping(event.fields.map { (Node.text($0.key), $0.value) }, .fresh(.implicit)))
                }, .fresh(.implicit)))
        // Unlimited width: a summary stays on one line, as an author would write it.
        return (try? Yams.serialize(node: list.keepingTexts, width: -1, allowUnicode: true)) ?? ""
    }
}

extension Node {
    /// The tree with every scalar that YAML would read as no text — `~`, `null`, an empty value,
    /// `true`, `no` — quoted: Yams' emitter writes such a string plain (even tagged as a string),
    /// and a title `null` would read back as no title. (Numbers and dates stay plain: Dossier
    /// reads every scalar as its text.)
    var keepingTexts: Node {
        switch self {
        case .scalar(let scalar):
            guard scalar.style == .any || scalar.style == .plain, scalar.string.count <= 5,
                scalar.string.first.map({ "~nNtTfFyYoO".contains($0) }) ?? true
            else { return self }
            let resolved = Resolver.default.resolveTag(of: Node.text(scalar.string))
            return resolved == .null || resolved == .bool
                ? .scalar(.init(scalar.string, scalar.tag, .doubleQuoted)) : self
        case .sequence(let sequence):
            return .sequence(.init(sequence.map(\.keepingTexts), sequence.tag, sequence.style))
        case .mapping(let mapping):
            return .mapping(.init(mapping.map { ($0.key, $0.value.keepingTexts) }, mapping.tag, mapping.style))
        case .alias:
            return self
        }
    }

    /// A mapping in the given key order.
    static func ordered(_ pairs: [(String, Node?)]) -> Node {
        .mapping(Node.Mapping(pairs.compactMap { key, value in value.map { (Node.text(key), $0) } }, .fresh(.implicit)))
    }

    static func list(_ items: [Node]) -> Node { .sequence(Node.Sequence(items, .fresh(.implicit))) }

    /// A scalar, as `Node(string)` makes it but with a tag that shares the import's `Constructor`.
    static func text(_ string: String, _ tag: Tag.Name = .implicit, _ style: Node.Scalar.Style = .any) -> Node {
        .scalar(Node.Scalar(string, .fresh(tag), style))
    }

    /// A list written on one line (`[a, b]`), as tags are.
    static func flowList(_ items: [String]) -> Node {
        .sequence(Node.Sequence(items.map { Node.text($0) }, .fresh(.seq), .flow))
    }
}

extension Tag {
    /// A new tag (emitting resolves an implicit tag in place, so none is shared between nodes)
    /// with the one `Constructor` every import node uses: Yams' `Tag(name)` and `Node(string)`
    /// make a new `Constructor` each time, three dictionaries of ~2 KB, which made an ACLED
    /// row's tree 70 KB and a chunk of 2,000 rows 140 MB.
    static func fresh(_ name: Tag.Name) -> Tag { Tag(name, .default, importConstructor) }

    /// Immutable (its maps are `let`), so it is read from every core safely.
    nonisolated(unsafe) static let importConstructor = Constructor()
}

// Yams' `Node` is not declared `Sendable`, but it is a value tree whose only class, `Tag`,
// holds constants: events are emitted and checked on every core (`Importer.checkedRows`).
extension ImportBatch.Event: @unchecked Sendable {}
