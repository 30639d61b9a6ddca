import Foundation

/// Reads the fields of one mapping (an event, an actor's front matter, …), reporting every
/// missing, mistyped or unknown field to the log with its position.
struct FieldReader {
    let entries: [DataNode.Entry]
    let location: SourceLocation
    let log: DiagnosticLog
    /// What the mapping is, for messages: "event", "actor", "source".
    let subject: String

    init?(_ node: DataNode, subject: String, log: DiagnosticLog) {
        guard case .map(let entries, let location) = node else {
            log.error(node.location, "expected \(subject) as a mapping of fields, found \(node.kindName)")
            return nil
        }
        self.entries = entries
        self.location = location
        self.log = log
        self.subject = subject
    }

    func node(_ key: String) -> DataNode? {
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        if case .null = entry.value { return nil }
        return entry.value
    }

    func keyLocation(_ key: String) -> SourceLocation {
        entries.first(where: { $0.key == key })?.keyLocation ?? location
    }

    /// Where a value is, or where the mapping is when the value is missing.
    func locationOf(_ key: String) -> SourceLocation {
        node(key)?.location ?? location
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let node = node(key) else {
            if required { log.error(location, "\(subject) is missing the required field `\(key)`") }
            return nil
        }
        guard case .scalar(let text, _) = node else {
            log.error(node.location, "`\(key)` must be a single value, found \(node.kindName)")
            return nil
        }
        let cleaned = TextSafety.cleaned(text, field: key, at: node.location, log: log)
        if required, cleaned.isBlank {
            log.error(node.location, "`\(key)` of \(subject) must not be empty")
            return nil
        }
        return cleaned
    }

    func integer(_ key: String) -> Int? {
        guard let text = string(key) else { return nil }
        // Thousands may be grouped: 1,200 or 1_200.
        let digits =
            text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "_") }
            ? String(text.filter { $0 != "," && $0 != "_" }) : text
        guard let value = Int(digits) else {
            log.error(locationOf(key), "`\(key)` must be a whole number, found `\(text)`")
            return nil
        }
        return value
    }

    func double(_ key: String) -> Double? {
        guard let text = string(key) else { return nil }
        guard let value = Double(text), value.isFinite else {
            log.error(locationOf(key), "`\(key)` must be a number, found `\(text)`")
            return nil
        }
        return value
    }

    func bool(_ key: String) -> Bool? {
        guard let text = string(key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            log.error(locationOf(key), "`\(key)` must be true or false, found `\(text)`")
            return nil
        }
    }

    /// A list of strings; a single value, or `a; b` in a CSV cell, counts as a list too.
    func stringList(_ key: String) -> [String] {
        guard let node = node(key) else { return [] }
        switch node {
        case .scalar(let text, let location):
            return text.split(separator: ";").map {
                TextSafety.cleaned($0.trimmingCharacters(in: .whitespaces), field: key, at: location, log: log)
            }.filter { !$0.isEmpty }
        case .list(let items, _):
            return items.compactMap { item in
                guard case .scalar(let text, let location) = item else {
                    log.error(item.location, "each item of `\(key)` must be a single value, found \(item.kindName)")
                    return nil
                }
                return TextSafety.cleaned(text, field: key, at: location, log: log)
            }
        default:
            log.error(node.location, "`\(key)` must be a list, found \(node.kindName)")
            return []
        }
    }

    /// The items of a list of mappings (sources, casualties, …).
    func list(_ key: String) -> [DataNode] {
        guard let node = node(key) else { return [] }
        switch node {
        case .list(let items, _): return items
        case .map: return [node]
        default:
            log.error(node.location, "`\(key)` must be a list, found \(node.kindName)")
            return []
        }
    }

    /// Warns about fields this kind of record does not have, suggesting the nearest known name.
    func warnAboutUnknownKeys(known: Set<String>) {
        for entry in entries where !known.contains(entry.key) {
            log.warning(
                entry.keyLocation, "unknown field `\(entry.key)` in \(subject); it is ignored",
                hint: Suggestion.hint(for: entry.key, in: known.sorted())
            )
        }
    }

    /// The free-form values under `extra:` (`ExtraValue`): a mapping of keys to text, lists and
    /// mappings. Text is cleaned as any other field's.
    func extra() -> ExtraValue.Fields {
        guard let node = node("extra") else { return [:] }
        guard case .map(let entries, _) = node else {
            log.error(
                node.location, "`extra` must be a mapping of keys to values, found \(node.kindName)",
                hint: "write `extra: { colour: blue }` or one `key: value` a line under `extra:`")
            return [:]
        }
        func value(_ node: DataNode, key: String) -> ExtraValue? {
            switch node {
            case .scalar(let text, let location):
                return .text(TextSafety.cleaned(text, field: "extra.\(key)", at: location, log: log))
            case .list(let items, _): return .list(items.compactMap { value($0, key: key) })
            case .map(let entries, _): return .map(fields(entries, prefix: key + "."))
            case .null: return nil
            }
        }
        func fields(_ entries: [DataNode.Entry], prefix: String) -> ExtraValue.Fields {
            var result: ExtraValue.Fields = [:]
            for entry in entries { result[entry.key] = value(entry.value, key: prefix + entry.key) }
            return result
        }
        return fields(entries, prefix: "")
    }
}

/// Rejects characters that have no business in report text and could hide or reorder it.
///
/// Control characters (a null byte, say) break pages; bidirectional embeddings, overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069) can make text display in a different order than it
/// is stored ("Trojan Source"). The marks that Arabic and Persian text legitimately needs
/// (U+200E, U+200F, U+061C) and the zero-width joiners are kept.
enum TextSafety {
    static func cleaned(_ text: String, field: String, at location: SourceLocation, log: DiagnosticLog) -> String {
        // Almost all text is clean: one pass over the bytes decides. Control characters are
        // single bytes below 0x20 (other than tab, line feed, carriage return) or 0x7F; the bidi
        // controls are encoded E2 80 AA–AE and E2 81 A6–A9.
        var suspicious = false
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
                || (previous == (0xE2, 0x80) && (0xAA...0xAE).contains(byte))
                || (previous == (0xE2, 0x81) && (0xA6...0xA9).contains(byte))
            {
                suspicious = true
                break
            }
            previous = (previous.1, byte)
        }
        guard suspicious else { return text }
        var result = String.UnicodeScalarView()
        var control: (Unicode.Scalar, SourceLocation)?, bidi: (Unicode.Scalar, SourceLocation)?
        var line = 0, column = 0
        for scalar in text.unicodeScalars {
            column += 1
            // In multi-line text, point at the line of the character itself.
            let here =
                line == 0 ? location : SourceLocation(file: location.file, line: location.line + line, column: column)
            switch scalar.value {
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F:
                control = control ?? (scalar, here)
            case 0x202A...0x202E, 0x2066...0x2069:
                bidi = bidi ?? (scalar, here)
            default:
                result.append(scalar)
            }
            if scalar == "\n" { line += 1; column = 0 }
        }
        if let (scalar, location) = control {
            log.error(
                location, "`\(field)` contains the control character \(codePoint(scalar))",
                hint: "remove it; control characters are invisible and break pages")
        }
        if let (scalar, location) = bidi {
            log.error(
                location,
                "`\(field)` contains the bidirectional control \(codePoint(scalar)), which can reorder how text is displayed",
                hint:
                    "remove it; right-to-left text displays correctly without it (use U+200F RIGHT-TO-LEFT MARK where a mark is needed)"
            )
        }
        return String(result)
    }

    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        "U+" + String(format: "%04X", scalar.value)
    }
}
