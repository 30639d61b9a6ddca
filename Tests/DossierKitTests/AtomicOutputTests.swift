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

    @Test func theSiteBeforeIsWrittenOverInPlaceAndHoldsOnlyTheNewSite() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        let writer = SiteWriter(output: site.output)
        func inode(_ url: URL) throws -> UInt64 {
            try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? UInt64)
        }
        try site.build()
        let page = "events/founding/index.html"
        let first = try inode(site.output.appendingPathComponent(page))
        #expect(writer.spare == nil, "nothing to keep after the first build")
        try site.build()
        // The first site is kept beside the second, hidden, readable by its owner only (it may
        // hold a page taken down since); something put into it is not Dossier's.
        let spare = try #require(writer.spare)
        #expect(spare.lastPathComponent.hasPrefix(".Site.spare-"))
        #expect(try FileManager.default.attributesOfItem(atPath: spare.path)[.posixPermissions] as? Int == 0o700)
        #expect(try inode(spare.appendingPathComponent(page)) == first)
        try Data("stray".utf8).write(to: spare.appendingPathComponent("stray.txt"))
        try FileManager.default.createDirectory(
            at: spare.appendingPathComponent("events/gone/deeper"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: spare.appendingPathComponent("events/gone/deeper/index.html"))
        let mode = try FileManager.default.attributesOfItem(atPath: site.output.path)[.posixPermissions] as? Int
        // An event goes: the third site is written over the first, with its page gone.
        let events = try String(contentsOf: site.content.appendingPathComponent("events/events.yaml"), encoding: .utf8)
        try site.write("events/events.yaml", String(events[..<events.range(of: "- id: founding")!.lowerBound]))
        try site.build()
        #expect(writer.leftovers().isEmpty)
        #expect(try FileManager.default.attributesOfItem(atPath: site.output.path)[.posixPermissions] as? Int == mode)
        #expect(!site.exists(page) && !site.exists("stray.txt") && !site.exists("events/gone"))
        let recycledPage = try #require(site.outputFiles().keys.first { $0.hasPrefix("events/") && $0 != page })
        #expect(try inode(site.output.appendingPathComponent(recycledPage)) != 0)
        // Byte for byte the site a build into a new folder makes, and no file more.
        let fresh = try TestSite()
        try FileManager.default.removeItem(at: fresh.content)
        try FileManager.default.copyItem(at: site.content, to: fresh.content)
        try fresh.build()
        #expect(try site.outputFiles() == fresh.outputFiles())
        let second = try #require(writer.spare)
        #expect(second != spare)
        #expect(
            try inode(site.output.appendingPathComponent("index.html"))
                != inode(second.appendingPathComponent("index.html")))
    }

    @Test func aLinkPutIntoTheSiteBeforeIsNotWrittenThrough() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        let writer = SiteWriter(output: site.output)
        try site.build()
        try site.build()
        // Files outside the site, linked from the kept site where pages go.
        let outside = site.root.appendingPathComponent("outside.txt"),
            other = site.root.appendingPathComponent("other.txt")
        try Data("mine".utf8).write(to: outside)
        try Data("mine too".utf8).write(to: other)
        let spare = try #require(writer.spare)
        let symbolic = spare.appendingPathComponent("index.html")
        let hard = spare.appendingPathComponent("events/founding/index.html")
        try FileManager.default.removeItem(at: symbolic)
        try FileManager.default.createSymbolicLink(at: symbolic, withDestinationURL: outside)
        try FileManager.default.removeItem(at: hard)
        try FileManager.default.linkItem(at: other, to: hard)
        try site.build()
        #expect(try String(contentsOf: outside, encoding: .utf8) == "mine")
        #expect(try String(contentsOf: other, encoding: .utf8) == "mine too")
        let page = try FileManager.default.attributesOfItem(
            atPath: site.output.appendingPathComponent("index.html").path)
        #expect(page[.type] as? FileAttributeType == .typeRegular)
        #expect(
            try String(contentsOf: site.output.appendingPathComponent("events/founding/index.html"), encoding: .utf8)
                .contains("<html"))
    }

    @Test func aFailedBuildOverTheSiteBeforeLeavesTheCurrentSite() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try site.build()
        try site.build()
        let before = try site.outputFiles()
        let files = [OutputFile(path: "index.html", text: "new"), OutputFile(path: "x/index.html", text: "new")]
        #expect(throws: (any Error).self) { try SiteWriter(output: site.output).write(files, failAfter: 1) }
        #expect(try site.outputFiles() == before)
        #expect(SiteWriter(output: site.output).leftovers().isEmpty)
        try site.build()
        #expect(try site.outputFiles() == before)
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
