import Foundation

/// Markdown source with the file position where it starts, so cross-reference errors can
/// point at the right line even when the text sits inside a YAML field or after front matter.
public struct MarkdownText: Sendable, Hashable {
    public var text: String
    public var location: SourceLocation

    public init(_ text: String, at location: SourceLocation) {
        self.text = text
        self.location = location
    }

    public var isEmpty: Bool { text.isBlank }
}
