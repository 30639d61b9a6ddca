/// A Markdown file split into its YAML front matter and its body.
struct FrontMatterDocument {
    var yaml: String
    /// Lines before the YAML text (the opening `---`), to map YAML positions to file lines.
    var yamlLineOffset: Int
    var body: String
    /// File line on which the body starts (1-based), to map Markdown positions to file lines.
    var bodyFirstLine: Int

    /// Splits `---\n<yaml>\n---\n<markdown>`. A file without front matter is all body.
    static func split(_ text: String) -> FrontMatterDocument? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        guard let first = lines.first, first.trimmingTrailingSpaces() == "---" else { return nil }
        lines.removeFirst()
        guard
            let closing = lines.firstIndex(where: {
                $0.trimmingTrailingSpaces() == "---" || $0.trimmingTrailingSpaces() == "..."
            })
        else {
            return nil
        }
        let yaml = lines[..<closing].joined(separator: "\n")
        let body = lines[(closing + 1)...].joined(separator: "\n")
        return FrontMatterDocument(yaml: yaml, yamlLineOffset: 1, body: body, bodyFirstLine: closing + 3)
    }
}

extension Substring {
    fileprivate func trimmingTrailingSpaces() -> Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
