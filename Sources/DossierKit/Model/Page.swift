/// A plain page: about, methodology, corrections.
public struct Page: Sendable, Identifiable {
    public var id: String
    /// Where the id is given (its file, when the id is the file's name).
    public var idLocation: SourceLocation
    public var title: String
    public var description: String?
    /// Order in the navigation and footer; lower comes first.
    public var order: Int
    public var body: MarkdownText
    /// The theme template that draws it instead of `page.mustache` (`template: talks-dashboard`),
    /// which may read the report's lists (`ReportLists`), and where the name is given.
    public var template: String?
    public var templateLocation: SourceLocation?
    public var origin: SourceLocation
}
