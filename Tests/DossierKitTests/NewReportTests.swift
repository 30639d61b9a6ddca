import Foundation
import Testing
@testable import DossierKit

/// `dossier new DIR`: a report to start from, that builds with the built-in theme and passes
/// `check` as it is, and that never replaces a file.
@Suite struct NewReportTests {
    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("dossier-new-\(UUID().uuidString)")
    }

    @Test func aNewReportPassesCheckAndBuildsWithTheBuiltInTheme() throws {
        let parent = Self.folder()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        let created = try CommandLineTests.run(["new", "my-report"], in: parent)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.hasPrefix("Created a report in my-report/ (5 files)."))
        let report = parent.appendingPathComponent("my-report")
        #expect(
            !FileManager.default.fileExists(atPath: report.appendingPathComponent("Templates").path),
            "the theme is built in")
        let checked = try CommandLineTests.run(["check"], in: report)
        #expect(checked.status == 0 && checked.stderr.isEmpty, "\(checked.stderr)")
        #expect(checked.stdout == "Checked 1 event, 1 actor, 1 topic, 1 page: 0 errors, 0 warnings.\n")
        let built = try CommandLineTests.run(["build"], in: report)
        #expect(built.status == 0, "\(built.stderr)")
        let event = try String(
            contentsOf: report.appendingPathComponent("Site/events/example-meeting/index.html"), encoding: .utf8)
        #expect(event.contains("An example meeting (replace me)"))
        #expect(event.contains("../../actors/example-group/index.html"))
        #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("Site/assets/style.css").path))
    }

    @Test func aFolderThatIsNotEmptyIsLeftAlone() throws {
        let folder = Self.folder()
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("Content"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("mine".utf8).write(to: folder.appendingPathComponent("Content/site.yaml"))
        #expect(throws: NewReport.Failure.self) { try NewReport.create(in: folder, shownAs: "x") }
        #expect(try String(contentsOf: folder.appendingPathComponent("Content/site.yaml"), encoding: .utf8) == "mine")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("Content").path) == [
                "site.yaml"
            ])
        let file = folder.appendingPathComponent("notes.txt")
        try Data("notes".utf8).write(to: file)
        #expect(throws: NewReport.Failure.self) { try NewReport.create(in: file, shownAs: "notes.txt") }
        #expect(try String(contentsOf: file, encoding: .utf8) == "notes")
    }

    @Test func anEmptyFolderIsFilled() throws {
        let folder = Self.folder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try NewReport.create(in: folder, shownAs: "x").count == 5)
        let result = SiteBuilder(options: BuildOptions(root: folder)).check(keepingFiles: false)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }
}
