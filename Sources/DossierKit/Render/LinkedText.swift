/// Sentences of the theme with links inside them ("All [every actor](actors), each with its
/// events"): where the link falls is the language's choice, so the words around it and the
/// link's own words are one text, and a template shows the sentence whole (`{{{…HTML}}}`).
///
/// A text marks a link as `[words](name)`, where `name` is one of the link names the page gives
/// (`actors`, `timeline`): anything else in brackets stays text; and a name to be typed as it is
/// (a field, a file) as `` `code` ``. The theme's words and every value are HTML-escaped, and a
/// value's own brackets and backticks are escaped too, so a title such as `[x](timeline)` cannot
/// become a link.
extension DisplayText {
    func html(_ key: String, _ values: KeyValuePairs<String, String> = [:], links: [String: String]) -> String {
        guard let pattern = texts[key] else { return HTMLEscaping().escapeText(key) }
        let escape = HTMLEscaping()
        var text = ""
        for segment in pattern.segments {
            switch segment {
            case .literal(let literal): text += escape.escapeText(literal)
            case .slot(let name):
                guard let value = values.first(where: { $0.key == name })?.value else {
                    text += escape.escapeText("{\(name)}")
                    continue
                }
                text += escape.escapeText(Bidi.isolated(value, within: rightToLeft))
                    .replacingOccurrences(of: "[", with: "&#91;").replacingOccurrences(of: "]", with: "&#93;")
                    .replacingOccurrences(of: "`", with: "&#96;")
            }
        }
        return Self.linked(Self.coded(text), links: links)
    }

    /// `` `words` `` made `<code>words</code>`; the text is escaped HTML already.
    static func coded(_ text: String) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return text }
        var result = ""
        for (index, part) in parts.enumerated() {
            if index % 2 == 1, index < parts.count - 1 {
                result += "<code>" + part + "</code>"
            } else {
                result += (index % 2 == 1 ? "`" : "") + part
            }
        }
        return result
    }

    /// `[words](name)` made a link where `links` names `name`; the text is escaped HTML already.
    static func linked(_ text: String, links: [String: String]) -> String {
        var result = "", rest = text[...]
        while let open = rest.firstIndex(of: "[") {
            guard let close = rest[open...].firstIndex(of: "]"),
                rest[close...].dropFirst().first == "(",
                let end = rest[close...].firstIndex(of: ")"),
                let href = links[String(rest[rest.index(close, offsetBy: 2)..<end])],
                !rest[rest.index(after: open)..<close].contains("[")
            else {
                result += rest[...open]
                rest = rest[rest.index(after: open)...]
                continue
            }
            result += rest[..<open]
            result += "<a href=\"\(HTMLEscaping().escapeText(href))\">" + rest[rest.index(after: open)..<close] + "</a>"
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}
