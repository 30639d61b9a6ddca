import Foundation
import Testing
@testable import DossierKit

/// The benchmark's synthetic reports are valid reports, and the same seed gives the same files.
@Suite struct SyntheticReportTests {
    @Test func aGeneratedReportChecksCleanly() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-synthetic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try SyntheticReport(events: 300, actors: 40, seed: 7).write(to: root)
        var options = BuildOptions(root: root)
        options.templates = TestSite.repository.appendingPathComponent("Templates")
        let result = SiteBuilder(options: options).check(keepingFiles: false)
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.report?.events.count == 300)
        #expect(result.report?.actors.count == 40)
        let report = try #require(result.report)
        let bodies = report.events.compactMap(\.body)
        let words = bodies.map { $0.text.split(whereSeparator: \.isWhitespace).count }
        #expect(words.min() ?? 0 >= 120 && words.max() ?? 0 <= 360, "\(words.min() ?? 0)–\(words.max() ?? 0) words")
        #expect(bodies.allSatisfy { $0.text.contains("## ") && $0.text.contains("](actor:") && $0.text.contains("\n> ") })
    }

    @Test func theSameSeedGivesTheSameFiles() throws {
        let first = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-synthetic-a-\(UUID().uuidString)")
        let second = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-synthetic-b-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        try SyntheticReport(events: 120, actors: 15, seed: 3).write(to: first)
        try SyntheticReport(events: 120, actors: 15, seed: 3).write(to: second)
        let a = try TestSite.files(in: first), b = try TestSite.files(in: second)
        #expect(a.count == 21 && a == b)
        try SyntheticReport(events: 120, actors: 15, seed: 4).write(to: second)
        #expect(try TestSite.files(in: second) != a)
    }
}
