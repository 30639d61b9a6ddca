import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import DossierKit

/// Full-text search: Pagefind's index made over the built pages when it is installed (as
/// `scripts/setup` installs it), the site without search when it is not, and the preview's index
/// kept current off the reload path. These tests run the real Pagefind.
@Suite struct SearchTests {
    static func pagefind() throws -> Pagefind {
        try #require(Pagefind.locate(), "Pagefind is not installed: run scripts/setup")
    }

    /// A copy of the repository's sample report.
    static func sample(search: Pagefind?) throws -> (TestSite, BuildOptions) {
        let site = try TestSite()
        try FileManager.default.removeItem(at: site.content)
        try FileManager.default.copyItem(at: TestSite.repository.appendingPathComponent("Content"), to: site.content)
        var options = site.options
        options.search = search
        return (site, options)
    }

    @Test func aBuildWithPagefindIndexesTheReportsPagesAndHasASearchPage() throws {
        let pagefind = try Self.pagefind()
        let (site, options) = try Self.sample(search: pagefind)
        let summary = try SiteBuilder(options: options).build()
        let files = try site.outputFiles()
        // Events, actors, topics, plain pages and the sources index; not the lists of events.
        let indexed = files.keys.filter {
            $0.hasSuffix(".html") && String(decoding: files[$0]!, as: UTF8.self).contains("data-pagefind-body")
        }
        #expect(summary.search == .indexed(pages: indexed.count, version: pagefind.version))
        #expect(
            indexed.contains("events/qaani-visits-iraq/index.html")
                && indexed.contains("actors/esmail-qaani/index.html") && indexed.contains("sources/index.html"))
        #expect(!indexed.contains("timeline/index.html") && !indexed.contains("index.html"))
        #expect(summary.searchLine.hasPrefix("Search: Pagefind \(pagefind.version) indexed \(indexed.count) pages"))
        #expect(files["pagefind/pagefind.js"] != nil && files.keys.contains { $0.hasPrefix("pagefind/fragment/") })
        #expect(files["pagefind/pagefind-ui.js"] == nil, "Pagefind's own interface is left out")
        // Every file of the index is in the manifest: the next build may replace them.
        let manifest = try #require(SiteManifest.read(in: site.output))
        #expect(files.keys.filter { $0.hasPrefix("pagefind/") }.allSatisfy(manifest.contains))
        #expect(summary.files == files.count - 1, "every file but the manifest is counted")
        try SiteBuilder(options: options).build()

        let search = try site.html("search/index.html")
        #expect(
            search.contains(#"data-pagefind="../pagefind/pagefind.js""#)
                && search.contains(#"<script src="../assets/search.js" defer></script>"#))
        #expect(search.contains(#"data-types="[[&quot;attack&quot;,&quot;Attack&quot;]"#))
        #expect(
            try site.html("events/qaani-visits-iraq/index.html").contains(
                #"<form class="site-search" role="search" aria-label="Site" action="../../search/index.html" method="get">"#
            ))
    }

    @Test func eventPagesCarryTheFiltersAndMetadataSearchShows() throws {
        let (site, options) = try Self.sample(search: nil)
        try SiteBuilder(options: options).build()
        let page = try site.html("events/qaani-visits-iraq/index.html")
        for attribute in [
            #"data-pagefind-body data-pagefind-filter="type:visit" data-pagefind-meta="kind:event""#,
            #"data-pagefind-filter="year:2024""#,
            #"data-pagefind-meta="date">29 January 2024</time>"#, #"data-pagefind-meta="type">Visit</a>"#,
            #"data-pagefind-filter="country[data-country]" data-country="Iraq""#,
            #"data-pagefind-filter="actor">Esmail Qaani</a>"#, #"<h1 data-pagefind-weight="10">"#,
        ] {
            #expect(page.contains(attribute), "\(attribute)")
        }
        // Names of actors taking part weigh more than those only mentioned.
        #expect(
            page.contains(
                #"<dd data-pagefind-weight="8"><ul class="plain-list"><li><a href="../../actors/esmail-qaani/index.html""#
            ))
        #expect(
            !page.contains(
                #"data-pagefind-weight="8"><ul class="plain-list"><li><a href="../../actors/iran/index.html""#))
        #expect(page.contains(#"<section class="related" aria-labelledby="related-heading" data-pagefind-ignore>"#))
    }

    @Test func withoutPagefindTheSiteHasNoSearchAndTheSummarySaysHowToGetIt() throws {
        let (site, options) = try Self.sample(search: nil)
        let summary = try SiteBuilder(options: options).build()
        #expect(summary.search == .notInstalled && summary.searchLine.contains("pip install pagefind_bin"))
        #expect(!site.exists("search/index.html") && !site.exists("pagefind/pagefind.js"))
        #expect(!(try site.html("index.html")).contains("site-search"), "no search box that leads nowhere")
        #expect(try site.html("index.html").contains("<header"), "the header is there, without the box")
    }

