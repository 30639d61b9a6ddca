import Foundation

/// Where a build reads and writes.
public struct BuildOptions: Sendable {
    public var content: URL
    /// A theme that overrides the built-in one file by file (see `TemplateSet`).
    public var templates: URL
    /// Whether `templates` was named by the user, so that its absence is an error rather than
    /// a report that simply uses the built-in theme.
    public var templatesMustExist = false
    public var output: URL
    /// Overrides `base_url` in site.yaml (for a preview, or a second host).
    public var baseURL: String?
    /// Paths in messages are shown relative to this folder (the working directory by default).
    public var messageRoot: URL
    /// The kinds of page the site has (tests add their own, as a new feature would).
    var kinds: [PageKind] = PageKinds.builtIn
    /// The fields an event may have (a test adds one through the table alone).
    var eventFields: EventFields = .standard
    /// Pagefind, to give the site full-text search (`Pagefind.locate()`); without it the site
    /// has no search page and no search box.
    public var search: Pagefind?
    /// What fills the templates: their compiled programs, or swift-mustache (the reference).
    public var templateEngine = TemplateEngine.compiled

    /// The kinds of page a report with these settings has: the search page only when its
    /// index will be made.
    func kinds(for config: SiteConfig) -> [PageKind] {
        search != nil && config.searchEnabled ? kinds : kinds.filter { $0 !== SearchPage.kind }
    }

    public init(
        content: URL, templates: URL, output: URL, baseURL: String? = nil,
        messageRoot: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) {
        self.content = content
        self.templates = templates
        self.output = output
        self.baseURL = baseURL
        self.messageRoot = messageRoot
    }

    /// The layout of a report folder: `Content/`, `Templates/`, `Site/` under `root`.
    public init(root: URL) {
        self.init(
            content: root.appendingPathComponent("Content"),
            templates: root.appendingPathComponent("Templates"),
            output: root.appendingPathComponent("Site"),
            messageRoot: root
        )
    }

    /// How a folder is named in messages: relative to `messageRoot` when inside it.
    func displayName(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let root = messageRoot.standardizedFileURL.path
        if path.hasPrefix(root + "/") { return String(path.dropFirst(root.count + 1)) }
        if path == root { return "." }
        return path
    }
}

/// What a build did, for the summary line.
public struct BuildSummary: Sendable {
    public var pages: Int
    public var files: Int
    public var events: Int
    public var actors: Int
    public var topics: Int
    public var warnings: [Diagnostic]
    public var seconds: Double
    public var phases: [Phase] = []
    /// Where the rendering time went, by page kind (`RenderCosts`).
    public var costs: [RenderCost] = []
    /// What became of the search index.
    public var search: SearchOutcome = .notInstalled
    /// Which engine filled the templates, and which templates it left to swift-mustache.
    public var templates = TemplateEngineUse(engine: .compiled)

    public enum SearchOutcome: Sendable, Equatable {
        /// Pagefind indexed these many pages.
        case indexed(pages: Int, version: String)
        /// `search: {enabled: false}` in site.yaml.
        case disabled
        case notInstalled
    }

    /// One line on the search index: made, turned off, or how to get it.
    public var searchLine: String {
        switch search {
        case .indexed(let pages, let version):
            return "Search: Pagefind \(version) indexed \(Counted.text(pages, "page")) (pagefind/)."
        case .disabled: return "Search: off (search: {enabled: false} in site.yaml)."
        case .notInstalled:
            return
                "Search: not built, as Pagefind is not installed; to add search to the site, \(Pagefind.installHint)."
        }
    }

    public var line: String {
        let time = seconds < 1 ? String(format: "%.0f ms", seconds * 1000) : String(format: "%.2f s", seconds)
        var text =
            "Built \(Counted.text(pages, "page")) (\(Counted.text(files, "file"))) from \(Counted.text(events, "event")), "
            + "\(Counted.text(actors, "actor")), \(Counted.text(topics, "topic")) in \(time)"
        if !warnings.isEmpty { text += "; \(Counted.text(warnings.count, "warning"))" }
        return text
    }
}
