import Foundation

/// The build pipeline: load → link → render → write, each a named step.
///
/// Validation runs completely before anything is written, and the writing is atomic, so a
/// build either replaces the whole site or leaves the previous one untouched.
public struct SiteBuilder: Sendable {
    public let options: BuildOptions
    /// Files parsed by earlier builds (the preview passes them).
    var parsedFiles: ContentCache?

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Loads and checks everything; returns the report, the templates and every diagnostic.
    func validate() -> (report: Report?, templates: TemplateSet?, diagnostics: [Diagnostic]) {
        var timer = PhaseTimer()
        return validate(timer: &timer)
    }

    /// - Parameter previous: the preview's last report, when only event files changed since.
    /// - Parameter theme: the previous build's templates, when no template changed since.
    func validate(
        timer: inout PhaseTimer, previous: Report? = nil, theme: TemplateSet? = nil
    ) -> (report: Report?, templates: TemplateSet?, diagnostics: [Diagnostic]) {
        let log = DiagnosticLog()
        // An import that was interrupted is finished or undone first, so the report is read whole.
        ImportTransaction.recover(content: options.content, displayName: options.displayName(options.content), log: log)
        var loader = ContentLoader(
            folder: options.content, displayName: options.displayName(options.content), cache: parsedFiles)
        loader.eventFields = options.eventFields
        var report: Report?
        if var content = timer.measure("load", { loader.load(log: log) }) {
            if let baseURL = options.baseURL {
                // Checked like site.yaml's base_url: it is written into links and the 404 page's <base>.
                if let problem = URLCheck.problem(with: baseURL, asBase: true) {
                    log.error(
                        SourceLocation(file: "--base-url"), "invalid base URL: \(problem)",
                        hint: "give the full address of the published site, e.g. https://example.org/report/")
                } else {
                    content.config.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
                }
            }
            report = timer.measure("link") {
                ReportLinker(markdown: Self.markdown(for: content.config), kinds: options.kinds(for: content.config))
                    .link(content, previous: previous, log: log)
            }
        }
        let templates =
            theme
            ?? timer.measure("templates") {
                let templates = TemplateSet.load(
                    from: options.templates, displayName: options.displayName(options.templates),
                    mustExist: options.templatesMustExist, log: log)
                if let templates {
                    var fields = TemplateFieldCheck(templates: templates, kinds: options.kinds)
                    fields.diagnostics().forEach(log.add)
                }
                return templates
            }
        if let report, let templates {
            var pageTemplates = TemplateFieldCheck(templates: templates, kinds: options.kinds)
            pageTemplates.diagnostics(pageTemplates: report.pages).forEach(log.add)
            timer.measure("locations") {
                LocationCheck(geography: templates.geography).diagnostics(report).forEach(log.add)
            }
        }
        return (log.hasErrors ? nil : report, log.hasErrors ? nil : templates, log.diagnostics)
    }

    /// What `check` found: every diagnostic, and the report when there were no errors.
    public struct CheckResult: Sendable {
        public var report: Report?
        public var diagnostics: [Diagnostic]
        /// The complete site, rendered in memory, when there were no errors.
        var files: [OutputFile]
        var pageCount: Int
        var fileCount: Int = 0
        /// Every file of the site (an incremental run may leave some out of `files`).
        var sitePaths: Set<String> = []

        /// How long each step took, in order, for `--timings` and the benchmark.
        public var phases: [Phase] = []
        /// Where the rendering time went, by page kind.
        public var costs: [RenderCost] = []
        /// Every page of the site (the preview hands it to the next rebuild: `samePages`).
        var pages: [PageKinds.Page] = []
        /// The theme the run used (the preview keeps it for the next rebuild), when it loaded.
        var templates: TemplateSet? = nil
        /// The pages the run rendered (an incremental run renders those an edit touched).
        var rendered: Rendered? = nil

        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
        public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    }

