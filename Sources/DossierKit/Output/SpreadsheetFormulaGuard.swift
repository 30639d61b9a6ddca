/// Keeps cells of `data/events.csv` from running as spreadsheet formulas (CSV injection).
///
/// Spreadsheets treat a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as
/// a formula; a title such as `=HYPERLINK("https://evil.example", "Source")` would become a
/// live link, and worse. OWASP's advice is to put an apostrophe before such a cell, which the
/// spreadsheet shows as text. Plain numbers (`-33.3`, a latitude) are left as they are.
///
/// The download must read back exactly as it was written (it doubles as content), so the
/// apostrophe is also added before a value that already starts with an apostrophe followed by
/// one of those characters or by another apostrophe, and `unescaped` removes exactly one
/// apostrophe from a cell that starts with an apostrophe followed by one of them. `'Tis` is
/// neither escaped nor changed when read.
enum SpreadsheetFormulaGuard {
    static let triggers: Set<UInt8> = [
        UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D,
    ]
    static let apostrophe = UInt8(ascii: "'")

    static func escaped(_ value: String) -> String {
        needsEscape(value) ? "'" + value : value
    }

    static func unescaped(_ value: String) -> String {
        startsWithEscapingApostrophe(value) ? String(value.dropFirst()) : value
    }

    static func needsEscape(_ value: String) -> Bool {
        guard let first = value.utf8.first else { return false }
        if triggers.contains(first) { return !isPlainNumber(value) }
        return startsWithEscapingApostrophe(value)
    }

    /// An apostrophe followed by a trigger or by another apostrophe: what `unescaped` removes,
    /// so a value that starts so is escaped too, to read back as it was.
    private static func startsWithEscapingApostrophe(_ value: String) -> Bool {
        var bytes = value.utf8.makeIterator()
        guard bytes.next() == apostrophe, let second = bytes.next() else { return false }
        return triggers.contains(second) || second == apostrophe
    }

    /// `-12`, `+3.5`: a sign, digits, at most one point between digits.
    static func isPlainNumber(_ value: String) -> Bool {
        var bytes = Substring(value).utf8.dropFirst(0)
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            bytes = bytes.dropFirst()
        }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }
}
