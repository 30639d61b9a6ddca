import Foundation
import Testing
@testable import DossierKit

@Suite struct AtomicOutputTests {
    @Test func aFailedBuildLeavesThePreviousSiteUntouched() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try site.build()
        let before = try site.outputFiles()
        try site.write("events/broken.yaml", "- id: broken\n  date: 2024-02-30\n  title: Broken\n  type: attack\n")
        #expect(!site.failingBuild().isEmpty)
        #expect(try site.outputFiles() == before)
        #expect(SiteWriter(output: site.output).leftovers().isEmpty)
    }

    @Test func anErrorMidWriteLeavesThePreviousSiteAndNoTemporaryFolder() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try site.build()
        let before = try site.outputFiles()
        let files = [
            OutputFile(path: "index.html", text: "new"), OutputFile(path: "x/index.html", text: "new"),
            OutputFile(path: "y.html", text: "new"),
        ]
        #expect(throws: (any Error).self) { try SiteWriter(output: site.output).write(files, failAfter: 2) }
        #expect(try site.outputFiles() == before)
        #expect(SiteWriter(output: site.output).leftovers().isEmpty)
    }

    @Test func aKilledBuildsLeftoversAreClearedByTheNextBuild() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        let writer = SiteWriter(output: site.output)
        let stale = writer.parent.appendingPathComponent(writer.stagingPrefix + "killed")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try site.build()
        #expect(writer.leftovers().isEmpty)
        #expect(site.exists("index.html"))
    }

    @Test func placeholderAndGitCheckoutInTheOutputAreKept() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try FileManager.default.createDirectory(
            at: site.output.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Data("ref".utf8).write(to: site.output.appendingPathComponent(".git/HEAD"))
        try Data().write(to: site.output.appendingPathComponent(".gitkeep"))
        try site.build()
        #expect(site.exists(".gitkeep") && site.exists(".git/HEAD") && site.exists("index.html"))
        // The site is replaced as a whole: the page of an event that is gone goes with it.
        let events = try String(contentsOf: site.content.appendingPathComponent("events/events.yaml"), encoding: .utf8)
        try site.write("events/events.yaml", String(events[..<events.range(of: "- id: founding")!.lowerBound]))
        try site.build()
        #expect(!site.exists("events/founding/index.html"))
        #expect(site.exists(".gitkeep") && site.exists(".git/HEAD"))
    }
}
