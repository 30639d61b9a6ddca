import Foundation
import Testing

@testable import DossierKit

/// An event's fields are declared once (`EventFields`); what names them elsewhere — the JSON
/// download, its schema, the content model's documentation, the decoder — must name the same
/// ones, so that a field added to the table and forgotten in one of them fails here.
@Suite struct EventFieldsTests {
    /// Two events that give every field between them (a dated one and a period).
    static let everyField = """
        - id: dated
          external_id: X-1
          date: 2024-01-28
          precision: week
          display_date: late January 2024
          title: Dated
          type: attack
          location: { name: Tower 22, region: Rukban, country: Jordan, lat: 33.3, lon: 38.7, precision: exact,
                      source: { publisher: Gazetteer, url: "https://gazetteer.example/" } }
          actors: [{ id: militia, role: perpetrator }]
          casualties: [{ kind: killed, count: 3, who: soldiers }]
          summary: A summary.
          body: A body.
          sources: [{ publisher: AP, url: "https://ap.example/", title: T, author: A, date: 2024-01-29, quote: Q, via: V }]
          confidence: confirmed
          tags: [drone]
          highlight: Tower 22
          published: 2024-02-01
          updated: 2024-02-02T10:00:00Z
          media: { url: "https://media.example/a.jpg", caption: C, credit: R, alt: L }
        - id: period
          start: 2023-10
          end: 2024-02-04
          title: Period
          type: attack
          sources: [{ publisher: AP, url: "https://ap.example/" }]
        """

    static func events() -> [Event] {
        let log = DiagnosticLog()
        let events = ContentLoader.decodeEvents(everyField, file: "events.yaml", isCSV: false, log: log)
        #expect(log.diagnostics.isEmpty, "\(log.diagnostics)")
        return events
    }

    @Test func theJSONDownloadWritesEveryDeclaredFieldAndNoOther() throws {
        var keys = Set<String>()
        let encoder = JSONEncoder()
        for event in Self.events() {
            let object =
                try JSONSerialization.jsonObject(with: encoder.encode(DataExport.Record(event))) as? [String: Any]
            keys.formUnion(object?.keys ?? [:].keys)
        }
        #expect(keys == EventFields.keys)
    }

    @Test func theSchemaDescribesEveryDeclaredField() throws {
        let schema = try JSONSerialization.jsonObject(with: Data(EventsSchema.text.utf8)) as? [String: Any]
        let event = (schema?["$defs"] as? [String: Any])?["event"] as? [String: Any]
        let properties = try #require(event?["properties"] as? [String: Any])
        #expect(Set(properties.keys) == EventFields.keys)
    }

    /// docs/content-model.md's table of event fields has a row for each, and only those.
    @Test func theContentModelDocumentsEveryDeclaredField() throws {
        let docs = try String(
            contentsOf: TestSite.repository.appendingPathComponent("docs/content-model.md"), encoding: .utf8)
        // The second table of that shape (the first is site.yaml's).
        let tables = docs.components(separatedBy: "| Field | Required | Meaning |")
        try #require(tables.count == 3)
        let table = tables[2]
        var documented = Set<String>()
        for line in table.split(separator: "\n").dropFirst() {
            guard line.hasPrefix("| `") else { break }
            let cell = line.dropFirst(2).prefix { $0 != "|" }
            for key in cell.split(separator: ",") {
                documented.insert(key.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["`"]))
            }
        }
        #expect(documented == EventFields.keys)
    }

    /// A key that is not declared is warned about, with the declared key it is nearest to.
    @Test func anUndeclaredKeyIsWarnedAboutWithTheNearestDeclaredOne() {
        let log = DiagnosticLog()
        _ = ContentLoader.decodeEvents(
            "- id: a\n  date: 2024-01-01\n  title: A\n  type: attack\n  extrnal_id: X\n  sources: [{ publisher: P, url: \"https://p.example/\" }]\n",
            file: "events.yaml", isCSV: false, log: log)
        #expect(
            log.diagnostics.contains {
                $0.severity == .warning && $0.message.contains("extrnal_id") && ($0.hint ?? "").contains("external_id")
            },
            "\(log.diagnostics)")
    }
}
