import Foundation
import Testing
@testable import DossierKit

/// The `dossier` executable as a user runs it: exit codes, what goes to stdout and stderr.
@Suite struct CommandLineTests {
    /// The executable built next to the test bundle (`swift test` builds every product).
    static let executable: URL = {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dossier")
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the executable and collects its output (`ChildProcess`); a child that outlives
    /// `seconds` is stopped and reported instead of holding the run.
    static func run(
        _ arguments: [String], in folder: URL, executable: URL = executable, seconds: Double = 120
    ) throws -> Run {
        let result = try ChildProcess.run(executable, arguments, in: folder, seconds: seconds)
        if result.timedOut {
            Issue.record(
                "dossier \(arguments.joined(separator: " ")) ran for more than \(Int(seconds)) s and was stopped")
        }
        let text = { (data: Data) in String(decoding: data, as: UTF8.self) }
        return Run(status: result.status, stdout: text(result.stdout), stderr: text(result.stderr))
    }

    @Test func checkOnTheSampleReportPrintsOneLineAndSucceeds() throws {
        #expect(
            FileManager.default.isExecutableFile(atPath: Self.executable.path),
            "build the package first: \(Self.executable.path)")
        let result = try Self.run(["check"], in: TestSite.repository)
        #expect(result.status == 0)
        // The sample is in English and, in part, Arabic: what is not translated yet is a note.
        let notes = result.stderr.split(separator: "\n").filter { !$0.hasPrefix("    hint: ") }
        #expect(notes.count == 1 && notes[0].hasPrefix("Content/site.yaml:3:1: note: not yet translated into ar: "))
        #expect(result.stdout == "Checked 15 events, 16 actors, 2 topics, 2 pages: 0 errors, 0 warnings.\n")
    }

    /// As the README's "Moving in" shows it: a new report, a dry run, the import, a check.
    @Test func importWritesAnACLEDExportIntoANewReport() throws {
        let site = try TestSite()
        let fixture = TestSite.repository.appendingPathComponent("Tests/Fixtures/import/acled-iraq.csv").path
        #expect(try Self.run(["new", "report"], in: site.root).status == 0)
        let report = site.root.appendingPathComponent("report")
        let dry = try Self.run(["import", "acled", fixture, "--dry-run"], in: report)
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("would write Content/events/acled/2024-01.yaml: 2 events\n"))
        #expect(
            dry.stdout.hasSuffix(
                "Would import 4 events, 9 new actors, 4 new event types, 2 rows skipped (see the errors above).\n"))
        #expect(dry.stderr.contains("acled-iraq.csv:5:9: error: `2024-02-30` is not a date ACLED writes"))
        #expect(!FileManager.default.fileExists(atPath: report.appendingPathComponent("Content/events/acled").path))
        let imported = try Self.run(["import", "acled", fixture], in: report)
        #expect(imported.status == 0 && imported.stdout.contains("Imported 4 events, 9 new actors"))
        let checked = try Self.run(["check", "--no-search"], in: report)
        #expect(
            checked.status == 0 && checked.stdout.hasSuffix("0 errors, 0 warnings.\n"),
            "\(checked.stdout)\(checked.stderr)")
        let refused = try Self.run(
            ["import", "acled", report.appendingPathComponent("Content/site.yaml").path], in: report)
        #expect(refused.status == 1 && refused.stderr.contains("this is not an ACLED export"))
    }

    @Test func checkReportsErrorsOnStderrAndFails() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try site.write(
            "events/bad.yaml",
            "id: bad\ndate: 2024-02-30\ntitle: Bad\ntype: attack\nsources: [{ publisher: X, url: \"https://example.org\" }]\n"
        )
        let result = try Self.run(["check", "--templates", site.templates.path], in: site.root)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "Content/events/bad.yaml:2:7: error: `2024-02-30` is not a real date: February 2024 has 29 days\n    hint: write a day as 2024-01-28, a month as 2023-10, a year as 2014\n"
        )
        #expect(result.stdout == "1 error, 0 warnings.\n")
    }

    @Test func checkSpeaksJSON() throws {
        let site = try TestSite()
        try site.write("events/bad.yaml", "id: bad\ndate: 2024-02-30\ntitle: Bad\ntype: attack\n")
        let result = try Self.run(["check", "--format", "json", "--templates", site.templates.path], in: site.root)
        #expect(result.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["errors"] as? Int == 1)
        #expect(document["warnings"] as? Int == 1)
        let first = try #require((document["diagnostics"] as? [[String: Any]])?.first)
        #expect(first["file"] as? String == "Content/events/bad.yaml")
        #expect(first["line"] as? Int == 1)
        #expect(first["severity"] as? String == "warning")
    }

    @Test func buildWritesTheSiteAndRefusesBrokenContent() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        let built = try Self.run(["build", "--templates", site.templates.path, "--no-search"], in: site.root)
        #expect(built.status == 0)
        #expect(built.stdout.hasPrefix("Built 20 pages (107 files) from 4 events, 2 actors, 1 topic in "))
        #expect(!built.stdout.contains("Search:"), "search left out, and nothing said about it")
        #expect(site.exists("index.html"))
        // With Pagefind (scripts/setup installs it), a search page and the index's files.
        let searched = try Self.run(["build", "--templates", site.templates.path], in: site.root)
        #expect(searched.status == 0 && searched.stdout.hasPrefix("Built 21 pages ("))
        #expect(
            searched.stdout.contains("\nSearch: Pagefind 1.") && site.exists("search/index.html")
                && site.exists("pagefind/pagefind.js"))
        let before = try site.outputFiles()
        try site.write("events/bad.yaml", "id: bad\ndate: 2024-02-30\ntitle: Bad\ntype: attack\n")
        let failed = try Self.run(["build", "--templates", site.templates.path], in: site.root)
        #expect(failed.status == 1)
        #expect(failed.stderr.hasSuffix("1 error; the site was not written.\n"))
        #expect(try site.outputFiles() == before)
    }
}
