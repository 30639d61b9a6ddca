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
          extra: { note: N }
          translations: { ar: { title: T, display_date: D, summary: S, body: B } }
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
        #expect(keys == EventFields.standard.keys)
    }

    @Test func theSchemaDescribesEveryDeclaredField() throws {
        let schema = try JSONSerialization.jsonObject(with: Data(EventsSchema.text.utf8)) as? [String: Any]
        let event = (schema?["$defs"] as? [String: Any])?["event"] as? [String: Any]
        let properties = try #require(event?["properties"] as? [String: Any])
        #expect(Set(properties.keys) == EventFields.standard.keys)
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
        #expect(documented == EventFields.standard.keys)
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

    /// Adding a field is one line in the table: a field of a plain kind, declared nowhere else,
    /// is read, shown on its event's page, written to both downloads (which read back), described
    /// in the schema, and an edit of it alone re-renders its event's page in the preview.
    @Test func aFieldAddedToTheTableAloneGoesEverywhere() throws {
        let fields = EventFields.standard
            .adding(.plain("verified_by", .text, label: "Verified by", "Who checked the event against its sources."))
            .adding(.plain("witnesses", .integer, label: "Witnesses", "How many witnesses the sources quote."))
        let site = try TestSite()
        try SampleContent.write(to: site)
        let eventsFile = site.content.appendingPathComponent("events/events.yaml")
        let edited = SampleContent.events.replacingOccurrences(
            of: "- id: first-attack\n", with: "- id: first-attack\n  verified_by: Desk editor\n  witnesses: 4\n")
        try #require(edited != SampleContent.events)
        try site.write("events/events.yaml", edited)

        // Dossier's own table does not know the keys: they are warned about.
        let standard = SiteBuilder(options: site.options).check()
        #expect(standard.diagnostics.contains { $0.message.contains("verified_by") })
        var options = site.options
        options.eventFields = fields
        let summary = try SiteBuilder(options: options).build()
        #expect(!summary.warnings.contains { $0.message.contains("verified_by") || $0.message.contains("witnesses") })

        let page = try site.html("events/first-attack/index.html")
        #expect(page.contains("<dt>Verified by</dt> <dd>Desk editor</dd>"))
        #expect(page.contains("<dt>Witnesses</dt> <dd>4</dd>"))
        let other = try site.html("events/the-reply/index.html")
        #expect(other.contains("<dt>Confidence</dt>") && !other.contains("Verified by"))

        // The JSON download, and the CSV's column, each read back with the same table.
        let json = try String(contentsOf: site.output.appendingPathComponent("data/events.json"), encoding: .utf8)
        #expect(json.contains(#""verified_by":"Desk editor""#) && json.contains(#""witnesses":4"#))
        let csv = try String(contentsOf: site.output.appendingPathComponent("data/events.csv"), encoding: .utf8)
        let header = try #require(csv.split(separator: "\n").first).split(separator: ",")
        #expect(header.contains("verified_by") && header.contains("witnesses"))
        for (text, isCSV) in [(json, false), (csv, true)] {
            let log = DiagnosticLog()
            let events = ContentLoader.decodeEvents(text, file: "download", isCSV: isCSV, fields: fields, log: log)
            #expect(!log.diagnostics.contains { $0.severity == .error }, "\(log.diagnostics)")
            let attack = try #require(events.first { $0.id == "first-attack" })
            #expect(attack.declaredValues == ["verified_by": .text("Desk editor"), "witnesses": .integer(4)])
            let others = events.filter { $0.id != "first-attack" }
            #expect(others.count == 3 && others.allSatisfy { $0.declaredValues.isEmpty })
        }

        let schemaData = try Data(contentsOf: site.output.appendingPathComponent(EventsSchema.path))
        let schema = try JSONSerialization.jsonObject(with: schemaData) as? [String: Any]
        let event = (schema?["$defs"] as? [String: Any])?["event"] as? [String: Any]
        let properties = try #require(event?["properties"] as? [String: Any])
        #expect(
            properties["verified_by"] as? [String: String]
                == ["type": "string", "description": "Who checked the event against its sources."])
        #expect((properties["witnesses"] as? [String: String])?["type"] == "integer")
        #expect(Set(properties.keys) == fields.keys)

        // The preview: an edit of that field alone is a change of its event.
        let server = PreviewServer(build: options, serve: ServeOptions(port: 0), say: { _ in })
        #expect(server.rebuild().succeeded)
        try Data(edited.replacingOccurrences(of: "Desk editor", with: "Night desk").utf8).write(to: eventsFile)
        let rebuild = server.rebuild(changed: [eventsFile.path])
        #expect(rebuild.succeeded && rebuild.changedPaths.contains("events/first-attack/index.html"))
        let served = try #require(server.snapshot.get().files["events/first-attack/index.html"])
        #expect(String(decoding: served.data, as: UTF8.self).contains("<dd>Night desk</dd>"))
    }
}
