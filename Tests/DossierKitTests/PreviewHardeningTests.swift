import Foundation
import Testing
@testable import DossierKit

/// The preview server against hostile or odd clients, over real HTTP: byte ranges, `Host`
/// names (DNS rebinding), and clients that never finish their headers.
@Suite(.serialized, .timeLimit(.minutes(2))) struct PreviewHardeningTests {
    typealias Preview = PreviewServerTests.Preview

    static func site() throws -> TestSite {
        let site = try TestSite.sampleWithOwnTheme()
        try site.write("static/empty.txt", "")
        try site.write("static/ten.txt", "0123456789")
        return site
    }

    /// On c5ad4ae a Range request for an empty file killed the server (index out of range), and
    /// one past the end of a file answered 206 with a negative Content-Length.
    @Test func rangesAreAnsweredAsHTTPSays() async throws {
        let preview = try await Preview(site: try Self.site())
        func get(_ path: String, _ range: String) async throws -> RawHTTP.Response {
            try await preview.get(path, headers: ["Range": range])
        }
        let empty = try await get("/empty.txt", "bytes=0-10")
        #expect(empty.status == 416)
        #expect(empty.headers["content-range"] == "bytes */0")
        #expect(try await get("/empty.txt", "bytes=-5").status == 416)
        let past = try await get("/ten.txt", "bytes=20-30")
        #expect(past.status == 416)
        #expect(past.headers["content-range"] == "bytes */10")
        let tail = try await get("/ten.txt", "bytes=-3")
        #expect(tail.status == 206)
        #expect(tail.body == "789")
        #expect(tail.headers["content-range"] == "bytes 7-9/10")
        let clipped = try await get("/ten.txt", "bytes=8-100")
        #expect(clipped.status == 206 && clipped.body == "89" && clipped.headers["content-length"] == "2")
        let open = try await get("/ten.txt", "bytes=4-")
        #expect(open.status == 206 && open.body == "456789")
        for ignored in ["bytes=0-1,4-5", "bytes=5-2", "items=0-1", "bytes=x-y", "bytes=--1"] {
            let whole = try await get("/ten.txt", ignored)
            #expect(whole.status == 200 && whole.body == "0123456789", "\(ignored)")
        }
        let huge = try await get("/ten.txt", "bytes=99999999999999999999999-")
        #expect(huge.status == 416)
        // The server is still up.
        #expect(try await preview.get("/").status == 200)
    }

    /// Another site's page including the filter's data as a script could read the draft through
    /// its own `dossierData` (on main before: 200 with the data). Opening a page in its own tab,
    /// the preview's own requests, and clients that say nothing are answered.
    @Test func anotherSitesPageCannotReadTheDraft() async throws {
        let preview = try await Preview(site: try Self.site())
        let own = "http://127.0.0.1:\(preview.port)"
        let refused: [[String: String]] = [
            ["Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "script"],
            ["Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "script"],
            [
                "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors", "Sec-Fetch-Dest": "empty",
                "Origin": "https://evil.example",
            ],
            ["Origin": "https://evil.example"], ["Origin": "null"], ["Origin": "http://127.0.0.1:1"],
            ["Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "iframe"],
        ]
        for headers in refused {
            let response = try await preview.get("/" + FilterIndex.facetsPath, headers: headers)
            #expect(response.status == 403, "\(headers)")
            #expect(!response.body.contains("dossierData"), "\(headers)")
        }
        let answered: [[String: String]] = [
            [:], ["Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "script"],
            ["Sec-Fetch-Site": "none", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"],
            ["Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"],
            [
                "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors", "Origin": own,
                "Host": "127.0.0.1:\(preview.port)",
            ],
        ]
        for headers in answered {
            let response = try await preview.get("/" + FilterIndex.facetsPath, headers: headers)
            #expect(response.status == 200 && response.body.contains("dossierData"), "\(headers)")
        }
    }

    /// A first build that fails left every address an empty 404 (on main before): the browser
    /// showed a blank page. Now each page address shows the errors, and the live-reload script
    /// that turns it into the report once they are fixed.
    @Test func aFirstBuildThatFailsShowsItsErrorsEverywhere() async throws {
        let site = try Self.site()
        try site.write("site.yaml", "title: [unclosed\n")
        let preview = try await Preview(site: site)
        for path in ["/", "/events/qaani-visit/", "/timeline/"] {
            let page = try await preview.get(path)
            #expect(page.status == 503, "\(path)")
            #expect(
                page.body.contains("<h1>The report did not build</h1>") && page.body.contains("Content/site.yaml:"),
                "\(path)")
            #expect(page.body.contains(LiveReloadScript.path))
        }
        try site.write("site.yaml", TestSite.minimalConfig)
        #expect(preview.server.rebuild(changed: [site.content.appendingPathComponent("site.yaml").path]).succeeded)
        let fixed = try await preview.get("/")
        #expect(fixed.status == 200 && !fixed.body.contains("did not build"))
    }

    /// A response's Content-Length and body came from two snapshots when a rebuild fell between
    /// them (on main before: 16 of 53,350 keep-alive responses during 98 rebuilds, a race an HTTP
    /// test rarely hits). The provider is asked as Hummingbird's FileMiddleware asks it — the
    /// file, its attributes, then its body — with the site replaced in between: the body is the
    /// one the attributes described.
    @Test func aResponseComesFromOneSnapshot() async throws {
        let page = { (text: String) in
            SiteSnapshot.File(data: Data("<html><body>\(text)</body></html>".utf8), modified: Date())
        }
        let snapshot = Locked(
            SiteSnapshot(
                files: ["events/a/index.html": page("short")], folders: ["", "events", "events/a"], buildID: "one"))
        let files = MemoryFileProvider(snapshot: snapshot)
        let id = try #require(files.getFileIdentifier("/events/a/index.html"))
        let attributes = try #require(try await files.getAttributes(id: id))
        snapshot.set(
            SiteSnapshot(
                files: ["events/a/index.html": page(String(repeating: "a much longer page ", count: 40))],
                folders: ["", "events", "events/a"], buildID: "two"))
        // What `loadFile(id:)` sends, and what a new request would get.
        let body = try #require(MemoryFileProvider.data(for: id.key, in: id.site))
        #expect(body.count == attributes.size)
        #expect(String(decoding: body, as: UTF8.self).contains("short"))
        #expect(
            files.data(for: "events/a/index.html").map { String(decoding: $0, as: UTF8.self).contains("longer") }
                == true)
    }

    /// A file name holding a terminal escape sequence was printed raw in "Changed: …" (on main
    /// before), so a file could retitle or recolour the writer's terminal.
    @Test func changedFileNamesArePrintedEscaped() async throws {
        let site = try Self.site()
        let preview = try await Preview(site: site)
        try site.write(
            "events/\u{1b}]0;pwned\u{7}\u{9b}31m.yaml",
            "- id: escaped\n  date: 2024-02-01\n  title: T\n  type: statement\n  sources: [{ publisher: P, url: \"https://example.org/\" }]\n"
        )
        var changed: String?
        for _ in 0..<100 where changed == nil {
            try await Task.sleep(for: .milliseconds(50))
            changed = preview.messages.all.first { $0.hasPrefix("Changed:") }
        }
        let line = try #require(changed)
        #expect(line.contains("\\u{1b}]0;pwned\\u{7}\\u{9b}31m.yaml"), "\(line)")
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    /// Random `Range` and `Host` headers (of names answered and refused) against one server.
    @Test func randomRangeAndHostHeadersNeverBreakTheServer() async throws {
        let preview = try await Preview(site: try Self.site())
        var generator = SystemRandomNumberGenerator()
        let pieces = [
            "bytes=", "-", "0", "1", "9", "10", "11", "99999999999999999999", ",", " ", "x", "=", "bytes", "--",
        ]
        let hosts: [(String, Bool)] = [
            ("127.0.0.1", true), ("localhost:PORT", true), ("[::1]", true), ("a.localhost", true),
            ("127.9.9.9:1", true),
            ("evil.example", false), ("127.0.0.1.nip.example", false), ("[::ffff:7f00:1]x", false),
            ("localhost.", true),
            ("LOCALHOST:PORT", true), ("0.0.0.0", false), ("example.org:80", false), ("xn--lcalhost", false),
        ]
        for _ in 0..<200 {
            let header = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let path = ["/empty.txt", "/ten.txt", "/", "/timeline/", "/no/such/", "/events"].randomElement(
                using: &generator)!
            let (host, answered) = hosts.randomElement(using: &generator)!
            let response = try await preview.get(
                path,
                headers: ["Range": header, "Host": host.replacingOccurrences(of: "PORT", with: String(preview.port))])
            if answered {
                #expect(
                    [200, 206, 301, 404, 416].contains(response.status),
                    "\(host) \(path) Range: \(header) → \(response.status)")
            } else {
                #expect(response.status == 403, "\(host) \(path) → \(response.status)")
            }
            if response.status == 206 {
                #expect(Int(response.headers["content-length"] ?? "") == response.body.utf8.count, "\(header)")
            }
        }
        #expect(try await preview.get("/").status == 200)
    }

    @Test(arguments: [
        "127.0.0.1", "127.0.0.1:PORT", "localhost", "localhost:PORT", "LOCALHOST.", "report.localhost:PORT",
        "[::1]:PORT", "127.1.2.3",
    ])
    func loopbackHostNamesAreAnswered(host: String) async throws {
        let preview = try await Preview(site: try Self.site())
        let response = try await preview.get(
            "/", headers: ["Host": host.replacingOccurrences(of: "PORT", with: String(preview.port))])
        #expect(response.status == 200, "\(host)")
    }

    /// On c5ad4ae any Host was answered: a rebinding page could read the draft.
    @Test(arguments: [
        "evil.example", "evil.example:PORT", "127.0.0.1.evil.example", "localhost.evil.example", "10.0.0.1", "[::2]",
    ])
    func otherHostNamesAreRefused(host: String) async throws {
        let preview = try await Preview(site: try Self.site())
        for path in ["/", "/__dossier/status", "/data/events.json", "/no/such/page/"] {
            let response = try await preview.get(
                path, headers: ["Host": host.replacingOccurrences(of: "PORT", with: String(preview.port))])
            #expect(response.status == 403, "\(host) \(path)")
            #expect(response.body.contains("DNS rebinding") && response.body.contains("--allow-host"))
            #expect(!response.body.contains("Test report"), "no page content")
        }
    }

    @Test func aRequestWithoutHostIsABadRequest() async throws {
        let preview = try await Preview(site: try Self.site())
        #expect(try await preview.get("/", headers: ["Host": ""]).status == 400)
    }

    @Test func allowedHostNamesAreAnswered() async throws {
        let site = try Self.site()
        let server = PreviewServer(
            build: site.options, serve: ServeOptions(port: 0, allowedHosts: ["Preview.Example"]), say: { _ in })
        let (task, port) = try await Preview.start(server)
        defer { task.cancel() }
        #expect(
            try await offThePool {
                try RawHTTP.request(port: port, "GET", "/", headers: ["Host": "preview.example:\(port)"])
            }.status == 200)
        #expect(
            try await offThePool { try RawHTTP.request(port: port, "GET", "/", headers: ["Host": "other.example"]) }
                .status == 403)
    }

    @Test func hostChecksAcceptOnlyWhatCannotBeRebound() {
        let loopback = HostCheck(listenHost: "127.0.0.1", allowed: [])
        #expect(loopback.accepts(HostCheck.name(ofHost: "[::1]:8000")))
        #expect(loopback.accepts(HostCheck.name(ofHost: "127.0.0.1:8000")))
        #expect(!loopback.accepts(HostCheck.name(ofHost: "192.168.1.5:8000")))
        #expect(!loopback.accepts(HostCheck.name(ofHost: "attacker.test")))
        // Listening for the network: addresses are fine, names still need --allow-host.
        let network = HostCheck(listenHost: "0.0.0.0", allowed: [])
        #expect(network.accepts(HostCheck.name(ofHost: "192.168.1.5:8000")))
        #expect(network.accepts(HostCheck.name(ofHost: "[fe80::1]:8000")))
        #expect(!network.accepts(HostCheck.name(ofHost: "laptop.lan:8000")))
    }

    /// A client that trickles its headers is cut off after the header timeout (on c5ad4ae it was
    /// held forever).
    @Test func aSlowClientIsDisconnected() async throws {
        let site = try Self.site()
        let server = PreviewServer(
            build: site.options, serve: ServeOptions(port: 0, headerTimeout: .seconds(1)), say: { _ in })
        let (task, port) = try await Preview.start(server)
        defer { task.cancel() }
        let closed = try await offThePool {
            let client = try RawHTTP(port: port)
            client.sendRaw("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            // One more header byte every 200 ms: never idle, never done.
            for _ in 0..<15 {
                client.sendRaw("X")
                if client.isClosedByServer(within: 0.2) { return true }
            }
            return false
        }
        #expect(closed, "the server closed the connection within 3 s")
        // An event stream is a response in progress, not an idle connection: it stays open.
        let events = try await offThePool {
            let client = try RawHTTP(port: port)
            client.send("GET", LiveReloadScript.eventsPath)
            client.read(until: { $0.contains("event: hello") }, seconds: 5)
            return client
        }
        #expect(try await offThePool { !events.isClosedByServer(within: 2.5) })
    }
}
