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

    static func read(_ url: URL) -> ImportRecord {
        guard let data = try? Data(contentsOf: url), let record = try? JSONDecoder().decode(ImportRecord.self, from: data) else { return ImportRecord() }
        return record
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
        var text: String
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
                guard text.hasPrefix("- id: "), let id = text.dropFirst("- id: ".count).split(separator: "\n").first else { continue }
                items[String(id).trimmingCharacters(in: .whitespaces)] = Item(file: name, range: start.offset..<end, line: start.line + 1, text: text)
            }
        }
    }

    func item(_ id: String) -> Item? { items[id] }
}
