import Foundation

/// Reading files from the content folder, in a fixed order so builds are deterministic.
enum ContentFile {
    struct MarkdownDocument {
        var stem: String
        var frontMatter: DataNode
        var body: MarkdownText
    }

    /// Files directly or deeply inside `folder` with one of the extensions, sorted by path.
    static func list(_ folder: URL, extensions: Set<String>) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else {
            return []
        }
        var files: [URL] = []
        for case let url as URL in enumerator where extensions.contains(url.pathExtension.lowercased()) {
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }

    static func readText(_ url: URL, display: String, log: DiagnosticLog) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            log.error(SourceLocation(file: display), "could not read the file")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            log.error(SourceLocation(file: display, line: 1), "the file is not valid UTF-8 text", hint: "save it with UTF-8 encoding")
            return nil
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    static func readMarkdown(_ url: URL, display: String, log: DiagnosticLog) -> MarkdownDocument? {
        guard let text = readText(url, display: display, log: log) else { return nil }
        guard let document = FrontMatterDocument.split(text) else {
            log.error(SourceLocation(file: display, line: 1, column: 1), "the file has no front matter",
                      hint: "start it with a `---` line, the YAML fields (id, name, …), and another `---` line")
            return nil
        }
        guard let node = YAMLReader.parse(document.yaml, file: display, lineOffset: document.yamlLineOffset, log: log) else { return nil }
        return MarkdownDocument(
            stem: url.deletingPathExtension().lastPathComponent,
            frontMatter: node,
            body: MarkdownText(document.body, at: SourceLocation(file: display, line: document.bodyFirstLine, column: 1))
        )
    }
}
