import Foundation

/// Markdown source with the file position where it starts, so cross-reference errors can
/// point at the right line even when the text sits inside a YAML field or after front matter.
public struct MarkdownText: Sendable, Hashable {
    public var text: String
    public var location: SourceLocation
    /// The text's links, scanned once. The preview reuses the parsed files that did not change,
    /// and with them their texts' scans: a rebuild scans only what was edited.
    let linkScan = Memo<[CommonMark.TextLink]>()
    /// The actors it cross-references, for the check that every actor is mentioned somewhere.
    let actorMentions = Memo<[String]>()

    public init(_ text: String, at location: SourceLocation) {
        self.text = text
        self.location = location
    }

    public var isEmpty: Bool { text.isBlank }

    public static func == (a: MarkdownText, b: MarkdownText) -> Bool {
        a.text == b.text && a.location == b.location
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(location)
    }
}
