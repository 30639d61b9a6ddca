import Foundation

/// The full-text search index, made by Pagefind (https://pagefind.app) over the built pages.
///
/// Pagefind is a program of its own (Rust, installed from PyPI as `pagefind_bin` by
/// `scripts/setup`), not a Swift package: Dossier runs it when it is installed and builds a
/// site without search when it is not. The templates say what it indexes (`data-pagefind-body`
/// on event, actor, topic, plain and source pages), its filters (`data-pagefind-filter`: type,
/// year, country, actor) and what a result shows (`data-pagefind-meta`: date, type, kind).
public struct Pagefind: Sendable {
    /// The program.
    public let executable: URL
    /// As it reports itself: "1.5.2".
    public let version: String

    /// Where the index goes in the site, and the folder plain pages and static files may not use.
    static let folder = "pagefind"
    /// What Pagefind writes for its own ready-made interfaces: the search page uses its API
    /// (`pagefind.js`), so these are left out of the site (about 800 KB).
    static let unusedFiles: Set<String> = [
        "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
        "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
    ]

    /// How to install it, for messages.
    public static let installHint = "run scripts/setup, or `python3 -m pip install pagefind_bin`"

    /// Finds Pagefind: `$DOSSIER_PAGEFIND`, else `pagefind` on the PATH, else the binary of the
    /// `pagefind_bin` Python package (which puts none on the PATH). Nil when none runs.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Pagefind? {
        if let named = environment["DOSSIER_PAGEFIND"] {
            return named.isEmpty ? nil : probe(URL(fileURLWithPath: named))
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("pagefind")
            if FileManager.default.isExecutableFile(atPath: candidate.path), let found = probe(candidate) {
                return found
            }
        }
        let python =
            #"import os, pagefind_bin; print(os.path.join(os.path.dirname(pagefind_bin.__file__), "pagefind"))"#
        guard
            let output = try? ChildProcess.run(
                URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", python], environment: environment),
            output.status == 0
        else { return nil }
        let path = String(decoding: output.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty ? nil : probe(URL(fileURLWithPath: path))
    }

    /// The program at `url` if it is a Pagefind 1.x that answers `--version`.
    static func probe(_ url: URL) -> Pagefind? {
        guard FileManager.default.isExecutableFile(atPath: url.path),
            let output = try? ChildProcess.run(url, ["--version"]), output.status == 0
        else { return nil }
        let words = String(decoding: output.stdout, as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard words.count >= 2, words[0] == "pagefind", words[1].hasPrefix("1.") else { return nil }
        return Pagefind(executable: url, version: String(words[1]))
    }

    /// The language to index a report's pages in: its own, or nil when it is in several.
    static func language(of config: SiteConfig) -> String? {
        config.languages.count > 1 ? nil : config.language
    }

    /// What indexing a site made.
    public struct Index: Sendable {
        /// Its files, relative to the site (`pagefind/pagefind.js`, …).
        public var paths: [String]
        /// How many pages it indexed.
        public var pages: Int
    }

    /// Indexes the pages in `site` into `output` (a folder Dossier owns: it is replaced).
    /// - Parameter niceness: run at a lower priority (the preview's refresh, off the reload path).
    /// - Parameter language: the one language of the report's pages; nil for a report in
    ///   several, whose pages Pagefind indexes by their `lang`, one index per language.
    func index(site: URL, into output: URL, language: String?, niceness: Int = 0) throws -> Index {
        try? FileManager.default.removeItem(at: output)
        var arguments = ["--site", site.path, "--output-path", output.path, "--keep-index-url", "--silent"]
        // One language per report: Pagefind would otherwise split the index by each page's
        // `lang`, and a report's pages share the report's.
        if let code = language?.split(separator: "-").first, code.count == 2 {
            arguments += ["--force-language", String(code).lowercased()]
        }
        var command = [executable.path] + arguments
        if niceness > 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/nice") {
            command = ["/usr/bin/nice", "-n", String(niceness)] + command
        }
        // Pagefind ends with the build: killed or stopped, a build would otherwise leave it
        // writing for minutes into a staging folder the next build has removed. (`ChildProcess`
        // waits on the thread that starts the child, so the signal comes only when the build ends.)
        if FileManager.default.isExecutableFile(atPath: Self.setpriv) {
            command = [Self.setpriv, "--pdeathsig", "KILL", "--"] + command
        }
        let result = try ChildProcess.run(URL(fileURLWithPath: command[0]), Array(command.dropFirst()))
        guard result.status == 0 else {
            let said = String(decoding: result.stderr + result.stdout, as: UTF8.self)
                .split(separator: "\n").suffix(5).joined(separator: " / ")
            throw Failure(
                message: "Pagefind \(version) failed (exit status \(result.status))" + (said.isEmpty ? "" : ": \(said)")
            )
        }
        var paths: [String] = [], pages = 0, empty: [String] = []
        let files = FileManager.default.enumerator(
            at: output, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey])
        while let url = files?.nextObject() as? URL {
            guard let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey]),
                values.isRegularFile == true
            else { continue }
            let relative = ContentFile.relativePath(of: url, in: output)
            if Self.unusedFiles.contains(relative) {
                try? FileManager.default.removeItem(at: url)
                continue
            }
            if values.fileSize == 0 { empty.append(relative) }
            if relative.hasPrefix("fragment/") { pages += 1 }
            paths.append(Self.folder + "/" + relative)
        }
        try Self.checkComplete(output, paths: paths, empty: empty)
        return Index(paths: paths.sorted(), pages: pages)
    }

    static let setpriv = "/usr/bin/setpriv"

    /// Pagefind can exit 0 having written nothing whole: on a full disk its entry file, worker and
    /// wasm were 0 bytes while the build said "indexed 38 pages". An index without its entry file
    /// (JSON), its script, or with an empty file, fails the build, and the old site stays.
    static func checkComplete(_ output: URL, paths: [String], empty: [String]) throws {
        let entry = output.appendingPathComponent("pagefind-entry.json")
        let readable = FileManager.default.contents(atPath: entry.path).flatMap {
            try? JSONSerialization.jsonObject(with: $0) as? [String: Any]
        }
        guard readable?["languages"] != nil, paths.contains(folder + "/pagefind.js"), empty.isEmpty else {
            let missing =
                readable == nil
                ? "pagefind-entry.json cannot be read"
                : !paths.contains(folder + "/pagefind.js")
                    ? "pagefind.js is missing"
                    : "\(Counted.text(empty.count, "file")) \(empty.count == 1 ? "is" : "are") empty (\(empty.sorted().prefix(3).joined(separator: ", ")))"
            throw Failure(message: "Pagefind's index is incomplete: \(missing); is the disk full?")
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
