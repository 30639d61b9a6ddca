import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `dossier import`: reads another tool's export and writes it into a report as content.
public enum Importer {
    public enum Format: String, CaseIterable, Sendable {
        /// ACLED's CSV export (`ACLEDImport`).
        case acled
        /// A TimelineJS timeline: its JSON, or its Google Sheet template saved as CSV (`TimelineJSImport`).
        case timelinejs
        /// Dossier's own data download, `data/events.json` or `data/events.csv` (`DossierImport`).
        case dossier
    }

    /// What a format's import can be told.
    public struct Options: Sendable {
        /// TimelineJS: the event type every event gets (its id or label; created when the report has none).
        public var eventType = "event"
        /// TimelineJS: each group also becomes a topic.
        public var groupsAsTopics = false
        public init(eventType: String = "event", groupsAsTopics: Bool = false) {
            self.eventType = eventType
            self.groupsAsTopics = groupsAsTopics
        }
    }

    public struct Result {
        /// What was (or, in a dry run, would be) written; nil when nothing was written.
        public var outcome: ContentImport.Outcome?
        /// Errors that stopped the import, and rows left out (`file:row:column`).
        public var diagnostics: [Diagnostic]
        /// How long each step took, with the memory peak at its end (`dossier import --timings`).
        public var phases: [Phase] = []
    }

    /// Reads the file, plans every file the import writes, checks the report as it would be
    /// after the import as `dossier check` does, and only then writes all the files at once
    /// (`ImportTransaction`). Any error before the commit leaves the report as it was.
    ///
    /// - Parameters:
    ///   - name: how the file is named in messages.
    ///   - content: the report's content folder (with its `site.yaml`).
    ///   - onConflict: which side wins for an event edited by hand since it was imported that
    ///     the new export changes too.
    ///   - fileSystem: where the commit's writes go (tests make them fail).
    ///   - killAt: for the crash tests of a whole process only: the commit's operation (from 1)
    ///     before which the process kills itself with SIGKILL (`DOSSIER_IMPORT_KILL_AT`).
    public static func run(
        _ format: Format, file: URL, shownAs name: String, content: URL, contentName: String, dryRun: Bool,
        onConflict: ContentImport.ConflictChoice = .keep, options: Options = Options(), killAt: Int? = nil
    ) throws -> Result {
        let system = SystemFileSystem(content: content, displayName: contentName)
        return try run(
            format, file: file, shownAs: name, content: content, contentName: contentName, dryRun: dryRun,
            onConflict: onConflict,
            options: options, fileSystem: killAt.map { KillingFileSystem(base: system, killAt: $0) } ?? system)
    }

