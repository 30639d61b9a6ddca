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

    public init(content: URL, templates: URL, output: URL, baseURL: String? = nil,
                messageRoot: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
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

    public var line: String {
        let time = seconds < 1 ? String(format: "%.0f ms", seconds * 1000) : String(format: "%.2f s", seconds)
        var text = "Built \(Counted.text(pages, "page")) (\(Counted.text(files, "file"))) from \(Counted.text(events, "event")), "
            + "\(Counted.text(actors, "actor")), \(Counted.text(topics, "topic")) in \(time)"
        if !warnings.isEmpty { text += "; \(Counted.text(warnings.count, "warning"))" }
        return text
    }
}
