import Foundation

/// One file of the built site: its path relative to the site root and its bytes.
public struct OutputFile: Sendable {
    public var path: String
    public var contents: Contents

    public enum Contents: Sendable {
        case text(String)
        case data(Data)
        /// A file copied from the theme or content, read only when written.
        case copy(URL)
    }

    public init(path: String, text: String) {
        self.path = path
        contents = .text(text)
    }

    public init(path: String, contents: Contents) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, copying url: URL) {
        self.path = path
        contents = .copy(url)
    }
}
