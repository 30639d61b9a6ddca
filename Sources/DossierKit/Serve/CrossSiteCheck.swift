import Hummingbird
import NIOCore

/// Refuses what another web site's page asks of the preview, except to open one of its pages.
///
/// The timeline's filter and the map load their data as scripts (`data/filter/*.js`,
/// `map/places.js` call `dossierData(…)`), since pages opened from `file://` cannot fetch. Any
/// page the writer visits could include `http://127.0.0.1:8000/data/filter/facets.js` with its
/// own `dossierData` and read the unpublished report's titles, dates, places and actors: the
/// `Host` is right, so `HostCheck` cannot help. Browsers say where a request comes from
/// (`Sec-Fetch-Site`, and `Origin` on most requests that are not navigations): a request from
/// another site, or from an origin that is not the preview's, gets 403 — unless it is a
/// top-level navigation (`Sec-Fetch-Mode: navigate` to a document), which shows the page in its
/// own tab, where the other site cannot read it. Clients that send neither header (curl, a
/// script on the writer's machine) are answered as before.
struct CrossSiteCheck: Sendable {
    /// Why a request is refused, or nil when it is answered.
    static func refusal(
        site: String?, mode: String?, destination: String?, origin: String?, authority: String?
    ) -> String? {
        let navigation = mode?.lowercased() == "navigate" && ["document", nil].contains(destination?.lowercased())
        if let site = site?.lowercased(), site == "cross-site" || site == "same-site", !navigation {
            return "it comes from another site's page (Sec-Fetch-Site: \(site))"
        }
        if let origin, !navigation, !Self.isOwn(origin: origin, authority: authority) {
            return
                "it comes from a page of another origin (Origin: \(String(origin.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }.map(Character.init).prefix(200))))"
        }
        return nil
    }

    /// Whether `Origin` is the preview's own address: `http://` and the request's own `Host`.
    static func isOwn(origin: String, authority: String?) -> Bool {
        guard let authority, origin.lowercased().hasPrefix("http://") else { return false }
        return origin.dropFirst("http://".count).lowercased() == authority.lowercased()
    }
}

struct CrossSiteMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let header = { (name: String) -> String? in HTTPFields.Element.Name(name).flatMap { request.headers[$0] } }
        if let reason = CrossSiteCheck.refusal(
            site: header("Sec-Fetch-Site"), mode: header("Sec-Fetch-Mode"), destination: header("Sec-Fetch-Dest"),
            origin: header("Origin"), authority: request.head.authority)
        {
            return HostCheckMiddleware<Context>.plain(
                .forbidden,
                """
                Dossier's preview does not answer this request: \(reason).
                This keeps other web sites from reading your unpublished draft. Open the preview's pages in a tab of their own.

                """)
        }
        return try await next(request, context)
    }
}
