import CSV
import Foundation

/// Reads a CSV file (first row: column names) into one `DataNode` mapping per row.
///
/// Spreadsheets cannot nest, so list-valued columns hold several values separated by `;`
/// and the event decoder splits them; see `EventFields` for the columns.
enum CSVTableReader {
    /// - Parameter delimiter: `,`; `;` for the CSV a European spreadsheet saves (imports).
    static func parse(_ text: String, file: String, log: DiagnosticLog, delimiter: UnicodeScalar = ",") -> DataNode? {
        var list: [DataNode] = []
        guard rows(text, file: file, log: log, delimiter: delimiter, each: { list.append($0) }) else { return nil }
        return .list(list, SourceLocation(file: file, line: 1, column: 1))
    }

    /// The rows one at a time, each as a mapping from column name to value, so that a large
    /// export is read without holding all its rows (`dossier import acled`). False when the file
    /// cannot be read as CSV (the error is in `log`); rows already given stay given.
    @discardableResult
    ///
    /// - Parameter firstRowLine: for a block of a larger file (`CSVBlocks`): the header row,
    ///   then rows whose first is on this line of the file.
    static func rows(
        _ text: String, file: String, log: DiagnosticLog, delimiter: UnicodeScalar = ",", firstRowLine: Int? = nil,
        each: (DataNode) -> Void
    ) -> Bool {
        let start = SourceLocation(file: file, line: 1, column: 1)
        if text.utf8.contains(0) {
            log.error(start, "the file contains a null byte", hint: "save the spreadsheet as CSV (UTF-8)")
            return false
        }
        if var quote = unclosedQuote(in: text, delimiter: UInt8(ascii: delimiter)) {
            if let firstRowLine {
                // The header is the block's first line, and its rows follow from `firstRowLine`.
                let headerLines = 1 + CSVQuoteScanner.headerLineBreaks(text, delimiter: UInt8(ascii: delimiter))
                if quote.line > headerLines { quote.line += firstRowLine - headerLines - 1 }
            }
            log.error(
                SourceLocation(file: file, line: quote.line, column: quote.column),
                "this quote opens a field that is never closed, so the rest of the file would be one field",
                hint: "close the field with a quote; a quote inside a field is written twice: \"He said \"\"no\"\"\"")
            return false
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: delimiter)
        } catch {
            log.error(
                start, "could not read the CSV header row",
                hint: "the first row must name the columns, e.g. id,date,title,type")
            return false
        }
        guard let header = reader.headerRow, !header.isEmpty else {
            log.error(
                start, "the CSV file has no header row",
                hint: "the first row must name the columns, e.g. id,date,title,type")
            return false
        }
        let headerLocations = columnLocations(of: header, line: 1, file: file, delimiter: Character(delimiter))
        // A column named twice would be read as its first, silently.
        var firstColumn: [String: Int] = [:], twice = false
        for (index, name) in header.enumerated() {
            let key = name.trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { continue }
            if let first = firstColumn[key] {
                log.error(
                    headerLocations[index],
                    "the column `\(SourceLocation.printable(key))` is named twice (columns \(first + 1) and \(index + 1)); which one holds the values cannot be told",
                    hint: "rename or remove one of them")
                twice = true
            } else {
                firstColumn[key] = index
            }
        }
        if twice { return false }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        // The reader does not report positions, so count lines ourselves: each row takes one
        // line plus any line breaks inside its quoted fields.
        var line = firstRowLine ?? 2 + lineBreaks(in: header)
        while let row = reader.next() {
            let rowLocations = columnLocations(of: row, line: line, file: file, delimiter: Character(delimiter))
            let rowLocation = SourceLocation(file: file, line: line, column: 1)
            defer { line += 1 + lineBreaks(in: row) }
            if row.allSatisfy({ $0.trimmingCharacters(in: CharacterSet.whitespaces).isEmpty }) { continue }
            if row.count > header.count {
                log.error(
                    rowLocations[header.count],
                    "this row has \(row.count) fields but the header names \(header.count) columns",
                    hint: "quote fields that contain commas: \"Baghdad, Iraq\"")
                continue
            }
            var entries: [DataNode.Entry] = []
            entries.reserveCapacity(row.count)
            for (index, name) in names.enumerated() where index < row.count {
                // Cells of the data download that a spreadsheet would run carry an apostrophe.
                let value = SpreadsheetFormulaGuard.unescaped(row[index].trimmingCharacters(in: .whitespaces))
                let location = rowLocations[index]
                entries.append(
                    DataNode.Entry(
                        key: name, keyLocation: headerLocations[index],
                        value: value.isEmpty ? .null(location) : .scalar(value, location)))
            }
            each(.map(entries, rowLocation))
        }
        if let error = reader.error {
            log.error(
                SourceLocation(file: file, line: line), "could not read the CSV file: \(error)",
                hint: "check for an unclosed quote")
            return false
        }
        return true
    }

    /// Where a quoted field opens that the file never closes (RFC 4180: a field that starts with
    /// a quote ends at the next single quote; two quotes stand for one). The CSV reader takes the
    /// rest of the file as that field, without an error.
    static func unclosedQuote(in text: String, delimiter: UInt8 = UInt8(ascii: ",")) -> (line: Int, column: Int)? {
        var line = 1, column = 0
        var scanner = CSVQuoteScanner(delimiter: delimiter)
        var opened = (line: 1, column: 1)
        for byte in text.utf8 {
            // Columns count characters: continuation bytes of UTF-8 do not start one.
            if byte & 0xC0 != 0x80 { column += 1 }
            let wasQuoted = scanner.inQuotes
            scanner.feed(byte)
            if scanner.inQuotes, !wasQuoted { opened = (line, column) }
            if byte == 0x0A { line += 1; column = 0 }
        }
        return scanner.inOpenQuote ? opened : nil
    }

    private static func lineBreaks(in fields: [String]) -> Int {
        var count = 0
        for field in fields { count += field.reduce(0) { $1.isNewline ? $0 + 1 : $0 } }
        return count
    }

    /// Column (1-based, in characters) where each field starts, assuming fields on one line.
    private static func columnLocations(
        of row: [String], line: Int, file: String, delimiter: Character = ","
    ) -> [SourceLocation] {
        var column = 1
        var result: [SourceLocation] = []
        for field in row {
            result.append(SourceLocation(file: file, line: line, column: column))
            let quoted = field.contains(delimiter) || field.contains("\"") || field.contains(where: \.isNewline)
            let quoteCount = field.reduce(0) { $1 == "\"" ? $0 + 1 : $0 }
            let width: Int = quoted ? field.count + 2 + quoteCount : field.count
            column += width + 1
        }
        result.append(SourceLocation(file: file, line: line, column: column))
        return result
    }
}

