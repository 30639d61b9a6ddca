import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import DossierKit

/// `dossier import` writes into the user's own content, so it is tried as a hostile file and a
/// failing disk would try it: nothing outside `Content/`, nothing injected into `site.yaml`, no
/// file it could not read replaced, and after any failure or kill the report is as it was before
/// the import or as it is after it, never between.
@Suite struct ImportSafetyTests {
    static let fixtures = ACLEDImportTests.fixtures

    /// A report as `dossier new` makes it, in a temporary folder.
    static func newReport() throws -> TestSite {
        let site = try TestSite()
        try FileManager.default.removeItem(at: site.content)
        try NewReport.create(in: site.root.appendingPathComponent("new"), shownAs: "new")
        try FileManager.default.moveItem(at: site.root.appendingPathComponent("new/Content"), to: site.content)
        return site
    }

    /// Every file under the folder, hidden ones included (but the import's lock, which a killed
    /// import leaves and the next one reuses), with its bytes.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            let path = ContentFile.relativePath(of: url, in: folder)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue,
                path != ".dossier-import.lock"
            else { continue }
            files[path] = FileManager.default.contents(atPath: url.path)
        }
        return files
    }

    /// The paths of everything under the folder, without reading any file: the folder may be
    /// the machine's temporary folder, which a snapshot of contents once read whole (29 GB).
    static func paths(under folder: URL) -> Set<String> {
        var paths = Set<String>()
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL { paths.insert(ContentFile.relativePath(of: url, in: folder)) }
        return paths
    }

    static func importing(
        _ format: Importer.Format, _ file: URL, into site: TestSite, fileSystem: ImportFileSystem = SystemFileSystem(),
        onConflict: ContentImport.ConflictChoice = .keep
    ) throws -> Importer.Result {
        try Importer.run(
            format, file: file, shownAs: file.lastPathComponent, content: site.content, contentName: "Content",
            dryRun: false,
            onConflict: onConflict, fileSystem: fileSystem)
    }

    static func events(_ json: String, in site: TestSite) throws -> URL {
        let url = site.root.appendingPathComponent("events.json")
        try Data(json.utf8).write(to: url)
        return url
    }

    static let source = #""sources": [{"publisher": "X", "url": "https://x.example/"}]"#

    // MARK: Paths and ids (failed on main before: files were created outside the report)

    @Test func idsThatWouldLeadOutOfTheReportLeaveTheirEventOut() throws {
        let site = try Self.newReport()
        let file = try Self.events(
            """
            {"events": [
              {"id": "escape-page", "date": "2024-01-02", "title": "P", "type": "attack", "summary": "[p](page:../../../../../../outside/page-escape)", \(Self.source)},
              {"id": "escape-actor", "date": "2024-01-03", "title": "A", "type": "attack", "actors": [{"id": "../../outside/actor-escape", "role": "perpetrator"}], \(Self.source)},
              {"id": "escape-topic", "date": "2024-01-04", "title": "T", "type": "attack", "body": "[t](topic:..%2F..%2Foutside)", \(Self.source)},
              {"id": "fine", "date": "2024-01-05", "title": "Fine", "type": "attack", \(Self.source)}
            ]}
            """, in: site)
        let outside = Self.paths(under: site.root.deletingLastPathComponent()).filter { $0.contains("escape") }
        let result = try Self.importing(.dossier, file, into: site)
        #expect(result.outcome?.events == 1)
        #expect(
            result.diagnostics.map(\.description).filter { $0.contains("which is not an id") }.count == 3,
            "\(result.diagnostics)")
        #expect(
            result.diagnostics.first {
                $0.message.hasPrefix("event `escape-actor` left out: one of its actors is `../../outside/actor-escape`")
            }?.location.line == 3)
        // Nothing anywhere but the one event and its record.
        #expect(Self.paths(under: site.root.deletingLastPathComponent()).filter { $0.contains("escape") } == outside)
        #expect(SiteBuilder(options: site.options).check().errors.isEmpty)
    }

    @Test func onlyThePathsAnImportWritesAreAccepted() {
        for good in [
            "site.yaml", "actors/kataib-hezbollah.md", "events/acled/2024-01.yaml", "events/timelinejs/2014.yaml",
            "events/dossier/.dossier-import.json", "events/acled",
        ] {
            #expect(ContentPath.problem(with: good) == nil, "\(good)")
        }
        for bad in [
            "../site.yaml", "actors/../../x.md", "pages/../../../../outside/page-escape.md", "/etc/passwd",
            "events/acled/2024-1.yaml",
            "events/other/2024-01.yaml", "actors/Upper.md", "actors/a\nb.md", "static/x.js", "actors//x.md", "",
        ] {
            #expect(ContentPath.problem(with: bad) != nil, "\(bad)")
        }
    }

    @Test func aFolderThatLinksOutOfTheReportIsNotWrittenThrough() throws {
        let site = try Self.newReport()
        let elsewhere = site.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: site.content.appendingPathComponent("events"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: site.content.appendingPathComponent("events/acled"), withDestinationURL: elsewhere)
        let result = try Self.importing(.acled, Self.fixtures.appendingPathComponent("acled-iraq.csv"), into: site)
        #expect(result.outcome == nil)
        #expect(result.diagnostics.contains { $0.message.contains("its folder leads outside the content folder") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    // MARK: site.yaml (failed on main before: an id added `markdown: { unsafe_html: true }`)

    @Test func aTypeCannotWriteYAMLIntoSiteYAML() throws {
        let site = try Self.newReport()
        let injected = ##"imported, label: Imported, colour: \"#123456\" }\nmarkdown: { unsafe_html: true }\n#"##
        let file = try Self.events(
            """
            {"events": [
              {"id": "injector", "date": "2024-01-02", "title": "I", "type": "\(injected)", \(Self.source)},
              {"id": "scripted", "date": "2024-01-03", "title": "S", "type": "brand-new", "summary": "<script>alert(1)</script>", \(Self.source)}
            ]}
            """, in: site)
        let result = try Self.importing(.dossier, file, into: site)
        #expect(result.outcome?.events == 1 && result.outcome?.types == 1)
        let config = try String(contentsOf: site.content.appendingPathComponent("site.yaml"), encoding: .utf8)
        #expect(!config.contains("unsafe_html"))
        try site.build()
        #expect(try !site.html("events/scripted/index.html").contains("<script>alert"))
    }

    /// A label or id holding YAML's syntax is emitted as one value, and reads back as it was.
    @Test(arguments: [
        "x }\nmarkdown: { unsafe_html: true }\n#", "a, b: c", "'quoted' \"twice\"", "# not a comment", "- item",
        "ok\r\nline", "{ [ ] }", "\u{1}control",
    ])
    func anyLabelReadsBackAsItWas(label: String) throws {
        var edit = SiteYAMLEdit(
            "title: T\nevent_types:\n  - { id: attack, label: Attack, colour: \"#a93226\" }\n", shownAs: "site.yaml")
        let entry = try SiteYAMLEdit.entry(id: "new-type", label: label, colour: "#4e79a7")
        try edit.addEventTypes([entry])
        try SiteYAMLEdit.verify(
            old: "title: T\nevent_types:\n  - { id: attack, label: Attack, colour: \"#a93226\" }\n", new: edit.text,
            set: [:],
            addedTypes: [["id": "new-type", "label": label, "colour": "#4e79a7"]], shownAs: "site.yaml")
        #expect(edit.text.split(separator: "\n").count == 4)
    }

    /// Block and flow lists, an empty key, none, CRLF: each gets the types in its own style, and
    /// every other line stays as it was (failed on main before: CRLF gave a second `event_types`,
    /// a flow list stopped the import).
    @Test(arguments: [
        ("title: T\nevent_types: []\nlanguage: en\n", "event_types: [{id: new-type, label: New, colour: '#4e79a7'}]\n"),
        (
            "title: T\nevent_types: [{ id: attack, label: Attack, colour: \"#a93226\" }]   # types\n",
            "colour: \"#a93226\" }, {id: new-type, label: New, colour: '#4e79a7'}]   # types\n"
        ),
        (
            "title: T\nevent_types: [\n  { id: attack, label: Attack, colour: \"#a93226\" },\n  { id: strike, label: Strike, colour: \"#6c3483\" }\n]\n",
            "  { id: strike, label: Strike, colour: \"#6c3483\" },\n  {id: new-type, label: New, colour: '#4e79a7'}\n]\n"
        ),
        (
            "title: T\nevent_types:\n# none yet\nlanguage: en\n",
            "event_types:\n  - {id: new-type, label: New, colour: '#4e79a7'}\n# none yet\n"
        ),
        (
            "title: T\r\nevent_types:\r\n  - { id: attack, label: Attack, colour: \"#a93226\" }\r\n  # more to come\r\nlanguage: en\r\n",
            "colour: \"#a93226\" }\r\n  - {id: new-type, label: New, colour: '#4e79a7'}\r\n  # more to come\r\n"
        ),
        (
            "title: T\r\nlanguage: en\r\n",
            "language: en\r\nevent_types:\r\n  - {id: new-type, label: New, colour: '#4e79a7'}\r\n"
        ),
        (
            "title: T\nevent_types:\n- id: attack\n  label: Attack\n  colour: \"#a93226\"\n\n# trailing comment\n",
            "  colour: \"#a93226\"\n- {id: new-type, label: New, colour: '#4e79a7'}\n\n# trailing comment\n"
        ),
    ])
    func eventTypesAreAddedInTheListsOwnStyle(original: String, expected: String) throws {
        var edit = SiteYAMLEdit(original, shownAs: "site.yaml")
        try edit.addEventTypes([try SiteYAMLEdit.entry(id: "new-type", label: "New", colour: "#4e79a7")])
        #expect(edit.text.contains(expected), "\(edit.text)")
        try SiteYAMLEdit.verify(
            old: original, new: edit.text, set: [:],
            addedTypes: [["id": "new-type", "label": "New", "colour": "#4e79a7"]], shownAs: "site.yaml")
        if original.contains("\r\n") {
            #expect(
                !edit.text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "a bare line feed in a CRLF file")
        }
    }

    @Test func aCRLFAndFlowListSiteYAMLTakesAnImport() throws {
        let site = try TestSite(
            config:
                "id: urn:uuid:0f3c8a56-8f0b-4a59-9d0e-2f1f5a4c7b21\r\ntitle: T\r\ndescription: D\r\nlanguage: en\r\nevent_types: []\r\n"
        )
        let result = try Self.importing(.acled, Self.fixtures.appendingPathComponent("acled-iraq.csv"), into: site)
        #expect(result.outcome?.types == 4, "\(result.diagnostics)")
        let check = SiteBuilder(options: site.options).check()
        #expect(check.errors.isEmpty, "\(check.errors)")
        #expect(check.report?.config.eventTypes.count == 4)
    }

    /// A month file saved with CRLF line ends keeps them when the import adds to it or updates it.
    @Test func aCRLFMonthFileKeepsItsLineEnds() throws {
        let site = try Self.newReport()
        _ = try Self.importing(.acled, Self.fixtures.appendingPathComponent("acled-iraq.csv"), into: site)
        for month in ["2024-01", "2024-02"] {
            let url = site.content.appendingPathComponent("events/acled/\(month).yaml")
            let text = try String(contentsOf: url, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: url)
        }
        let record = site.content.appendingPathComponent("events/acled/.dossier-import.json")
        // Line ends are no edit: the event no one changed is updated, with no conflict.
        let result = try Self.importing(
            .acled, Self.fixtures.appendingPathComponent("acled-iraq-updated.csv"), into: site)
        #expect(result.outcome?.updated == 2 && result.outcome?.conflicts.isEmpty == true, "\(result.diagnostics)")
        #expect(FileManager.default.fileExists(atPath: record.path))
        for month in ["2024-01", "2024-02"] {
            let text = try String(
                contentsOf: site.content.appendingPathComponent("events/acled/\(month).yaml"), encoding: .utf8)
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "\(month) has a bare line feed")
        }
        #expect(SiteBuilder(options: site.options).check().errors.isEmpty)
    }

    // MARK: Files the import could not read, or may not write (failed on main before: replaced)

    @Test func aSiteYAMLThatIsNotUTF8IsNeverReplaced() throws {
        let site = try Self.newReport()
        let url = site.content.appendingPathComponent("site.yaml")
        var bytes = try Data(contentsOf: url)
        bytes.append(contentsOf: Array("# caf".utf8) + [0xE9] + Array("\n".utf8))
        try bytes.write(to: url)
        let before = Self.snapshot(site.content)
        let result = try Self.importing(.acled, Self.fixtures.appendingPathComponent("acled-iraq.csv"), into: site)
        #expect(result.outcome == nil)
        #expect(
            result.diagnostics.contains {
                $0.description.hasPrefix(
                    "Content/site.yaml:1: error: the file is not valid UTF-8 text; the import would change this file, so it wrote nothing"
                )
            })
        #expect(Self.snapshot(site.content) == before)
    }

    @Test func aReadOnlyFileIsRefusedAndAWritableOneKeepsItsMode() throws {
        let site = try Self.newReport()
        _ = try Self.importing(.acled, Self.fixtures.appendingPathComponent("acled-iraq.csv"), into: site)
        let january = site.content.appendingPathComponent("events/acled/2024-01.yaml")
        #expect(chmod(january.path, 0o444) == 0)
        let before = Self.snapshot(site.content)
        let updated = Self.fixtures.appendingPathComponent("acled-iraq-updated.csv")
        let refused = try Self.importing(.acled, updated, into: site)
        #expect(refused.outcome == nil)
        #expect(
            refused.diagnostics.contains {
                $0.description.hasPrefix(
                    "Content/events/acled/2024-01.yaml: error: the file is read-only, and the import would change it")
            })
        #expect(Self.snapshot(site.content) == before)
        #expect(Importer.mode(of: january) == 0o444)
        #expect(chmod(january.path, 0o640) == 0)
        let accepted = try Self.importing(.acled, updated, into: site)
        #expect(accepted.outcome?.updated == 2, "\(accepted.diagnostics)")
        #expect(Importer.mode(of: january) == 0o640)
    }

    @Test func anImportRecordWithAMergeConflictIsAnError() throws {
        let site = try Self.newReport()
        _ = try Self.importing(.acled, Self.fixtures.appendingPathComponent("acled-iraq.csv"), into: site)
        let record = site.content.appendingPathComponent("events/acled/.dossier-import.json")
        let text = try String(contentsOf: record, encoding: .utf8)
        try ("<<<<<<< HEAD\n" + text + "=======\n" + text + ">>>>>>> other\n").write(
            to: record, atomically: true, encoding: .utf8)
        let before = Self.snapshot(site.content)
        let result = try Self.importing(
            .acled, Self.fixtures.appendingPathComponent("acled-iraq-updated.csv"), into: site)
        #expect(result.outcome == nil)
        #expect(
            result.diagnostics.contains {
                $0.description.hasPrefix(
                    "Content/events/acled/.dossier-import.json:1: error: the import record is not valid JSON (a merge conflict was left in it)"
                )
            })
        #expect(Self.snapshot(site.content) == before)
    }

    // MARK: What importers write checks (failed on main before: `check` rejected it, or it showed wrong)

    /// ACLED values that made content `check` rejects, or that changed on the way: timestamps that
    /// are no moment, a figure past the limit, a year of one digit, ids in another script, notes
    /// with markup-like text.
    @Test func acledValuesThatWouldNotCheckLeaveTheirRowOut() throws {
        let site = try Self.newReport()
        let header =
            "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,inter1,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities,timestamp"
        let row = { (id: String, date: String, notes: String, fatalities: String, stamp: String) in
            "\(id),\(date),1,Battles,Armed clash,A group,3,Iraq,Baghdad,Baghdad,33.3,44.4,1,Reuters,\(notes),\(fatalities),\(stamp)"
        }
        let file = site.root.appendingPathComponent("acled.csv")
        try
            ([
                header,
                row("IRQ1", "2024-01-28", "note", "2", "nan"), row("IRQ2", "2024-01-28", "note", "2", "inf"),
                row("IRQ3", "2024-01-28", "note", "2", "1e300"),
                row("IRQ4", "2024-01-28", "note", "99999999999", "1706745600"),
                row("IRQ5", "28 January -5", "note", "2", "1706745600"),
                row("عراق١", "2024-01-28", "note", "1", "1706745600"),
                row("عراق٢", "2024-01-28", "note", "1", "1706745600"),
                row(
                    "IRQ8", "2024-01-28", "Plain <unknown> note with *stars* and [x](javascript:alert(1))", "0",
                    "1706745600"),
            ].joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try Self.importing(.acled, file, into: site)
        #expect(result.outcome?.events == 3, "\(result.diagnostics)")
        let lines = result.diagnostics.map(\.description)
        for (line, text) in [
            (2, "timestamp `nan` is not a moment ACLED writes"), (3, "timestamp `inf`"), (4, "timestamp `1e300`"),
            (5, "the casualty figure 99999999999 is larger"), (6, "`28 January -5` is not a date ACLED writes"),
        ] {
            #expect(lines.contains { $0.hasPrefix("acled.csv:\(line):") && $0.contains(text) }, "\(line): \(lines)")
        }
        let check = SiteBuilder(options: site.options).check()
        #expect(check.errors.isEmpty, "\(check.errors)")
        let report = try #require(check.report)
        // Two ids in Arabic script are two events; the note reads as ACLED wrote it.
        #expect(report.events.filter { $0.externalID?.hasPrefix("عراق") == true }.count == 2)
        try site.build()
        let page = try site.html("events/acled-irq8/index.html")
        #expect(page.contains("Plain &lt;unknown&gt; note with *stars* and [x](javascript:alert(1))"), "\(page)")
    }

    // MARK: Failures and kills (failed on main before: a cut month file, half the actors)

    /// Counts the commit's operations, and makes the one numbered `failAt` fail as a full disk would.
    final class FaultyFileSystem: ImportFileSystem, @unchecked Sendable {
        let base = SystemFileSystem()
        var failAt: Int?
        var count = 0
        init(failAt: Int? = nil) { self.failAt = failAt }

        private func step(_ path: String) throws {
            count += 1
            if count == failAt { throw FileSystemError("write", path, errno: ENOSPC) }
        }
        func create(_ path: String, text: FileText, mode: mode_t?, ownerOf like: String?) throws {
            try step(path)
            try base.create(path, text: text, mode: mode, ownerOf: like)
        }
        func rename(_ path: String, to target: String) throws {
            try step(target)
            try base.rename(path, to: target)
        }
        func makeFolder(_ path: String) throws {
            try step(path)
            try base.makeFolder(path)
        }
        func remove(_ path: String) throws {
            try step(path)
            try base.remove(path)
        }
        // Counted as `KillingFileSystem` counts them, so the crash test's numbers mean the same operations.
        func removeFolderIfEmpty(_ path: String) {
            count += 1
            base.removeFolderIfEmpty(path)
        }
        func flushFolder(_ path: String) {
            count += 1
            base.flushFolder(path)
        }
    }

    /// Each operation of the commit fails in turn: the import reports one line and the report,
    /// once the next command has recovered it, is as before or as after, and checks.
    @Test func aWriteThatFailsAnywhereLeavesTheReportBeforeOrAfter() throws {
        let base = try Self.newReport()
        _ = try Self.importing(.acled, Self.fixtures.appendingPathComponent("acled-iraq.csv"), into: base)
        let updated = Self.fixtures.appendingPathComponent("acled-iraq-updated.csv")
        let before = Self.snapshot(base.content)
        let reference = try Self.copy(base)
        let counting = FaultyFileSystem()
        _ = try Self.importing(.acled, updated, into: reference, fileSystem: counting, onConflict: .replace)
        let after = Self.snapshot(reference.content)
        #expect(after != before && counting.count > 10)
        for failAt in 1...counting.count {
            let trial = try Self.copy(base)
            let result = try Self.importing(
                .acled, updated, into: trial, fileSystem: FaultyFileSystem(failAt: failAt), onConflict: .replace)
            let log = DiagnosticLog()
            ImportTransaction.recover(content: trial.content, displayName: "Content", log: log)
            let state = Self.snapshot(trial.content)
            #expect(
                state == before || state == after,
                "failure at operation \(failAt) of \(counting.count) left the report between")
            #expect(SiteBuilder(options: trial.options).check().errors.isEmpty, "failure at \(failAt)")
            if result.outcome == nil {
                #expect(
                    result.diagnostics.contains {
                        $0.message.contains(
                            "No space left on device; nothing was imported, and the report is as it was")
                            && !$0.message.contains("NSCocoaErrorDomain")
                    },
                    "\(result.diagnostics)")
            }
        }
    }

    /// Saves a change to a file while the commit stages the files (an editor, a `git pull`): just
    /// after the staged file at `when` is written.
    final class EditingFileSystem: ImportFileSystem, @unchecked Sendable {
        let base = SystemFileSystem()
        let when: String
        let edit: () -> Void
        var edited = false
        init(when: String, edit: @escaping () -> Void) {
            self.when = when
            self.edit = edit
        }
        func create(_ path: String, text: FileText, mode: mode_t?, ownerOf like: String?) throws {
            try base.create(path, text: text, mode: mode, ownerOf: like)
            if path.hasSuffix(when), !edited {
                edited = true
                edit()
            }
        }
        func rename(_ path: String, to target: String) throws { try base.rename(path, to: target) }
        func makeFolder(_ path: String) throws { try base.makeFolder(path) }
        func remove(_ path: String) throws { try base.remove(path) }
        func removeFolderIfEmpty(_ path: String) { base.removeFolderIfEmpty(path) }
        func flushFolder(_ path: String) { base.flushFolder(path) }
    }

    /// Each file's new text is made from what was read, when it is staged, and every file is
    /// checked again once all are staged: a file saved by someone else in between — before its
    /// text is made, or after — keeps that change, and the import writes nothing.
    @Test func aFileChangedWhileTheImportWritesIsNeverOverwritten() throws {
        let base = try Self.newReport()
        _ = try Self.importing(.acled, Self.fixtures.appendingPathComponent("acled-iraq.csv"), into: base)
        let updated = Self.fixtures.appendingPathComponent("acled-iraq-updated.csv")
        let months = try FileManager.default.contentsOfDirectory(
            atPath: base.content.appendingPathComponent("events/acled").path
        ).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(months.count >= 2)
        let cases = [
            (months[0], "/..dossier-import.json" + ImportTransaction.stagedSuffix),  // before its text is made
            (months[0], "/.\(months[0])" + ImportTransaction.stagedSuffix),  // just after
            (months[months.count - 1], "/.\(months[months.count - 1])" + ImportTransaction.stagedSuffix),
        ]
        for (month, when) in cases {
            let trial = try Self.copy(base)
            let file = trial.content.appendingPathComponent("events/acled/\(month)")
            let editing = EditingFileSystem(when: when) {
                let handle = try? FileHandle(forWritingTo: file)
                _ = try? handle?.seekToEnd()
                try? handle?.write(contentsOf: Data("# a note saved while the import ran\n".utf8))
                try? handle?.close()
            }
            let edited = Self.snapshot(trial.content).merging([:]) { $1 }
            let result = try Self.importing(.acled, updated, into: trial, fileSystem: editing, onConflict: .replace)
            #expect(editing.edited, "\(when)")
            #expect(result.outcome == nil, "\(when)")
            #expect(
                result.diagnostics.contains {
                    $0.message.contains(
                        "changed while the import was reading or writing the report; nothing was imported")
                }, "\(result.diagnostics)")
            let after = Self.snapshot(trial.content)
            #expect(
                String(decoding: after["events/acled/\(month)"] ?? Data(), as: UTF8.self).hasSuffix(
                    "# a note saved while the import ran\n"))
            // Nothing else changed, nothing staged is left.
            var expected = edited
            expected["events/acled/\(month)"] = after["events/acled/\(month)"]
            #expect(after == expected)
        }
    }

    static func copy(_ site: TestSite) throws -> TestSite {
        let copy = try TestSite()
        try FileManager.default.removeItem(at: copy.content)
        try FileManager.default.copyItem(at: site.content, to: copy.content)
        return copy
    }

    /// An ACLED export of `rows` events over two years, a dozen actors and four types.
    static func acledExport(rows: Int) -> String {
        var lines = [
            "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,inter1,actor2,inter2,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities,timestamp"
        ]
        let types = [
            ("Battles", "Armed clash"), ("Protests", "Peaceful protest"),
            ("Explosions/Remote violence", "Air/drone strike"), ("Riots", "Mob violence"),
        ]
        let places = [
            ("Baghdad", "Baghdad", 33.34, 44.40), ("Basra", "Basra", 30.5, 47.8), ("Erbil", "Erbil", 36.19, 44.01),
            ("Mosul", "Ninewa", 36.34, 43.13),
        ]
        for row in 0..<rows {
            let (type, sub) = types[row % types.count], (town, region, lat, lon) = places[row % places.count]
            let day = 1 + row % 28, month = 1 + (row / 28) % 12, year = 2023 + row / (28 * 12) % 2
            lines.append(
                "IRQ\(10_000 + row),\(String(format: "%04d-%02d-%02d", year, month, day)),\(1 + row % 3),\(type),\(sub),Group \(row % 12),\(row % 8),Group \((row + 5) % 12),3,Iraq,\(region),\(town),\(lat),\(lon),\(1 + row % 3),Source \(row % 5); Other,\"Row \(row), a note with a comma.\",\(row % 4),\(1_700_000_000 + row)"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `dossier import` killed with SIGKILL before each of 20 operations of its commit (spread
    /// over all of them, first and last included) on a 3,000-row export: after each, the next
    /// command finishes or undoes the import, the report checks, and it is as it was before or as
    /// it is after the import. The next command is `dossier check` itself at four of the points;
    /// elsewhere its validation in this process (load, link, theme: all but rendering 3,000 pages
    /// in a debug build, which no kill can change).
    @Test func anImportKilledAnywhereIsFinishedOrUndoneByTheNextCommand() throws {
        let base = try Self.newReport()
        let export = base.root.appendingPathComponent("acled-3000.csv")
        try Data(Self.acledExport(rows: 3_000).utf8).write(to: export)
        let before = Self.snapshot(base.content)
        let reference = try Self.copy(base)
        let counting = FaultyFileSystem()
        let done = try Self.importing(.acled, export, into: reference, fileSystem: counting)
        #expect(done.outcome?.events == 3_000, "\(done.diagnostics.prefix(3))")
        let after = Self.snapshot(reference.content)
        let total = counting.count
        let points = (0..<20).map { 1 + $0 * (total - 1) / 19 }
        #expect(Set(points).count == 20, "\(total) operations")
        var outcomes: Set<String> = []
        for (index, point) in points.enumerated() {
            let trial = try Self.copy(base)
            let environment = ProcessInfo.processInfo.environment.merging(["DOSSIER_IMPORT_KILL_AT": String(point)]) {
                $1
            }
            let killed = try ChildProcess.run(
                CommandLineTests.executable, ["import", "acled", export.path], environment: environment, in: trial.root,
                seconds: 120)
            #expect(killed.status == SIGKILL, "the import was not killed at operation \(point) of \(total)")
            if [0, 7, 13, 19].contains(index) {
                let check = try CommandLineTests.run(["check"], in: trial.root)
                #expect(check.status == 0, "after a kill at \(point): \(check.stdout) \(check.stderr.prefix(500))")
            } else {
                let check = SiteBuilder(options: trial.options).validate()
                #expect(
                    !check.diagnostics.contains { $0.severity == .error },
                    "after a kill at \(point): \(check.diagnostics.prefix(3))")
            }
            let state = Self.snapshot(trial.content)
            #expect(
                state == before || state == after, "a kill at operation \(point) of \(total) left the report between")
            outcomes.insert(state == before ? "before" : "after")
        }
        #expect(outcomes == ["before", "after"], "kills before and after the point of no return")
    }

    /// An event an export gives twice is imported once, and the repeat is a located error. For an
    /// event the report has, a second update would replace the same bytes twice: it never does.
    @Test func anEventGivenTwiceIsTakenOnce() throws {
        let site = try Self.newReport()
        let first = try Self.events(
            """
            {"events": [
              {"id": "twice", "date": "2024-01-02", "title": "First", "type": "attack", \(Self.source)},
              {"id": "twice", "date": "2024-01-02", "title": "Second", "type": "attack", \(Self.source)},
              {"id": "other", "date": "2024-01-03", "title": "Other", "type": "attack", \(Self.source)}
            ]}
            """, in: site)
        let result = try Self.importing(.dossier, first, into: site)
        #expect(result.outcome?.events == 2 && result.outcome?.skippedRows == 1)
        let repeated = try #require(result.diagnostics.first { $0.message.contains("is in the file twice") })
        #expect(
            repeated.message == "event `twice` is in the file twice; the first is imported"
                && repeated.location.line == 3, "\(repeated)")
        var report = try #require(SiteBuilder(options: site.options).validate().report)
        #expect(report.event("twice")?.title == "First")
        let update = try Self.events(
            """
            {"events": [
              {"id": "twice", "date": "2024-01-02", "title": "Updated once, and a longer title than before", "type": "attack", \(Self.source)},
              {"id": "twice", "date": "2024-01-02", "title": "Updated twice", "type": "attack", \(Self.source)},
              {"id": "other", "date": "2024-01-03", "title": "Other", "type": "attack", \(Self.source)}
            ]}
            """, in: site)
        let again = try Self.importing(.dossier, update, into: site)
        #expect(again.outcome?.updated == 1 && again.outcome?.skippedRows == 1, "\(again.diagnostics)")
        #expect(SiteBuilder(options: site.options).check().errors.isEmpty)
        report = try #require(SiteBuilder(options: site.options).validate().report)
        #expect(report.event("twice")?.title == "Updated once, and a longer title than before")
        #expect(report.event("other")?.title == "Other")
    }

    /// The record is written a line at a time, from the sorter's events and the spool, but reads
    /// as `JSONEncoder` (pretty-printed, sorted keys) writes it, byte for byte.
    @Test func theRecordIsWrittenAsJSONEncoderWouldWriteIt() throws {
        let spool = try ImportSpool()
        var added: [String: (size: Int, items: [ContentImport.EventSorter.Added])] = [:]
        let texts = [
            ("2024-02", "- id: b-1\n  title: B\n"), ("2024-01", "- id: z-9\n  title: Z\n"),
            ("2024-01", "- id: a-1\n  title: Ä\n"),
            ("2024-03", "- id: m-5\n  title: M\n"),
        ]
        for (line, (month, text)) in texts.enumerated() {
            spool.append(text, to: month)
            let start = added[month]?.size ?? 0
            added[month, default: (0, [])].items.append(
                .init(
                    id: String(text.dropFirst(6).prefix(3)), range: start..<(start + text.utf8.count), line: line + 2,
                    column: 1, file: 0))
            added[month, default: (0, [])].size = start + text.utf8.count
        }
        var record = ImportRecord()
        record.events["c-3"] = ImportRecord.digest("- id: c-3\n")
        record.events["y-0"] = ImportRecord.digest("- id: y-0\n")
        var written = ""
        try record.write(adding: added, from: spool, to: { written += $0 })
        var expected = record
        for (_, text) in texts { expected.events[String(text.dropFirst(6).prefix(3))] = ImportRecord.digest(text) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        #expect(written == String(decoding: try encoder.encode(expected), as: UTF8.self) + "\n")
        var empty = ""
        try ImportRecord().write(adding: [:], from: nil, to: { empty += $0 })
        #expect(try JSONDecoder().decode(ImportRecord.self, from: Data(empty.utf8)).events.isEmpty)

        // Read back line by line, as a re-import reads it: the same entries as the decoder's.
        #expect(ImportRecord.asWritten(written)?.events == expected.events)
        #expect(ImportRecord.asWritten(empty)?.events.isEmpty == true)
        // Anything else is the decoder's to read or refuse: another layout, a missing or extra
        // comma, a key given twice, an escape, a digest of another length, a conflict marker, CRLF.
        let variants = [
            written.replacingOccurrences(of: "\" : \"", with: "\":\""),
            written.replacingOccurrences(of: "\",\n    \"c-3", with: "\"\n    \"c-3"),
            written.replacingOccurrences(of: "\"\n  },", with: "\",\n  },"),
            written.replacingOccurrences(of: "\"c-3\"", with: "\"b-1\""),
            written.replacingOccurrences(of: "\"c-3\"", with: "\"c\\u002d3\""),
            written.replacingOccurrences(of: "\"c-3\" : \"", with: "\"c-3\" : \"0"),
            written.replacingOccurrences(of: "    \"m-5", with: "<<<<<<< HEAD\n    \"m-5"),
            written.replacingOccurrences(of: "\n", with: "\r\n"),
        ]
        for variant in variants { #expect(ImportRecord.asWritten(variant) == nil, "\(variant)") }
        #expect(try JSONDecoder().decode(ImportRecord.self, from: Data(variants[0].utf8)).events == expected.events)
    }

    /// The new events wait in a file of the import's own, not in memory; the file has no name
    /// from the start, so nothing is left behind, whatever ends the import (the crash test kills it).
    @Test func theSpoolKeepsEachMonthsTextInAFileWithNoName() throws {
        let spool = try ImportSpool()
        spool.append("- id: a\n", to: "2024-01")
        spool.append("- id: b\n", to: "2024-02")
        try spool.flush()
        spool.append("- id: c\n", to: "2024-01")
        #expect(try spool.text("2024-01") == "- id: a\n- id: c\n")
        try spool.replace("2024-01", with: "- id: c\n")
        try spool.replace("2024-02", with: nil)
        spool.append("- id: d\n", to: "2024-03")
        #expect(try spool.text("2024-01") == "- id: c\n")
        #expect(try spool.text("2024-02") == "")
        #expect(try spool.text("2024-03") == "- id: d\n")
        #expect(try spool.text("2024-04") == "")
        let target = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(spool.descriptor)")
        #expect(target.contains("dossier-import-") && target.hasSuffix("(deleted)"), "\(target)")
    }
}
