import Foundation
import Testing
@testable import DossierKit

/// `dossier import acled`: a realistic export (byte order mark, CRLF, quoted notes with commas,
/// semicolon lists, Arabic, every time and geo precision, two bad rows) into a new report.
@Suite struct ACLEDImportTests {
    static let fixtures = TestSite.repository.appendingPathComponent("Tests/Fixtures/import")

    /// A report made by `dossier new`, with the file imported into it.
    static func imported(_ name: String = "acled-iraq.csv", dryRun: Bool = false) throws -> (TestSite, Importer.Result)
    {
        let site = try TestSite()
        try FileManager.default.removeItem(at: site.content)
        try NewReport.create(in: site.root.appendingPathComponent("new"), shownAs: "new")
        try FileManager.default.moveItem(at: site.root.appendingPathComponent("new/Content"), to: site.content)
        let result = try Importer.run(
            .acled, file: fixtures.appendingPathComponent(name), shownAs: name, content: site.content,
            contentName: "Content", dryRun: dryRun)
        return (site, result)
    }

    /// `dossier import --timings`: each step, with the memory peak at its end (where an import's
    /// memory goes is half of profiling one); a dry run has no commit.
    @Test func anImportTimesItsSteps() throws {
        let (_, result) = try Self.imported()
        #expect(result.phases.map(\.name) == ["report", "read and sort", "plan", "check", "commit"])
        #expect(result.phases.allSatisfy { $0.milliseconds >= 0 && ($0.peakMiB ?? 0) > 0 })
        #expect(result.phases.first?.line.hasPrefix("  report ") == true)
        let (_, dry) = try Self.imported(dryRun: true)
        #expect(dry.phases.map(\.name) == ["report", "read and sort", "plan", "check"])
    }

    /// The peak is read whatever its width: past 10,000,000 kB the kernel writes no space after the
    /// tab (a test process that big once made the timings lose their memory column).
    @Test func thePeakIsReadAtAnyWidth() {
        #expect(PhaseTimer.peakResidentMiB(status: "Name:\tx\nVmHWM:\t   61440 kB\nVmRSS:\t1 kB\n") == 60)
        #expect(PhaseTimer.peakResidentMiB(status: "VmHWM:\t10485760 kB\n") == 10240)
        #expect(PhaseTimer.peakResidentMiB(status: "VmPeak:\t1 kB\n") == nil)
    }

