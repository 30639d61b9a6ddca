import Foundation

/// Media that goes with an event: a picture, a video, a post elsewhere. The page shows a picture
/// kept in the site itself (a path in `Content/static/`) and links to anything on another host,
/// so reading a report never loads anything from another site.
public struct Media: Sendable, Hashable {
    /// A web address (http or https), or a path in the site (`media/strike.jpg`).
    public var url: String
    public var caption: String?
    /// Who made it, as the publisher asks to be credited.
    public var credit: String?
    /// What a picture shows, for readers who cannot see it.
    public var alt: String?

    public init(url: String, caption: String? = nil, credit: String? = nil, alt: String? = nil) {
        self.url = url
        self.caption = caption
        self.credit = credit
        self.alt = alt
    }

    /// Whether the address is a path in the site rather than on another host.
    public var isLocal: Bool { !url.contains(":") && !url.hasPrefix("//") }

    /// Whether the address names a picture a browser shows (by its extension).
    public var isImage: Bool {
        let path = url.split(separator: "?").first.map(String.init) ?? url
        let ext = (path as NSString).pathExtension.lowercased()
        return ["jpg", "jpeg", "png", "gif", "webp", "avif", "svg"].contains(ext)
    }
}
