import CCmark
import Foundation

/// Markdown rendering by cmark, the CommonMark reference implementation.
///
/// Cross-references are found and rewritten on cmark's node tree, never by pattern-matching
/// the HTML, so a `actor:` inside a code span or a quoted string is left alone.
struct CommonMark: Sendable {
    public struct Options: Sendable {
        /// Pass raw HTML through. Off by default: cmark's safe mode replaces it with a comment
        /// and drops `javascript:`-style link targets.
        public var allowRawHTML = false
        public var smartPunctuation = true

        public init(allowRawHTML: Bool = false, smartPunctuation: Bool = true) {
            self.allowRawHTML = allowRawHTML
            self.smartPunctuation = smartPunctuation
        }

        var cmarkFlags: Int32 {
            var flags = CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SOURCEPOS
            if allowRawHTML { flags |= CMARK_OPT_UNSAFE }
            if smartPunctuation { flags |= CMARK_OPT_SMART }
            return flags
        }
    }

    /// A link found in Markdown, with its position in the file.
    public struct Link: Sendable {
        public var url: String
        public var location: SourceLocation
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Every link and image target in the text, with its file position.
    /// The actors a text cross-references, found once per text.
    func actorMentions(in markdown: MarkdownText) -> [String] {
        markdown.actorMentions.get {
            markdown.linkScan.get { linksInText(markdown.text) }.compactMap { link in
                CrossReference(url: link.url).flatMap { $0.kind == .actor ? $0.id : nil }
            }
        }
    }

    public func links(in markdown: MarkdownText) -> [Link] {
        let scanned = markdown.linkScan.get { linksInText(markdown.text) }
        return scanned.map { link in
            let location = SourceLocation(
                file: markdown.location.file,
                line: markdown.location.line + max(link.line, 1) - 1,
                column: link.line <= 1 && markdown.location.column > 1
                    ? markdown.location.column + link.column - 1 : link.column
            )
            return Link(url: link.url, location: location)
        }
    }

    /// A link's target and its position within the Markdown text itself.
    struct TextLink: Sendable {
        var url: String
        var line: Int
        var column: Int
    }

    func linksInText(_ text: String) -> [TextLink] {
        var found: [TextLink] = []
        withDocument(text) { document in
            forEachLink(in: document) { node, url in
                found.append(
                    TextLink(
                        url: url, line: Int(cmark_node_get_start_line(node)),
                        column: Int(cmark_node_get_start_column(node))))
            }
        }
        return found
    }

    /// Renders to HTML; `rewrite` may replace any link target (it returns nil to keep it).
    public func html(_ markdown: String, rewrite: (String) -> String? = { _ in nil }) -> String {
        var html = ""
        withDocument(markdown) { document in
            forEachLink(in: document) { node, url in
                if let replacement = rewrite(url) { cmark_node_set_url(node, replacement) }
            }
            // The source positions are only for messages; leave them out of the HTML.
            guard let rendered = cmark_render_html(document, options.cmarkFlags & ~CMARK_OPT_SOURCEPOS) else { return }
            html = String(cString: rendered)
            free(rendered)
        }
        return html
    }

    /// Renders a one-paragraph text (a summary) without the wrapping `<p>`, for use inline.
    public func inlineHTML(_ markdown: String, rewrite: (String) -> String? = { _ in nil }) -> String {
        let block = html(markdown, rewrite: rewrite).trimmedWhitespace
        if block.hasPrefix("<p>"), block.hasSuffix("</p>") {
            let inner = block.dropFirst(3).dropLast(4)
            if inner.firstRange(of: "<p>") == nil { return String(inner) }
        }
        return String(block)
    }

    /// The text without markup, for `<meta name="description">` and feeds: the literal text of
    /// the document's text and code nodes, breaks as spaces, shortened to `limit` characters.
    public func plainText(_ markdown: String, limit: Int = 300) -> String {
        var text = ""
        withDocument(markdown) { document in
            guard let iterator = cmark_iter_new(document) else { return }
            defer { cmark_iter_free(iterator) }
            while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
                guard let node = cmark_iter_get_node(iterator), cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER
                else { continue }
                switch cmark_node_get_type(node) {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                    if let literal = cmark_node_get_literal(node) { text += String(cString: literal) }
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                    text += " "
                default:
                    break
                }
            }
        }
        let collapsed = Self.collapsingWhitespace(text)
        return collapsed.count > limit ? String(collapsed.prefix(limit - 1)) + "…" : collapsed
    }

    /// Runs of whitespace as one space, none at either end. ASCII text (most of it) is done on
    /// bytes: splitting by `Character` cost a percent of a large build (descriptions, feeds, the
    /// calendar); other text keeps the `Character` rules.
    static func collapsingWhitespace(_ text: String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            // The ASCII characters `Character.isWhitespace` counts: tab to carriage return, space.
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !bytes.isEmpty
            } else {
                if pendingSpace { bytes.append(0x20); pendingSpace = false }
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func withDocument(_ text: String, _ body: (OpaquePointer) -> Void) {
        let bytes = Array(text.utf8)
        guard
            let document = bytes.withUnsafeBufferPointer({ buffer in
                buffer.baseAddress.map { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                        cmark_parse_document($0, buffer.count, options.cmarkFlags)
                    }
                } ?? cmark_parse_document("", 0, options.cmarkFlags)
            })
        else { return }
        defer { cmark_node_free(document) }
        body(document)
    }

    private func forEachLink(in document: OpaquePointer, _ visit: (OpaquePointer, String) -> Void) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) else {
                continue
            }
            visit(node, String(cString: url))
        }
    }
}
