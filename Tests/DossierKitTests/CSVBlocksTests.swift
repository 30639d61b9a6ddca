import Foundation
import Testing
@testable import DossierKit

/// A CSV file read a block at a time (`CSVBlocks`, how `dossier import acled` reads an export of
/// any size) gives the rows, values and locations of the file read whole, wherever the blocks end.
@Suite struct CSVBlocksTests {
    /// Quoted fields with commas, doubled quotes and line breaks (LF and CRLF), characters of
    /// several bytes, an empty row, a byte order mark.
    static let sample =
        "\u{FEFF}id,date,title,notes\r\n"
        + "a-1,2024-01-01,\"Raid, near the border\",\"He said \"\"no\"\"\"\r\n"
        + "a-2,2024-01-02,Strike,\"Two lines:\nsecond\r\nthird\"\n"
        + "\n"
        + "a-3,2024-01-03,Ḥadīth in Ḥalab,\"بغداد, العراق\"\n"
        + "a-4,2024-01-04,\"\",last\n"

    func file(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-blocks-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        return url
    }

    func rows(
        _ url: URL, blockSize: Int, longestRow: Int = CSVBlocks.longestRow
    ) -> (rows: [DataNode], errors: [String], read: Bool) {
        let log = DiagnosticLog()
        var rows: [DataNode] = []
        let read = CSVBlocks.rows(url, display: "export.csv", log: log, blockSize: blockSize, longestRow: longestRow) {
            rows.append($0); return true
        }
        return (rows, log.diagnostics.map(\.description), read)
    }

    func wholeRows(_ text: String) -> (rows: [DataNode], errors: [String]) {
        let log = DiagnosticLog()
        var rows: [DataNode] = []
        let normalised = String(text.drop { $0 == "\u{FEFF}" }).replacingOccurrences(of: "\r\n", with: "\n")
        CSVTableReader.rows(normalised, file: "export.csv", log: log) { rows.append($0) }
        return (rows, log.diagnostics.map(\.description))
    }

    @Test func everyBlockSizeGivesTheRowsOfTheWholeFile() throws {
        let url = try file(Array(Self.sample.utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        let whole = wholeRows(Self.sample)
        #expect(whole.rows.count == 4 && whole.errors.isEmpty)
        // From one byte (every block ends mid-character or mid-field until a row is whole) to the whole file.
        for size in [1, 2, 3, 5, 7, 11, 16, 31, 64, 4096] {
            let blocks = rows(url, blockSize: size)
            #expect(blocks.read && blocks.errors.isEmpty, "block size \(size): \(blocks.errors)")
            #expect(blocks.rows == whole.rows, "block size \(size)")
        }
        // The row after the three-line field and the empty line is on line 7, as an editor shows it.
        #expect(whole.rows[2].location.line == 7)
    }

    @Test func anUnclosedQuoteInALaterBlockIsReportedWhereItOpens() throws {
        let text = "id,title\na-1,One\na-2,Two\na-3,\"Never closed\na-4,Four\n"
        let url = try file(Array(text.utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        let whole = wholeRows(text)
        #expect(
            whole.errors.first?.hasPrefix("export.csv:4:5: error: this quote opens a field that is never closed")
                == true, "\(whole.errors)")
        for size in [1, 4, 9, 20] {
            let blocks = rows(url, blockSize: size)
            #expect(!blocks.read && blocks.errors == whole.errors, "block size \(size): \(blocks.errors)")
        }
    }

    @Test func bytesThatAreNotUTF8AreReportedAtTheirLine() throws {
        var bytes = Array("id,title\na-1,One\na-2,Two\na-3,".utf8)
        bytes += [0xC3, 0x28]  // a lead byte with no continuation
        bytes += Array(",x\na-4,Four\n".utf8)
        let url = try file(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        for size in [1, 6, 4096] {
            let blocks = rows(url, blockSize: size)
            #expect(!blocks.read)
            #expect(
                blocks.errors.first?.hasPrefix("export.csv:4: error: the file is not valid UTF-8 text") == true,
                "block size \(size): \(blocks.errors)")
        }
    }

    /// A quote that is never closed makes the rest of the file one field: it is refused when the
    /// row passes the limit, not read whole into memory.
    @Test func aRowLongerThanTheLimitIsRefusedWithoutReadingTheRest() throws {
        let text = "id,title\na-1,One\na-2,\"" + String(repeating: "x,y\n", count: 2_000)
        let url = try file(Array(text.utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        let blocks = rows(url, blockSize: 64, longestRow: 1_024)
        #expect(!blocks.read)
        #expect(
            blocks.errors.first?.hasPrefix("export.csv:3: error: a row from here on is longer than 1024 bytes") == true,
            "\(blocks.errors)")
        #expect(blocks.rows.count == 1)
    }

    @Test func anEmptyFileHasNoHeaderRow() throws {
        let url = try file([])
        defer { try? FileManager.default.removeItem(at: url) }
        let blocks = rows(url, blockSize: 16)
        #expect(!blocks.read)
        #expect(blocks.errors == wholeRows("").errors && !blocks.errors.isEmpty, "\(blocks.errors)")
    }
}
