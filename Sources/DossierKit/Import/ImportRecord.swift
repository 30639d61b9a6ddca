import Crypto
import Foundation

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
            for (index, byte) in bytes.prefix(32).enumerated() { words[index / 8] = words[index / 8] << 8 | UInt64(byte) }
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
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a SHA-256 digest: \(hex)"))
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
            let record = try JSONDecoder().decode(ImportRecord.self, from: Data(text.utf8))
            guard record.version == 1, record.events.keys.allSatisfy({ Identifier.problem(with: $0) == nil }) else {
                throw ImportFailure("\(shown): this import record was written by another version of Dossier, or holds ids that are not ids")
            }
            return record
        } catch let failure as ImportFailure {
            throw failure
        } catch {
            let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("<<<<<<<") || $0.hasPrefix(">>>>>>>") || $0.hasPrefix("=======") }
            throw ImportFailure([.error(SourceLocation(file: shown, line: line.map { $0 + 1 } ?? 0),
                                        "the import record is not valid JSON\(line == nil ? "" : " (a merge conflict was left in it)"); nothing was imported",
                                        hint: "restore it (`git checkout -- \(shown)`, or resolve the conflict keeping both sides' events); without it, every event this import made would count as edited by hand")])
        }
    }

    /// The record with these events added (or their digests replaced) as JSON, keys sorted, as
    /// `JSONEncoder` (pretty-printed, sorted keys) writes it, but written as it goes: the encoder
    /// builds a tree of every entry first (100,000 of them). Every key is an id and every value
    /// hex, so nothing needs escaping. The new events are passed, not added to the record first:
    /// an import keeps their digests once, in its plan.
    ///
    /// - Parameter added: events the record does not hold (an import adds only events whose ids
    ///   it has not recorded; it updates those it has in the record itself).
    func json(adding added: consuming [(id: String, digest: Digest)]) -> String {
        var entries = added  // moved, not copied (`consuming`): the caller reserved room for the record's entries
        for (id, digest) in events { entries.append((id, digest)) }
        entries.sort { $0.id < $1.id }
        var text = "{\n  \"events\" : {\n"
        text.reserveCapacity(entries.count * 96 + 64)
        for (index, entry) in entries.enumerated() {
            text += "    \"\(entry.id)\" : \"\(entry.digest)\"\(index + 1 < entries.count ? "," : "")\n"
        }
        if entries.isEmpty { text += "\n" }
        return text + "  },\n  \"version\" : \(version)\n}\n"
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
        /// The digest of its text (`ImportRecord.digest`): the text itself is not kept, so a
        /// re-import of 100,000 events holds 100,000 digests, not the events.
        var digest: ImportRecord.Digest
    }

    private var items: [String: Item] = [:]

    init(folder: URL) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted()
        for name in names {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { continue }
            let bytes = Array(data)
            guard let starts = YAMLReader.listItems(bytes) else { continue }
            for (index, start) in starts.enumerated() {
                let end = index + 1 < starts.count ? starts[index + 1].offset : bytes.count
                let text = String(decoding: bytes[start.offset..<end], as: UTF8.self)
                // An item the import wrote starts `- id: <id>`.
                guard text.hasPrefix("- id: "), let id = text.dropFirst("- id: ".count).split(whereSeparator: \.isNewline).first else { continue }
                // A file an editor saved with CRLF line ends is not an edit of its events.
                items[String(id).trimmingCharacters(in: .whitespaces)] = Item(file: name, range: start.offset..<end, line: start.line + 1,
                                                                             digest: ImportRecord.digest(text.contains("\r\n") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text))
            }
        }
    }

    func item(_ id: String) -> Item? { items[id] }
}
