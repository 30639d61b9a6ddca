import Foundation
@testable import DossierKit

/// A report folder in a temporary directory, built with the repository's default theme.
///
/// Tests write the content they need with `write(_:_:)`, build, and read the HTML that comes out.
final class TestSite {
    let root: URL
    var content: URL { root.appendingPathComponent("Content") }
    var templates: URL
    var output: URL { root.appendingPathComponent("Site") }

    /// The repository checkout, found from this file's path.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let minimalConfig = """
        id: urn:uuid:0f3c8a56-8f0b-4a59-9d0e-2f1f5a4c7b21
        title: Test report
        description: A report made by a test.
        language: en
        event_types:
          - { id: attack, label: Attack, colour: "#a93226" }
          - { id: strike, label: Military strike, colour: "#6c3483" }
          - { id: statement, label: Statement, colour: "#7e5109" }
        """

    init(config: String = TestSite.minimalConfig) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        templates = Self.repository.appendingPathComponent("Templates")
        try write("site.yaml", config)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// The sample content with its own copy of the default theme, which a test may change.
    static func sampleWithOwnTheme() throws -> TestSite {
        let site = try TestSite()
        try SampleContent.write(to: site)
        let theme = site.root.appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: site.templates, to: theme)
        site.templates = theme
        return site
    }

    /// Writes a file under `Content/`.
    func write(_ path: String, _ text: String) throws {
        let url = content.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    var options: BuildOptions {
        BuildOptions(content: content, templates: templates, output: output, messageRoot: root)
    }

    @discardableResult
    func build(baseURL: String? = nil) throws -> BuildSummary {
        var options = options
        options.baseURL = baseURL
        return try SiteBuilder(options: options).build()
    }

    /// The diagnostics of a build that is expected to fail.
    func failingBuild() -> [Diagnostic] {
        do {
            try build()
            return []
        } catch let failure as BuildFailure {
            return failure.diagnostics
        } catch {
            return [.error(SourceLocation(file: "?"), "unexpected error \(error)")]
        }
    }

    func html(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path)
    }

    /// Every file of the built site, relative path → bytes.
    func outputFiles() throws -> [String: Data] {
        try Self.files(in: output)
    }

    static func files(in folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        guard
            let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [:] }
        for case let url as URL in enumerator
        where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            result[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = try Data(contentsOf: url)
        }
        return result
    }
}

/// A small, complete report used by several tests.
enum SampleContent {
    static let events = """
        - id: first-attack
          date: 2024-01-28
          title: Drone attack on a base
          type: attack
          location: { name: Tower base, country: Jordan }
          actors:
            - { id: militia, role: perpetrator }
            - { id: army, role: target }
          casualties:
            - { kind: killed, count: 3, who: soldiers }
            - { kind: injured, min: 30, max: 40 }
          summary: The [militia](actor:militia) attacked a base.
          body: |
            A longer account that links to [the reply](event:the-reply).
          sources:
            - { publisher: Example News, title: Attack report, url: "https://example.org/a", date: 2024-01-29 }
          tags: [attacks]
        - id: the-reply
          date: 2024-02
          title: The reply
          type: strike
          actors:
            - { id: army, role: perpetrator }
          summary: The army replied.
          sources:
            - { publisher: Example News, title: Attack report, url: "https://example.org/a" }
        - id: a-long-campaign
          start: 2023-10
          end: 2024-02-04
          title: A long campaign
          type: attack
          summary: Many attacks.
          sources:
            - { publisher: Other Wire, url: "https://example.net/b" }
        - id: founding
          date: 2014
          title: The militia is founded
          type: statement
          sources:
            - { publisher: Other Wire, url: "https://example.net/c" }
        """

    static let militia = """
        ---
        id: militia
        name: The Militia
        kind: armed-group
        affiliations:
          - { actor: army, relation: rival of }
        ---
        A group. See [the army](actor:army).
        """

    static let army = """
        ---
        id: army
        name: The Army
        kind: military
        ---
        A state force.
        """

    static let topic = """
        ---
        id: the-conflict
        title: The conflict
        summary: How it went.
        events: [the-reply]
        tags: [attacks]
        quotes:
          - { text: "We will respond.", by: A spokesman, actor: army }
        ---
        It began with [an attack](event:first-attack).
        """

    static let page = """
        ---
        id: about
        title: About
        ---
        About this report. [Timeline](/timeline/).
        """

    static func write(to site: TestSite) throws {
        try site.write("events/events.yaml", events)
        try site.write("actors/militia.md", militia)
        try site.write("actors/army.md", army)
        try site.write("topics/the-conflict.md", topic)
        try site.write("pages/about.md", page)
    }
}
