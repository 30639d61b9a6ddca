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
                var templates = TemplateSet.load(
                    from: options.templates, displayName: options.displayName(options.templates),
                    mustExist: options.templatesMustExist, log: log)
                if let loaded = templates {
                    var fields = TemplateFieldCheck(templates: loaded, kinds: options.kinds)
                    fields.diagnostics().forEach(log.add)
                    templates?.extraUses = fields.extraUses
                }
                templates?.engine = options.templateEngine
                return templates
            }
        if let report, let templates {
            var pageTemplates = TemplateFieldCheck(templates: templates, kinds: options.kinds)
            pageTemplates.diagnostics(pageTemplates: report.pages).forEach(log.add)
            TemplateFieldCheck.extraDiagnostics(templates.extraUses + pageTemplates.extraUses, report: report)
                .forEach(log.add)
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

    /// Everything a build does except publishing: load, link, render, and check the links of
    /// the rendered pages. `dossier check` prints its diagnostics; `serve` keeps the files.
    /// - Parameter keepingFiles: keep the rendered site in memory (for the preview server).
    public func check(keepingFiles: Bool = true) -> CheckResult {
        run(to: keepingFiles ? .memory : .discard)
    }

    /// Pages rendered by an incremental run; the others are unchanged from the previous build.
    struct Rendered {
        var paths: Set<String>
        var all: Bool
    }

    /// The build's steps: load and link the report and load the theme (`validate`), plan the
    /// pages, list the site's files, make the support files (feed, downloads, scripts, static
    /// copies), render and link-check the pages, and report. The result says what was rendered
    /// and with which theme.
    func run(to destination: RunOutput.Destination, incremental: IncrementalBuild? = nil) -> CheckResult {
        var timer = PhaseTimer()
        let (report, templates, diagnostics) = validate(
            timer: &timer, previous: incremental?.sameIndexes, theme: incremental?.sameTheme)
        guard let report, let templates else {
            return CheckResult(report: nil, diagnostics: diagnostics, files: [], pageCount: 0, phases: timer.phases)
        }
        let log = DiagnosticLog()
        // A report in several languages is rendered whole: the preview's rules for what an edit
        // touches know one language's pages (its book of reads, its cards are dropped here).
        var incremental = incremental
        if report.config.languages.count > 1 || (incremental?.previous?.config.languages.count ?? 0) > 1 {
            incremental?.book.removeAll()
            incremental?.cards.invalidate(nil)
            incremental = nil
        }
        var theme = templates
        // The words of the site's language, with its plural forms and direction.
        theme.text = templates.text(for: report.config.language, digits: report.config.digits)
        var renderer = SiteRenderer(
            report: report, templates: theme, markdown: Self.markdown(for: report.config),
            kinds: options.kinds(for: report.config))
        renderer.forgetting = incremental?.forgetting
        renderer.recordsReads = destination.keepsFiles
        let costs = RenderCosts()
        renderer.costs = costs
        let pages = PagePlan(&renderer, incremental: incremental, keepsFiles: destination.keepsFiles, timer: &timer)
        // The report's other languages, each a site under its folder (`ar/`).
        let languages = timer.measure("languages") {
            report.config.translationLanguages.map { language in
                LanguagePlan(
                    language, of: report, root: renderer, templates: templates, options: options,
                    keepsFiles: destination.keepsFiles)
            }
        }

        let pagePaths = pages.all.map(\.path) + languages.flatMap(\.pagePaths)
        let supportPaths = renderer.supportPaths + languages.flatMap(\.renderer.supportPaths)
        let (copied, sitePaths) = timer.measure("site paths") {
            let copied = StaticFiles.copied(options, generated: pagePaths + supportPaths, log: log)
            return (copied, Set(pagePaths + supportPaths + copied.map(\.path)))
        }
        let jobs = pages.jobs + languages.flatMap(\.plan.jobs)
        let output = RunOutput(destination, pageCount: jobs.count)
        output.prepareFolders(support: supportPaths + copied.map(\.path), pages: jobs.map(\.path))
        // The feed and data downloads come first, while memory is at its lowest: written out
        // (or kept, for the preview) before the pages and the cards fill it.
        timer.measure("feed, data, assets") {
            let sitemapPaths =
                pages.all.filter(\.kind.inSitemap).map(\.path) + languages.flatMap(\.sitemapPaths)
            output.write(support: supportFiles(renderer, pages, incremental, sitemapPaths: sitemapPaths) + copied)
            for language in languages {
                output.write(support: language.renderer.supportFiles(sitemapPaths: []))
            }
        }
        timer.measure("folders") { output.waitForFolders() }

        let checker = LinkChecker(
            outputName: options.displayName(options.output), paths: sitePaths,
            basePath: SitePaths.basePath(ofBaseURL: report.config.baseURL))
        timer.measure("render and check") {
            guard output.failure == nil else { return }
            SiteRenderer.render(jobs) { index, html, reads in
                costs.measure("link check") { checker.check(page: jobs[index].path, html: html) }
                output.write(page: index, path: jobs[index].path, html: html, reads: reads, costs: costs)
            }
        }

        checker.finish(log: log)
        renderer.fragmentReads.diagnostics(templates, allowed: Chrome.fragmentFields).forEach(log.add)
        for language in languages {
            language.renderer.fragmentReads.diagnostics(templates, allowed: Chrome.fragmentFields).forEach(log.add)
        }
        if let error = output.failure {
            log.error(
                SourceLocation(file: options.displayName(options.output)),
                FileSystemError("write the site to", options.displayName(options.output), error: error).description)
        }
        let all = (diagnostics + log.diagnostics).sorted { ($0.location, $0.message) < ($1.location, $1.message) }
        let failed = log.hasErrors
        if destination.keepsFiles, !failed, let incremental {
            timer.measure("bookkeeping") { incremental.record(pages, reads: output.pageReads, report: report) }
        }
        return CheckResult(
            report: failed ? nil : report, diagnostics: all,
            files: failed ? [] : output.files(jobs: jobs, deferred: pages.deferred),
            pageCount: pagePaths.count, fileCount: pagePaths.count + supportPaths.count + copied.count,
            sitePaths: sitePaths, phases: timer.phases, costs: costs.all,
            // Without the page list, the preview's next run lists the pages anew (`samePages`).
            pages: failed || !languages.isEmpty ? [] : pages.all,
            templates: templates,
            rendered: languages.isEmpty ? pages.rendered : SiteBuilder.Rendered(paths: Set(jobs.map(\.path)), all: true)
        )
    }

    /// The feed, data downloads, scripts and stylesheets; the preview's rules say which it
    /// may keep from the previous build or make when asked for. (A sitemap is made only when
    /// the base URL is known.)
    private func supportFiles(
        _ renderer: SiteRenderer, _ pages: PagePlan, _ incremental: IncrementalBuild?, sitemapPaths: [String]
    ) -> [OutputFile] {
        let report = renderer.report
        let sitemapPaths = report.config.baseURL == nil ? [] : sitemapPaths
        let downloads = incremental?.downloads(pages.rebuild, report) ?? .made
        // The data scripts follow the downloads' inputs and the theme's words and outlines.
        let scriptsUnchanged =
            incremental?.scriptsUnchanged(pages.rebuild, downloads, report, renderer.templates) ?? false
        return renderer.supportFiles(
            sitemapPaths: sitemapPaths, downloads: downloads, scriptsUnchanged: scriptsUnchanged)
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
                        language: Pagefind.language(of: report.config))
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
            phases: timer.phases, costs: result.costs, search: search,
            templates: result.templates.map(TemplateEngineUse.init) ?? TemplateEngineUse(engine: options.templateEngine)
        )
    }

    /// The Markdown renderer a report's settings ask for (the build's, and an import's check).
    static func markdown(for config: SiteConfig) -> CommonMark {
        CommonMark(options: .init(allowRawHTML: config.allowRawHTML, smartPunctuation: config.smartPunctuation))
    }
}
