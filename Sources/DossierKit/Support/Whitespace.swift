/// Whitespace tests and trimming without Foundation.
///
/// `trimmingCharacters(in:)` bridges the whole string to `NSString` and copies it as UTF-16:
/// on event bodies and rendered HTML that cost more than rendering the Markdown. These walk
/// Unicode scalars from the ends, so they stop at the first non-space, and use the same notion
/// of whitespace (the Unicode `White_Space` property, which includes line breaks).
extension String {
    /// The text without leading and trailing whitespace and line breaks.
    var trimmedWhitespace: Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return Substring(scalars[first...last])
    }
}

extension StringProtocol {
    /// Whether the text is empty or only whitespace and line breaks.
    var isBlank: Bool { unicodeScalars.allSatisfy(\.properties.isWhitespace) }
}
