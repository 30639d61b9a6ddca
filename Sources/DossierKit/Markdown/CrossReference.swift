/// A link from Markdown to another part of the report: `[Qaani](actor:esmail-qaani)`.
struct CrossReference: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case actor, event, topic, page
    }

    public var kind: Kind
    public var id: String
    /// Text after `#`, kept as the link's fragment.
    public var fragment: String?

    /// Parses `actor:esmail-qaani` or `event:jordan-drone-attack#sources`; nil for any other URL.
    public init?(url: String) {
        // (UTF-8 searches: every link of every text comes through here on each preview rebuild.)
        guard let colon = url.utf8.firstIndex(of: UInt8(ascii: ":")),
            let kind = Kind(rawValue: String(url[..<colon]).lowercased())
        else { return nil }
        var rest = url[url.utf8.index(after: colon)...]
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(rest[rest.utf8.index(after: hash)...])
            rest = rest[..<hash]
        }
        self.kind = kind
        self.id = String(rest)
    }

    public var description: String { "\(kind.rawValue):\(id)" }
}
