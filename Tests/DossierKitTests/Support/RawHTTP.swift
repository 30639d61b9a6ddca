import Foundation
@testable import DossierKit
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client over a plain socket, for what URLSession will not do in tests:
/// send a request path exactly as written (`/../..`, `%2e%2e`), and read an event stream as it arrives.
final class RawHTTP: @unchecked Sendable {
    let fd: Int32
    private var buffer = Data()

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr)
        let result = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else { close(fd); throw CocoaError(.fileReadUnknown) }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Sends a request; `Host: 127.0.0.1` unless `headers` names another (an empty one: no Host).
    func send(_ method: String, _ path: String, headers: [String: String] = [:]) {
        let host = headers["Host"] ?? "127.0.0.1"
        var request = "\(method) \(path) HTTP/1.1\r\n\(host.isEmpty ? "" : "Host: \(host)\r\n")Connection: close\r\n"
        for (name, value) in headers where name != "Host" { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        sendRaw(request)
    }

    /// Sends bytes as they are (part of a request, say).
    func sendRaw(_ text: String) {
        _ = text.withCString { Glibc.send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
    }

    /// Whether the server has closed the connection (a read returns end of file).
    func isClosedByServer(within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var chunk = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            let count = recv(fd, &chunk, chunk.count, 0)
            if count == 0 { return true }
            if count < 0, errno != EAGAIN, errno != EWOULDBLOCK { return true }
        }
        return false
    }

    /// Reads until `predicate` holds for what has arrived, the connection closes, or `seconds` pass.
    @discardableResult
    func read(until predicate: (String) -> Bool = { _ in false }, seconds: Double = 5) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var chunk = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline {
            if predicate(String(decoding: buffer, as: UTF8.self)) { break }
            let count = recv(fd, &chunk, chunk.count, 0)
            if count > 0 { buffer.append(contentsOf: chunk[0..<count]) } else if count == 0 { break }
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    struct Response: Sendable {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    /// One request and its whole response.
    static func request(
        port: Int, _ method: String = "GET", _ path: String, headers: [String: String] = [:]
    ) throws -> Response {
        let client = try RawHTTP(port: port)
        client.send(method, path, headers: headers)
        let text = client.read(seconds: 30)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? ""
        let lines = head.components(separatedBy: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            if let colon = line.firstIndex(of: ":") {
                fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                    in: .whitespaces)
            }
        }
        return Response(status: status, headers: fields, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }
}

/// Runs blocking socket work on a thread of its own (see `onOwnThread`): an async test that
/// blocked a thread of the cooperative pool could starve the very server it is waiting for.
func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await onOwnThread { Result { try body() } }.get()
}
