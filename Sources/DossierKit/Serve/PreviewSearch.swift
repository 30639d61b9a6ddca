import Foundation

/// The preview's search index: made by Pagefind after the first build, and again after edits,
/// on a thread of its own, off the edit-to-reload path.
///
/// A rebuild only asks for a refresh and returns; the refresh waits until edits have been quiet
/// for `quiet`, writes the snapshot's pages to a scratch folder (Pagefind reads files), runs
/// Pagefind at a lower priority, and puts the index into the snapshot under `pagefind/` in one
/// step. Pages reload at once with the new content; the search shows it a few seconds later
/// (at 10,000 events Pagefind takes about 15 s). Edits during a run cause one more run after it.
final class PreviewSearch: Sendable {
    let pagefind: Pagefind
    /// How long after the last rebuild a refresh starts, so a burst of edits makes one index.
    let quiet: Duration
    private let scratch: URL
    private let state = Locked(State())
    private let say: @Sendable (String) -> Void

    private struct State {
        var running = false
        var wanted = false
        var lastAsked = ContinuousClock.now
        /// The language of the report the index is for (Pagefind's word stemming).
        var language = "en"
        var runs = 0
        /// The pages the last index held (those with `data-pagefind-body`).
        var indexed: Set<String>? = nil
    }

    init(pagefind: Pagefind, quiet: Duration = .seconds(1), say: @escaping @Sendable (String) -> Void) {
        self.pagefind = pagefind
        self.quiet = quiet
        self.say = say
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-search-\(UUID().uuidString)")
    }

    deinit {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// How many indexes have been put into the snapshot (for tests).
    var completedRuns: Int { state.get().runs }

    /// Asks for the index of the site as it now is; returns at once.
    /// - Parameters:
    ///   - snapshot: the preview's site, read when the refresh runs and updated with the index.
    ///   - language: the report's language.
    func refresh(_ snapshot: Locked<SiteSnapshot>, language: String) {
        let start = state.update { state -> Bool in
            state.wanted = true
            state.lastAsked = .now
            state.language = language
            if state.running { return false }
            state.running = true
            return true
        }
        guard start else { return }
        Thread.detachNewThread { [self] in run(snapshot) }
    }

    private func run(_ snapshot: Locked<SiteSnapshot>) {
        while true {
            // Wait until no rebuild has asked for `quiet`.
            while true {
                let wait = state.get().lastAsked + quiet - .now
                if wait <= .zero { break }
                Thread.sleep(forTimeInterval: Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
            }
            let language = state.update { state -> String? in
                guard state.wanted else {
                    state.running = false
                    return nil
                }
                state.wanted = false
                return state.language
            }
            guard let language else { return }
            do {
                let started = ContinuousClock.now
                let (files, pages) = try index(snapshot.get(), language: language)
                snapshot.update { $0 = $0.replacingFiles(under: Pagefind.folder + "/", with: files) }
                let first = state.update { state -> Bool in
                    state.runs += 1
                    return state.runs == 1
                }
                if first {
                    let seconds = (ContinuousClock.now - started).milliseconds / 1000
                    say("Search: Pagefind \(pagefind.version) indexed \(Counted.text(pages, "page")) in \(String(format: "%.1f", seconds)) s; it indexes again in the background after edits.")
                }
            } catch {
                say("Search: the preview's index could not be made: \(error)")
            }
        }
    }

    /// Pagefind's index of the snapshot's pages, as files of the site.
    private func index(_ site: SiteSnapshot, language: String) throws -> (files: [String: Data], pages: Int) {
        let pages = scratch.appendingPathComponent("site"), output = scratch.appendingPathComponent("index")
        try? FileManager.default.removeItem(at: pages)
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        // Only the pages the theme marks for search (`data-pagefind-body`). A page put off after
        // an edit (the lists of events) is made here only if the last index held it: making
        // every list again for an index that skips them would take the cores from the next edit.
        // (A source's list that an edit creates is indexed after the next full rebuild.)
        let before = state.get().indexed
        let paths = site.files.keys.filter { path in
            guard path.hasSuffix(".html"), !path.hasPrefix(Pagefind.folder + "/"), let file = site.files[path] else { return false }
            return !file.isDeferred || before.map { $0.contains(path) } ?? true
        }
        var marked = Set<String>()
        var folders = Set<String>()
        for path in paths { SitePaths.addFolders(of: path, to: &folders) }
        for folder in folders.sorted() where !folder.isEmpty {
            try FileManager.default.createDirectory(at: pages.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for path in paths where site.files[path]?.data.range(of: Data("data-pagefind-body".utf8)) != nil { marked.insert(path) }
        // A theme that marks nothing has every page indexed, as by `build`.
        for path in marked.isEmpty ? paths : Array(marked) {
            try site.files[path]?.data.write(to: pages.appendingPathComponent(path))
        }
        state.update { $0.indexed = marked.isEmpty ? nil : marked }
        let index = try pagefind.index(site: pages, into: output, language: language, niceness: 10)
        var files: [String: Data] = [:]
        for path in index.paths {
            files[path] = try Data(contentsOf: output.appendingPathComponent(String(path.dropFirst(Pagefind.folder.count + 1))))
        }
        try? FileManager.default.removeItem(at: pages)
        return (files, index.pages)
    }
}
