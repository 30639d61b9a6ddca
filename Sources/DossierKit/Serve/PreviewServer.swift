import Foundation
import Hummingbird
import Logging
import NIOCore

/// Where and how `dossier serve` listens.
public struct ServeOptions: Sendable {
    public var host: String
    public var port: Int
    /// When the port is taken, try the next ones (and say so) instead of failing.
    public var findFreePort: Bool
    /// Print how long each step of every rebuild took.
    public var timings: Bool
    /// Host names answered besides localhost, loopback addresses and `host` (`HostCheck`).
    public var allowedHosts: [String]
    /// How long a connection may take to send a request's headers (and may stay idle between
    /// requests) before it is closed, so slow clients cannot hold connections open forever.
    public var headerTimeout: Duration
    /// How long edits must have stopped before the search index is made again from every page
    /// (`PreviewSearch.settle`); the pages an edit changes are searchable within seconds anyway.
    public var searchSettle: Duration

    public init(
        host: String = "127.0.0.1", port: Int = 8000, findFreePort: Bool = true, timings: Bool = false,
        allowedHosts: [String] = [], headerTimeout: Duration = .seconds(10), searchSettle: Duration = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.findFreePort = findFreePort
        self.timings = timings
        self.allowedHosts = allowedHosts
        self.headerTimeout = headerTimeout
        self.searchSettle = searchSettle
    }

    /// Loopback addresses only serve this machine; anything else exposes the preview.
    public var isLoopback: Bool {
        ["127.0.0.1", "localhost", "::1"].contains(host) || host.hasPrefix("127.")
    }
}

/// The preview server: builds the site into memory, serves it, watches the content and theme,
/// rebuilds after each burst of saves, and tells open pages to reload (or shows the errors).
public final class PreviewServer: Sendable {
    public let build: BuildOptions
    public let serve: ServeOptions
    /// The site as served: requests read it, a rebuild changes it (in place, under its lock).
    let snapshot = Locked(SiteSnapshot.empty)
    /// What the preview knows between rebuilds, as one value: read by requests (the errors to
    /// show), written only by `rebuild`.
    let state = Locked(PreviewState())
    /// Held for the whole of a rebuild, so that rebuilds run one at a time whoever calls them (the
    /// watcher, a test): each starts from the state the one before left, and the caches below,
    /// which a rebuild reads and fills, are never filled by two at once.
    private let rebuilding = NSLock()
    /// What each page of the last good build read (`PageReads`), to know what an edit touches.
    let readBook = PageReadBook()
    /// For tests: reads to forget (`PageReads.forgetting`).
    let forgetting: (@Sendable (PageInput) -> Bool)?
    /// The last good build's event cards, and the files parsed (by content), for incremental rebuilds.
    let cards = CardCache()
    let parsedFiles = ContentCache()
    let hub: LiveReloadHub
    /// The search index, kept current in the background when Pagefind is installed.
    let search: PreviewSearch?
    /// Distinguishes this server run from a previous one, so pages reload after a restart.
    let instance = String(UUID().uuidString.prefix(8)).lowercased()
    let say: @Sendable (String) -> Void

    public convenience init(
        build: BuildOptions, serve: ServeOptions, say: @escaping @Sendable (String) -> Void = { print($0) }
    ) {
        self.init(build: build, serve: serve, forgetting: nil, say: say)
    }

    init(
        build: BuildOptions, serve: ServeOptions, forgetting: (@Sendable (PageInput) -> Bool)?,
        say: @escaping @Sendable (String) -> Void = { print($0) }
    ) {
        self.forgetting = forgetting
        let hub = LiveReloadHub()
        self.hub = hub
        // Open search pages search again with each new index.
        search = build.search.map {
            PreviewSearch(
                pagefind: $0, settle: serve.searchSettle, timings: serve.timings, say: say,
                announce: { hub.broadcast(.init(name: "search", json: Self.searchJSON($0))) })
        }
        self.build = build
        self.serve = serve
        self.say = say
    }