    static func run(
        _ format: Format, file: URL, shownAs name: String, content: URL, contentName: String, dryRun: Bool,
        onConflict: ContentImport.ConflictChoice = .keep, options: Options = Options(), fileSystem: ImportFileSystem
    ) throws -> Result {
        let log = DiagnosticLog()
        var timer = PhaseTimer()
        guard FileManager.default.fileExists(atPath: content.appendingPathComponent("site.yaml").path) else {
            log.error(
                SourceLocation(file: contentName), "there is no report here: \(contentName)/site.yaml does not exist",
                hint: "import into a report: create one with `dossier new FOLDER`, or pass --content PATH")
            return Result(outcome: nil, diagnostics: log.diagnostics)
        }
        // One import at a time; a dry run writes nothing and needs no lock.
        var lock: BuildLock?
        if !dryRun {
            do {
                lock = try BuildLock.acquire(
                    at: content.appendingPathComponent(".dossier-import.lock").path,
                    shownAs: "\(contentName)/.dossier-import.lock")
            } catch BuildLock.Failure.held {
                log.error(
                    SourceLocation(file: contentName), "another import is writing into \(contentName)",
                    hint: "wait for it to finish, then import again")
                return Result(outcome: nil, diagnostics: log.diagnostics)
            } catch BuildLock.Failure.fileSystem(let error) {
                log.error(
                    SourceLocation(file: contentName), "\(error)",
                    hint:
                        "an import writes into the content folder: check that you may write there (ls -ld \(contentName))"
                )
                return Result(outcome: nil, diagnostics: log.diagnostics)
            }
        }
        defer { lock?.release() }
        // An import that was interrupted is finished or undone before anything else is read.
        ImportTransaction.recover(content: content, displayName: contentName, log: log)
        guard !log.hasErrors else { return Result(outcome: nil, diagnostics: log.diagnostics) }
        // The report as it is: its actors and types are reused by name; its errors, if any, are
        // told apart from those the import would add.
        let before = DiagnosticLog()
        // Its events as ids only, a file at a time: at 100,000 events the events themselves would be
        // most of an import's memory. (The links between the report's own parts are `check`'s.)
        let index = ContentLoader(folder: content, displayName: contentName).loadIndex(log: before)
        let existing = index?.content
        let knownEvents = Set(index?.eventFiles.flatMap(\.ids) ?? [])
        timer.lap("report")
        let reader = format.reader.init(file: name, log: log, report: ImportContext(existing), options: options)
        let planner = ContentImport(content: content, displayName: contentName, source: format.rawValue)
        var sorter: ContentImport.EventSorter
        do {
            sorter = try ContentImport.EventSorter(planner, known: knownEvents, onConflict: onConflict)
        } catch let failure as ImportFailure where !failure.diagnostics.isEmpty {
            return Result(outcome: nil, diagnostics: log.diagnostics + failure.diagnostics)
        }
        // The export is read a chunk of events at a time: each event is checked as the loader
        // would read it (on every core), sorted, and its text put in the spool.
        var chunk: [ImportBatch.Event] = [], rowErrors: [[Diagnostic]] = []
        var spoolFailure: ImportFailure?
        func sortChunk() {
            guard spoolFailure == nil else { return chunk.removeAll() }
            let (checked, errors) = checkedRows(chunk)
            rowErrors += errors
            for event in checked where !sorter.add(event) {
                rowErrors.append([
                    .error(
                        event.origin, "event `\(event.id)` is in the file twice; the first is imported",
                        hint:
                            "an export gives each event once (ACLED's event_id_cnty, a slide's or an event's id): remove the repeated one"
                    )
                ])
            }
            chunk.removeAll(keepingCapacity: true)
            do { try sorter.spool.flush() } catch {
                spoolFailure = error as? ImportFailure ?? ImportFailure("\(error)")
            }
        }
        let read = reader.read(ImportSource(url: file, name: name)) { event in
            chunk.append(event)
            if chunk.count >= chunkSize { sortChunk() }
        }
        sortChunk()
        timer.lap("read and sort")
        if let spoolFailure {
            log.error(
                SourceLocation(file: contentName), spoolFailure.description, hint: "import again once there is room")
        }
        guard var batch = read, spoolFailure == nil else { return Result(outcome: nil, diagnostics: log.diagnostics) }
        rowErrors.forEach { batch.skip($0) }
        var outcome: ContentImport.Outcome, plan: ContentImport.Plan
        do {
            (outcome, plan) = try planner.plan(sorter, batch: batch, existing: existing)
        } catch let failure as ImportFailure where !failure.diagnostics.isEmpty {
            return Result(outcome: nil, diagnostics: log.diagnostics + batch.skipped + failure.diagnostics)
        }
        // Rows that would leave the report with errors (a picture that is not in the site, a link
        // to nothing) are left out, each with its error, and the rest planned again; errors that
        // are no row's stop the import.
        timer.lap("plan")
        for round in 1...3 {
            let check = problems(
                plan, planner: planner, content: content, contentName: contentName,
                errorsBefore: Set(before.diagnostics.filter { $0.severity == .error }),
                report: index.map { ($0.eventFiles, sorter.addedIDs) })
            guard !check.errors.isEmpty else { break }
            let origins = sorter.origins(of: Set(check.events.values))
            let atFault = check.errors.map {
                check.events[$0].flatMap { id in origins[id].map { (id: id, origin: $0) } }
            }
            guard round < 3, atFault.allSatisfy({ $0 != nil }) else {
                return Result(outcome: nil, diagnostics: log.diagnostics + batch.skipped + check.errors + check.summary)
            }
            var errorsOfRow: [String: [Diagnostic]] = [:], order: [String] = []
            for (error, row) in zip(check.errors, atFault) {
                guard let row else { continue }
                if errorsOfRow[row.id] == nil { order.append(row.id) }
                errorsOfRow[row.id, default: []].append(
                    .error(row.origin, "\(row.id): \(error.message)", hint: error.hint))
            }
            order.forEach { batch.skip(errorsOfRow[$0] ?? []) }
            do {
                try sorter.leaveOut(Set(atFault.compactMap { $0?.id }))
                (outcome, plan) = try planner.plan(sorter, batch: batch, existing: existing)
            } catch let failure as ImportFailure {
                log.error(
                    SourceLocation(file: contentName), failure.description, hint: "import again once there is room")
                return Result(outcome: nil, diagnostics: log.diagnostics + batch.skipped)
            }
        }
        timer.lap("check")
        if !dryRun {
            let writes = plan.files.map { file in
                ImportTransaction.Write(
                    path: file.path, text: { try planner.write(file, in: plan, to: $0) },
                    mode: mode(of: content.appendingPathComponent(file.path)))
            }
            let transaction = ImportTransaction(content: content, fileSystem: fileSystem, displayName: contentName)
            // No file may have changed since it was read: the plan's texts are made from what was
            // read. Checked as each events file is made, and for every file once all are staged
            // (an editor that saved a file meanwhile keeps its change; the staged files are removed).
            do {
                try transaction.commit(writes, newFolders: plan.folders) {
                    if let changed = plan.files.first(where: {
                        (try? planner.readExisting($0.path))?.map(ContentImport.digest) != $0.original
                    }) {
                        throw ContentImport.ChangedFile(path: changed.path)
                    }
                }
            } catch let changed as ContentImport.ChangedFile {
                log.error(
                    SourceLocation(file: "\(contentName)/\(changed.path)"),
                    "the file changed while the import was reading or writing the report; nothing was imported",
                    hint: "import again")
                return Result(outcome: nil, diagnostics: log.diagnostics + batch.skipped)
            } catch {
                log.error(
                    SourceLocation(file: contentName), "\(error); nothing was imported, and the report is as it was",
                    hint: "fix the cause (space on the disk, permissions) and import again")
                return Result(outcome: nil, diagnostics: log.diagnostics + batch.skipped)
            }
        }
        if !dryRun { timer.lap("commit") }
        return Result(
            outcome: outcome, diagnostics: log.diagnostics + batch.skipped + outcome.conflicts, phases: timer.phases)
    }

