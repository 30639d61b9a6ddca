import Foundation
import Hummingbird
import NIOCore

/// Serves the current `SiteSnapshot` through Hummingbird's `FileMiddleware`, which brings MIME
/// types, `index.html` for folders, HEAD, ETags, `If-None-Match`/`If-Modified-Since` and ranges.
///
/// Nothing is read from disk while serving, so no request path can reach a file outside the
/// site: a path is only ever a key into the snapshot, and any `..` or `.` component is refused.
struct MemoryFileProvider: FileProvider {
    struct Attributes: FileMiddlewareFileAttributes, Sendable {
        var isFolder: Bool
        var size: Int
        var modificationDate: Date
    }

    let snapshot: Locked<SiteSnapshot>

    /// The snapshot key for a request path (`/events/a/index.html` → `events/a/index.html`).
    static func key(for path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.contains(where: { $0 == ".." || $0 == "." || $0.contains("\\") || $0.contains("\u{0}") }) else {
            return nil
        }
        return parts.joined(separator: "/")
    }

    /// A file of one snapshot: a response's headers (size, date) and body come from the same
    /// site, even when a rebuild replaces the snapshot between them (before, 16 of 53,350
    /// keep-alive responses during 98 rebuilds had a Content-Length that was not their body's).
    struct FileID: Sendable {
        var key: String
        var site: SiteSnapshot
    }

    func getFileIdentifier(_ path: String) -> FileID? {
        Self.key(for: path).map { FileID(key: $0, site: snapshot.get()) }
    }

    func getAttributes(id: FileID) async throws -> Attributes? {
        if let file = id.site.files[id.key] {
            return Attributes(
                isFolder: false, size: Self.servedSize(file, id: id.key, in: id.site), modificationDate: file.modified)
        }
        if id.site.folders.contains(id.key) {
            return Attributes(isFolder: true, size: 0, modificationDate: Date(timeIntervalSince1970: 0))
        }
        return nil
    }

    /// A file of the current site, as served.
    func data(for key: String) -> Data? {
        Self.data(for: key, in: snapshot.get())
    }

    static func data(for key: String, in site: SiteSnapshot) -> Data? {
        guard let file = site.files[key] else { return nil }
        return key.hasSuffix(".html") ? LiveReloadScript.inject(into: file.data, buildID: site.buildID) : file.data
    }

    func loadFile(id: FileID, context: some RequestContext) async throws -> ResponseBody {
        guard let data = Self.data(for: id.key, in: id.site) else { throw HTTPError(.notFound) }
        return ResponseBody(byteBuffer: ByteBuffer(bytes: data))
    }

    /// The bytes of `range` that the file has: none for an empty file or a range past its end
    /// (`RangeRequestMiddleware` answers those with 416 before they get here).
    func loadFile(id: FileID, range: ClosedRange<Int>, context: some RequestContext) async throws -> ResponseBody {
        guard let data = Self.data(for: id.key, in: id.site) else { throw HTTPError(.notFound) }
        let lower = min(max(range.lowerBound, 0), data.count)
        let upper = min(max(range.upperBound, -1), data.count - 1)
        guard lower <= upper else { return ResponseBody(byteBuffer: ByteBuffer()) }
        return ResponseBody(byteBuffer: ByteBuffer(bytes: data[(data.startIndex + lower)...(data.startIndex + upper)]))
    }

    /// The size of the file a request path is served from (a folder's `index.html`), as served.
    func size(ofRequestPath path: String) -> Int? {
        guard let key = Self.key(for: path) else { return nil }
        let current = snapshot.get()
        let id =
            current.files[key] != nil
            ? key : (current.folders.contains(key) ? (key.isEmpty ? "index.html" : key + "/index.html") : key)
        guard let file = current.files[id] else { return nil }
        return Self.servedSize(file, id: id, in: current)
    }

    /// A file's size as served: HTML carries the live-reload script tag.
    private static func servedSize(_ file: SiteSnapshot.File, id: String, in snapshot: SiteSnapshot) -> Int {
        file.data.count + (id.hasSuffix(".html") ? LiveReloadScript.tag(buildID: snapshot.buildID).utf8.count : 0)
    }
}

/// Every preview response is `Cache-Control: no-store`: the browser must always ask again.
struct NoStoreMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

/// A missing page gets the site's own 404 page, with status 404.
///
/// Before any build succeeded there is no site, and no 404 page: every page address then gets
/// the errors of the failed build (`BuildErrorPage`), which reloads itself once they are fixed.
struct NotFoundPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let files: MemoryFileProvider
    /// The errors of the last build, when it failed.
    var failure: @Sendable () -> [Diagnostic]? = { nil }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            let response = try await next(request, context)
            guard response.status == .notFound else { return response }
            return notFound(request)
        } catch let error as HTTPError where error.status == .notFound {
            return notFound(request)
        }
    }

    private func notFound(_ request: Request) -> Response {
        guard request.method == .get || request.method == .head else { return Response(status: .notFound) }
        var status = HTTPResponse.Status.notFound
        var page = files.data(for: SitePaths.notFound)
        if page == nil, let diagnostics = failure() {
            page = Data(BuildErrorPage.html(diagnostics).utf8)
            status = .serviceUnavailable
        }
        guard let page else { return Response(status: .notFound) }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentLength] = String(page.count)
        return Response(
            status: status, headers: headers,
            body: request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: page)))
    }
}