    /// What one rebuild did.
    public struct Rebuild: Sendable {
        public var succeeded: Bool
        public var changedPaths: [String]
        public var diagnostics: [Diagnostic]
        public var milliseconds: Double
        /// How many pages were rendered (all of them, or those an edit of events touched).
        public var renderedPages: Int = 0
        /// How long each step took.
        public var phases: [Phase] = []
    }

    /// Builds into memory and notifies open pages. A failed build keeps serving the last good
    /// site, with the errors shown over it.
    /// - Parameter changed: the files that changed since the last build; when they are all event
    ///   files, only the pages they touch are rendered again.
    @discardableResult
    public func rebuild(changed: [String]? = nil) -> Rebuild {
        rebuilding.lock()
        defer { rebuilding.unlock() }
        let clock = ContinuousClock()
        let started = clock.now
        let before = state.get()
        let eventsFolder = build.content.appendingPathComponent("events").standardizedFileURL.path + "/"
        // What changed since the last good build, not only since the last build: after a failed
        // build (say a template error) an edit of events alone must not reuse what it replaced.
        let sinceLastGood = changed.map { before.unsettled + $0 }
        let contentFolder = build.content.standardizedFileURL.path + "/", staticFolder = contentFolder + "static/"
        func all(_ test: (String) -> Bool) -> Bool {
            sinceLastGood.map {
                !$0.isEmpty && $0.allSatisfy { test(URL(fileURLWithPath: $0).standardizedFileURL.path) }
            } ?? false
        }
        let onlyEvents = all { $0.hasPrefix(eventsFolder) }
        // Static files are outside the reads (links to them are checked against the file list).
        let onlyContent = all { $0.hasPrefix(contentFolder) && !$0.hasPrefix(staticFolder) }
        let incremental = IncrementalBuild(
            previous: before.lastGood?.report, cards: cards, onlyEventsChanged: onlyEvents,
            onlyContentChanged: onlyContent, templates: before.lastGood?.templates,
            book: readBook, pages: before.lastGood?.pages, forgetting: forgetting)
        var builder = SiteBuilder(options: build)
        builder.parsedFiles = parsedFiles
        let result = builder.run(to: .memory, incremental: incremental)
        func elapsed() -> Double { (clock.now - started).milliseconds }
        guard let report = result.report, result.errors.isEmpty else {
            state.update {
                $0.unsettled = sinceLastGood ?? [build.content.path, build.templates.path]
                $0.failure = result.diagnostics
            }
            hub.broadcast(
                .init(name: "failed", json: Self.diagnosticsJSON(result.diagnostics, build: snapshot.get().buildID)))
            return Rebuild(
                succeeded: false, changedPaths: [], diagnostics: result.diagnostics, milliseconds: elapsed(),
                phases: result.phases)
        }
        let number = before.generation + 1
        var timer = PhaseTimer(phases: result.phases)
        // The snapshot is changed in place, under its lock: a request meanwhile waits for the
        // new site (one in flight keeps the old one, which is then copied rather than changed).
        let (changedSet, buildID) = timer.measure("snapshot") {
            snapshot.update { site in
                let previousID = site.buildID
                // An incremental run rendered only the pages the edit touched, and any run may keep
                // the data downloads: files of the site that were not made again stay as they were.
                // The search index is made apart (`PreviewSearch`): it is not the build's to remove.
                let changed = site.update(
                    with: result.files,
                    isInSite: { path in
                        result.sitePaths.contains(path) || (search != nil && path.hasPrefix(Pagefind.folder + "/"))
                    }, buildID: "\(instance)-\(number)")
                // Nothing to show: keep the build id, so open pages stay as they are.
                if changed.isEmpty { site.buildID = previousID }
                return (changed, site.buildID)
            }
        }
        let changed = changedSet.sorted()
        let recovered = before.failure != nil
        state.set(
            PreviewState(
                lastGood: (report, result.templates, result.pages), unsettled: [], failure: nil,
                generation: changed.isEmpty ? before.generation : number))
        if changed.isEmpty {
            if recovered { hub.broadcast(.init(name: "reload", json: Self.buildJSON(buildID))) }
        } else {
            let cssOnly = changed.allSatisfy { $0.hasSuffix(".css") }
            hub.broadcast(.init(name: cssOnly && !recovered ? "css" : "reload", json: Self.buildJSON(buildID)))
        }
        if let search, report.config.searchEnabled {
            search.refresh(snapshot, language: Pagefind.language(of: report.config))
        }
        return Rebuild(
            succeeded: true, changedPaths: changed, diagnostics: result.diagnostics, milliseconds: elapsed(),
            renderedPages: result.rendered?.paths.count ?? 0, phases: timer.phases)
    }