    /// How many events are read before they are checked and sorted: enough for every core to
    /// have work, few enough that an export's size does not show in memory.
    static let chunkSize = 2_000

    /// The events the loader reads without an error, and an error at its row for each other:
    /// an import writes nothing that `check` rejects.
    static func checkedRows(_ events: [ImportBatch.Event]) -> (events: [ImportBatch.Event], errors: [[Diagnostic]]) {
        // On every core: emitting and reading back each event is most of an import's time.
        let checked = ResultSlots<(ImportBatch.Event, [Diagnostic])>(count: events.count)
        DispatchQueue.concurrentPerform(iterations: events.count) { index in
            let event = events[index].withText()
            let rowLog = DiagnosticLog()
            _ = ContentLoader.decodeEvents(event.text, file: "import", isCSV: false, log: rowLog)
            checked.set(index, (event, rowLog.diagnostics.filter { $0.severity == .error }))
        }
        var passed: [ImportBatch.Event] = [], errors: [[Diagnostic]] = []
        for case let (event, found)? in checked.values {
            guard found.isEmpty else {
                errors.append(found.map { .error(event.origin, "\(event.id): \($0.message)", hint: $0.hint) })
                continue
            }
            passed.append(event)
        }
        return (passed, errors)
    }

    /// What stops a plan from being written.
    struct PlanCheck {
        /// Every error, each located where it is (a file the plan writes, or one of the report's).
        var errors: [Diagnostic] = []
        /// For an error in an event the plan writes, that event's id.
        var events: [Diagnostic: String] = [:]
        /// One line on what the errors mean for the import.
        var summary: [Diagnostic] = []
    }