    /// Where the rendered site goes.
    enum Destination {
        /// Nowhere: `check` renders and checks links only.
        case discard
        /// Into memory, for the preview server.
        case memory
        /// Into a staging folder, swapped in by `build` when everything passed.
        case staging(SiteWriter.Staging)

        var keepsFiles: Bool {
            if case .memory = self { return true }
            return false
        }
    }

    /// Everything a build does except publishing: load, link, render, and check the links of
    /// the rendered pages. `dossier check` prints its diagnostics; `serve` keeps the files.
    /// - Parameter keepingFiles: keep the rendered site in memory (for the preview server).
    public func check(keepingFiles: Bool = true) -> CheckResult {
        run(to: keepingFiles ? .memory : .discard)
    }

    /// What the preview carries from one rebuild to the next.
    struct Incremental {
        /// The report the previous site was rendered from (nil for the first build).
        var previous: Report?
        /// Cards of the previous build; those of changed events are dropped here.
        var cards: CardCache
        /// Whether only event files changed: the report's indexes may then be reused.
        var onlyEventsChanged: Bool
        /// Whether only content changed (not the theme, not static files): the previous theme
        /// is used again, and only the pages that read a changed part are rendered.
        var onlyContentChanged: Bool
        /// The theme of the previous build.
        var templates: TemplateSet? = nil
        /// What each page of the previous build read; this build records its pages' reads in it.
        var book = PageReadBook()
        /// The previous build's pages, reused when the edit cannot have changed them (`samePages`).
        var pages: [PageKinds.Page]? = nil
        /// For tests: reads to forget, to show that the incremental test notices.
        var forgetting: (@Sendable (PageInput) -> Bool)? = nil
    }

    /// Pages rendered by an incremental run; the others are unchanged from the previous build.
    struct Rendered {
        var paths: Set<String>
        var all: Bool
    }

