/// A plain page: about, methodology, corrections.
public struct Page: Sendable, Identifiable {
    public var id: String
    public var title: String
    public var description: String?
    /// Order in the navigation and footer; lower comes first.
    public var order: Int
    public var body: MarkdownText
    public var origin: SourceLocation
}
