import Foundation

/// Whether a text is a web address Dossier may link to, or the site's own address.
enum URLCheck {
    /// Source links must be web addresses: this keeps `javascript:` and local paths out of pages.
    /// - Parameter asBase: the site's own address, which relative links are resolved against:
    ///   no query or fragment either.
    static func problem(with text: String, asBase: Bool = false) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            return "`\(text)` is not a URL"
        }
        if asBase, components.query != nil || components.fragment != nil {
            return "`\(text)` has a query or fragment (`?`, `#`), which a site's address cannot have"
        }
        // The site's address is written into every page's links and the 404 page's <base>.
        if asBase, let odd = text.first(where: { $0.isWhitespace || "\"'<>\\`{}|^".contains($0) }) {
            return
                "`\(SourceLocation.printable(text))` holds \(odd.isWhitespace ? "a space" : "`\(odd)`"), which an address cannot hold as it is (write it %-escaped)"
        }
        if asBase, components.user != nil || components.password != nil {
            return "`\(text)` holds a user name or password (`user:password@`), which every page would publish"
        }
        guard scheme == "http" || scheme == "https" else { return "`\(text)` must start with http:// or https://" }
        guard let host = components.host, !host.isEmpty, host.contains(".") || host == "localhost" else {
            return "`\(text)` has no host name"
        }
        return nil
    }
}
