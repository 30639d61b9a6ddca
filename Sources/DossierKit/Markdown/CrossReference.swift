/// A link from Markdown to another part of the report: `[Qaani](actor:esmail-qaani)`.
public struct CrossReference: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case actor, event, topic, page
    }

    public var kind: Kind
    public var id: String
    /// Text after `#`, kept as the link's fragment.
    public var fragment: String?

    /// Parses `actor:esmail-qaani` or `event:jordan-drone-attack#sources`; nil for any other URL.
    public init?(url: String) {
        guard let colon = url.firstIndex(of: ":"), let kind = Kind(rawValue: String(url[..<colon]).lowercased()) else { return nil }
        var rest = url[url.index(after: colon)...]
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        self.kind = kind
        self.id = String(rest)
    }

    public var description: String { "\(kind.rawValue):\(id)" }
}
