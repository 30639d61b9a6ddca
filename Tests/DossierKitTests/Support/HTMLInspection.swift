import Foundation

/// Reading built pages in tests: links, titles, ids. Pattern matching is fine here, on our
/// own well-formed output; the product never inspects HTML this way.
enum HTMLInspection {
    /// Values of every `href` and `src` attribute.
    static func links(in html: String) -> [String] {
        matches(of: #"(?:href|src)="([^"]*)""#, in: html)
    }

    static func ids(in html: String) -> Set<String> {
        Set(matches(of: #"\sid="([^"]*)""#, in: html))
    }

    static func title(in html: String) -> String? {
        matches(of: #"<title>([^<]*)</title>"#, in: html).first
    }

    static func matches(of pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// Text with tags removed and whitespace collapsed, for asserting what a reader sees.
    static func text(of html: String) -> String {
        let stripped = html.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        return stripped.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Resolves a relative link from a page to a path in the site, or nil for external links.
    static func resolve(_ link: String, from page: String) -> (path: String, fragment: String?)? {
        if link.contains("://") || link.hasPrefix("mailto:") || link.hasPrefix("//") { return nil }
        var target = link
        var fragment: String?
        if let hash = target.firstIndex(of: "#") {
            fragment = String(target[target.index(after: hash)...])
            target = String(target[..<hash])
        }
        // A query (the timeline's filter, `?type=strike`) leaves the file it names as it is.
        if let query = target.firstIndex(of: "?") { target = String(target[..<query]) }
        if target.isEmpty { return (page, fragment) }
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for part in target.split(separator: "/", omittingEmptySubsequences: false) {
            switch part {
            case "..": if !parts.isEmpty { parts.removeLast() } else { return ("<outside>/" + target, fragment) }
            case ".", "": continue
            default: parts.append(String(part))
            }
        }
        return (parts.joined(separator: "/"), fragment)
    }
}
