import Foundation

/// The build pipeline: load → link → render → write, each a named step.
///
/// Validation runs completely before anything is written, and the writing is atomic, so a
/// build either replaces the whole site or leaves the previous one untouched.
public struct SiteBuilder: Sendable {
    public let options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Loads and checks everything; returns the report, the templates and every diagnostic.
    public func validate() -> (report: Report?, templates: TemplateSet?, diagnostics: [Diagnostic]) {
        var timer = PhaseTimer()
        return validate(timer: &timer)
    }

    func validate(timer: inout PhaseTimer) -> (report: Report?, templates: TemplateSet?, diagnostics: [Diagnostic]) {
        let log = DiagnosticLog()
        let loader = ContentLoader(folder: options.content, displayName: options.displayName(options.content))
        var report: Report?
        if var content = timer.measure("load", { loader.load(log: log) }) {
            if let baseURL = options.baseURL {
                content.config.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
            }
            report = timer.measure("link") { ReportLinker(markdown: markdown(for: content.config)).link(content, log: log) }
        }
        let templates = timer.measure("templates") {
            TemplateSet.load(from: options.templates, displayName: options.displayName(options.templates), log: log)
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

        /// How long each step took, in order, for `--timings` and the benchmark.
        public var phases: [Phase] = []

        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
        public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    }

    /// Everything a build does except writing: load, link, render, and check the links of the
    /// rendered pages. `dossier check` prints its diagnostics; `build` writes its files.
    public func check() -> CheckResult {
        var timer = PhaseTimer()
        let (report, templates, diagnostics) = validate(timer: &timer)
        guard let report, let templates else {
            return CheckResult(report: nil, diagnostics: diagnostics, files: [], pageCount: 0, phases: timer.phases)
        }
        let renderer = SiteRenderer(report: report, templates: templates, markdown: markdown(for: report.config))
        let pages = timer.measure("render pages") { renderer.renderPages() }
        let log = DiagnosticLog()
        var files = pages
        timer.measure("feed and data") {
            files += renderer.supportFiles(pagePaths: pages.map(\.path))
            files += copiedFiles()
        }
        timer.measure("check links") { LinkChecker(outputName: options.displayName(options.output)).check(files, log: log) }
        let all = (diagnostics + log.diagnostics).sorted { ($0.location, $0.message) < ($1.location, $1.message) }
        let failed = log.hasErrors
        return CheckResult(report: failed ? nil : report, diagnostics: all, files: failed ? [] : files, pageCount: pages.count, phases: timer.phases)
    }

    /// Builds the site into `options.output`; throws `BuildFailure` with every error when the
    /// input is wrong, and then leaves the previous output untouched.
    @discardableResult
    public func build() throws -> BuildSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let result = check()
        guard let report = result.report, result.errors.isEmpty else { throw BuildFailure(result.diagnostics) }
        var timer = PhaseTimer(phases: result.phases)
        try timer.measure("write") { try SiteWriter(output: options.output).write(result.files) }
        let elapsed = clock.now - started
        return BuildSummary(
            pages: result.pageCount, files: result.files.count, events: report.events.count, actors: report.actors.count, topics: report.topics.count,
            warnings: result.warnings,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            phases: timer.phases
        )
    }

    func markdown(for config: SiteConfig) -> CommonMark {
        CommonMark(options: .init(allowRawHTML: config.allowRawHTML, smartPunctuation: config.smartPunctuation))
    }

    /// The theme's `assets/` and the report's own `static/` files, copied as they are.
    private func copiedFiles() -> [OutputFile] {
        var files: [OutputFile] = []
        for (folder, prefix) in [(options.templates.appendingPathComponent("assets"), "assets/"), (options.content.appendingPathComponent("static"), "")] {
            for url in ContentFile.list(folder, extensions: nil) {
                files.append(OutputFile(path: prefix + ContentFile.relativePath(of: url, in: folder), copying: url))
            }
        }
        return files
    }
}
