import Crypto
import Foundation

/// What an import wrote, kept beside its events (`events/<format>/.dossier-import.json`,
/// hidden, so the report's build does not read it; commit it with the report): each event's id
/// and a digest of the YAML it wrote. A later import of an updated export replaces an event
/// only while its text is still that digest's, so an event edited by hand since is never
/// overwritten without being asked.
struct ImportRecord: Codable {
    var version = 1
    var events: [String: String] = [:]

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

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }

    /// SHA-256 of the item's text, in hex.
    static func digest(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
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
        var digest: String
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
