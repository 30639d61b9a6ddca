import Foundation
import Yams

/// Parses YAML (and JSON, which libyaml reads as flow-style YAML) into `DataNode`s, keeping positions.
enum YAMLReader {
    /// - Parameters:
    ///   - lineOffset: lines before the YAML text in its file (front matter starts on line 2).
    ///   - inParts: allow a large list to be parsed in parts on every core (`parseInParts`).
    ///   - aliasLimit: how many values aliases may add (`aliasExpansionLimit`; tests set less).
    static func parse(
        _ text: String, file: String, lineOffset: Int = 0, log: DiagnosticLog, inParts: Bool = true,
        aliasLimit: Int = aliasExpansionLimit
    ) -> DataNode? {
        // Bytes, not Characters: walking a large events file by grapheme cost more than parsing it.
        if let bad = text.utf8.firstIndex(of: 0) {
            let line = text.utf8[..<bad].lazy.filter { $0 == 0x0A }.count + 1 + lineOffset
            log.error(
                SourceLocation(file: file, line: line), "the file contains a null byte",
                hint: "remove it; content files must be plain UTF-8 text")
            return nil
        }
        if inParts, let list = parseInParts(text, file: file, lineOffset: lineOffset, aliasLimit: aliasLimit) {
            return list
        }
        // Valid YAML the short way; anything else through Yams, for its messages.
        if let node = YAMLEvents.read(text, file: file, lineOffset: lineOffset, aliasLimit: aliasLimit) { return node }
        return composeWithYams(text, file: file, lineOffset: lineOffset, log: log, aliasLimit: aliasLimit)
    }