    @Test func anExportBecomesContentThatChecksAndBuilds() throws {
        let (site, result) = try Self.imported()
        let outcome = try #require(result.outcome)
        #expect(outcome.summary == "4 events, 9 new actors, 4 new event types, 2 rows skipped (see the errors above)")
        #expect(
            result.diagnostics.map(\.description) == [
                "acled-iraq.csv:5:9: error: `2024-02-30` is not a date ACLED writes\n    hint: ACLED writes 2024-01-28 or 28 January 2024",
                "acled-iraq.csv:6:197: error: latitude 136.34 is out of range\n    hint: latitude runs from -90 to 90",
            ])
        let check = SiteBuilder(options: site.options).check()
        #expect(check.diagnostics.isEmpty, "\(check.diagnostics)")
        try site.build()
        // Dates at the precision ACLED gives: a day, the week around a day, a month.
        #expect(
            try site.html("events/acled-irq9001/index.html").contains(
                #"data-precision="day" data-pagefind-meta="date">28 January 2024</time>"#))
        #expect(
            try site.html("events/acled-irq9002/index.html").contains(
                #"data-precision="week" data-pagefind-meta="date">week of 29 January 2024</time>"#))
        let protest = try site.html("events/acled-irq9003/index.html")
        #expect(protest.contains(#"data-precision="month" data-pagefind-meta="date">February 2024</time>"#))
        // Arabic text, and the notes' commas and quotes, as they were.
        #expect(
            protest.contains(
                "تظاهرة سلمية في البصرة: Protesters gathered in Basra, demanding salaries; “no incidents” were reported."
            ))
        #expect(
            protest.contains(#"<span class="publisher">Al Mada</span> <span class="muted">(no address given)</span>."#))
        // One actor for the names that differ in case, spacing and a date range, each kept as an alias.
        let report = try #require(SiteBuilder(options: site.options).validate().report)
        let us = try #require(report.actors.first { $0.id == "military-forces-of-the-united-states" })
        #expect(
            us.aliases == ["Military Forces of the United States (2021-)", "military forces of the  united states"])
        #expect(
            report.event("acled-irq9002")?.actors.map(\.actorID) == [
                "military-forces-of-the-united-states", "islamic-resistance-in-iraq",
            ])
        #expect(
            report.event("acled-irq9001")?.actors.map(\.role) == [.perpetrator, .target, .participant, .participant])
        // Places at ACLED's geo precision 1, 2, 3; the killed; the sources; the tags.
        #expect(
            ["acled-irq9001", "acled-irq9002", "acled-irq9003"].map { report.event($0)?.location?.precision } == [
                .town, .district, .region,
            ])
        #expect(report.event("acled-irq9001")?.casualties.map(DisplayText.builtIn.casualty) == ["2 killed"])
        #expect(report.event("acled-irq9006")?.sources.map(\.publisher) == ["Kurdistan 24", "Rudaw", "ACLED"])
        #expect(report.event("acled-irq9006")?.tags == ["attack", "civilian-targeting", "source-scale-national"])
        #expect(report.event("acled-irq9001")?.externalID == "IRQ9001")
        #expect(
            report.config.eventTypes.map(\.label).suffix(4) == [
                "Explosions/Remote violence", "Battles", "Protests", "Violence against civilians",
            ])
        #expect(Set(report.config.eventTypes.map(\.colour)).count == report.config.eventTypes.count, "distinct colours")
    }

    @Test func siteYAMLKeepsItsCommentsAndOrder() throws {
        let site = try TestSite()
        try NewReport.create(in: site.root.appendingPathComponent("new"), shownAs: "new")
        let before = try String(contentsOf: site.root.appendingPathComponent("new/Content/site.yaml"), encoding: .utf8)
        let (imported, _) = try Self.imported()
        let after = try String(contentsOf: imported.content.appendingPathComponent("site.yaml"), encoding: .utf8)
        // (Each new report has its own `id` line.)
        let lines = { (text: String) in
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("id: ") }
        }
        let added = lines(after).filter { !lines(before).contains($0) }
        #expect(added.count == 4 && added.allSatisfy { $0.hasPrefix("  - {id: ") })
        // Nothing else changed: without the added lines, the file is as it was.
        #expect(lines(after).filter { !added.contains($0) } == lines(before))
        #expect(
            after.contains(
                ##"  - {id: explosions-remote-violence, label: Explosions/Remote violence, colour: '#d55e00'}"##))
    }

    @Test func aSemicolonSpreadsheetReadsTheSame() throws {
        let (comma, _) = try Self.imported()
        let (semicolon, result) = try Self.imported("acled-iraq-semicolons.csv")
        #expect(result.outcome?.events == 4)
        for month in ["2024-01", "2024-02"] {
            let path = "events/acled/\(month).yaml"
            #expect(
                try String(contentsOf: semicolon.content.appendingPathComponent(path), encoding: .utf8)
                    == String(contentsOf: comma.content.appendingPathComponent(path), encoding: .utf8))
        }
    }

    @Test func importingAgainAddsNothingAndADryRunWritesNothing() throws {
        let (site, _) = try Self.imported()
        let files = try FileManager.default.subpathsOfDirectory(atPath: site.content.path).sorted()
        let siteYAML = try String(contentsOf: site.content.appendingPathComponent("site.yaml"), encoding: .utf8)
        let again = try Importer.run(
            .acled, file: Self.fixtures.appendingPathComponent("acled-iraq.csv"), shownAs: "acled-iraq.csv",
            content: site.content, contentName: "Content", dryRun: false)
        #expect(
            again.outcome?.summary
                == "0 events, 0 new actors, 0 new event types, 4 already in the report, left as they are, 2 rows skipped (see the errors above)"
        )
        #expect(try FileManager.default.subpathsOfDirectory(atPath: site.content.path).sorted() == files)
        #expect(try String(contentsOf: site.content.appendingPathComponent("site.yaml"), encoding: .utf8) == siteYAML)
        let (dry, result) = try Self.imported(dryRun: true)
        #expect(result.outcome?.events == 4)
        #expect(!FileManager.default.fileExists(atPath: dry.content.appendingPathComponent("events/acled").path))
    }

    @Test func aFileInAnotherFormatIsRefusedWithWhatWasExpected() throws {
        let site = try TestSite()
        let json = site.root.appendingPathComponent("timeline.json")
        try Data(#"{"title": {"text": {"headline": "A timeline"}}, "events": []}"#.utf8).write(to: json)
        let refused = try Importer.run(
            .acled, file: json, shownAs: "timeline.json", content: site.content, contentName: "Content", dryRun: true)
        #expect(refused.outcome == nil)
        #expect(refused.diagnostics.map(\.message) == ["this file is JSON, not an ACLED export"])
        let other = site.root.appendingPathComponent("other.csv")
        try Data("id,date,title\na,2024-01-01,A\n".utf8).write(to: other)
        let wrong = try Importer.run(
            .acled, file: other, shownAs: "other.csv", content: site.content, contentName: "Content", dryRun: true)
        #expect(
            wrong.diagnostics.first?.message.hasPrefix("this is not an ACLED export: it has no `event_id_cnty`") == true
        )
    }
}

