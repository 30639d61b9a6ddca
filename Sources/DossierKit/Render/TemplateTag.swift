/// The tags of a Mustache template, with their positions, for checking a theme before it is
/// rendered (`TemplateFieldCheck`) and for naming partials it uses. swift-mustache parses the
/// templates for rendering; its parse tree is not public, and messages need lines and columns.
struct TemplateTag {
    enum Kind {
        /// `{{name}}`, `{{{name}}}`, `{{&name}}`
        case variable
        /// `{{#name}}` (`inverted`: `{{^name}}`)
        case section(inverted: Bool)
        /// `{{/name}}`
        case close
        /// `{{> name}}`
        case partial
        /// `{{< name}}`: inherits from a parent template.
        case parent
        /// `{{$ name}}`: a block a child template may replace.
        case block
    }

    var kind: Kind
    /// The name as written, without its sigil: `card.title`, or `empty(chrome.breadcrumbs)`.
    var name: String
    var line: Int
    var column: Int

    /// The name inside a transform (`empty(chrome.breadcrumbs)` → `chrome.breadcrumbs`), and the transform.
    var lookup: (transform: String?, name: String) {
        guard let open = name.firstIndex(of: "("), name.hasSuffix(")") else { return (nil, name) }
        return (String(name[..<open]), String(name[name.index(after: open)..<name.index(before: name.endIndex)]))
    }

    /// The tags of `text`, in order. Comments and pragmas are left out. Returns nil when the
    /// template changes its delimiters (`{{=<% %>=}}`): such a template is not checked.
    static func scan(_ text: String) -> [TemplateTag]? {
        var tags: [TemplateTag] = []
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                var inner = rest[open.upperBound...]
                let triple = inner.first == "{"
                if triple { inner = inner.dropFirst() }
                guard let close = inner.range(of: triple ? "}}}" : "}}") else { break }
                var tag = inner[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                rest = inner[close.upperBound...]
                if triple {
                    tags.append(TemplateTag(kind: .variable, name: tag, line: lineIndex + 1, column: column))
                    continue
                }
                guard let sigil = tag.first else { continue }
                let kind: Kind?
                switch sigil {
                case "!", "%": kind = nil
                case "=": return nil
                case "#": kind = .section(inverted: false)
                case "^": kind = .section(inverted: true)
                case "/": kind = .close
                case ">": kind = .partial
                case "<": kind = .parent
                case "$": kind = .block
                case "&": kind = .variable
                default: kind = .variable
                }
                guard let kind else { continue }
                if case .variable = kind, sigil != "&" {
                } else {
                    tag = tag.dropFirst().trimmingCharacters(in: .whitespaces)
                }
                tags.append(TemplateTag(kind: kind, name: tag, line: lineIndex + 1, column: column))
            }
        }
        return tags
    }
}