    @Test func searchCanBeTurnedOffInSiteYAML() throws {
        let (site, options) = try Self.sample(search: try Self.pagefind())
        try site.write(
            "site.yaml",
            try String(contentsOf: site.content.appendingPathComponent("site.yaml"), encoding: .utf8)
                + "\nsearch:\n  enabled: false\n")
        let summary = try SiteBuilder(options: options).build()
        #expect(summary.search == .disabled && !site.exists("search/index.html") && !site.exists("pagefind"))
    }

    @Test func aPagefindThatFailsLeavesTheSiteAsItWasAndSaysWhy() throws {
        let (site, options) = try Self.sample(search: nil)
        try SiteBuilder(options: options).build()
        let before = try site.outputFiles()
        // A program that says it is Pagefind and then fails.
        let fake = site.root.appendingPathComponent("pagefind")
        try Data(
            "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'pagefind 1.5.2'; exit 0; fi\necho 'disk full' >&2\nexit 3\n"
                .utf8
        ).write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        var failing = options
        guard let fakePagefind = Pagefind.locate(environment: ["DOSSIER_PAGEFIND": fake.path]) else {
            Issue.record("DOSSIER_PAGEFIND names a program: it is found")
            return
        }
        failing.search = fakePagefind
        do {
            try SiteBuilder(options: failing).build()
            Issue.record("the build should fail")
        } catch let failure as BuildFailure {
            let message = try #require(failure.diagnostics.first?.description)
            #expect(
                message.contains("the search index could not be made: Pagefind 1.5.2 failed (exit status 3): disk full")
            )
            #expect(message.contains("search: {enabled: false}"))
        }
        #expect(try site.outputFiles() == before, "the previous site is untouched")
    }

    /// A program that says it is Pagefind, from a shell script's lines after `--version`.
    static func fakePagefind(in site: TestSite, _ body: String) throws -> Pagefind {
        let fake = site.root.appendingPathComponent("pagefind")
        try Data(
            "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'pagefind 1.5.2'; exit 0; fi\nwhile [ $# -gt 0 ]; do if [ \"$1\" = --output-path ]; then out=\"$2\"; fi; shift; done\n\(body)\n"
                .utf8
        ).write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        return try #require(Pagefind.locate(environment: ["DOSSIER_PAGEFIND": fake.path]))
    }

    /// On a full disk Pagefind exited 0 with its entry file, worker and wasm at 0 bytes, and the
    /// build said "indexed 38 pages" (on main before). An incomplete index fails the build.
    @Test func anIncompleteIndexFailsTheBuildAndTheSiteStays() throws {
        let (site, options) = try Self.sample(search: nil)
        try SiteBuilder(options: options).build()
        let before = try site.outputFiles()
        var failing = options
        failing.search = try Self.fakePagefind(
            in: site,
            "mkdir -p \"$out/fragment\"; : > \"$out/pagefind-entry.json\"; : > \"$out/pagefind.js\"; : > \"$out/wasm.en.pagefind\"; echo x > \"$out/fragment/a.pf_fragment\"; exit 0"
        )
        do {
            try SiteBuilder(options: failing).build()
            Issue.record("the build should fail")
        } catch let failure as BuildFailure {
            #expect(
                failure.diagnostics.first?.message.contains(
                    "Pagefind's index is incomplete: pagefind-entry.json cannot be read; is the disk full?") == true,
                "\(failure.diagnostics)")
        }
        #expect(try site.outputFiles() == before, "the previous site is untouched")
        // Whole files but an empty one: the same.
        failing.search = try Self.fakePagefind(
            in: site,
            "mkdir -p \"$out\"; echo '{\"version\":\"1.5.2\",\"languages\":{}}' > \"$out/pagefind-entry.json\"; echo x > \"$out/pagefind.js\"; : > \"$out/pagefind-worker.js\"; exit 0"
        )
        #expect(throws: BuildFailure.self) { try SiteBuilder(options: failing).build() }
        #expect(try site.outputFiles() == before)
    }

    /// A build killed while Pagefind ran left Pagefind writing for minutes (on main before).
    @Test func pagefindEndsWithABuildThatIsKilled() throws {
        let (site, _) = try Self.sample(search: nil)
        let pidFile = site.root.appendingPathComponent("pagefind.pid")
        let fake = try Self.fakePagefind(in: site, "echo $$ > \"\(pidFile.path)\"; exec sleep 60")
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["build"]
        process.currentDirectoryURL = site.root
        process.environment = ProcessInfo.processInfo.environment.merging(["DOSSIER_PAGEFIND": fake.executable.path]) {
            $1
        }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var pid: Int32?
        for _ in 0..<600 where pid == nil {
            usleep(50_000)
            pid = (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap {
                Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        let pagefind = try #require(pid, "the fake Pagefind never started")
        #expect(kill(pagefind, 0) == 0)
        kill(process.processIdentifier, SIGKILL)
        var gone = false
        for _ in 0..<100 where !gone {
            usleep(20_000)
            // Gone, or a zombie whose parent (reparented) has not reaped it yet.
            let state = (try? String(contentsOfFile: "/proc/\(pagefind)/stat", encoding: .utf8))?.split(separator: " ")
                .dropFirst(2).first
            gone = kill(pagefind, 0) != 0 || state == "Z"
        }
        #expect(gone, "Pagefind outlived the build")
        if !gone { kill(pagefind, SIGKILL) }
    }

    @Test func locatingPagefindRefusesWhatIsNotIt() throws {
        #expect(Pagefind.locate(environment: ["DOSSIER_PAGEFIND": ""]) == nil)
        #expect(Pagefind.locate(environment: ["DOSSIER_PAGEFIND": "/bin/echo"]) == nil)
        #expect(Pagefind.locate(environment: ["DOSSIER_PAGEFIND": "/no/such/program"]) == nil)
    }

    @Test func aStaticFileInTheIndexsFolderIsRefused() throws {
        let (site, _) = try Self.sample(search: nil)
        try site.write("static/pagefind/notes.txt", "mine")
        let errors = site.failingBuild()
        #expect(
            errors.contains {
                $0.message.contains("in the folder of the search index")
                    && $0.location.file.hasSuffix("static/pagefind/notes.txt")
            })
    }

    @Test func thePreviewIndexesInTheBackgroundAndKeepsTheIndexAcrossRebuilds() throws {
        let pagefind = try Self.pagefind()
        let (site, options) = try Self.sample(search: pagefind)
        let server = PreviewServer(
            build: options, serve: ServeOptions(port: 0, searchSettle: .milliseconds(500)), say: { _ in })
        let search = try #require(server.search)
        let first = server.rebuild()
        #expect(
            first.succeeded && !first.phases.contains { $0.name.contains("search") },
            "the rebuild does not wait for the index")
        try waitFor { search.completedRuns >= 1 }
        let index = server.snapshot.get().files.keys.filter { $0.hasPrefix("pagefind/") }
        #expect(index.contains("pagefind/pagefind.js") && index.contains { $0.hasPrefix("pagefind/fragment/") })
        // An edit: the rebuild keeps the index it did not make, and a new one follows.
        let file = site.content.appendingPathComponent("events/2024-pause.yaml")
        try Self.replace(
            "Iranian general Esmail Qaani visits Iraq", with: "Iranian general Esmail Qaani travels to Iraq", in: file)
        let edit = server.rebuild(changed: [file.path])
        #expect(edit.succeeded && !edit.changedPaths.contains { $0.hasPrefix("pagefind/") })
        #expect(server.snapshot.get().files["pagefind/pagefind.js"] != nil)
        try waitFor { search.completedRuns >= 2 }
        let fragments = try Self.fragments(server, under: "pagefind/fragment/")
        #expect(fragments.contains { $0.contains("travels to Iraq") })
        // The sources index, put off by the edit, is made for the index; the lists it skips are not.
        #expect(fragments.contains { $0.contains(#""url":"/sources/index.html""#) })
        #expect(!fragments.contains { $0.contains(#""url":"/timeline/index.html""#) })
        // The full index holds the edit: the index of the changes is empty again.
        try waitFor { Self.manifest(server)?["index"] is NSNull }
        #expect(Self.manifest(server)?["stale"] as? [String] == [])
        #expect(!server.snapshot.get().files.keys.contains { $0.hasPrefix("pagefind/preview/") })
    }

    @Test func anEditIsIndexedAtOnceAndItsPagesOldVersionsAreNamed() throws {
        let pagefind = try Self.pagefind()
        let (site, options) = try Self.sample(search: pagefind)
        // The full index is not made again while the test runs: what follows the edit is its own.
        let server = PreviewServer(
            build: options, serve: ServeOptions(port: 0, searchSettle: .seconds(3600)), say: { _ in })
        let search = try #require(server.search)
        server.rebuild()
        try waitFor { search.completedRuns >= 1 && Self.manifest(server) != nil }
        #expect(Self.manifest(server)?["index"] is NSNull, "no edit yet: nothing to merge")
        let full = try Self.fragments(server, under: "pagefind/fragment/")
        let event = #""url":"/events/qaani-visits-iraq/index.html""#
        let old = try #require(full.first { $0.contains(event) })
        let generation = search.generation
        let file = site.content.appendingPathComponent("events/2024-pause.yaml")
        try Self.replace(
            "Iranian general Esmail Qaani visits Iraq", with: "Iranian general Esmail Qaani travels to Iraq", in: file)
        #expect(server.rebuild(changed: [file.path]).succeeded)
        try waitFor { Self.manifest(server)?["index"] as? String == "preview/" }
        #expect(search.completedRuns == 1 && search.generation > generation)
        // The edit's index holds the page as it now is; the full one is as it was, and the
        // manifest names its version of the page by the number it carries as a filter.
        let changed = try Self.fragments(server, under: "pagefind/preview/fragment/")
        #expect(changed.contains { $0.contains(event) && $0.contains("travels to Iraq") })
        #expect(changed.count < full.count / 4, "only the pages the edit changed")
        #expect(try Self.fragments(server, under: "pagefind/fragment/") == full)
        let stale = try #require(Self.manifest(server)?["stale"] as? [String])
        let number = try #require(old.firstMatch(of: /"dossier-page":\["(\d+)"\]/)?.1)
        #expect(stale.contains(String(number)))
        #expect(stale.count <= changed.count + 2)
        #expect((Self.manifest(server)?["languages"] as? [String])?.contains("en") == true)
    }

    @Test func scratchFoldersOfPreviewsThatNoLongerRunAreRemovedAndNothingElse() throws {
        let site = try TestSite()
        let parent = site.root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        // A process that has ended: its id is free (until the system gives it again).
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let names = [
            "dossier-search-\(ended.processIdentifier)-\(UUID().uuidString)",  // abandoned
            "dossier-search-\(getpid())-\(UUID().uuidString)",  // this process's
            "dossier-search-\(ended.processIdentifier)-notes",  // not a name Dossier gives
            "dossier-search-\(UUID().uuidString)",  // an older preview's: left alone
            "mine-\(ended.processIdentifier)-\(UUID().uuidString)",
        ]
        for name in names {
            try FileManager.default.createDirectory(
                at: parent.appendingPathComponent(name).appendingPathComponent("site"),
                withIntermediateDirectories: true)
        }
        let made = ScratchFolders.make(prefix: "dossier-search", in: parent)
        #expect(made.lastPathComponent.hasPrefix("dossier-search-\(getpid())-"))
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: parent.path))
        #expect(left == Set(names.dropFirst()))
        try FileManager.default.createDirectory(at: made, withIntermediateDirectories: true)
        ScratchFolders.remove(made)
        #expect(!FileManager.default.fileExists(atPath: made.path))
    }

    @Test func anEditOfEveryPageHasTheWholeIndexMadeAgainAtOnce() throws {
        let pagefind = try Self.pagefind()
        let (site, sample) = try Self.sample(search: pagefind)
        // A copy of the theme, to edit.
        var options = sample
        options.templates = site.root.appendingPathComponent("Theme")
        try FileManager.default.copyItem(at: sample.templates, to: options.templates)
        let server = PreviewServer(
            build: options, serve: ServeOptions(port: 0, searchSettle: .seconds(3600)), say: { _ in })
        let search = try #require(server.search)
        server.rebuild()
        try waitFor { search.completedRuns >= 1 && Self.manifest(server) != nil }
        // A template's edit changes every page: no index of the changes, the full one at once.
        let layout = options.templates.appendingPathComponent("layout.mustache")
        try Self.replace("</body>", with: "<p>Edited.</p></body>", in: layout)
        #expect(server.rebuild(changed: [layout.path]).succeeded)
        // (With edits settling after an hour, only that rule makes it now.)
        try waitFor { search.completedRuns >= 2 }
        #expect(Self.manifest(server)?["index"] is NSNull)
        #expect(!server.snapshot.get().files.keys.contains { $0.hasPrefix("pagefind/preview/") })
    }

    static func replace(_ old: String, with new: String, in file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(old))
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: file)
    }

    /// The preview's `pagefind/preview.json`, once there is one.
    static func manifest(_ server: PreviewServer) -> [String: Any]? {
        guard let data = server.snapshot.get().files[PreviewSearch.manifestPath]?.data else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// The preview's index fragments under `prefix`, unzipped, sorted.
    static func fragments(_ server: PreviewServer, under prefix: String) throws -> [String] {
        try server.snapshot.get().files.filter { $0.key.hasPrefix(prefix) && $0.key.hasSuffix(".pf_fragment") }
            .values.map { String(decoding: try gunzip($0.data), as: UTF8.self) }.sorted()
    }

    func waitFor(_ condition: () -> Bool, seconds: Double = 60) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            if Date() > deadline { throw CancellationError() }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Pagefind's fragments are gzipped JSON (after a signature): `gzip -d` reads them.
    static func gunzip(_ data: Data) throws -> Data {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fragment-\(UUID().uuidString).gz")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try ChildProcess.run(URL(fileURLWithPath: "/bin/gzip"), ["-dc", file.path]).stdout
    }
}
