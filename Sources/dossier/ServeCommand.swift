import ArgumentParser
import DossierKit
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site in a browser, rebuilding and reloading it as you save.",
        discussion: """
            Builds the site into memory (Site/ is not touched) and serves it on http://127.0.0.1:8000/. \
            Saving a file in the content or templates folder rebuilds the site; open pages reload by \
            themselves, and a build error is shown over the page until it is fixed.
            """
    )

    @OptionGroup var folders: FolderOptions

    @Option(help: "Port to listen on; when it is taken, the next free one is used.")
    var port = 8000

    @Option(help: "Address to listen on. Anything but loopback makes the preview visible to other machines.")
    var host = "127.0.0.1"

    @Option(
        name: .customLong("allow-host"),
        help: ArgumentHelp(
            "Also answer requests for this host name (repeatable). localhost and loopback addresses are always answered; other names are refused, against DNS rebinding.",
            valueName: "name"))
    var allowedHosts: [String] = []

    @Option(
        help: ArgumentHelp(
            "Seconds without edits before search indexes every page again. The pages an edit changes are searchable within seconds either way; on a large report the full index takes a while of both cores.",
            valueName: "seconds"))
    var searchSettle: Double = 10

    @Flag(help: "Open the site in the default browser.")
    var open = false

    @Flag(help: "Print how long each step of every rebuild took.")
    var timings = false

    func run() async throws {
        guard searchSettle >= 0, searchSettle.isFinite else {
            throw ValidationError("--search-settle takes a number of seconds, 0 or more.")
        }
        let options = ServeOptions(
            host: host, port: port, timings: timings, allowedHosts: allowedHosts,
            searchSettle: .milliseconds(Int64(min(searchSettle, 86_400) * 1000)))
        if !options.isLoopback {
            FileHandle.standardError.write(
                Data("warning: serving on \(host): other machines on the network can see this preview.\n".utf8))
        }
        // Ctrl-C ends the preview at once: there is nothing to save.
        // So does `kill`: `exit` removes the preview's scratch folders (`ScratchFolders`).
        signal(SIGINT) { _ in Foundation.exit(0) }
        signal(SIGTERM) { _ in Foundation.exit(0) }
        let build = folders.buildOptions
        if build.search == nil, !folders.noSearch {
            Self.say(
                "Search: not in this preview, as Pagefind is not installed; to add search, \(Pagefind.installHint).")
        }
        let server = PreviewServer(build: build, serve: options, say: Self.say)
        let open = open, host = host
        do {
            try await server.run { port in
                let address = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/"
                Self.say("Serving at \(address) (Ctrl-C to stop)")
                if open { Self.openInBrowser(address) }
            }
        } catch let error as ServeError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// Unbuffered, so reports appear at once even when the output is a pipe.
    @Sendable static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func openInBrowser(_ address: String) {
        let process = Process()
        #if os(macOS)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/open")
        #else
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xdg-open")
        #endif
        process.arguments = [address]
        try? process.run()
    }
}