    /// The text composed by Yams and converted: what reports a file's errors in libyaml's and
    /// Yams' words (valid files take `YAMLEvents`, which gives the same tree).
    static func composeWithYams(
        _ text: String, file: String, lineOffset: Int, log: DiagnosticLog, aliasLimit: Int = aliasExpansionLimit
    ) -> DataNode? {
        let format = file.lowercased().hasSuffix(".json") ? "JSON" : "YAML"
        do {
            // The basic resolver tags every scalar as a string: the decoders interpret values
            // themselves, and the default resolver's regular expressions cost most of the parse time.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                return .null(SourceLocation(file: file, line: 1 + lineOffset, column: 1))
            }
            return convert(node, file: file, lineOffset: lineOffset, limit: aliasLimit, log: log)
        } catch let error as YamlError {
            log.add(diagnostic(for: error, file: file, lineOffset: lineOffset, format: format))
            return nil
        } catch {
            log.error(SourceLocation(file: file, line: 1 + lineOffset), "could not read \(format): \(error)")
            return nil
        }
    }

    /// A large file that is one top-level list (the usual events file) is cut between its items
    /// and the parts are parsed on every core: the preview parses an edited file of hundreds of
    /// events while you wait, and a report kept in one file would otherwise load on one core.
    ///
    /// Every item of such a list starts with `- ` at the start of a line; nothing else may
    /// (block scalars and continued lines are indented). At any doubt — another line at the
    /// margin, a directive or document marker, a part that does not parse alone (an alias to an
    /// anchor in another part, a syntax error) — this gives nil and the file is parsed whole, so
    /// results and messages are those of a whole parse.
    static func parseInParts(
        _ text: String, file: String, lineOffset: Int, minimumSize: Int = 128 * 1024,
        aliasLimit: Int = aliasExpansionLimit
    ) -> DataNode? {
        let bytes = Array(text.utf8)
        guard bytes.count >= minimumSize, let itemStarts = listItems(bytes) else { return nil }
        let partCount = min(itemStarts.count, 2 * ProcessInfo.processInfo.activeProcessorCount)
        guard partCount > 1 else { return nil }
        // Parts of about equal size, each starting at an item (the first also takes what precedes it).
        var bounds = [(offset: 0, line: 0)]
        for item in itemStarts where item.offset >= bytes.count * bounds.count / partCount && bounds.count < partCount {
            bounds.append(item)
        }
        let parsed = ResultSlots<[DataNode]>(count: bounds.count)
        let parts = bounds
        DispatchQueue.concurrentPerform(iterations: parts.count) { index in
            let end = index + 1 < parts.count ? parts[index + 1].offset : bytes.count
            let part = String(decoding: bytes[parts[index].offset..<end], as: UTF8.self)
            if let items = parseAlone(
                part, file: file, lineOffset: lineOffset + parts[index].line, aliasLimit: aliasLimit)
            {
                parsed.set(index, items)
            }
        }
        var items: [DataNode] = []
        for part in parsed.values {
            guard let part else { return nil }
            items += part
        }
        let first = itemStarts[0]
        return .list(items, SourceLocation(file: file, line: first.line + 1 + lineOffset, column: 1))
    }

    /// Where each item of a file that is one top-level list starts (byte offset, line from 0), or
    /// nil when the file may be anything else: every item starts with `- ` at the start of a
    /// line, and every other line is indented, blank or a comment.
    static func listItems(_ bytes: [UInt8]) -> [(offset: Int, line: Int)]? {
        var itemStarts: [(offset: Int, line: Int)] = []
        var line = 0, offset = 0
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "-"):
                let next = offset + 1 < bytes.count ? bytes[offset + 1] : 0x0A
                guard next == 0x20 || next == 0x0A || next == 0x0D else { return nil }
                itemStarts.append((offset, line))
            case UInt8(ascii: "#"), 0x20, 0x0A, 0x0D:
                break
            default:
                return nil
            }
            guard let end = bytes[offset...].firstIndex(of: 0x0A) else { break }
            offset = end + 1
            line += 1
        }
        return itemStarts
    }

    /// A run of a list's items (cut by `listItems`) parsed alone: nil if it does not parse alone
    /// (an alias to an anchor elsewhere, a syntax error) or its aliases go over the limit, so
    /// that the caller parses the whole file and reports what a whole parse reports.
    static func parseAlone(
        _ part: String, file: String, lineOffset: Int, aliasLimit: Int = aliasExpansionLimit
    ) -> [DataNode]? {
        if let node = YAMLEvents.read(part, file: file, lineOffset: lineOffset, aliasLimit: aliasLimit) {
            guard case .list(let items, _) = node else { return nil }
            return items
        }
        guard let node = try? Yams.compose(yaml: part, .basic),
            case .list(let items, _)? = convert(
                node, file: file, lineOffset: lineOffset, limit: aliasLimit, log: DiagnosticLog())
        else { return nil }
        return items
    }

    /// How many values aliases (`*name`) may add to one file. libyaml shares an anchored value
    /// among its aliases, but converting it copies it for each: nine nested aliases of ten
    /// (a "billion laughs" file of a few hundred bytes) would be a billion values. Ordinary use,
    /// a merge of shared fields into each of 50,000 events, stays well below this.
    static let aliasExpansionLimit = 2_000_000

    /// Converts libyaml's nodes into `DataNode`s, counting what aliases expand to.
    final class Converter {
        let file: String
        let lineOffset: Int
        let limit: Int
        /// Start positions of the collections converted so far: meeting one again is an alias.
        private var seen = Set<Int>()
        private var aliasDepth = 0
        private(set) var expanded = 0
        /// Where the value is whose aliases went over the limit.
        private(set) var exceeded: SourceLocation?

        init(file: String, lineOffset: Int, limit: Int = YAMLReader.aliasExpansionLimit) {
            self.file = file
            self.lineOffset = lineOffset
            self.limit = limit
        }

        func convert(_ node: Node) -> DataNode {
            let location = SourceLocation(
                file: file,
                line: (node.mark?.line ?? 1) + lineOffset,
                column: node.mark?.column ?? 1
            )
            if exceeded != nil { return .null(location) }
            if aliasDepth > 0 {
                expanded += 1
                if expanded > limit {
                    exceeded = location
                    return .null(location)
                }
            }
            switch node {
            case .scalar(let scalar):
                // A block scalar (`body: |`) starts on the line after its indicator.
                if scalar.style == .literal || scalar.style == .folded {
                    return .scalar(scalar.string, location.offset(lines: 1, column: 1))
                }
                // A plain `~`, `null` or empty value is YAML's null; quoted, it is a string.
                if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                    return .null(location)
                }
                return .scalar(scalar.string, location)
            case .sequence(let sequence):
                let alias = enterCollection(at: node.mark)
                defer { if alias { aliasDepth -= 1 } }
                return .list(sequence.map { convert($0) }, location)
            case .mapping(let mapping):
                let alias = enterCollection(at: node.mark)
                defer { if alias { aliasDepth -= 1 } }
                var entries: [DataNode.Entry] = []
                var merged: [DataNode.Entry] = []
                for pair in mapping {
                    let value = convert(pair.value)
                    // `<<: *anchor` merges another mapping's fields; fields written here win.
                    if case .scalar(let key) = pair.key, key.string == "<<", key.style == .plain {
                        switch value {
                        case .map(let inherited, _): merged += inherited
                        case .list(let items, _): for case .map(let inherited, _) in items { merged += inherited }
                        default: break
                        }
                        continue
                    }
                    let key = convert(pair.key)
                    let keyText: String
                    if case .scalar(let text, _) = key { keyText = text } else { keyText = "" }
                    entries.append(DataNode.Entry(key: keyText, keyLocation: key.location, value: value))
                }
                let own = Set(entries.map(\.key))
                entries += merged.filter { !own.contains($0.key) }
                return .map(entries, location)
            case .alias:
                return .null(location)
            }
        }

        /// Whether this collection was met before (so it is an alias's copy); counts it if so.
        private func enterCollection(at mark: Mark?) -> Bool {
            guard let mark else { return false }
            if seen.insert(mark.line << 24 | mark.column).inserted { return false }
            aliasDepth += 1
            return true
        }

        /// The error for a file whose aliases went over the limit.
        var limitError: Diagnostic? {
            exceeded.map {
                .error(
                    $0, "the aliases (`*name`) to this value expand the file to more than \(limit) values",
                    hint:
                        "this is how a \"billion laughs\" file exhausts memory; write the values out, or nest fewer aliases"
                )
            }
        }
    }

    private static func convert(
        _ node: Node, file: String, lineOffset: Int, limit: Int, log: DiagnosticLog
    ) -> DataNode? {
        let converter = Converter(file: file, lineOffset: lineOffset, limit: limit)
        let result = converter.convert(node)
        if let error = converter.limitError {
            log.add(error)
            return nil
        }
        return result
    }

    private static func diagnostic(for error: YamlError, file: String, lineOffset: Int, format: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            // libyaml's own words here name its C function (and carry a stray parenthesis).
            if problem.hasPrefix("Maximum nesting level") {
                return .error(
                    SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column),
                    "invalid \(format): values are nested more than 1000 levels deep",
                    hint:
                        "a report needs a few levels at most; look for brackets that are never closed or indentation that runs away"
                )
            }
            var message = problem
            if let context { message = "\(problem) \(context.text)".trimmingCharacters(in: .whitespaces) }
            var hint = "check the indentation and quoting around this line"
            if format == "JSON" { hint = "check for a missing comma, quote or bracket just before this point" }
            if problem.contains("tab") { hint = "YAML does not allow tabs for indentation; use spaces" }
            if problem.contains("mapping values") {
                hint = "a value containing `: ` must be quoted, e.g. title: \"Talks: day one\""
            }
            return .error(
                SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column),
                "invalid \(format): \(message)", hint: hint
            )
        case .composer(let context, let problem, let mark, _):
            var message = problem
            if let context { message = "\(context.text) \(problem)" }
            return .error(
                SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column),
                "invalid \(format): \(message)")
        case .reader(let problem, let offset, _, _):
            return .error(
                SourceLocation(file: file, line: 1 + lineOffset),
                "invalid text at byte \(offset.map(String.init) ?? "?"): \(problem)", hint: "save the file as UTF-8")
        default:
            return .error(SourceLocation(file: file, line: 1 + lineOffset), "invalid \(format): \(error)")
        }
    }
}