    /// Load, link, plan, render, support files, link check; the result says what was rendered
    /// and with which theme.
    func run(to destination: Destination, incremental: Incremental? = nil) -> CheckResult {
        var timer = PhaseTimer()
        let sameIndexes = incremental.flatMap { $0.onlyEventsChanged ? $0.previous : nil }
        let sameTheme = incremental.flatMap { $0.onlyContentChanged ? $0.templates : nil }
        let (report, templates, diagnostics) = validate(timer: &timer, previous: sameIndexes, theme: sameTheme)
        guard let report, let templates else {
            return CheckResult(report: nil, diagnostics: diagnostics, files: [], pageCount: 0, phases: timer.phases)
        }
        let log = DiagnosticLog()
        var renderer = SiteRenderer(
            report: report, templates: templates, markdown: Self.markdown(for: report.config),
            kinds: options.kinds(for: report.config))
        renderer.forgetting = incremental?.forgetting
        renderer.recordsReads = destination.keepsFiles
        let costs = RenderCosts()
        renderer.costs = costs
        let samePages = timer.measure("pages") { Self.samePages(incremental, report) }
        let pages = samePages ?? renderer.pages()
        let pagePaths = pages.map(\.path)
        // Decide which cards survive before the jobs are made: they capture the card cache.
        var plan: RebuildPlan?
        if let incremental {
            if incremental.onlyContentChanged, let previous = incremental.previous {
                let made = timer.measure("plan") {
                    RebuildPlan(
                        old: previous, new: report, book: incremental.book, pagePaths: pagePaths,
                        samePageList: samePages != nil)
                }
                incremental.cards.invalidate(made.changes)
                plan = made
            } else {
                incremental.cards.invalidate(nil)
            }
            renderer.cards = incremental.cards
        }
        var planned = plan.map { plan in pages.filter { plan.pages.contains($0.path) } } ?? pages
        // After an edit of content the preview renders the pages listing every event when they
        // are first requested, as Hugo's server renders only the pages being viewed: at 10,000
        // events they are megabytes each and took most of a rebuild (`PreviewDeferral`). Their
        // cards are those of this build, and what they link to (events, actors, the lists'
        // other pages) follows from the page list, which this build checks as a whole.
        var deferred: [OutputFile] = []
        if plan != nil, destination.keepsFiles {
            // Pages that draw many events are put off too when only events changed (the
            // report's indexes were reused): then no page, actor or topic came or went either.
            let onlyEvents = incremental?.previous?.indexes === report.indexes
            let putOff = { (page: PageKinds.Page) in
                switch page.kind.previewDeferral {
                case .never: false
                case .afterContentEdits: true
                case .afterEventEdits: onlyEvents
                }
            }
            var listing = renderer
            listing.cards = renderer.cards.copy()
            deferred = listing.jobs(planned.filter(putOff)).map { job in
                OutputFile(path: job.path, contents: .deferred(DeferredData { Data(job.render().html.utf8) }))
            }
            planned.removeAll(where: putOff)
        }
        let jobs = renderer.jobs(planned)
        let rendered = Rendered(paths: Set(jobs.map(\.path)), all: plan == nil)
        let supportPaths = renderer.supportPaths
        let (copied, sitePaths) = timer.measure("site paths") {
            let copied = StaticFiles.copied(options, generated: pagePaths + supportPaths, log: log)
            return (copied, Set(pagePaths + supportPaths + copied.map(\.path)))
        }
        let checker = LinkChecker(
            outputName: options.displayName(options.output), paths: sitePaths,
            basePath: SitePaths.basePath(ofBaseURL: report.config.baseURL))
        let kept = ResultSlots<String>(count: jobs.count)
        let pageReads = ResultSlots<Set<PageInput>>(count: destination.keepsFiles ? jobs.count : 0)
        let writeErrors = ResultSlots<Error>(count: 1)
        var extra: [OutputFile] = []
        // The pages' folders (one per page: 10,000 mkdirs at 10,000 events, all kernel time on
        // one core) are made on another thread while the feed and downloads are made, which
        // leave a core idle part of the time; the support files' few folders come first.
        let pageFolders = DispatchGroup()
        if case .staging(let staging) = destination {
            do {
                try staging.prepareFolders(for: supportPaths + copied.map(\.path))
            } catch {
                writeErrors.set(0, error)
            }
            DispatchQueue.global().async(group: pageFolders) {
                do { try staging.prepareFolders(for: jobs.map(\.path)) } catch { writeErrors.set(0, error) }
            }
        }
        // The feed and data downloads come first, while memory is at its lowest: written out
        // (or kept, for the preview) before the pages and the cards fill it.
        timer.measure("feed, data, assets") {
            // (A sitemap is made only when the base URL is known.)
            let sitemapPaths = report.config.baseURL == nil ? [] : pages.filter(\.kind.inSitemap).map(\.path)
            let downloads = downloads(incremental, plan, report)
            // The data scripts follow the downloads' inputs and the theme's words and outlines.
            let scriptsUnchanged = scriptsUnchanged(incremental, plan, downloads, report, templates)
            let made =
                renderer.supportFiles(
                    sitemapPaths: sitemapPaths, downloads: downloads, scriptsUnchanged: scriptsUnchanged) + copied
            switch destination {
            case .discard: break
            case .memory: extra = made
            case .staging(let staging):
                for file in made {
                    do { try staging.write(file) } catch { writeErrors.set(0, error) }
                }
            }
        }
        timer.measure("folders") { pageFolders.wait() }
        timer.measure("render and check") {
            // A site that cannot be written is not rendered: the error is reported below.
            if writeErrors.values.first.flatMap({ $0 }) != nil { return }
            SiteRenderer.render(jobs) { index, html, reads in
                costs.measure("link check") { checker.check(page: jobs[index].path, html: html) }
                switch destination {
                case .discard: break
                case .memory:
                    kept.set(index, html)
                    pageReads.set(index, reads)
                case .staging(let staging):
                    costs.measure("write") {
                        do { try staging.write(OutputFile(path: jobs[index].path, text: html)) } catch {
                            writeErrors.set(0, error)
                        }
                    }
                }
            }
        }
        let files =
            destination.keepsFiles
            ? zip(jobs, kept.values).map { OutputFile(path: $0.path, text: $1 ?? "") } + extra + deferred : []
        checker.finish(log: log)
        renderer.fragmentReads.diagnostics(templates, allowed: Chrome.fragmentFields).forEach(log.add)
        if let error = writeErrors.values.first.flatMap({ $0 }) {
            log.error(
                SourceLocation(file: options.displayName(options.output)),
                FileSystemError("write the site to", options.displayName(options.output), error: error).description)
        }
        let all = (diagnostics + log.diagnostics).sorted { ($0.location, $0.message) < ($1.location, $1.message) }
        let failed = log.hasErrors
        // What each page read: those rendered now, and those kept from the previous build.
        if destination.keepsFiles, !failed, let book = incremental?.book {
            timer.measure("bookkeeping") {
                if plan == nil {
                    book.removeAll()
                } else if incremental?.previous?.indexes !== report.indexes, samePages == nil {
                    // Pages can only have come or gone when the report's indexes were made anew.
                    book.keep(only: Set(pagePaths))
                }
                for (job, read) in zip(jobs, pageReads.values) { book.record(read, for: job.path) }
                for file in deferred { book.record(nil, for: file.path) }
            }
        }
        return CheckResult(
            report: failed ? nil : report, diagnostics: all, files: failed ? [] : files,
            pageCount: pages.count, fileCount: pages.count + supportPaths.count + copied.count, sitePaths: sitePaths,
            phases: timer.phases, costs: costs.all, pages: failed ? [] : pages, templates: templates, rendered: rendered
        )
    }