    /// The first event on each connection: the current build, and its errors if it failed.
    func helloEvent() -> LiveReloadHub.Event {
        let current = snapshot.get()
        if let diagnostics = state.get().failure {
            return .init(name: "hello", json: Self.diagnosticsJSON(diagnostics, build: current.buildID))
        }
        return .init(name: "hello", json: Self.buildJSON(current.buildID, search: search?.generation))
    }

    /// Runs until cancelled: the first build, the HTTP server and the watcher.
    /// - Parameter onRunning: called with the port once the server listens.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let watcher = ContentWatcher(folders: [build.content, build.templates])
        let initial = watcher.fingerprint()
        report(rebuild(), initial: true)
        try await withTaskCancellationHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.serveOnFirstFreePort(onRunning: onRunning) }
                group.addTask {
                    await watcher.run(from: initial) { [self] changed in
                        // A file's name may hold terminal escape sequences: shown escaped.
                        let names = changed.map {
                            SourceLocation.printable(self.build.displayName(URL(fileURLWithPath: $0)))
                        }
                        self.say(
                            "Changed: \(names.prefix(3).joined(separator: ", "))\(names.count > 3 ? " and \(names.count - 3) more" : "")"
                        )
                        let outcome = await onOwnThread { self.rebuild(changed: changed) }
                        self.report(outcome, initial: false)
                    }
                }
                group.addTask {
                    // Comments keep idle event streams open through proxies and browser timeouts.
                    while !Task.isCancelled {
                        try await Task.sleep(for: .seconds(15))
                        self.hub.broadcast(.keepAlive)
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        } onCancel: {
            // Open event streams would otherwise hold the server's graceful shutdown.
            hub.closeAll()
        }
    }

    private func report(_ rebuild: Rebuild, initial: Bool) {
        if rebuild.succeeded {
            for warning in rebuild.diagnostics where warning.severity == .warning { say(warning.description) }
            let time = String(format: "%.0f ms", rebuild.milliseconds)
            if initial {
                say("Built \(Counted.text(rebuild.changedPaths.count, "file")) in \(time)")
            } else {
                let changed =
                    rebuild.changedPaths.isEmpty
                    ? "no page changed" : Counted.text(rebuild.changedPaths.count, "file") + " changed"
                say("Rebuilt in \(time): \(changed) (\(Counted.text(rebuild.renderedPages, "page")) rendered)")
            }
            if serve.timings {
                say(
                    rebuild.phases.map { "\($0.name) \(String(format: "%.0f", $0.milliseconds)) ms" }.joined(
                        separator: " · "))
            }
        } else {
            for diagnostic in rebuild.diagnostics { say(diagnostic.description) }
            say(
                "Build failed (\(Counted.text(rebuild.diagnostics.filter { $0.severity == .error }.count, "error"))); still serving the last good build, with the errors shown in the browser."
            )
        }
    }

    func makeApplication(port: Int, onRunning: @escaping @Sendable (Int) async -> Void) -> some ApplicationProtocol {
        let router = Router()
        let files = MemoryFileProvider(snapshot: snapshot)
        router.middlewares.add(
            HostCheckMiddleware(check: HostCheck(listenHost: serve.host, allowed: serve.allowedHosts)))
        router.middlewares.add(CrossSiteMiddleware())
        router.middlewares.add(NoStoreMiddleware())
        router.middlewares.add(NotFoundPageMiddleware(files: files, failure: { [state] in state.get().failure }))
        router.middlewares.add(RangeRequestMiddleware(files: files))
        router.middlewares.add(FileMiddleware(fileProvider: files, searchForIndexHtml: true))
        router.get("__dossier/livereload.js") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/javascript; charset=utf-8"
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(string: LiveReloadScript.source)))
        }
        router.get("__dossier/status") { [self] _, _ -> Response in
            let current = snapshot.get()
            let json =
                state.get().failure.map { Self.diagnosticsJSON($0, build: current.buildID) }
                ?? Self.buildJSON(current.buildID)
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
        }
        router.get("__dossier/events") { [self] _, _ -> Response in
            let stream = hub.subscribe(first: helloEvent())
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream"
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody { writer in
                    for await event in stream {
                        try await writer.write(ByteBuffer(string: event.text))
                    }
                    try await writer.finish(nil)
                })
        }
        var logger = Logger(label: "dossier.serve")
        logger.logLevel = .warning
        let timeout = serve.headerTimeout.components
        return Application(
            router: router,
            server: .http1(
                configuration: .init(
                    idleTimeout: .nanoseconds(timeout.seconds * 1_000_000_000 + timeout.attoseconds / 1_000_000_000))),
            configuration: .init(address: .hostname(serve.host, port: port), serverName: "Dossier preview"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }

    /// Serves on the requested port, or on the next free one when it is taken (said plainly).
    ///
    /// Binding is the test: a port probed free and bound a moment later could have been taken
    /// in between by another program.
    func serveOnFirstFreePort(onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        let candidates =
            serve.port == 0 || !serve.findFreePort ? [serve.port] : Array(serve.port..<min(serve.port + 20, 65536))
        for port in candidates {
            let requested = serve.port, say = say
            let app = makeApplication(port: port) { bound in
                if port != requested { say("Port \(requested) is in use; serving on port \(bound) instead.") }
                await onRunning(bound)
            }
            do {
                try await app.run()
                return
            } catch  where Self.isAddressInUse(error) {
                continue
            }
        }
        throw ServeError.portInUse(serve.port)
    }

    /// Whether a server failed because its port is taken (NIO reports the system's EADDRINUSE).
    static func isAddressInUse(_ error: Error) -> Bool {
        if let error = error as? IOError { return error.errnoCode == EADDRINUSE }
        return "\(error)".contains("Address already in use")
    }

    static func buildJSON(_ build: String, search: Int? = nil) -> String {
        guard let search else { return #"{"build":"\#(build)"}"# }
        return #"{"build":"\#(build)","search":\#(search)}"#
    }

    /// The search index's generation (`PreviewSearch.generation`), which `preview.json` also gives.
    static func searchJSON(_ generation: Int) -> String {
        #"{"search":\#(generation)}"#
    }

    static func diagnosticsJSON(_ diagnostics: [Diagnostic], build: String) -> String {
        struct Payload: Encodable {
            var build: String
            var diagnostics: [DiagnosticJSON.Entry]
        }
        return DiagnosticJSON.compact(Payload(build: build, diagnostics: diagnostics.map(DiagnosticJSON.Entry.init)))
    }
}

public enum ServeError: Error, CustomStringConvertible {
    case portInUse(Int)

    public var description: String {
        switch self {
        case .portInUse(let port):
            return "port \(port) is in use (and the next ones too); choose another with --port"
        }
    }
}

/// What the preview keeps from one rebuild to the next.
struct PreviewState: Sendable {
    /// The last good build: its report (with its event cards in `PreviewServer.cards`), its
    /// templates (used again while only event files change) and its pages (`IncrementalBuild.samePages`).
    var lastGood: (report: Report, templates: TemplateSet?, pages: [PageKinds.Page])?
    /// Files changed since the last good build (by builds that failed): an edit after a failed
    /// build must not reuse what the failed one would have replaced.
    var unsettled: [String] = []
    /// The errors of the last build, when it failed: shown over the last good site.
    var failure: [Diagnostic]?
    /// How many builds changed the site (in its build id).
    var generation = 0
}
