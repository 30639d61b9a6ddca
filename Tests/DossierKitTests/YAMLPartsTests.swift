import Foundation
import Testing
@testable import DossierKit

/// A large YAML list is parsed in parts on every core; the result must be exactly that of
/// parsing the file whole, and anything the parts cannot handle falls back to a whole parse.
@Suite struct YAMLPartsTests {
    static func eventsFile() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-yaml-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try SyntheticReport(events: 300, actors: 20, seed: 5).write(to: root)
        return try String(contentsOf: root.appendingPathComponent("Content/events/events-0000.yaml"), encoding: .utf8)
    }

    @Test func aLargeListParsesInPartsAsItDoesWhole() throws {
        let text = "# Events of the first year\n\n" + (try Self.eventsFile())
        let parts = try #require(YAMLReader.parseInParts(text, file: "events.yaml", lineOffset: 0, minimumSize: 0))
        let whole = YAMLReader.parse(text, file: "events.yaml", log: DiagnosticLog(), inParts: false)
        guard case .list(let items, _) = parts else { Issue.record("not a list"); return }
        #expect(items.count == 250)
        #expect(parts == whole)
    }

    @Test func anAliasToAnotherPartFallsBackToAWholeParse() throws {
        var text = try Self.eventsFile()
        text = text.replacingOccurrences(
            of: "- id: event-000000\n", with: "- id: event-000000\n  extra: &shared { a: 1 }\n")
        text = text.replacingOccurrences(of: "- id: event-000249\n", with: "- id: event-000249\n  extra: *shared\n")
        #expect(YAMLReader.parseInParts(text, file: "events.yaml", lineOffset: 0, minimumSize: 0) == nil)
        let log = DiagnosticLog()
        let parsed = YAMLReader.parse(text, file: "events.yaml", log: log)
        #expect(parsed == YAMLReader.parse(text, file: "events.yaml", log: DiagnosticLog(), inParts: false))
        #expect(log.diagnostics.isEmpty)
    }

    @Test func aSyntaxErrorIsReportedWhereTheWholeParseReportsIt() throws {
        var text = try Self.eventsFile()
        text = text.replacingOccurrences(
            of: "- id: event-000200\n", with: "- id: event-000200\n  title: Talks: day one\n")
        let inParts = DiagnosticLog(), whole = DiagnosticLog()
        #expect(YAMLReader.parse(text, file: "events.yaml", log: inParts) == nil)
        _ = YAMLReader.parse(text, file: "events.yaml", log: whole, inParts: false)
        #expect(inParts.diagnostics.map(\.description) == whole.diagnostics.map(\.description))
        #expect(inParts.diagnostics.first?.location.line ?? 0 > 1000)
    }

    @Test(arguments: ["---\n", "%YAML 1.2\n", "key: value\n"])
    func anythingButListItemsAtTheMarginParsesWhole(prefix: String) throws {
        let text = prefix + (try Self.eventsFile())
        #expect(YAMLReader.parseInParts(text, file: "events.yaml", lineOffset: 0, minimumSize: 0) == nil)
    }
}