    /// Builds the site into `options.output`; throws `BuildFailure` with every error when the
    /// input is wrong or the output may not be replaced, and then leaves the output untouched.
    @discardableResult
    public func build() throws -> BuildSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let options = options
        let writer = SiteWriter(output: options.output, display: { options.displayName($0) })
        let outputGuard = OutputGuard(
            output: options.output, content: options.content, templates: options.templates,
            display: { options.displayName($0) })
        let name = options.displayName(options.output)
        let here = SourceLocation(file: name)
        let misplaced = outputGuard.placementProblems()
        if !misplaced.isEmpty { throw BuildFailure(misplaced) }
        let lock: BuildLock
        do {
            try writer.prepareParent()
        } catch {
            throw BuildFailure([.error(here, "\(error)")])
        }
        do {
            lock = try BuildLock.acquire(for: writer)
        } catch BuildLock.Failure.fileSystem(let error) {
            throw BuildFailure([.error(here, error.description)])
        } catch {
            throw BuildFailure([
                .error(
                    here, "another build is writing \(name)",
                    hint: "wait for it to finish, or stop it; builds of one folder run one at a time")
            ])
        }
        defer { lock.release() }
        var checking = PhaseTimer()
        let (foreign, survey) = checking.measure("check output") { outputGuard.ownershipProblems() }
        if !foreign.isEmpty { throw BuildFailure(foreign) }
        let staging: SiteWriter.Staging
        var warnings: [String]
        do {
            (staging, warnings) = try writer.stage()
        } catch {
            throw BuildFailure([
                .error(here, FileSystemError("create the staging folder for", name, error: error).description)
            ])
        }
        let result = run(to: .staging(staging))
        guard let report = result.report, result.errors.isEmpty else {
            writer.abandon(staging)
            throw BuildFailure(result.diagnostics)
        }
        var timer = PhaseTimer(phases: checking.phases + result.phases)
        var sitePaths = result.sitePaths, fileCount = result.fileCount
        var search = BuildSummary.SearchOutcome.notInstalled
        if !report.config.searchEnabled {
            search = .disabled
        } else if let pagefind = options.search {
            // Over the staged pages, before they are published: a site is swapped in with its index.
            let index = try timer.measure("search index") {
                do {
                    return try pagefind.index(
                        site: staging.folder, into: staging.folder.appendingPathComponent(Pagefind.folder),
                        language: report.config.language)
                } catch {
                    writer.abandon(staging)
                    throw BuildFailure([
                        .error(
                            here, "the search index could not be made: \(error)",
                            hint:
                                "the site was left as it was; build without search with `search: {enabled: false}` in site.yaml, or reinstall Pagefind (\(Pagefind.installHint))"
                        )
                    ])
                }
            }
            sitePaths.formUnion(index.paths)
            fileCount += index.paths.count
            search = .indexed(pages: index.pages, version: pagefind.version)
        }
        try timer.measure("publish") {
            // Files may have been put into the output while the site was rendered.
            let late = outputGuard.ownershipProblems(since: survey).problems
            if !late.isEmpty {
                writer.abandon(staging)
                throw BuildFailure(late)
            }
            do {
                warnings += try writer.commit(staging, paths: sitePaths)
            } catch {
                throw BuildFailure([.error(here, FileSystemError("replace", name, error: error).description)])
            }
        }
        return BuildSummary(
            pages: result.pageCount, files: fileCount, events: report.events.count, actors: report.actors.count,
            topics: report.topics.count,
            warnings: result.warnings + warnings.map { .warning(here, $0) },
            seconds: (clock.now - started).milliseconds / 1000,
            phases: timer.phases, costs: result.costs, search: search
        )
    }

    /// The previous build's page list, when the edit cannot have changed it: the report's
    /// indexes were reused (the same events in the same order, with the same dates, actors,
    /// sources and tags: `Report.replacingEvents`) and no event changed its type or country,
    /// which decide the type and country pages: listing the pages grows with the report, not
    /// with the edit.
    static func samePages(_ incremental: Incremental?, _ report: Report) -> [PageKinds.Page]? {
        guard let incremental, let pages = incremental.pages, !pages.isEmpty, let previous = incremental.previous,
            previous.indexes === report.indexes, previous.events.count == report.events.count
        else { return nil }
        for (old, new) in zip(previous.events, report.events) where old !== new {
            guard old.type == new.type, old.location?.country == new.location?.country else { return nil }
        }
        return pages
    }

    /// A build writes the data downloads; the preview makes them only when they are asked for,
    /// and keeps the ones it has when no event changed (a template or stylesheet edit).
    private func downloads(
        _ incremental: Incremental?, _ plan: RebuildPlan?, _ report: Report
    ) -> SiteRenderer.Downloads {
        guard let incremental else { return .made }
        // The downloads hold the events and the report's title.
        if let plan {
            return plan.changes.contains(.everyEvent) || plan.changes.contains(.config) ? .deferred : .unchanged
        }
        guard let previous = incremental.previous else { return .deferred }
        let same =
            previous.config.title == report.config.title && previous.events.count == report.events.count
            && zip(previous.events, report.events).allSatisfy { $0.hasSameContent(as: $1) }
        return same ? .unchanged : .deferred
    }

    /// Whether the data scripts (`map/places.js`, the filter's index: events, actors' names,
    /// topics, the theme's words and outlines) are the previous build's.
    private func scriptsUnchanged(
        _ incremental: Incremental?, _ plan: RebuildPlan?, _ downloads: SiteRenderer.Downloads, _ report: Report,
        _ templates: TemplateSet
    ) -> Bool {
        guard let incremental, let previous = incremental.previous,
            incremental.templates?.dataWords == templates.dataWords,
            downloads == .unchanged
        else { return false }
        if let plan { return plan.changes.inputs.isEmpty }
        return previous.actors.map { [$0.id, $0.name] } == report.actors.map { [$0.id, $0.name] }
            && previous.topics.map { [$0.id, $0.title] + $0.eventIDs }
                == report.topics.map { [$0.id, $0.title] + $0.eventIDs }
    }

    /// The Markdown renderer a report's settings ask for (the build's, and an import's check).
    static func markdown(for config: SiteConfig) -> CommonMark {
        CommonMark(options: .init(allowRawHTML: config.allowRawHTML, smartPunctuation: config.smartPunctuation))
    }
}
