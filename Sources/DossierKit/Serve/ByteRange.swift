import Hummingbird
import NIOCore

/// A `Range: bytes=…` request header against a file of a known size (RFC 9110, section 14).
enum ByteRange: Equatable {
    /// One satisfiable range, its bounds within the file.
    case range(ClosedRange<Int>)
    /// No byte of the file is in the range (or the file is empty): 416.
    case unsatisfiable
    /// Not a single byte range Dossier serves (another unit, several ranges, bad syntax): the
    /// header is ignored and the whole file is sent, as HTTP allows.
    case ignored

    static func parse(_ header: String, size: Int) -> ByteRange {
        let value = header.trimmingCharacters(in: .whitespaces)
        guard value.lowercased().hasPrefix("bytes="), !value.contains(",") else { return .ignored }
        let spec = value.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        guard let dash = spec.firstIndex(of: "-") else { return .ignored }
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces),
            last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        func number(_ text: String) -> Int? {
            guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            // Digits beyond Int's range name a byte past any file.
            return Int(text) ?? Int.max
        }
        if first.isEmpty {
            // `bytes=-N`: the last N bytes.
            guard let suffix = number(last) else { return .ignored }
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            return .range(max(0, size - suffix)...(size - 1))
        }
        guard let start = number(first) else { return .ignored }
        let end: Int
        if last.isEmpty {
            end = Int.max
        } else {
            guard let value = number(last), value >= start else { return .ignored }
            end = value
        }
        guard start < size else { return .unsatisfiable }
        return .range(start...min(end, size - 1))
    }
}

/// Answers `Range` requests correctly before `FileMiddleware` sees them: 416 with
/// `Content-Range: bytes */size` when no byte of the file is in range (an empty file, a start
/// past its end), and otherwise a range rewritten within the file's bounds, which is the only
/// kind `FileMiddleware` computes its headers right for (it took `bytes=-N` for the first N
/// bytes, and sent a negative `Content-Length` past the end).
struct RangeRequestMiddleware<Context: RequestContext>: RouterMiddleware {
    let files: MemoryFileProvider

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .get || request.method == .head, let header = request.headers[.range],
            let size = files.size(ofRequestPath: request.uri.path)
        else {
            return try await next(request, context)
        }
        var head = request.head
        switch ByteRange.parse(header, size: size) {
        case .ignored:
            head.headerFields[.range] = nil
        case .unsatisfiable where request.headers[.ifRange] != nil:
            // A stale If-Range asks for the whole file anyway; a current one for nothing: send it all.
            head.headerFields[.range] = nil
        case .unsatisfiable:
            var headers = HTTPFields()
            headers[.contentRange] = "bytes */\(size)"
            headers[.contentLength] = "0"
            return Response(status: .rangeNotSatisfiable, headers: headers)
        case .range(let range):
            head.headerFields[.range] = "bytes=\(range.lowerBound)-\(range.upperBound)"
        }
        let request = Request(head: head, body: request.body)
        return try await next(request, context)
    }
}
