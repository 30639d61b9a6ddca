import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What an import wrote, kept beside its events (`events/<format>/.dossier-import.json`,
/// hidden, so the report's build does not read it; commit it with the report): each event's id
/// and a digest of the YAML it wrote. A later import of an updated export replaces an event
/// only while its text is still that digest's, so an event edited by hand since is never
/// overwritten without being asked.
struct ImportRecord: Codable {
    var version = 1
    var events: [String: Digest] = [:]

    /// SHA-256 in 32 bytes, not 64 hex characters: a record holds one per event (100,000 at the
    /// size of real exports), and so does an import as it reads.
    struct Digest: Hashable, Codable, CustomStringConvertible {
        private var words: (UInt64, UInt64, UInt64, UInt64)

        init<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
            var words: [UInt64] = [0, 0, 0, 0]
            for (index, byte) in bytes.prefix(32).enumerated() {
                words[index / 8] = words[index / 8] << 8 | UInt64(byte)
            }
            self.words = (words[0], words[1], words[2], words[3])
        }

        /// From its hex text; nil when it is not 64 hex digits.
        init?(hex: String) {
            // A record holds one per event: read digit by digit, no string per byte.
            func value(_ digit: UInt8) -> UInt8? {
                switch digit {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
                default: return nil
                }
            }
            let digits = Array(hex.utf8)
            guard digits.count == 64 else { return nil }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(32)
            for index in stride(from: 0, to: 64, by: 2) {
                guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
                bytes.append(high << 4 | low)
            }
            self.init(bytes)
        }

        var description: String {
            [words.0, words.1, words.2, words.3].map { word in
                let hex = String(word, radix: 16)
                return String(repeating: "0", count: 16 - hex.count) + hex
            }.joined()
        }

        static func == (left: Digest, right: Digest) -> Bool { left.words == right.words }
        func hash(into hasher: inout Hasher) {
            hasher.combine(words.0); hasher.combine(words.1); hasher.combine(words.2); hasher.combine(words.3)
        }

        init(from decoder: Decoder) throws {
            let hex = try decoder.singleValueContainer().decode(String.self)
            guard let digest = Digest(hex: hex) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "not a SHA-256 digest: \(hex)"))
            }
            self = digest
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(description)
        }
    }

    static func path(_ source: String) -> String { "events/\(source)/.dossier-import.json" }

    /// The record, or an empty one when there is none. A record that cannot be read (a merge
    /// conflict left in it, a cut file) is an error, not an empty record: read as empty, every
    /// event the import made would count as edited by hand.
    static func read(_ url: URL, shownAs shown: String) throws -> ImportRecord {
        guard FileManager.default.fileExists(atPath: url.path) else { return ImportRecord() }
        let log = DiagnosticLog()
        guard let text = ContentFile.readText(url, display: shown, log: log) else {
            throw ImportFailure(log.diagnostics)
        }
        do {
            let record =
                try ImportRecord.asWritten(text) ?? JSONDecoder().decode(ImportRecord.self, from: Data(text.utf8))
            guard record.version == 1, record.events.keys.allSatisfy({ Identifier.problem(with: $0) == nil }) else {
                throw ImportFailure(
                    "\(shown): this import record was written by another version of Dossier, or holds ids that are not ids"
                )
            }
            return record
        } catch let failure as ImportFailure {
            throw failure
        } catch {
            let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
                $0.hasPrefix("<<<<<<<") || $0.hasPrefix(">>>>>>>") || $0.hasPrefix("=======")
            }
            throw ImportFailure([
                .error(
                    SourceLocation(file: shown, line: line.map { $0 + 1 } ?? 0),
                    "the import record is not valid JSON\(line == nil ? "" : " (a merge conflict was left in it)"); nothing was imported",
                    hint:
                        "restore it (`git checkout -- \(shown)`, or resolve the conflict keeping both sides' events); without it, every event this import made would count as edited by hand"
                )
            ])
        }
    }

    /// The record read line by line when it is exactly as `write` writes it (one entry a line),
    /// else nil, and `JSONDecoder` reads it (and reports what is wrong). A record of 100,000
    /// events is 10 MB of text: the decoder's tree of it and the text's copy took more memory
    /// than the rest of a re-import of that size.
    static func asWritten(_ text: String) -> ImportRecord? {
        var text = text
        return text.withUTF8 { bytes -> ImportRecord? in
            let header = Array("{\n  \"events\" : {\n".utf8)
            let footer = Array("  },\n  \"version\" : 1\n}\n".utf8)
            guard bytes.count >= header.count + footer.count, bytes.starts(with: header),
                bytes[(bytes.count - footer.count)...].elementsEqual(footer)
            else { return nil }
            var record = ImportRecord()
            var lineStart = header.count
            let end = bytes.count - footer.count
            // Every entry but the last ends with a comma: whether the one before did.
            var previousEndsWithComma: Bool?
            let indent = Array("    \"".utf8), separator = Array("\" : \"".utf8)
            while lineStart < end {
                guard let newline = bytes[lineStart..<end].firstIndex(of: 0x0A) else { return nil }
                var line = bytes[lineStart..<newline]
                lineStart = newline + 1
                if line.isEmpty { continue }
                // `    "<id>" : "<64 hex digits>"`, then `,` unless it is the last.
                guard previousEndsWithComma != false else { return nil }
                let hasComma = line.last == UInt8(ascii: ",")
                if hasComma { line = line.dropLast() }
                guard line.starts(with: indent), line.last == UInt8(ascii: "\""),
                    line.count > indent.count + 1 + 64 + separator.count
                else { return nil }
                let hexStart = line.endIndex - 1 - 64
                guard line[(hexStart - separator.count)..<hexStart].elementsEqual(separator) else { return nil }
                let idBytes = line[(line.startIndex + indent.count)..<(hexStart - separator.count)]
                guard !idBytes.contains(UInt8(ascii: "\"")), !idBytes.contains(UInt8(ascii: "\\")),
                    let digest = Digest(hex: String(decoding: line[hexStart..<(line.endIndex - 1)], as: UTF8.self))
                else { return nil }
                let id = String(decoding: idBytes, as: UTF8.self)
                // A key given twice is JSON's business (the decoder's), not this reader's.
                guard record.events.updateValue(digest, forKey: id) == nil else { return nil }
                previousEndsWithComma = hasComma
            }
            return previousEndsWithComma == true ? nil : record
        }
    }

    /// Writes the record with these new events added as JSON, keys sorted, as `JSONEncoder`
    /// (pretty-printed, sorted keys) writes it, but in pieces as it goes: the encoder builds a
    /// tree of every entry first, and the whole text of 100,000 entries is 10 MB. Every key is an
    /// id and every value hex, so nothing needs escaping.
    ///
    /// - Parameters:
    ///   - added: the new events by month, as the import's sorter holds them (events the record
    ///     does not hold: an import updates those it has in the record itself). Their order is
    ///     worked out as 8 bytes an event, and each one's digest taken from its text in the spool
    ///     as its line is written: nothing of the record is held but its own entries.
    ///   - spool: where the new events' texts are.
    func write(
        adding added: [String: (size: Int, items: [ContentImport.EventSorter.Added])], from spool: ImportSpool?,
        to write: (String) throws -> Void
    ) throws {
        let months = added.keys.sorted()
        let items = months.map { added[$0]?.items ?? [] }
        var order: [(month: UInt32, item: UInt32)] = []
        order.reserveCapacity(items.reduce(0) { $0 + $1.count })
        for (month, list) in items.enumerated() {
            for index in list.indices { order.append((UInt32(month), UInt32(index))) }
        }
        order.sort { items[Int($0.month)][Int($0.item)].id < items[Int($1.month)][Int($1.item)].id }
        let recorded = events.keys.sorted()
        var text = "{\n  \"events\" : {\n"
        var new = order.makeIterator(), old = recorded.makeIterator()
        var nextNew = new.next(), nextOld = old.next(), first = true
        func line(_ id: String, _ digest: Digest) throws {
            text += (first ? "" : ",\n") + "    \"\(id)\" : \"\(digest)\""
            first = false
            if text.utf8.count >= 1 << 16 {
                try write(text)
                text = ""
            }
        }
        while nextNew != nil || nextOld != nil {
            if let place = nextNew {
                let item = items[Int(place.month)][Int(place.item)]
                if nextOld.map({ item.id < $0 }) ?? true {
                    guard let spool else {
                        throw ImportFailure("the new events' texts are missing; nothing was imported")
                    }
                    try line(
                        item.id, ImportRecord.digest(bytes: try spool.bytes(months[Int(place.month)], in: item.range)))
                    nextNew = new.next()
                    continue
                }
            }
            if let id = nextOld, let digest = events[id] { try line(id, digest) }
            nextOld = old.next()
        }
        text += "\n"
        try write(text + "  },\n  \"version\" : \(version)\n}\n")
    }

    /// SHA-256 of the item's text, in hex.
    static func digest(_ text: String) -> Digest {
        digest(bytes: Array(text.utf8))
    }

    static func digest(bytes: [UInt8]) -> Digest {
        Digest(SHA256.hash(data: bytes))
    }
}

