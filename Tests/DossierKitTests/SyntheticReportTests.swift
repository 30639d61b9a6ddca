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

    /// `dossier generate`'s knobs (#33) make reports unlike this repository's, each knob doing
    /// what it says; left alone they change nothing (the corpora stay byte for byte the same:
    /// `theSameSeedGivesTheSameFiles`, and the benchmark's figures stay comparable).
    @Test func theShapeKnobsGiveTheReportTheyDescribe() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-shape-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var generated = SyntheticReport(events: 400, actors: 30, seed: 9)
        generated.shape = .init(
            years: 6, bodyWords: 600, sourcesPerEvent: 3, topics: 8, topicOfEveryEvent: true, actorWords: 300,
            countries: 2)
        try generated.write(to: root)
        var options = BuildOptions(root: root)
        options.search = nil
        let result = SiteBuilder(options: options).check(keepingFiles: false)
        #expect(result.errors.isEmpty && result.warnings.isEmpty, "\(result.diagnostics.prefix(5))")
        let report = try #require(result.report)
        let years = Set(report.events.map(\.date.start.year))
        #expect(years.min() == 2014 && years.max() == 2019, "\(years.sorted())")
        #expect(report.events.allSatisfy { $0.sources.count == 3 })
        #expect(Set(report.events.compactMap(\.location?.country)) == ["Iraq", "Syria"])
        #expect(report.topics.count == 8)
        #expect(report.topicEvents.values.contains { $0.count == report.events.count }, "one topic holds every event")
        let words = report.events.map { $0.body?.text.split(whereSeparator: \.isWhitespace).count ?? 0 }
        #expect(words.min()! >= 380 && words.max()! <= 820 && Set(words).count > 10, "\(words.min()!)–\(words.max()!)")
        #expect(report.events.allSatisfy { ($0.body?.text.components(separatedBy: "\n## ").count ?? 0) >= 3 })
        let profile = report.actors.map { $0.profile.text.split(whereSeparator: \.isWhitespace).count }
        #expect(profile.allSatisfy { (290...310).contains($0) }, "\(profile.prefix(3))")
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