/// Importing an updated export again: the events the import made are updated, an event edited
/// by hand since is kept and the conflict reported with its file and line.
@Suite struct ReimportTests {
    @Test func anUpdatedExportUpdatesWhatNoOneEditedAndReportsTheRest() throws {
        let (site, _) = try ACLEDImportTests.imported()
        let january = site.content.appendingPathComponent("events/acled/2024-01.yaml")
        let text = try String(contentsOf: january, encoding: .utf8)
        try text.replacingOccurrences(
            of: "title: Air/drone strike in Baghdad",
            with: "title: US drone strike kills a militia commander in Baghdad"
        )
        .write(to: january, atomically: true, encoding: .utf8)
        let updated = ACLEDImportTests.fixtures.appendingPathComponent("acled-iraq-updated.csv")
        let result = try Importer.run(
            .acled, file: updated, shownAs: "acled-iraq-updated.csv", content: site.content, contentName: "Content",
            dryRun: false)
        let outcome = try #require(result.outcome)
        #expect(
            outcome.summary
                == "1 event, 0 new actors, 0 new event types, 1 updated, 1 conflict (see the warnings above), 2 already in the report, left as they are, 2 rows skipped (see the errors above)"
        )
        let conflict = try #require(outcome.conflicts.first)
        #expect(
            conflict.description.hasPrefix(
                "Content/events/acled/2024-01.yaml:2: warning: event `acled-irq9001` was edited by hand since it was imported, and the new export changes it too; kept yours"
            ))
        var report = try #require(SiteBuilder(options: site.options).validate().report)
        // The hand edit is kept, with the figure it had; the event no one touched is updated; the new one added.
        #expect(report.event("acled-irq9001")?.title == "US drone strike kills a militia commander in Baghdad")
        #expect(report.event("acled-irq9001")?.casualties.map(DisplayText.builtIn.casualty) == ["2 killed"])
        #expect(
            report.event("acled-irq9006")?.summary?.text
                == "Gunmen attacked a shop in Kirkuk, killing its owner, according to local media.")
        #expect(report.event("acled-irq9007") != nil)
        #expect(SiteBuilder(options: site.options).check().errors.isEmpty)
        // Asked to, the export's version replaces the hand edit, and says so.
        let replaced = try Importer.run(
            .acled, file: updated, shownAs: "acled-iraq-updated.csv", content: site.content, contentName: "Content",
            dryRun: false, onConflict: .replace)
        #expect(replaced.outcome?.updated == 1)
        #expect(replaced.diagnostics.contains { $0.message.contains("replaced with the new export's, as asked") })
        report = try #require(SiteBuilder(options: site.options).validate().report)
        #expect(report.event("acled-irq9001")?.title == "Air/drone strike in Baghdad")
        #expect(report.event("acled-irq9001")?.casualties.map(DisplayText.builtIn.casualty) == ["3 killed"])
        // The other events of the file are as they were.
        #expect(report.events.filter { $0.id.hasPrefix("acled-") }.count == 5)
        // And once more: nothing left to do.
        let again = try Importer.run(
            .acled, file: updated, shownAs: "acled-iraq-updated.csv", content: site.content, contentName: "Content",
            dryRun: false)
        #expect(again.outcome?.updated == 0 && again.outcome?.conflicts.isEmpty == true && again.outcome?.events == 0)
    }
}
