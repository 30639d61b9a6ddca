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
        let files = [OutputFile(path: "index.html", text: "new"), OutputFile(path: "x/index.html", text: "new"), OutputFile(path: "y.html", text: "new")]
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
        try FileManager.default.createDirectory(at: site.output.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Data("ref".utf8).write(to: site.output.appendingPathComponent(".git/HEAD"))
        try Data().write(to: site.output.appendingPathComponent(".gitkeep"))
        try Data("stale".utf8).write(to: site.output.appendingPathComponent("stale.html"))
        try site.build()
        #expect(site.exists(".gitkeep"))
        #expect(site.exists(".git/HEAD"))
        #expect(!site.exists("stale.html"), "the output is replaced as a whole")
    }
}
