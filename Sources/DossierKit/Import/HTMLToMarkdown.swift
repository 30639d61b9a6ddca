import CLibXML2
import Foundation

/// HTML from another tool (a TimelineJS slide's text) as the Markdown a report is written in.
///
/// The HTML is read by libxml2's HTML parser, as a browser would read it (unclosed tags,
/// entities, stray `<`), not by pattern: so a `<script>` is dropped whatever its spelling or
/// nesting. What is kept: paragraphs, line breaks, emphasis, strong text, links (web and mail
/// addresses only: a relative one pointed into the timeline's own site, so its words are kept
/// without it), lists, quotations, headings and code. What is dropped: scripts,
/// styles and every other element that is not text (frames, objects, forms, images: an event's
/// picture is its `media`), and every attribute but a link's address, so no event handler or
/// style survives. Text is escaped so that it reads as the same words in Markdown.
enum HTMLToMarkdown {
    /// The HTML as Markdown paragraphs, separated by blank lines; "" for nothing but markup.
    public static func markdown(_ html: String) -> String {
        guard let body = parse(html) else { return "" }
        defer { xmlFreeDoc(body.document) }
        var writer = Writer()
        writer.children(of: body.node)
        writer.endBlock()
        return writer.blocks.joined(separator: "\n\n")
    }

    /// The HTML's text on one line, without markup (for a title).
    public static func plainText(_ html: String) -> String {
        guard let body = parse(html) else { return "" }
        defer { xmlFreeDoc(body.document) }
        var text = ""
        func collect(_ node: xmlNodePtr) {
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE {
                    text += current.pointee.content.map { String(cString: $0) } ?? ""
                } else if current.pointee.type == XML_ELEMENT_NODE {
                    let name = elementName(current)
                    if !Writer.dropped.contains(name) {
                        if name == "br" || Writer.blockElements.contains(name) { text += " " }
                        collect(current)
                    }
                }
                child = current.pointee.next
            }
        }
        collect(body.node)
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    // MARK: Parsing

    private static let initialise: Void = { xmlInitParser() }()

