import Foundation
import Testing
@testable import DossierKit

/// Files that must not reach the published site, and files that must not vanish without a word:
/// links out of the report, dangling links, link loops, pipes, and static files that would
/// take the path of a page Dossier makes.
@Suite struct UnpublishableFilesTests {
    static func link(_ site: TestSite, _ path: String, to target: String) throws {
        let url = site.content.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    static func errors(_ site: TestSite) -> [String] {
        site.failingBuild().filter { $0.severity == .error }.map(\.description)
    }

    /// On c5ad4ae `static/passwd -> /etc/passwd` was copied into Site/ as a link (published by
    /// any server that follows links) and served by `dossier serve` with the target's contents.
    @Test func aLinkOutOfTheReportIsRefusedWithALocatedError() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try Self.link(site, "static/passwd", to: "/etc/passwd")
        let errors = Self.errors(site)
        #expect(
            errors == [
                """
                Content/static/passwd: error: this is a link to /etc/passwd, outside the content folder (Content); links out of the report are not followed, so it is not published
                    hint: copy the file into the content folder (Content) instead of linking to it
                """
            ], "\(errors)")
        #expect(!site.exists("passwd"))
        // And the preview, whose build fails the same way, serves nothing of it.
        let result = SiteBuilder(options: site.options).check()
        #expect(result.files.isEmpty && !result.errors.isEmpty)
    }

    @Test func aLinkInsideTheReportIsPublishedAsTheFileItLeadsTo() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try site.write("shared/logo.svg", "<svg/>")
        try Self.link(site, "static/logo.svg", to: "../shared/logo.svg")
        try site.build()
        let published = site.output.appendingPathComponent("logo.svg").path
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: published)) == nil, "a file, not a link")
        #expect(try site.html("logo.svg") == "<svg/>")
    }

    @Test func aStaticFolderThatIsALinkOutOfTheReportIsRefused() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try Self.link(site, "static", to: "/etc")
        let errors = Self.errors(site)
        #expect(
            errors.count == 1
                && errors[0].hasPrefix(
                    "Content/static: error: this is a link to /etc, outside the content folder (Content)"),
            "\(errors)")
    }

    @Test func aDanglingLinkIsReported() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try Self.link(site, "events/old.yaml", to: "gone.yaml")
        #expect(
            Self.errors(site) == [
                """
                Content/events/old.yaml: error: this is a link to gone.yaml, which does not exist
                    hint: remove the link, or restore what it points to
                """
            ])
    }

    /// On c5ad4ae a linked folder under events/ was skipped without a word: its events vanished.
    @Test func aLinkedFolderOfEventsInsideTheReportIsRead() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try site.write(
            "archive/2023/old.yaml",
            "- { id: archived, date: 2023-05, title: Archived, type: statement, sources: [{ publisher: X, url: \"https://example.org/x\" }] }\n"
        )
        try Self.link(site, "events/archive", to: "../archive/2023")
        try site.build()
        #expect(site.exists("events/archived/index.html"))
    }

    @Test func aLinkedFolderOutsideTheReportIsRefused() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        let outside = site.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("- { id: smuggled, date: 2023, title: S, type: statement }\n".utf8).write(
            to: outside.appendingPathComponent("x.yaml"))
        try Self.link(site, "events/elsewhere", to: outside.path)
        let errors = Self.errors(site)
        #expect(
            errors.count == 1
                && errors[0].hasPrefix(
                    "Content/events/elsewhere: error: this is a link to \(OutputGuard.resolved(outside)), outside the content folder"
                ), "\(errors)")
    }

    @Test func aLinkLoopIsAWarningAndNothingIsReadTwice() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try Self.link(site, "events/again", to: ".")
        try Self.link(site, "events/sub/up", to: "../..")
        let summary = try site.build()
        #expect(summary.events == 4, "no event read twice")
        let warnings = summary.warnings.map(\.description)
        #expect(
            warnings.contains {
                $0.hasPrefix(
                    "Content/events/again: warning: this link leads to a folder already read (.); it is skipped")
            }, "\(warnings)")
        #expect(
            warnings.contains {
                $0.hasPrefix("Content/events/sub/up: warning: this link leads to a folder already read (../..)")
            }, "\(warnings)")
    }

    /// Two links that lead to each other were an error saying the target "does not exist" (on
    /// main before), though loops are warnings.
    @Test func twoLinksLeadingToEachOtherAreALoop() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try Self.link(site, "events/a.yaml", to: "b.yaml")
        try Self.link(site, "events/b.yaml", to: "a.yaml")
        let summary = try site.build()
        let warnings = summary.warnings.map(\.description)
        #expect(
            warnings.contains {
                $0.hasPrefix(
                    "Content/events/a.yaml: warning: this link leads to b.yaml, whose links lead back to it and never to a file; it is skipped"
                )
            }, "\(warnings)")
        #expect(
            warnings.contains {
                $0.hasPrefix("Content/events/b.yaml: warning: this link leads to a.yaml, whose links lead back to it")
            }, "\(warnings)")
    }

    @Test func aNamedPipeIsSkippedNotReadForever() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        #expect(mkfifo(site.content.appendingPathComponent("events/pipe.yaml").path, 0o644) == 0)
        try FileManager.default.createDirectory(
            at: site.content.appendingPathComponent("static"), withIntermediateDirectories: true)
        #expect(mkfifo(site.content.appendingPathComponent("static/pipe").path, 0o644) == 0)
        let summary = try site.build()
        #expect(summary.warnings.map(\.description).filter { $0.contains("named pipe") }.count == 2)
        #expect(!site.exists("pipe"))
    }

    @Test func staticFilesThatWouldReplaceGeneratedFilesAreErrorsNamingBoth() throws {
        let site = try TestSite.sampleWithOwnTheme()
        try site.write("static/index.html", "mine")
        try site.write("static/feed.xml", "mine")
        try site.write("static/assets/style.css", "mine")
        try site.write("static/Timeline/INDEX.html", "mine")
        try site.write("static/robots.txt", "fine")
        let errors = Self.errors(site)
        #expect(
            errors == [
                "Content/static/Timeline/INDEX.html: error: this file would be published as Timeline/INDEX.html, over the page timeline/index.html that Dossier makes\n    hint: rename or move it: static files may not take the path of a file Dossier makes",
                "Content/static/assets/style.css: error: this file would be published as assets/style.css, over the theme's assets/style.css (Templates/assets/style.css)\n    hint: rename or move it: static files may not take the path of a file Dossier makes",
                "Content/static/feed.xml: error: this file would be published as feed.xml, over the page feed.xml that Dossier makes\n    hint: rename or move it: static files may not take the path of a file Dossier makes",
                "Content/static/index.html: error: this file would be published as index.html, over the page index.html that Dossier makes\n    hint: rename or move it: static files may not take the path of a file Dossier makes",
            ], "\(errors)")
        // `check` says the same.
        let checked = SiteBuilder(options: site.options).check(keepingFiles: false).errors
        #expect(checked.count == 4)
    }

    /// A static file where Dossier makes a folder, or a static folder where it makes a file, failed
    /// the build with "File exists" (on main before): each is an error naming the clash.
    @Test func staticFilesThatWouldTakeAGeneratedFoldersPlaceAreErrorsNamingIt() throws {
        let site = try TestSite.sampleWithOwnTheme()
        try site.write("static/events", "mine")
        try site.write("static/feed.xml/notes.txt", "mine")
        try site.write("static/media/fine.txt", "fine")
        let errors = Self.errors(site)
        #expect(errors.count == 2, "\(errors)")
        #expect(
            errors.contains {
                $0.hasPrefix(
                    "Content/static/events: error: this file would be published as events, where Dossier makes the folder events/ (for events/"
                )
            })
        #expect(
            errors.contains {
                $0.hasPrefix(
                    "Content/static/feed.xml/notes.txt: error: this file would be published inside feed.xml/, but Dossier makes feed.xml a file"
                )
            })
    }
}
