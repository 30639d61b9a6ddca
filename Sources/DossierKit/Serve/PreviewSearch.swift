import Foundation

/// The preview's search index: made by Pagefind after the first build, and again after edits,
/// on a thread of its own, off the edit-to-reload path.
///
/// A rebuild only asks for a refresh and returns; the refresh waits until edits have been quiet
/// for `quiet`, writes the snapshot's pages to a scratch folder (Pagefind reads files), runs
/// Pagefind at a lower priority, and puts the index into the snapshot under `pagefind/` in one
/// step. Pages reload at once with the new content; the search shows it when Pagefind is done
/// (seconds, or longer for a large report). Edits during a run cause one more run after it.
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
        var language: String? = "en"
        var runs = 0
    }

    /// Each page the last refresh read: the date of the version read, whether the theme marks it
    /// for search, and whether it is in the scratch folder. Used by the refresh thread only.
    private let pagesRead = Locked<[String: Page]>([:])

    private struct Page {
        var modified: Date
        var marked: Bool
        var written = false
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
    ///   - language: the report's language (nil for a report in several: `Pagefind.language(of:)`).
    func refresh(_ snapshot: Locked<SiteSnapshot>, language: String?) {
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
                Thread.sleep(
                    forTimeInterval: Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
            }
            // The language to index in (nil for a report in several), when a refresh is wanted.
            let wanted = state.update { state -> String?? in
                guard state.wanted else {
                    state.running = false
                    return nil
                }
                state.wanted = false
                return .some(state.language)
            }
            guard let wanted else { return }
            let language = wanted
            do {
                let started = ContinuousClock.now
                let (files, pages) = try index(snapshot.get(), language: language)
                snapshot.update { $0.replaceFiles(under: Pagefind.folder + "/", with: files) }
                let first = state.update { state -> Bool in
                    state.runs += 1
                    return state.runs == 1
                }
                if first {
                    let seconds = (ContinuousClock.now - started).milliseconds / 1000
                    say(
                        "Search: Pagefind \(pagefind.version) indexed \(Counted.text(pages, "page")) in \(String(format: "%.1f", seconds)) s; it indexes again in the background after edits."
                    )
                }
            } catch {
                say("Search: the preview's index could not be made: \(error)")
            }
        }
    }

    /// Pagefind's index of the snapshot's pages, as files of the site.
    ///
    /// The scratch folder is kept between refreshes: only the pages that changed since the last
    /// one are read and written again (an edit changes a few of 10,000).
    private func index(_ site: SiteSnapshot, language: String?) throws -> (files: [String: Data], pages: Int) {
        let pages = scratch.appendingPathComponent("site"), output = scratch.appendingPathComponent("index")
        let manager = FileManager.default
        var read = pagesRead.get()
        // Until this refresh ends, the folder is not known: one that fails starts the next afresh.
        pagesRead.set([:])
        if read.isEmpty { try? manager.removeItem(at: pages) }
        try manager.createDirectory(at: pages, withIntermediateDirectories: true)
        // Only the pages the theme marks for search (`data-pagefind-body`). A page put off after
        // an edit (the lists of events) is made here only if the last index held it: making
        // every list again for an index that skips them would take the cores from the next edit.
        // (A source's list that an edit creates is indexed after the next full rebuild.)
        let marker = Data("data-pagefind-body".utf8)
        var current = Set<String>()
        for (path, file) in site.files where path.hasSuffix(".html") && !path.hasPrefix(Pagefind.folder + "/") {
            let before = read[path]
            if file.isDeferred, !(before?.marked ?? read.isEmpty) { continue }
            current.insert(path)
            if before?.modified != file.modified {
                // Changed since it was read: written again below.
                read[path] = Page(modified: file.modified, marked: file.data.range(of: marker) != nil)
                if before?.written == true { try? manager.removeItem(at: pages.appendingPathComponent(path)) }
            }
        }
        // A theme that marks nothing has every page indexed, as by `build`.
        let everything = !read.contains { current.contains($0.key) && $0.value.marked }
        for (path, page) in read {
            let wanted = current.contains(path) && (page.marked || everything)
            if wanted, !page.written, let data = site.files[path]?.data {
                let url = pages.appendingPathComponent(path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
                read[path]?.written = true
            } else if !wanted, page.written {
                try? manager.removeItem(at: pages.appendingPathComponent(path))
                read[path]?.written = false
            }
            if !current.contains(path) { read[path] = nil }
        }
        pagesRead.set(read)
        let index = try pagefind.index(site: pages, into: output, language: language, niceness: 10)
        var files: [String: Data] = [:]
        for path in index.paths {
            files[path] = try Data(
                contentsOf: output.appendingPathComponent(String(path.dropFirst(Pagefind.folder.count + 1))))
        }
        return (files, index.pages)
    }
}
