import Foundation
import Hummingbird
import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which `Host` names the preview answers, against DNS rebinding.
///
/// A page on another site can point its own host name at 127.0.0.1 and then read whatever the
/// preview serves (the unpublished draft, its errors) as if it were its own. The browser still
/// sends that site's name as `Host`, so the preview answers only names that cannot be someone
/// else's: `localhost` (and `*.localhost`), loopback addresses, the address it listens on, and
/// names the user allowed with `--allow-host`. When it listens beyond loopback, any IP address
/// is accepted too (a name typed as an address cannot be rebound).
struct HostCheck: Sendable {
    let listenHost: String
    let allowed: Set<String>
    /// Listening beyond loopback: IP addresses are answered too.
    let acceptsAddresses: Bool

    init(listenHost: String, allowed: [String]) {
        self.listenHost = Self.normalized(listenHost)
        self.allowed = Set(allowed.map(Self.normalized))
        acceptsAddresses = !ServeOptions(host: listenHost).isLoopback
    }

    /// The name of a `Host` value: port and IPv6 brackets removed, lowercased, no trailing dot.
    static func name(ofHost value: String) -> String {
        var host = Substring(value.trimmingCharacters(in: .whitespaces))
        if host.hasPrefix("[") {
            host = host.dropFirst().prefix { $0 != "]" }
        } else if let colon = host.lastIndex(of: ":"), host.firstIndex(of: ":") == colon {
            host = host[..<colon]
        }
        return normalized(String(host))
    }

    static func normalized(_ name: String) -> String {
        var name = name.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        while name.hasSuffix(".") { name.removeLast() }
        return name
    }

    func accepts(_ name: String) -> Bool {
        if name == "localhost" || name.hasSuffix(".localhost") { return true }
        if name == listenHost || allowed.contains(name) { return true }
        if Self.isLoopbackAddress(name) { return true }
        return acceptsAddresses && Self.isAddress(name)
    }

    static func isLoopbackAddress(_ name: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, name, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        if inet_pton(AF_INET6, name, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { $0.dropLast().allSatisfy { $0 == 0 } && $0.last == 1 }
        }
        return false
    }

    static func isAddress(_ name: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, name, &v4) == 1 || inet_pton(AF_INET6, name, &v6) == 1
    }
}

/// Refuses requests for host names the preview does not answer (`HostCheck`): 403 with a body
/// that says why and how to allow a name; a request without exactly one `Host` is a 400.
struct HostCheckMiddleware<Context: RequestContext>: RouterMiddleware {
    let check: HostCheck

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let authority = request.head.authority,
            !request.headers.contains(where: { $0.name.canonicalName == "host" })
        else {
            return Self.plain(.badRequest, "Dossier's preview needs exactly one Host header in each request.\n")
        }
        let name = HostCheck.name(ofHost: authority)
        guard check.accepts(name) else {
            let shown = String(
                name.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }.map(Character.init).prefix(200))
            return Self.plain(
                .forbidden,
                """
                Dossier's preview answers requests for localhost, 127.0.0.1 and [::1], not for "\(shown)".
                This keeps other web sites from reading your unpublished draft through their own host names (DNS rebinding).
                To preview under this name, start the preview with: dossier serve --allow-host \(shown)

                """)
        }
        return try await next(request, context)
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.contentLength] = String(text.utf8.count)
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
