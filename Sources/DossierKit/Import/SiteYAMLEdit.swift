import CYaml
import Foundation
import Yams

/// Edits `site.yaml` as an author would: lines added where they belong, everything else —
/// comments, order, quoting, blank lines, LF or CRLF — kept byte for byte.
///
/// Where to add is found from libyaml's own positions (the marks of its events), not by
/// looking for lines that start with a key, so a block list, a flow list (`event_types: []`,
/// on one line or several), an empty key and CRLF files are all read as YAML reads them. What is
/// added is emitted by libyaml's emitter (through Yams), never put together from strings, so a
/// label or an id cannot close the value it is written in. The result is read back and compared
/// with the original: anything but the values asked for differs, and the edit is refused.
struct SiteYAMLEdit {
    private(set) var text: String
    let shownAs: String

    init(_ text: String, shownAs: String) {
        self.text = text
        self.shownAs = shownAs
    }

    private var newline: String { text.contains("\r\n") ? "\r\n" : "\n" }

    /// The text's lines, split at each line feed (a CRLF line keeps its `\r`: Swift's `split` on
    /// characters would not split `\r\n`, which is one character).
    static func lines(_ text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            String(String.UnicodeScalarView($0))
        }
    }

    /// A type as site.yaml lists it: `{id: battles, label: Battles, colour: '#4e79a7'}`.
    static func entry(id: String, label: String, colour: String) throws -> String {
        // A value with a line break or a control character is double-quoted, where YAML escapes them
        // (`\n`); libyaml would otherwise fold it over several lines in single quotes.
        let scalar = { (value: String) in
            Node(
                value, Tag(.str),
                value.unicodeScalars.contains {
                    $0.properties.generalCategory == .control || $0.properties.generalCategory == .lineSeparator
                        || $0.properties.generalCategory == .paragraphSeparator
                } ? .doubleQuoted : .any)
        }
        let node = Node.mapping(
            Node.Mapping(
                [(Node("id"), scalar(id)), (Node("label"), scalar(label)), (Node("colour"), scalar(colour))], Tag(.map),
                .flow))
        let line = try Yams.serialize(node: node.keepingTexts, width: -1, allowUnicode: true).trimmingCharacters(
            in: .newlines)
        guard !line.contains("\n"), !line.contains("\r") else {
            throw ImportFailure("the event type `\(id)` cannot be written on one line")
        }
        return line
    }

    /// `key: value` as a top-level line (or a block, for a value of several lines).
    static func topLevel(_ key: String, _ value: String) throws -> String {
        try Yams.serialize(
            node: Node.mapping(Node.Mapping([(Node(key), Node(value))])).keepingTexts, width: -1, allowUnicode: true
        )
        .trimmingCharacters(in: .newlines)
    }

    // MARK: Where things are

    /// A top-level key and its value, as libyaml marks them (lines and columns from 0).
    struct Entry {
        var key: String
        var keyLine: Int
        enum Value {
            /// A plain empty value, `~` or `null`: from where to where on its line.
            case null(line: Int, start: Int, end: Int)
            /// A list: its start (the first `-`, or `[`), its end (`]` for a flow list), and
            /// where its last item's last value ends (nil when it is empty).
            case list(flow: Bool, start: Mark, end: Mark, lastItemEnd: Mark?)
            case other
        }
        var value: Value
    }

    struct Mark: Comparable {
        var line: Int
        var column: Int
        static func < (a: Mark, b: Mark) -> Bool { (a.line, a.column) < (b.line, b.column) }
    }

    /// The top-level keys of the text, in order; nil when it is not a mapping libyaml reads.
    func entries() -> [Entry]? {
        var copy = text
        return copy.withUTF8 { bytes -> [Entry]? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var entries: [Entry] = []
            var depth = 0, expectingKey = true
            var pendingKey: (String, Int)?
            // The top-level list being read: its start, flow style, and last value's end.
            var list: (flow: Bool, start: Mark, lastEnd: Mark?)?
            var event = yaml_event_t()
            func mark(_ m: yaml_mark_t) -> Mark { Mark(line: Int(m.line), column: Int(m.column)) }
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let type = event.type
                if type == YAML_STREAM_END_EVENT { return entries }
                if type == YAML_STREAM_START_EVENT || type == YAML_DOCUMENT_START_EVENT
                    || type == YAML_DOCUMENT_END_EVENT
                {
                    continue
                }
                let start = mark(event.start_mark), end = mark(event.end_mark)
                if depth == 0 {
                    guard type == YAML_MAPPING_START_EVENT else {
                        return type == YAML_SCALAR_EVENT && event.data.scalar.length == 0 ? [] : nil
                    }
                    depth = 1
                    continue
                }
                if depth == 1 {
                    if type == YAML_MAPPING_END_EVENT { depth = 0; continue }
                    if expectingKey {
                        guard type == YAML_SCALAR_EVENT, let value = event.data.scalar.value else { return nil }
                        pendingKey = (
                            String(
                                decoding: UnsafeBufferPointer(start: value, count: event.data.scalar.length),
                                as: UTF8.self), start.line
                        )
                        expectingKey = false
                        continue
                    }
                    guard let (key, keyLine) = pendingKey else { return nil }
                    expectingKey = true
                    switch type {
                    case YAML_SCALAR_EVENT:
                        let raw = String(
                            decoding: UnsafeBufferPointer(
                                start: event.data.scalar.value, count: event.data.scalar.length), as: UTF8.self)
                        let plain = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && event.data.scalar.tag == nil
                        // An empty value has no width and may be marked where the next token starts: it is on the key's line.
                        let value: Entry.Value =
                            !plain
                            ? .other
                            : raw.isEmpty
                                ? .null(line: keyLine, start: 0, end: 0)
                                : ["~", "null", "Null", "NULL"].contains(raw)
                                    ? .null(line: start.line, start: start.column, end: end.column) : .other
                        entries.append(Entry(key: key, keyLine: keyLine, value: value))
                    case YAML_SEQUENCE_START_EVENT:
                        list = (event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE, start, nil)
                        depth = 2
                        entries.append(Entry(key: key, keyLine: keyLine, value: .other))
                    case YAML_MAPPING_START_EVENT:
                        depth = 2
                        entries.append(Entry(key: key, keyLine: keyLine, value: .other))
                    default:
                        entries.append(Entry(key: key, keyLine: keyLine, value: .other))
                    }
                    continue
                }
                // Inside a top-level value.
                switch type {
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    depth += 1
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                    if depth == 1, type == YAML_SEQUENCE_END_EVENT, let open = list {
                        entries[entries.count - 1].value = .list(
                            flow: open.flow, start: open.start, end: start, lastItemEnd: open.lastEnd)
                        list = nil
                    } else if list != nil, event.start_mark.index != event.end_mark.index {
                        // A flow collection's end (`}` or `]`) ends a value; a block one has no width
                        // and stands wherever the next token starts, after comments and blank lines.
                        if let last = list?.lastEnd { list?.lastEnd = max(last, end) } else { list?.lastEnd = end }
                    }
                case YAML_SCALAR_EVENT, YAML_ALIAS_EVENT:
                    if list != nil {
                        if let last = list?.lastEnd { list?.lastEnd = max(last, end) } else { list?.lastEnd = end }
                    }
                default: break
                }
            }
        }
    }

    // MARK: Edits

    /// Adds the entries at the end of `event_types`, in its own style: a line each for a block
    /// list (at its items' indentation), after its last item for a flow list, a new block list
    /// for an empty key or none.
    mutating func addEventTypes(_ entries: [String]) throws {
        guard !entries.isEmpty else { return }
        guard let keys = self.entries() else { throw ImportFailure("\(shownAs) could not be read as YAML") }
        var lines = Self.lines(text)
        let cr = newline == "\r\n" ? "\r" : ""
        switch keys.first(where: { $0.key == "event_types" })?.value {
        case nil:
            if lines.last == "" { lines.removeLast() }
            lines += ["event_types:" + cr] + entries.map { "  - " + $0 + cr }
            text = lines.joined(separator: "\n") + "\n"
            return
        case .null(let line, let start, let end)?:
            var scalars = Array(lines[line].unicodeScalars)
            scalars.removeSubrange(start..<max(start, min(end, scalars.count)))
            lines[line] = String(String.UnicodeScalarView(scalars))
            lines.insert(contentsOf: entries.map { "  - " + $0 + cr }, at: line + 1)
        case .list(flow: false, let start, _, let lastItemEnd)?:
            let indent = String(repeating: " ", count: start.column)
            let after = lastItemEnd.map { $0.column == 0 ? $0.line : $0.line + 1 } ?? start.line + 1
            lines.insert(contentsOf: entries.map { indent + "- " + $0 + cr }, at: min(after, lines.count))
        case .list(flow: true, let start, let end, let lastItemEnd)?:
            let at = lastItemEnd ?? end
            var scalars = Array(lines[at.line].unicodeScalars)
            let joined = entries.joined(separator: ", ")
            // A list over several lines gets a line of its own, indented as its last item's.
            let indent = String(lines[at.line].prefix { $0 == " " || $0 == "\t" })
            let insertion =
                lastItemEnd == nil ? joined : (start.line == end.line ? ", " + joined : "," + newline + indent + joined)
            scalars.insert(contentsOf: insertion.unicodeScalars, at: min(at.column, scalars.count))
            lines[at.line] = String(String.UnicodeScalarView(scalars))
        case .other?:
            throw ImportFailure("\(shownAs): `event_types` is not a list")
        }
        text = lines.joined(separator: "\n")
    }

    /// Whether the text has this key at its top level.
    func hasKey(_ key: String) -> Bool { entries()?.contains { $0.key == key } ?? false }

    /// Replaces a whole line (a placeholder `dossier new` wrote) with `key: value`; false when no line is exactly it.
    mutating func replaceLine(_ placeholder: String, key: String, value: String) throws -> Bool {
        var lines = Self.lines(text)
        guard let index = lines.firstIndex(where: { $0 == placeholder || $0 == placeholder + "\r" }) else {
            return false
        }
        let cr = lines[index].hasSuffix("\r") ? "\r" : ""
        lines[index] = try Self.lines(Self.topLevel(key, value)).map { $0 + cr }.joined(separator: "\n")
        text = lines.joined(separator: "\n")
        return true
    }

    /// Adds `key: value` at the top level: after `title` for a description, else after `id`, else
    /// at the top (after leading comments).
    mutating func addKey(_ key: String, value: String) throws {
        let keys = entries() ?? []
        var lines = Self.lines(text)
        let cr = newline == "\r\n" ? "\r" : ""
        let added = try Self.lines(Self.topLevel(key, value)).map { $0 + cr }
        // After the key's whole value: before the next top-level key's line.
        func after(_ name: String) -> Int? {
            guard let index = keys.firstIndex(where: { $0.key == name }) else { return nil }
            return index + 1 < keys.count ? keys[index + 1].keyLine : nil
        }
        let top: Int = keys.first?.keyLine ?? lines.firstIndex { !$0.hasPrefix("#") && !$0.hasPrefix("---") } ?? 0
        let position: Int = (key == "description" ? after("title") : nil) ?? after("id") ?? top
        lines.insert(contentsOf: added, at: min(position, lines.count))
        text = lines.joined(separator: "\n")
    }

    // MARK: Proof

    /// Refuses the edit unless the new text reads as the old one with exactly these changes:
    /// the keys in `set` (and nothing else) given their values, and `event_types` longer by `addedTypes` items.
    static func verify(
        old: String, new: String, set: [String: String], addedTypes: [[String: String]], shownAs: String
    ) throws {
        let log = DiagnosticLog()
        var before: [DataNode.Entry] = []
        if case .map(let entries, _)? = YAMLReader.parse(old, file: shownAs, log: log) { before = entries }
        guard case .map(let after, _)? = YAMLReader.parse(new, file: shownAs, log: log), !log.hasErrors else {
            throw ImportFailure("\(shownAs) would not read as YAML after the import's edit; nothing was written")
        }
        var expected = Dictionary(before.map { ($0.key, Plain($0.value)) }, uniquingKeysWith: { first, _ in first })
        for (key, value) in set { expected[key] = .scalar(value) }
        if !addedTypes.isEmpty {
            var items: [Plain] = []
            if case .list(let old)? = expected["event_types"] { items = old }
            expected["event_types"] = .list(items + addedTypes.map { .map($0.mapValues(Plain.scalar)) })
        }
        let actual = Dictionary(after.map { ($0.key, Plain($0.value)) }, uniquingKeysWith: { first, _ in first })
        guard actual == expected, after.count == Set(after.map(\.key)).count else {
            throw ImportFailure(
                "\(shownAs) could not be changed safely (its layout was not understood); nothing was written")
        }
    }

    /// A value without its positions, for comparing two readings.
    indirect enum Plain: Equatable {
        case scalar(String), list([Plain]), map([String: Plain]), null
        init(_ node: DataNode) {
            switch node {
            case .scalar(let text, _): self = .scalar(text)
            case .list(let items, _): self = .list(items.map(Plain.init))
            case .map(let entries, _):
                self = .map(
                    Dictionary(entries.map { ($0.key, Plain($0.value)) }, uniquingKeysWith: { first, _ in first }))
            case .null: self = .null
            }
        }
    }
}