/// The event items of the files an import wrote, found by id: where each is, for replacing it.
struct ImportedFiles {
    struct Item {
        /// The file's name in the import's folder (`2024-01.yaml`).
        var file: String
        /// Its bytes in the file: from its `- ` to the next item's.
        var range: Range<Int>
        var line: Int
        /// The digest of its text (`ImportRecord.digest`), read from the file when it is asked for.
        var digest: ImportRecord.Digest? { ImportedFiles.digest(of: range, in: url) }
        fileprivate let url: URL
    }

    /// Where an item is, in 16 bytes: a re-import of 100,000 events holds one per event, so
    /// neither its text nor its digest is kept (the digest is needed only for an event the new
    /// export changes: `digest`).
    private struct Place {
        var file: UInt16
        var start: UInt32, end: UInt32
        var line: UInt32
    }

    private let folder: URL
    private var names: [String] = []
    private var places: [String: Place] = [:]

    init(folder: URL) {
        self.folder = folder
        names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
            $0.hasSuffix(".yaml") && !$0.hasPrefix(".")
        }.sorted()
        for (fileIndex, name) in names.enumerated() {
            // A file too large for a place's numbers is not one an import wrote (`ContentFile.largestFile`).
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)), data.count < Int(UInt32.max),
                fileIndex <= Int(UInt16.max)
            else { continue }
            let bytes = Array(data)
            guard let starts = YAMLReader.listItems(bytes) else { continue }
            for (index, start) in starts.enumerated() {
                let end = index + 1 < starts.count ? starts[index + 1].offset : bytes.count
                // An item the import wrote starts `- id: <id>`.
                let prefix = Array("- id: ".utf8)
                guard bytes[start.offset...].starts(with: prefix) else { continue }
                let idStart = start.offset + prefix.count
                let idEnd = bytes[idStart..<end].firstIndex { $0 == 0x0A || $0 == 0x0D } ?? end
                let id = String(decoding: bytes[idStart..<idEnd], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                guard !id.isEmpty else { continue }
                places[id] = Place(
                    file: UInt16(fileIndex), start: UInt32(start.offset), end: UInt32(end),
                    line: UInt32(clamping: start.line + 1))
            }
        }
    }

    func item(_ id: String) -> Item? {
        places[id].map { place in
            let name = names[Int(place.file)]
            return Item(
                file: name, range: Int(place.start)..<Int(place.end), line: Int(place.line),
                url: folder.appendingPathComponent(name))
        }
    }

    /// The digest of an item's text as the file has it now; a file saved with CRLF line ends is
    /// not an edit of its events. Nil when it cannot be read (then it counts as edited).
    static func digest(of range: Range<Int>, in url: URL) -> ImportRecord.Digest? {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: range.count), at = 0
        while at < bytes.count {
            let count = bytes.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + at, $0.count - at, off_t(range.lowerBound + at))
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            at += count
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return ImportRecord.digest(text.contains("\r\n") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text)
    }
}
