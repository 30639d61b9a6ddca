/// Structured data as read from YAML, JSON or CSV, with the position of every value.
///
/// Every loader turns its format into this one tree, so the content model is decoded (and
/// validated) by one piece of code whatever the file format, and every error can point at
/// the exact line and column.
public indirect enum DataNode: Sendable, Equatable {
    case scalar(String, SourceLocation)
    case list([DataNode], SourceLocation)
    case map([Entry], SourceLocation)
    case null(SourceLocation)

    public struct Entry: Sendable, Equatable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: DataNode
    }

    public var location: SourceLocation {
        switch self {
        case .scalar(_, let location), .list(_, let location), .map(_, let location), .null(let location):
            return location
        }
    }

    /// A mapping's entries (nil for any other value).
    var mapEntries: [Entry]? {
        if case .map(let entries, _) = self { return entries }
        return nil
    }

    /// What a user would call this kind of value, for error messages.
    var kindName: String {
        switch self {
        case .scalar: return "a single value"
        case .list: return "a list"
        case .map: return "a mapping (key: value pairs)"
        case .null: return "nothing"
        }
    }
}
