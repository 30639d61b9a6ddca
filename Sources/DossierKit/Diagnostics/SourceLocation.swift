/// A place in a content or template file, as a user would look it up in an editor.
/// Lines and columns count from 1; a column of 0 means "the whole line".
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Path relative to the folder being built (e.g. `Content/events/2024.yaml`), so messages stay short.
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, on one line whatever the file is called (a line break in a file name
    /// is shown as `\n`, so editors and scripts reading one message per line are not misled).
    public var description: String {
        let file = Self.printable(file)
        switch (line, column) {
        case (0, _): return file
        case (_, 0): return "\(file):\(line)"
        default: return "\(file):\(line):\(column)"
        }
    }

    /// Text as one line of a message: control characters escaped (`\n`, `\t`, `\u{1b}`, and the
    /// C1 controls such as `\u{9b}`, which some terminals read as the start of an escape sequence).
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where isControl(scalar): result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    /// The same file, `lines` further down: used to map positions inside front matter or
    /// an embedded Markdown block back to the file's own line numbers.
    func offset(lines: Int, column newColumn: Int? = nil) -> SourceLocation {
        SourceLocation(file: file, line: line + lines, column: newColumn ?? column)
    }
}
