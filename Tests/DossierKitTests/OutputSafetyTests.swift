import Foundation
import Testing
@testable import DossierKit

/// `build` replaces only a folder it can prove it wrote: a missing or empty one, or one whose
/// manifest lists every file in it. Every refusal changes nothing and says why.
@Suite struct OutputSafetyTests {
    /// The sample report, with its output pointed somewhere else.
    static func site(output: URL? = nil) throws -> (TestSite, BuildOptions) {
        let site = try TestSite()
        try SampleContent.write(to: site)
        var options = site.options
        if let output { options.output = output }
        return (site, options)
    }

    /// Every file and folder under `folder`, with the bytes of the files, to compare before and after.
    static func tree(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [:] }
        for case let relative as String in enumerator {
            let path = base + "/" + relative
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            result[relative] =
                isFolder.boolValue ? Data("<folder>".utf8) : (FileManager.default.contents(atPath: path) ?? Data())
        }
        return result
    }

    static func refusal(_ options: BuildOptions) -> [Diagnostic] {
        do {
            try SiteBuilder(options: options).build()
            return []
        } catch let failure as BuildFailure {
            return failure.diagnostics
        } catch {
            return [.error(SourceLocation(file: "?"), "unexpected error \(error)")]
        }
    }

    @Test func aFolderOfTheUsersOwnFilesIsNeverReplaced() throws {
        let (site, _) = try Self.site()
        let docs = site.root.appendingPathComponent("docs")
        try FileManager.default.createDirectory(
            at: docs.appendingPathComponent("chapters"), withIntermediateDirectories: true)
        try Data("my thesis".utf8).write(to: docs.appendingPathComponent("thesis.tex"))
        try Data("chapter one".utf8).write(to: docs.appendingPathComponent("chapters/one.tex"))
        var options = site.options
        options.output = docs
        let before = try Self.tree(site.root)
        let errors = Self.refusal(options)
        #expect(errors.count == 1)
        #expect(
            errors.first?.description.contains("docs: error: docs is not empty and was not built by Dossier") == true,
            "\(errors)")
        #expect(try Self.tree(site.root) == before, "nothing was changed")
    }

    @Test(arguments: ["Content", ".", "Content/events", "Templates", "Templates/assets", ".."])
    func theOutputIsNeverTheReportItself(output: String) throws {
        let site = try TestSite.sampleWithOwnTheme()
        var options = site.options
        options.output = site.root.appendingPathComponent(output)
        let before = try Self.tree(site.root)
        let errors = Self.refusal(options)
        #expect(errors.count == 1, "\(errors)")
        #expect(
            errors.allSatisfy {
                $0.severity == .error && $0.message.contains("content folder") || $0.message.contains("theme folder")
            }, "\(errors)")
        #expect(try Self.tree(site.root) == before)
    }

    @Test func theHomeFolderIsRefused() throws {
        let (site, _) = try Self.site()
        // A folder like a home folder: other things in it, the report elsewhere.
        let home = site.root.appendingPathComponent("home")
        try FileManager.default.createDirectory(
            at: home.appendingPathComponent(".ssh"), withIntermediateDirectories: true)
        try Data("key".utf8).write(to: home.appendingPathComponent(".ssh/id_ed25519"))
        var options = site.options
        options.output = home
        let before = try Self.tree(home)
        #expect(Self.refusal(options).count == 1)
        #expect(try Self.tree(home) == before)
    }

    @Test func anOutputThatIsAFileIsRefused() throws {
        let (site, _) = try Self.site()
        let file = site.root.appendingPathComponent("notes.txt")
        try Data("notes".utf8).write(to: file)
        var options = site.options
        options.output = file
        let errors = Self.refusal(options)
        #expect(
            errors.map(\.message) == ["notes.txt is a file, not a folder; the build would replace it with the site"])
        #expect(try Data(contentsOf: file) == Data("notes".utf8))
    }

    @Test func anOutputThatIsALinkIsRefused() throws {
        let (site, _) = try Self.site()
        let real = site.root.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: site.output, withDestinationURL: real)
        let errors = Self.refusal(site.options)
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("is a symbolic link") == true, "\(errors)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: site.output.path) == real.path)
    }

    @Test func aMissingOrEmptyFolderOrAPlaceholderIsFine() throws {
        let (site, _) = try Self.site()
        try site.build()
        #expect(site.exists("index.html"))
        #expect(site.exists(SiteManifest.fileName))

        let (empty, _) = try Self.site()
        try FileManager.default.createDirectory(at: empty.output, withIntermediateDirectories: true)
        try Data().write(to: empty.output.appendingPathComponent(".gitkeep"))
        try empty.build()
        #expect(empty.exists("index.html") && empty.exists(".gitkeep"))
    }

    @Test func aSiteDossierBuiltIsReplacedAndItsManifestListsEveryFile() throws {
        let (site, _) = try Self.site()
        try site.build()
        try site.write(
            "events/more.yaml",
            "- { id: later, date: 2024-03, title: Later, type: statement, sources: [{ publisher: X, url: \"https://example.org/x\" }] }\n"
        )
        try site.build()
        #expect(site.exists("events/later/index.html"))
        let manifest = try #require(SiteManifest.read(in: site.output))
        let files = try site.outputFiles().keys.filter { $0 != SiteManifest.fileName }
        #expect(manifest == Set(files))
    }

    @Test func aFileAddedToTheBuiltSiteStopsTheNextBuild() throws {
        let (site, _) = try Self.site()
        try site.build()
        try Data("draft".utf8).write(to: site.output.appendingPathComponent("events/first-attack/notes.md"))
        try FileManager.default.createDirectory(
            at: site.output.appendingPathComponent("drafts"), withIntermediateDirectories: true)
        let before = try Self.tree(site.output)
        let errors = Self.refusal(site.options)
        #expect(errors.count == 1)
        #expect(
            errors.first?.message
                == "Site holds files Dossier did not write: drafts/, events/first-attack/notes.md; the build would delete them",
            "\(errors)")
        #expect(errors.first?.hint?.contains("Content/static") == true)
        #expect(try Self.tree(site.output) == before)
    }

    /// The check just before the swap reads only folders that changed since the first check,
    /// and still finds what was added anywhere meanwhile.
    @Test func filesAddedDuringTheBuildAreFoundBeforeTheSwap() throws {
        let (site, options) = try Self.site()
        try site.build()
        let outputGuard = OutputGuard(
            output: options.output, content: options.content, templates: options.templates,
            display: { options.displayName($0) })
        let (problems, survey) = outputGuard.ownershipProblems()
        #expect(problems.isEmpty)
        #expect(survey.folderTimes.count > 10)
        #expect(outputGuard.ownershipProblems(since: survey).problems.isEmpty)
        try Data("late".utf8).write(to: site.output.appendingPathComponent("events/first-attack/late.md"))
        try FileManager.default.createDirectory(
            at: site.output.appendingPathComponent("actors/new/deeper"), withIntermediateDirectories: true)
        let late = outputGuard.ownershipProblems(since: survey).problems.map(\.message)
        #expect(
            late == [
                "Site holds files Dossier did not write: actors/new/, events/first-attack/late.md; the build would delete them"
            ], "\(late)")
    }

    @Test func twoBuildsAtOnceDoNotDamageEachOther() throws {
        let (site, _) = try Self.site()
        let writer = SiteWriter(output: site.output)
        let held = try BuildLock.acquire(for: writer)
        let errors = Self.refusal(site.options)
        #expect(errors.map(\.message) == ["another build is writing Site"], "\(errors)")
        #expect(!site.exists("index.html"))
        held.release()
        try site.build()
        #expect(site.exists("index.html"))
        #expect(writer.leftovers().isEmpty)
    }

    @Test func concurrentBuildsOfOneOutputEachSucceedOrSayAnotherBuildIsWriting() throws {
        let (site, _) = try Self.site()
        let options = site.options
        let outcomes = ResultSlots<String>(count: 6)
        DispatchQueue.concurrentPerform(iterations: 6) { index in
            do {
                try SiteBuilder(options: options).build()
                outcomes.set(index, "built")
            } catch let failure as BuildFailure {
                outcomes.set(index, failure.diagnostics.map(\.message).joined(separator: "; "))
            } catch {
                outcomes.set(index, "\(error)")
            }
        }
        let results = outcomes.values.compactMap { $0 }
        #expect(results.allSatisfy { $0 == "built" || $0 == "another build is writing Site" }, "\(results)")
        #expect(results.contains("built"))
        #expect(site.exists("index.html"))
        #expect(SiteWriter(output: site.output).leftovers().isEmpty)
    }

    @Test func fileSystemErrorsAreOneLineWithWhatWasTriedWhereAndWhy() throws {
        let (site, _) = try Self.site()
        // The output's parent is a file: the staging folder cannot be made beside it.
        let blocker = site.root.appendingPathComponent("blocker")
        try Data("x".utf8).write(to: blocker)
        var options = site.options
        options.output = blocker.appendingPathComponent("Site")
        let errors = Self.refusal(options)
        #expect(errors.count == 1)
        let line = try #require(errors.first?.description)
        #expect(!line.contains("NSCocoaErrorDomain") && !line.contains("Error Domain"), "\(line)")
        #expect(line.hasPrefix("blocker/Site: error: could not create the folder blocker: "), "\(line)")
        #expect(line.split(separator: "\n").count <= 2)
    }

    /// As a user who may not write into the old site (root may write anywhere, so as root the
    /// build runs as `nobody`): refused before anything is staged, nothing left behind.
    @Test func anOutputThatCannotBeRemovedIsRefusedBeforeAnythingIsWritten() throws {
        let (site, _) = try Self.site()
        try site.build()
        let events = site.output.appendingPathComponent("events")
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: events.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: events.path) }
        var arguments = ["build", "--templates", site.templates.path]
        var executable = CommandLineTests.executable
        if getuid() == 0 {
            let nobody = 65534
            for path in [site.root.path]
                + (FileManager.default.subpaths(atPath: site.root.path) ?? []).map({ site.root.path + "/" + $0 })
            {
                chown(path, uid_t(nobody), gid_t(nobody))
            }
            arguments = ["--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups", executable.path] + arguments
            executable = URL(fileURLWithPath: "/usr/bin/setpriv")
        }
        let before = try Self.tree(site.root)
        let result = try CommandLineTests.run(arguments, in: site.root, executable: executable)
        #expect(result.status == 1)
        #expect(
            result.stderr == """
                Site: error: Site cannot be replaced: Permission denied on Site/events
                    hint: make it writable (chmod -R u+w Site), or build into another folder with --output
                1 error; the site was not written.

                """, "\(result.stderr)")
        #expect(try Self.tree(site.root) == before, "no staging folder, no old site left beside it")
    }
}
