import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A CSV file read a block of whole rows at a time, so that an export of any size is read in
/// bounded memory (`dossier import acled`: real exports reach 100,000 rows and hundreds of MB).
/// Each block ends at a line break outside quotes (`CSVQuoteScanner`), so a quoted field's line
/// breaks stay in its block; each is checked as UTF-8 on its own (a line break never falls inside
/// a character).
enum CSVBlocks {
    /// How much of the file is read at once: a block is held three times while its rows are
    /// read (the bytes, their text, the text with the header row), so this is most of what
    /// reading an export of any size costs; more saves nothing measurable in time.
    static let blockSize = 1 << 20
    /// The longest row read: a longer one is a quote that is never closed (the rest of the file
    /// would be one field), or not CSV at all, and is not held in memory to find out.
    static let longestRow = 16 << 20

    /// Calls `each` with each block's text (its first starts with the header row, and a
    /// byte order mark is left out) and the line of the file its first row is on; `each` returns
    /// false to stop. `delimiter` chooses the delimiter from the file's first line.
    /// False, with a located error, when the file cannot be read, is not UTF-8, or has a row
    /// longer than `longestRow`.
    static func read(
        _ url: URL, display: String, log: DiagnosticLog, delimiter choose: (Substring) -> UnicodeScalar,
        blockSize: Int = blockSize, longestRow: Int = longestRow,
        each: (_ block: String, _ firstLine: Int, _ delimiter: UnicodeScalar) -> Bool
    ) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            let descriptor = open(url.path, O_RDONLY | O_NONBLOCK)
            let reason = descriptor < 0 ? String(cString: strerror(errno)) : "the read failed"
            if descriptor >= 0 { close(descriptor) }
            log.error(
                SourceLocation(file: display), "could not read the file: \(reason)",
                hint: "check that you may read it (ls -l shows its permissions)")
            return false
        }
        defer { try? handle.close() }
        var buffer: [UInt8] = [], scanned = 0, rowEnd = 0
        var scanner: CSVQuoteScanner?, delimiter: UnicodeScalar = ","
        var line = 1
        while true {
            let atEnd: Bool
            do {
                // (Scoped: the block's bytes are in `buffer` once appended.)
                let data = try handle.read(upToCount: blockSize) ?? Data()
                atEnd = data.isEmpty
                buffer.append(contentsOf: data)
            } catch {
                log.error(
                    SourceLocation(file: display, line: line), "could not read the file: \(error.localizedDescription)",
                    hint: "check that the file is whole and readable")
                return false
            }
            if scanner == nil, !buffer.isEmpty {
                if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.removeFirst(3) }
                // The first line decides the delimiter: it must be whole, or be all there is.
                guard let lineEnd = buffer.firstIndex(of: 0x0A) ?? (atEnd ? buffer.count : nil) else {
                    if buffer.count > longestRow { return tooLong(display, line: line, limit: longestRow, log: log) }
                    continue
                }
                delimiter = choose(Substring(String(decoding: buffer[..<lineEnd], as: UTF8.self)))
                scanner = CSVQuoteScanner(delimiter: UInt8(ascii: delimiter))
            }
            if var quotes = scanner {
                while scanned < buffer.count {
                    if quotes.feed(buffer[scanned]) { rowEnd = scanned + 1 }
                    scanned += 1
                }
                scanner = quotes
            }
            let end = atEnd ? buffer.count : rowEnd
            if end == 0 {
                if atEnd { return true }
                if buffer.count > longestRow { return tooLong(display, line: line, limit: longestRow, log: log) }
                continue
            }
            guard let text = String(validating: buffer[..<end], as: UTF8.self) else {
                let at = firstInvalidByte(buffer[..<end])
                log.error(
                    SourceLocation(file: display, line: line + buffer[..<at].count(where: { $0 == 0x0A })),
                    "the file is not valid UTF-8 text",
                    hint: "save it with UTF-8 encoding (a spreadsheet: CSV UTF-8)")
                return false
            }
            let firstLine = line
            line += buffer[..<end].count(where: { $0 == 0x0A })
            buffer.removeFirst(end)
            scanned -= end
            rowEnd = 0
            guard each(text, firstLine, delimiter) else { return true }
            if atEnd { return true }
        }
    }

    private static func tooLong(_ display: String, line: Int, limit: Int, log: DiagnosticLog) -> Bool {
        log.error(
            SourceLocation(file: display, line: line),
            "a row from here on is longer than \(limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit) bytes"): a quote that opens a field and is never closed makes the rest of the file one field",
            hint: "close the field with a quote; a quote inside a field is written twice: \"He said \"\"no\"\"\"")
        return false
    }

    /// The rows of a CSV file, one at a time, as `CSVTableReader.rows` gives those of a text,
    /// with the same values and locations, read a block at a time. CRLF line ends are read as LF.
    ///
    /// - Parameter firstBlock: sees the first block's text before its rows are read; false stops
    ///   (a file in another format, with its error logged).
    static func rows(
        _ url: URL, display: String, log: DiagnosticLog, delimiter choose: (Substring) -> UnicodeScalar = { _ in "," },
        blockSize: Int = blockSize, longestRow: Int = longestRow,
        firstBlock: (String) -> Bool = { _ in true }, each: (DataNode) -> Bool
    ) -> Bool {
        var header: String?, read = true, stopped = false, blocks = 0
        let whole = CSVBlocks.read(
            url, display: display, log: log, delimiter: choose, blockSize: blockSize, longestRow: longestRow
        ) { raw, firstLine, delimiter in
            blocks += 1
            let block = raw.contains("\r\n") ? raw.replacingOccurrences(of: "\r\n", with: "\n") : raw
            let give: (DataNode) -> Void = { row in if !stopped, !each(row) { stopped = true } }
            if let header {
                // Each block is read with the header row before it.
                read = CSVTableReader.rows(
                    header + block, file: display, log: log, delimiter: delimiter, firstRowLine: firstLine, each: give)
            } else {
                guard firstBlock(block) else {
                    read = false
                    return false
                }
                header = CSVQuoteScanner.firstRow(block, delimiter: UInt8(ascii: delimiter))
                read = CSVTableReader.rows(block, file: display, log: log, delimiter: delimiter, each: give)
            }
            return read && !stopped
        }
        // An empty file: the error of a file with no header row.
        if whole, blocks == 0 { read = CSVTableReader.rows("", file: display, log: log) { _ in } }
        return whole && read
    }

    /// Where UTF-8 decoding fails.
    static func firstInvalidByte(_ bytes: ArraySlice<UInt8>) -> Int {
        var parser = Unicode.UTF8.ForwardParser(), iterator = bytes.makeIterator(), offset = bytes.startIndex
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return offset
            }
        }
    }
}
