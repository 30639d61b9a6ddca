import Foundation
import Testing
@testable import DossierKit

/// The benchmark's synthetic reports are valid reports, and the same seed gives the same files.
@Suite struct SyntheticReportTests {
    @Test func aGeneratedReportChecksCleanly() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dossier-synthetic-\(UUID().uuidString)")
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
        #expect(
            bodies.allSatisfy { $0.text.contains("## ") && $0.text.contains("](actor:") && $0.text.contains("\n> ") })
    }

    /// The independent benchmark's shape (#15): 4 types, a file per month, 1–4 actors an event,
    /// topics each holding a quarter to a half of all events, profiles of about 300 words.
    @Test func theNeutralCorpusHasTheIndependentBenchmarksShape() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-neutral-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try SyntheticReport(events: 1200, actors: 60, seed: 7, corpus: .neutral).write(to: root)
        let files = try FileManager.default.contentsOfDirectory(
            atPath: root.appendingPathComponent("Content/events").path
        ).sorted()
        #expect(files.first == "2014-01.yaml" && files.count == 36)
        var options = BuildOptions(root: root)
        options.templates = TestSite.repository.appendingPathComponent("Templates")
        let result = SiteBuilder(options: options).check(keepingFiles: false)
        #expect(result.diagnostics.map(\.description) == [])
        let report = try #require(result.report)
        #expect(Set(report.events.map(\.type)) == ["attack", "strike", "statement", "visit"])
        #expect(report.events.allSatisfy { (1...4).contains($0.actors.count) && (1...3).contains($0.sources.count) })
        for topic in report.topics {
            let share = Double(report.topicEvents[topic.id]?.count ?? 0) / Double(report.events.count)
            #expect(share > 0.18 && share < 0.57, "\(topic.id): \(share)")
        }
        let profile = report.actors[5].profile.text.split(whereSeparator: \.isWhitespace).count
        #expect((220...340).contains(profile), "\(profile) words")
    }

    @Test func theSameSeedGivesTheSameFiles() throws {
        let first = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dossier-synthetic-a-\(UUID().uuidString)")
        let second = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dossier-synthetic-b-\(UUID().uuidString)")
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
