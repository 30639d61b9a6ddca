import Foundation
import Testing
@testable import DossierKit

/// `dossier serve` over real HTTP on an ephemeral port: pages, MIME types, the 404 page,
/// traversal attempts, and live reload after edits, errors and fixes.
/// The time limit turns a server that stops answering into a failed test, not a hung run.
@Suite(.serialized, .timeLimit(.minutes(2))) struct PreviewServerTests {
    /// A running preview of a test site; stopped when the test ends.
    final class Preview {
        let site: TestSite
        let server: PreviewServer
        let task: Task<Void, Error>
        let port: Int
        let messages = Messages()

        final class Messages: Sendable {
            private let lines = Locked<[String]>([])
            func add(_ line: String) { lines.update { $0.append(line) } }
            var all: [String] { lines.get() }
        }

        init(site: TestSite, port requested: Int = 0) async throws {
            self.site = site
            let messages = messages
            let server = PreviewServer(
                build: site.options, serve: ServeOptions(port: requested), say: { messages.add($0) })
            self.server = server
            (task, port) = try await Self.start(server)
        }

        /// Runs `server` until the returned task is cancelled, once it listens on its port. A
        /// server that stops before it listens throws its error here instead of leaving the
        /// test waiting for a port that never comes.
        static func start(_ server: PreviewServer) async throws -> (Task<Void, Error>, Int) {
            let (stream, continuation) = AsyncStream<Int>.makeStream()
            let task = Task {
                defer { continuation.finish() }
                try await server.run { port in continuation.yield(port) }
            }
            var iterator = stream.makeAsyncIterator()
            guard let port = await iterator.next() else {
                try await task.value
                throw CocoaError(.featureUnsupported)
            }
            return (task, port)
        }

        deinit { task.cancel() }

        func get(
            _ path: String, method: String = "GET", headers: [String: String] = [:]
        ) async throws -> RawHTTP.Response {
            let port = port
            return try await offThePool { try RawHTTP.request(port: port, method, path, headers: headers) }
        }

        /// An open event stream, already past its first (`hello`) event.
        func events() async throws -> RawHTTP {
            let port = port
            return try await offThePool {
                let stream = try RawHTTP(port: port)
                stream.send("GET", LiveReloadScript.eventsPath)
                stream.read(until: { $0.contains("event: hello") }, seconds: 30)
                return stream
            }
        }
    }

    static func sampleSite() throws -> TestSite {
        try TestSite.sampleWithOwnTheme()
    }

    @Test func servesPagesWithTheirTypesAndNoStore() async throws {
        let preview = try await Preview(site: try Self.sampleSite())
        let home = try await preview.get("/")
        #expect(home.status == 200)
        #expect(home.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(home.headers["cache-control"] == "no-store")
        #expect(home.body.contains("<h1>Test report</h1>"))
        #expect(home.body.contains(#"<script src="/__dossier/livereload.js" data-build="#))
        #expect(home.headers["content-length"] == String(home.body.utf8.count))
        #expect(try await preview.get("/assets/style.css").headers["content-type"]?.hasPrefix("text/css") == true)
        #expect(try await preview.get("/assets/dossier.js").headers["content-type"]?.contains("javascript") == true)
        #expect(
            try await preview.get("/data/events.json").headers["content-type"]?.hasPrefix("application/json") == true)
        #expect(
            try await preview.get("/events/first-attack/").body.contains(
                #"<h1 data-pagefind-weight="10">Drone attack on a base</h1>"#))
        #expect(try await preview.get("/events/first-attack").status == 301)
        let head = try await preview.get("/timeline/", method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty)
        let etag = try #require(try await preview.get("/timeline/").headers["etag"])
        #expect(try await preview.get("/timeline/", headers: ["If-None-Match": etag]).status == 304)
        // `build` never writes the live-reload script into the site.
        try preview.site.build()
        #expect(!(try preview.site.html("index.html")).contains("__dossier"))
    }

    @Test func missingPagesGetTheSitesOwn404Page() async throws {
        let preview = try await Preview(site: try Self.sampleSite())
        let missing = try await preview.get("/no/such/page/")
        #expect(missing.status == 404)
        #expect(missing.body.contains("Page not found"))
        #expect(missing.headers["content-type"]?.hasPrefix("text/html") == true)
    }

    @Test(arguments: [
        "/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
        "/%2E%2E%2F%2E%2E%2Fetc/passwd",
        "/assets/../../../etc/passwd", "/..\\..\\etc\\passwd", "/%252e%252e/etc/passwd",
        "/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    ])
    func requestsOutsideTheSiteServeNothingFromOutside(path: String) async throws {
        // The preview never reads from disk, so /etc/passwd itself cannot leak; what could is a
        // file of the site that a path with `..` removed would name: the site gets one.
        let site = try Self.sampleSite()
        try site.write("static/etc/passwd", "root:x:0:0 (a file of the site, served only at /etc/passwd)")
        let preview = try await Preview(site: site)
        #expect(
            try await preview.get("/etc/passwd").body.contains("root:"), "the marker file is served at its own path")
        let response = try await preview.get(path)
        #expect(response.status == 400 || response.status == 404, "\(path) → \(response.status)")
        #expect(!response.body.contains("root:"), "\(path) reached the site's etc/passwd by dropping `..`")
    }

    @Test func aContentEditReloadsOpenPages() async throws {
        let preview = try await Preview(site: try Self.sampleSite())
        let stream = try await preview.events()
        let events = preview.site.content.appendingPathComponent("events/events.yaml")
        let text = try String(contentsOf: events, encoding: .utf8)
        try Data(
            text.replacingOccurrences(of: "title: Drone attack on a base", with: "title: Drone strike on the base").utf8
        ).write(to: events)
        let received = try await offThePool { stream.read(until: { $0.contains("event: reload") }, seconds: 30) }
        #expect(received.contains("event: reload"))
        #expect(try await preview.get("/timeline/").body.contains("Drone strike on the base"))
        #expect(
            preview.messages.all.contains {
                $0.hasPrefix("Rebuilt in ") && $0.contains("changed (") && $0.hasSuffix("rendered)")
            })
    }

    @Test func aBrokenEditShowsErrorsAndAFixRecovers() async throws {
        let preview = try await Preview(site: try Self.sampleSite())
        let stream = try await preview.events()
        let events = preview.site.content.appendingPathComponent("events/events.yaml")
        let original = try String(contentsOf: events, encoding: .utf8)
        try Data(original.replacingOccurrences(of: "date: 2024-01-28", with: "date: 2024-02-30").utf8).write(to: events)
        let failed = try await offThePool { stream.read(until: { $0.contains("event: failed") }, seconds: 30) }
        #expect(
            failed.contains(
                #"{"column":9,"file":"Content/events/events.yaml","hint":"write a day as 2024-01-28, a month as 2023-10, a year as 2014","line":2,"message":"`2024-02-30` is not a real date: February 2024 has 29 days","severity":"error"}"#
            ), "\(failed)")
        #expect(failed.contains("is not a real date"))
        // The last good site is still served, and a page opened now learns about the errors.
        #expect(try await preview.get("/").status == 200)
        let late = try await preview.events()
        #expect(try await offThePool { late.read(seconds: 0.1) }.contains("not a real date"))
        try Data(original.utf8).write(to: events)
        let recovered = try await offThePool { stream.read(until: { $0.contains("event: reload") }, seconds: 30) }
        #expect(recovered.contains("event: reload"))
        #expect(try await preview.get("/__dossier/status").body.hasPrefix(#"{"build":""#))
        #expect(!(try await preview.get("/__dossier/status").body.contains("diagnostics")))
    }

    @Test func aStylesheetChangeSwapsCSSWithoutAReload() async throws {
        let preview = try await Preview(site: try Self.sampleSite())
        let stream = try await preview.events()
        let css = preview.site.templates.appendingPathComponent("assets/style.css")
        let text = try String(contentsOf: css, encoding: .utf8)
        try Data((text + "\n.added-by-test { color: red; }\n").utf8).write(to: css)
        let received = try await offThePool {
            stream.read(until: { $0.contains("event: css") || $0.contains("event: reload") }, seconds: 30)
        }
        #expect(received.contains("event: css"))
        #expect(!received.contains("event: reload"))
        #expect(try await preview.get("/assets/style.css").body.contains(".added-by-test"))
    }

    @Test func editorTemporaryFilesDoNotTriggerRebuilds() {
        for name in [".events.yaml.swp", "events.yaml~", "#events.yaml#", "4913", ".#lock", "x.tmp"] {
            #expect(ContentWatcher.isIgnored(name), "\(name)")
        }
        #expect(!ContentWatcher.isIgnored("events.yaml"))
    }

    @Test func aTakenPortMovesToTheNextFreeOne() async throws {
        let first = try await Preview(site: try Self.sampleSite())
        let second = try await Preview(site: try Self.sampleSite(), port: first.port)
        #expect(second.port != first.port)
        #expect(second.messages.all.contains("Port \(first.port) is in use; serving on port \(second.port) instead."))
        #expect(try await second.get("/").status == 200)
    }
}
