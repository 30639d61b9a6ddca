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
        let log = DiagnosticLog()
        let loader = ContentLoader(folder: options.content, displayName: options.displayName(options.content))
        var report: Report?
        if var content = loader.load(log: log) {
            if let baseURL = options.baseURL {
                content.config.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
            }
            report = ReportLinker(markdown: markdown(for: content.config)).link(content, log: log)
        }
        let templates = TemplateSet.load(from: options.templates, displayName: options.displayName(options.templates), log: log)
        return (log.hasErrors ? nil : report, log.hasErrors ? nil : templates, log.diagnostics)
    }

    /// Builds the site into `options.output`; throws `BuildFailure` with every error when the input is wrong.
    @discardableResult
    public func build() throws -> BuildSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let (report, templates, diagnostics) = validate()
        guard let report, let templates else { throw BuildFailure(diagnostics) }
        let renderer = SiteRenderer(report: report, templates: templates, markdown: markdown(for: report.config))
        let pages = renderer.renderPages()
        var files = pages
        files += try renderer.supportFiles(pagePaths: pages.map(\.path))
        files += copiedFiles()
        try SiteWriter(output: options.output).write(files)
        let elapsed = clock.now - started
        return BuildSummary(
            pages: pages.count, files: files.count, events: report.events.count, actors: report.actors.count, topics: report.topics.count,
            warnings: diagnostics.filter { $0.severity == .warning },
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        )
    }

    func markdown(for config: SiteConfig) -> CommonMark {
        CommonMark(options: .init(allowRawHTML: config.allowRawHTML, smartPunctuation: config.smartPunctuation))
    }

    /// The theme's `assets/` and the report's own `static/` files, copied as they are.
    private func copiedFiles() -> [OutputFile] {
        var files: [OutputFile] = []
        for (folder, prefix) in [(options.templates.appendingPathComponent("assets"), "assets/"), (options.content.appendingPathComponent("static"), "")] {
            let base = folder.standardizedFileURL.path
            guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { continue }
            var found: [URL] = []
            for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                found.append(url)
            }
            for url in found.sorted(by: { $0.path < $1.path }) {
                files.append(OutputFile(path: prefix + String(url.standardizedFileURL.path.dropFirst(base.count + 1)), copying: url))
            }
        }
        return files
    }
}