    /// Why the plan may not be written; no errors when it may. Every path must be one an
    /// import writes and stay inside the content folder; every file it replaces must be one the
    /// user may write; and the report as it would be after the import must check.
    ///
    /// - Parameter report: the report before the import, as ids: with it the report after is
    ///   checked a file at a time; without it, read whole.
    static func problems(
        _ plan: ContentImport.Plan, planner: ContentImport, content: URL, contentName: String,
        errorsBefore: Set<Diagnostic> = [],
        report: (eventFiles: [(url: URL, ids: [String])], newEvents: Set<String>)?
    ) -> PlanCheck {
        var check = PlanCheck()
        for path in plan.files.map(\.path) + plan.folders {
            let here = SourceLocation(file: "\(contentName)/\(path)")
            if let problem = ContentPath.problem(with: path) ?? ContentPath.problem(onDisk: path, in: content) {
                check.errors.append(
                    .error(
                        here, "the import may not write here: \(problem); nothing was imported",
                        hint: "this comes from an id in the file imported: correct it there"))
            }
        }
        for file in plan.files where file.original != nil {
            let url = content.appendingPathComponent(file.path)
            if let mode = mode(of: url), mode & 0o200 == 0 || access(url.path, W_OK) != 0 {
                check.errors.append(
                    .error(
                        SourceLocation(file: "\(contentName)/\(file.path)"),
                        "the file is read-only, and the import would change it; nothing was imported",
                        hint: "make it writable (chmod u+w) to import into it, or import into another report"))
            }
        }
        guard check.errors.isEmpty else { return check }
        // The report after the import, read with the plan's texts in place of the files.
        let after = DiagnosticLog()
        var loader = ContentLoader(folder: content, displayName: contentName)
        for file in plan.files {
            loader.overlay[content.appendingPathComponent(file.path).path] = { @Sendable in
                try planner.text(of: file, in: plan)
            }
        }
        let written = Set(plan.files.map { "\(contentName)/\($0.path)" })
        // Each error in an events file the plan writes belongs to the event that starts last before it.
        func attribute(_ errors: some Sequence<Diagnostic>, to events: [Event]) {
            var starts: [String: [(line: Int, id: String)]] = [:]
            for event in events where written.contains(event.origin.file) {
                starts[event.origin.file, default: []].append((event.origin.line, event.id))
            }
            for error in errors where error.severity == .error {
                if let id = starts[error.location.file]?.last(where: { $0.line <= error.location.line })?.id {
                    check.events[error] = id
                }
            }
        }
        if let index = report, let rest = loader.loadIndex(log: after, eventIDs: false)?.content {
            // A file at a time: everything but the events once, then each events file the plan
            // writes with its events, against the ids of all the others, so that memory holds one
            // file's events, not the report's.
            let planned = plan.files.map(\.path).filter(isEventsFile).map { content.appendingPathComponent($0) }
            let plannedPaths = Set(planned.map(\.path))
            var others = Set<String>(), existing = Set<String>()
            for file in index.eventFiles {
                existing.formUnion(file.ids)
                if !plannedPaths.contains(file.url.path) { others.formUnion(file.ids) }
            }
            // Every id after the import: the report's and the new events'. The new events' set is
            // used as it is, not joined to the report's: on a first import it is every id, and a
            // copy would double the largest thing an import holds.
            let every = [index.newEvents, existing]
            let linker = ReportLinker(markdown: SiteBuilder.markdown(for: rest.config))
            _ = linker.link(rest, otherEvents: every, log: after)
            // A new event's id is unique by construction (the sorter takes an id once, and never
            // one the report has): only the report's own events of the planned files are counted.
            var seen = Set<String>()
            for url in planned {
                let reported = after.loggedCount
                let events = loader.events(inFile: url, log: after)
                for event in events
                where others.contains(event.id)
                    || (!index.newEvents.contains(event.id) && !seen.insert(event.id).inserted)
                {
                    after.error(
                        event.origin, "duplicate event id `\(event.id)`; another events file uses it",
                        hint: "ids must be unique: rename one of them")
                }
                if events.contains(where: { linksInsideTheSite($0, markdown: linker.markdown) }) {
                    // A link to a page of the site, or a picture in it: the site's pages are known
                    // only with every event, so the report is read whole (TimelineJS media, Dossier's downloads).
                    return problems(
                        plan, planner: planner, content: content, contentName: contentName, errorsBefore: errorsBefore,
                        report: nil)
                }
                var part = rest
                part.events = events
                _ = linker.link(part, otherEvents: every, log: after)
                attribute(after.logged(since: reported), to: events)
            }
        } else if let loaded = loader.load(log: after) {
            _ = ReportLinker(markdown: SiteBuilder.markdown(for: loaded.config)).link(loaded, log: after)
            attribute(after.diagnostics, to: loaded.events)
        }
        check.errors = after.diagnostics.filter { $0.severity == .error }
        guard !check.errors.isEmpty else { return check }
        let already = check.errors.filter(errorsBefore.contains),
            added = check.errors.filter { !errorsBefore.contains($0) }
        if !already.isEmpty {
            check.summary.append(
                .error(
                    SourceLocation(file: contentName),
                    "the report has \(Counted.text(already.count, "error")) already (above); nothing was imported",
                    hint:
                        "fix them first (`dossier check` lists them), then import again: an import leaves a report that checks"
                ))
        }
        if !added.isEmpty {
            check.summary.append(
                .error(
                    SourceLocation(file: contentName),
                    "the report would not check after this import (\(Counted.text(added.count, "error")) above); nothing was imported",
                    hint: "correct the file imported where the errors point"))
        }
        return check
    }

    static func isEventsFile(_ path: String) -> Bool {
        path.hasPrefix("events/") && !ContentFile.fileName(path).hasPrefix(".")
            && ["yaml", "yml", "json", "csv"].contains(
                ContentFile.fileExtension(ContentFile.fileName(path)).lowercased())
    }

    /// Whether the event links to a page or file of the site itself (`/timeline/`, a picture in
    /// `static/`), which only the whole report can tell exists.
    static func linksInsideTheSite(_ event: Event, markdown: CommonMark) -> Bool {
        if event.media?.isLocal == true { return true }
        return [event.summary, event.body].contains { text in
            text.map {
                markdown.links(in: $0).contains {
                    $0.url.trimmedWhitespace.hasPrefix("/") && !$0.url.trimmedWhitespace.hasPrefix("//")
                }
            } ?? false
        }
    }

    /// A file's permission bits, or nil when it does not exist.
    static func mode(of url: URL) -> mode_t? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }
}

extension Importer.Format {
    /// The reader of this format.
    var reader: any ImportReader.Type {
        switch self {
        case .acled: return ACLEDImport.self
        case .timelinejs: return TimelineJSImport.self
        case .dossier: return DossierImport.self
        }
    }
}