    /// The document and its `<body>` (libxml2 adds `html` and `body` around a fragment).
    private static func parse(_ html: String) -> (document: htmlDocPtr, node: xmlNodePtr)? {
        _ = initialise
        guard !html.isBlank else { return nil }
        let bytes = Array(html.utf8)
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue)
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count), nil, "UTF-8", options)
            }
        }
        guard let document = parsed else { return nil }
        guard let root = xmlDocGetRootElement(document) else {
            xmlFreeDoc(document)
            return nil
        }
        var child = root.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, elementName(current) == "body" { return (document, current) }
            child = current.pointee.next
        }
        return (document, root)
    }

    fileprivate static func elementName(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    }

    /// The value of an attribute, read from the node's own list (nothing to free).
    fileprivate static func attribute(_ name: String, of node: xmlNodePtr) -> String? {
        var attribute = node.pointee.properties
        while let current = attribute {
            if let attributeName = current.pointee.name, String(cString: attributeName).lowercased() == name {
                var text = "", child = current.pointee.children
                while let value = child {
                    text += value.pointee.content.map { String(cString: $0) } ?? ""
                    child = value.pointee.next
                }
                return text
            }
            attribute = current.pointee.next
        }
        return nil
    }

    /// A link's address when it is one a reader can follow safely, from any page: web or mail.
    static func safeAddress(_ href: String) -> String? {
        var trimmed = href.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("//") { trimmed = "https:" + trimmed }
        // Browsers ignore control characters and spaces inside a scheme (`java\tscript:`).
        let scheme = trimmed.prefix { $0 != ":" && $0 != "/" && $0 != "?" && $0 != "#" }
        guard scheme.count < trimmed.count, trimmed[scheme.endIndex] == ":" else { return nil }
        let name = scheme.filter { !$0.isWhitespace && !($0.asciiValue.map { $0 < 0x20 } ?? false) }.lowercased()
        guard ["http", "https", "mailto"].contains(name) else { return nil }
        // Inside `<…>` a Markdown destination may hold anything but angle brackets and line ends.
        return trimmed.replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E")
            .replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "\r", with: "")
    }

    /// Text as Markdown that reads as the same characters: punctuation Markdown would take as
    /// markup is escaped with a backslash (CommonMark's escapes).
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            if "\\`*_[]<>&#".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// Builds Markdown blocks while walking the tree: inline content gathers in `line` until a
    /// block element ends the paragraph.
    private struct Writer {
        static let dropped: Set<String> = [
            "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
            "form", "input", "button", "select", "textarea", "svg", "math", "img", "picture", "video", "audio",
            "canvas", "head", "title", "meta", "link", "base",
        ]
        static let blockElements: Set<String> = [
            "p", "div", "section", "article", "aside", "header", "footer", "main", "nav", "figure",
            "figcaption", "center", "address", "dl", "dt", "dd", "table", "tr", "hr", "pre",
            "ul", "ol", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
        ]

        var blocks: [String] = []
        var line = ""

        /// Ends the paragraph being written, if it has any words.
        mutating func endBlock() {
            let text = line.trimmingCharacters(in: .whitespaces)
            let lines = text.components(separatedBy: "\n").map {
                Self.escapingLineStart($0.trimmingCharacters(in: .whitespaces))
            }
            let paragraph = lines.joined(separator: "\n")
            if !paragraph.replacingOccurrences(of: "\\\n", with: "").trimmingCharacters(in: .whitespaces).isEmpty {
                // A line break at the very end of a paragraph is not one in Markdown.
                var trimmed = paragraph
                while trimmed.hasSuffix("\\") {
                    trimmed = String(trimmed.dropLast()).trimmingCharacters(in: .whitespaces)
                }
                blocks.append(trimmed)
            }
            line = ""
        }

        /// A line that would start a list, a heading or a rule in Markdown, with that mark escaped.
        static func escapingLineStart(_ line: String) -> String {
            guard let first = line.first else { return line }
            if "-+=".contains(first) { return "\\" + line }
            let digits = line.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, digits.count < line.count {
                let next = line[digits.endIndex]
                if next == "." || next == ")" { return digits + "\\" + line[digits.endIndex...] }
            }
            return line
        }

        mutating func children(of node: xmlNodePtr) {
            var child = node.pointee.children
            while let current = child {
                visit(current)
                child = current.pointee.next
            }
        }

        /// The Markdown of the node's children as inline text (for emphasis and links).
        mutating func inline(_ node: xmlNodePtr) -> String {
            let saved = line
            line = ""
            children(of: node)
            let inner = line
            line = saved
            return inner
        }

        /// The node's children as Markdown blocks of their own (a list item, a quotation).
        func blocksOf(_ node: xmlNodePtr) -> [String] {
            var writer = Writer()
            writer.children(of: node)
            writer.endBlock()
            return writer.blocks
        }

        mutating func visit(_ node: xmlNodePtr) {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                let text = node.pointee.content.map { String(cString: $0) } ?? ""
                // HTML collapses white space, line ends included.
                var collapsed = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
                    .joined(separator: " ")
                if let first = text.first, first.isWhitespace, !collapsed.isEmpty { collapsed = " " + collapsed }
                if let last = text.last, last.isWhitespace, !collapsed.isEmpty || !text.isEmpty { collapsed += " " }
                if collapsed == "  " { collapsed = " " }
                // One space between words, none at a line's start.
                if collapsed.hasPrefix(" "), line.isEmpty || line.hasSuffix(" ") || line.hasSuffix("\n") {
                    collapsed.removeFirst()
                }
                line += Self.escapedText(collapsed)
            case XML_ELEMENT_NODE:
                element(node)
            default:
                break  // comments, processing instructions
            }
        }

        static func escapedText(_ text: String) -> String { HTMLToMarkdown.escaped(text) }

        mutating func element(_ node: xmlNodePtr) {
            let name = HTMLToMarkdown.elementName(node)
            if Self.dropped.contains(name) { return }
            switch name {
            case "br":
                line = line.trimmingTrailingSpaces() + "\\\n"
            case "em", "i", "cite", "var", "dfn":
                wrap(inline(node), in: "*")
            case "strong", "b":
                wrap(inline(node), in: "**")
            case "code", "kbd", "samp", "tt":
                let text = plain(node)
                if !text.isEmpty {
                    let fence = text.contains("`") ? "`` " : "`"
                    line += fence + text + (fence == "`" ? "`" : " ``")
                }
            case "a":
                let text = inline(node)
                if let href = HTMLToMarkdown.attribute("href", of: node).flatMap(HTMLToMarkdown.safeAddress),
                    !text.trimmingCharacters(in: .whitespaces).isEmpty
                {
                    let (lead, core, trail) = Self.splitSpaces(text)
                    line += lead + "[" + core + "](<" + href + ">)" + trail
                } else {
                    line += text
                }
            case "ul", "ol":
                endBlock()
                var items: [String] = []
                var number = Int(HTMLToMarkdown.attribute("start", of: node) ?? "") ?? 1
                var child = node.pointee.children
                while let current = child {
                    defer { child = current.pointee.next }
                    guard current.pointee.type == XML_ELEMENT_NODE, HTMLToMarkdown.elementName(current) == "li" else {
                        continue
                    }
                    let marker = name == "ol" ? "\(number). " : "- "
                    number += 1
                    let indent = String(repeating: " ", count: marker.count)
                    let content = blocksOf(current).joined(separator: "\n\n").components(separatedBy: "\n")
                        .enumerated().map {
                            $0.offset == 0 ? marker + $0.element : ($0.element.isEmpty ? "" : indent + $0.element)
                        }
                    items.append(content.joined(separator: "\n"))
                }
                if !items.isEmpty { blocks.append(items.joined(separator: "\n")) }
            case "blockquote":
                endBlock()
                let quoted = blocksOf(node).joined(separator: "\n\n").components(separatedBy: "\n").map {
                    $0.isEmpty ? ">" : "> " + $0
                }
                if quoted.contains(where: { $0 != ">" }) { blocks.append(quoted.joined(separator: "\n")) }
            case "h1", "h2", "h3", "h4", "h5", "h6":
                endBlock()
                let text = inline(node).trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\\\n", with: " ")
                // The page's own title is its h1: a heading in the text starts at h2.
                let level = max(2, Int(String(name.dropFirst())) ?? 2)
                if !text.isEmpty { blocks.append(String(repeating: "#", count: level) + " " + text) }
            case "hr":
                endBlock()
                blocks.append("---")
            default:
                if Self.blockElements.contains(name) {
                    endBlock()
                    children(of: node)
                    endBlock()
                } else {
                    children(of: node)  // span, u, small, font, …: their text
                }
            }
        }

        /// Emphasis around the text, with its outer spaces outside the marks (`* a*` is not emphasis).
        mutating func wrap(_ text: String, in mark: String) {
            let (lead, core, trail) = Self.splitSpaces(text)
            if core.isEmpty {
                line += lead + trail
            } else {
                // The space before goes outside, unless the line has one already.
                if !lead.isEmpty, !line.isEmpty, !line.hasSuffix(" "), !line.hasSuffix("\n") { line += lead }
                line += mark + core + mark + trail
            }
        }

        static func splitSpaces(_ text: String) -> (String, String, String) {
            let core = text.trimmingCharacters(in: .whitespaces)
            guard !core.isEmpty else { return (text.isEmpty ? "" : " ", "", "") }
            let lead = text.first == " " ? " " : "", trail = text.last == " " ? " " : ""
            return (lead, core, trail)
        }

        /// The node's text, unescaped (inside a code span nothing is markup).
        func plain(_ node: xmlNodePtr) -> String {
            var text = ""
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_TEXT_NODE {
                    text += current.pointee.content.map { String(cString: $0) } ?? ""
                } else if current.pointee.type == XML_ELEMENT_NODE {
                    text += plain(current)
                }
                child = current.pointee.next
            }
            return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