/// Where a CSV file's rows end, byte by byte (RFC 4180: a field that starts with a quote ends at
/// the next single quote; two quotes stand for one; a line break inside it is part of it).
struct CSVQuoteScanner {
    let delimiter: UInt8
    private var atFieldStart = true
    private(set) var inQuotes = false
    private var pendingQuote = false

    init(delimiter: UInt8) { self.delimiter = delimiter }

    /// Whether a quoted field is open and not closed.
    var inOpenQuote: Bool { inQuotes && !pendingQuote }

    /// Reads one byte; true when it ends a row (a line break outside quotes).
    @discardableResult
    mutating func feed(_ byte: UInt8) -> Bool {
        if inQuotes {
            if pendingQuote {
                pendingQuote = false
                // Two quotes: one quote inside the field. Anything else: the field has ended.
                if byte == UInt8(ascii: "\"") { return false }
                inQuotes = false
            } else {
                if byte == UInt8(ascii: "\"") { pendingQuote = true }
                return false
            }
        }
        switch byte {
        case UInt8(ascii: "\"") where atFieldStart:
            inQuotes = true
        case delimiter:
            atFieldStart = true
            return false
        case 0x0A:
            atFieldStart = true
            return true
        case 0x0D:
            return false
        default:
            break
        }
        atFieldStart = false
        return false
    }

    /// The first row of a text, with its line break.
    static func firstRow(_ text: String, delimiter: UInt8) -> String {
        var scanner = CSVQuoteScanner(delimiter: delimiter), length = 0
        for byte in text.utf8 {
            length += 1
            if scanner.feed(byte) { break }
        }
        let row = String(decoding: text.utf8.prefix(length), as: UTF8.self)
        return row.hasSuffix("\n") ? row : row + "\n"
    }

    /// How many line breaks the first row of a text holds inside its quoted fields.
    static func headerLineBreaks(_ text: String, delimiter: UInt8) -> Int {
        var scanner = CSVQuoteScanner(delimiter: delimiter), breaks = 0
        for byte in text.utf8 {
            if scanner.feed(byte) { return breaks }
            if byte == 0x0A { breaks += 1 }
        }
        return breaks
    }
}
