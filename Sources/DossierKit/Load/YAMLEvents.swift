// libyaml as Yams builds it (Yams' own C target): Yams' `compose` makes a tree of its `Node`s
// that `YAMLReader.Converter` then copies into `DataNode`s; reading libyaml's events here builds
// the `DataNode`s at once: one tree instead of two, and the cost of the second was in Yams'
// Swift code, not in the parser (the README's profile, "YAML parsing").
import CYaml

/// Reads well-formed YAML straight from libyaml's event stream into `DataNode`s, with the same
/// values and positions as composing it with Yams and converting the nodes (`YAMLReader.Converter`).
///
/// Only the common case is read here: anything else — a syntax error, a second document, an
/// alias to an unknown anchor, a duplicated key, a key that is not a scalar, aliases expanding
/// past the limit — gives nil, and the caller reads the text with Yams, which reports it in its
/// own words (`YAMLReader.parse`). So messages are as they were, and only valid files take the
/// short way. `YAMLEventsTests` compares both ways on every kind of value.
enum YAMLEvents {
    /// - Parameter aliasLimit: how many values aliases may add (`YAMLReader.aliasExpansionLimit`).
    static func read(_ text: String, file: String, lineOffset: Int, aliasLimit: Int) -> DataNode? {
        var text = text
        return text.withUTF8 { bytes in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var builder = Builder(file: file, lineOffset: lineOffset, aliasLimit: aliasLimit)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                switch builder.take(event) {
                case .more: continue
                case .done(let node): return node
                case .giveUp: return nil
                }
            }
        }
    }

    /// A collection being read, with the size its values add up to.
    private struct Open {
        var location: SourceLocation
        var anchor: String?
        var isMapping: Bool
        var items: [DataNode] = []
        var entries: [DataNode.Entry] = []
        /// Fields merged in with `<<`; fields written in the mapping win.
        var merged: [DataNode.Entry] = []
        var keys: Set<String> = []
        /// The key read, waiting for its value: the node, and whether it is a plain `<<`.
        var key: (node: DataNode, isMerge: Bool)?
        /// How many values it holds, all levels down (what an alias to it adds).
        var size = 0
    }

    private enum Step {
        case more
        case done(DataNode)
        case giveUp
    }

    private struct Builder {
        let file: String
        let lineOffset: Int
        let aliasLimit: Int
        var open: [Open] = []
        var anchors: [String: (node: DataNode, size: Int)] = [:]
        var expanded = 0
        var root: DataNode?
        var documents = 0

        init(file: String, lineOffset: Int, aliasLimit: Int) {
            self.file = file
            self.lineOffset = lineOffset
            self.aliasLimit = aliasLimit
        }

        /// Where an event starts, as Yams' marks give it (lines and columns from 1).
        func location(_ event: yaml_event_t) -> SourceLocation {
            SourceLocation(
                file: file, line: event.start_mark.line + 1 + lineOffset, column: event.start_mark.column + 1)
        }

        mutating func take(_ event: yaml_event_t) -> Step {
            switch event.type {
            case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT:
                return .more
            case YAML_DOCUMENT_START_EVENT:
                // A second document is an error for Yams' `compose`.
                documents += 1
                return documents > 1 ? .giveUp : .more
            case YAML_STREAM_END_EVENT:
                // An empty stream composes to nothing: a null at the start of the text.
                return .done(root ?? .null(SourceLocation(file: file, line: 1 + lineOffset, column: 1)))
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let value = String(
                    decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                let location = location(event)
                let node: DataNode
                switch scalar.style {
                case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE:
                    // A block scalar (`body: |`) starts on the line after its indicator.
                    node = .scalar(value, location.offset(lines: 1, column: 1))
                case YAML_PLAIN_SCALAR_STYLE where Self.nullWords.contains(value):
                    // A plain `~`, `null` or empty value is YAML's null; quoted, it is a string.
                    node = .null(location)
                default:
                    node = .scalar(value, location)
                }
                register(anchor(scalar.anchor), node, size: 0)
                return place(
                    node, size: 0, keyText: value, isMerge: scalar.style == YAML_PLAIN_SCALAR_STYLE && value == "<<")
            case YAML_ALIAS_EVENT:
                guard let name = anchor(event.data.alias.anchor), let anchored = anchors[name] else { return .giveUp }
                expanded += anchored.size
                // Past the limit, Yams' way reports it (a "billion laughs" file).
                guard expanded <= aliasLimit else { return .giveUp }
                return place(anchored.node, size: anchored.size, keyText: nil, isMerge: false)
            case YAML_SEQUENCE_START_EVENT:
                open.append(
                    Open(location: location(event), anchor: anchor(event.data.sequence_start.anchor), isMapping: false))
                return .more
            case YAML_MAPPING_START_EVENT:
                open.append(
                    Open(location: location(event), anchor: anchor(event.data.mapping_start.anchor), isMapping: true))
                return .more
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let closed = open.popLast() else { return .giveUp }
                let node: DataNode
                if closed.isMapping {
                    guard closed.key == nil else { return .giveUp }
                    let own = Set(closed.entries.map(\.key))
                    node = .map(closed.entries + closed.merged.filter { !own.contains($0.key) }, closed.location)
                } else {
                    node = .list(closed.items, closed.location)
                }
                register(closed.anchor, node, size: closed.size)
                return place(node, size: closed.size, keyText: nil, isMerge: false)
            default:
                return .giveUp
            }
        }

        static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]

        func anchor(_ name: UnsafeMutablePointer<UInt8>?) -> String? {
            name.map { String(cString: $0) }
        }

        mutating func register(_ anchor: String?, _ node: DataNode, size: Int) {
            if let anchor { anchors[anchor] = (node, size) }
        }

        /// Puts a value where it belongs: the root, a list's next item, a mapping's next key or
        /// the value of its pending key.
        /// - Parameter keyText: the scalar's text, when the value is a scalar (a key must be one).
        mutating func place(_ node: DataNode, size: Int, keyText: String?, isMerge: Bool) -> Step {
            guard var parent = open.popLast() else {
                root = node
                return .more
            }
            defer { open.append(parent) }
            parent.size += 1 + size
            guard parent.isMapping else {
                parent.items.append(node)
                return .more
            }
            guard let key = parent.key else {
                // Keys that are collections, and duplicated keys, are left to Yams (an error there).
                guard let keyText, parent.keys.insert(keyText).inserted else { return .giveUp }
                parent.key = (node, isMerge)
                return .more
            }
            parent.key = nil
            if key.isMerge {
                // `<<: *anchor` merges another mapping's fields (or a list of mappings' fields).
                switch node {
                case .map(let inherited, _): parent.merged += inherited
                case .list(let items, _): for case .map(let inherited, _) in items { parent.merged += inherited }
                default: break
                }
                return .more
            }
            let text: String
            if case .scalar(let value, _) = key.node { text = value } else { text = "" }
            parent.entries.append(DataNode.Entry(key: text, keyLocation: key.node.location, value: node))
            return .more
        }
    }
}
