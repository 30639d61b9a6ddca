import Foundation

/// The preview's search index, kept current in the background, off the edit-to-reload path, in
/// two layers that the search page puts together:
///
/// - **the full index** (`pagefind/`): Pagefind over every page the theme marks for search, made
///   after the first build and again once edits have been quiet for `settle`, at a lower
///   priority (about 11 s at 10,000 events);
/// - **the edit's index** (`pagefind/preview/`): Pagefind over only the pages that changed since
///   the full index was made, made `quiet` after each rebuild (an edit changes a few pages:
///   well under a second).
///
/// Pagefind cannot replace one page of an index, so the search page (`assets/search.js`, which
/// the live-reload script tells it is in a preview) merges the edit's index over the full one
/// (Pagefind's `mergeIndex`) and leaves out the full index's older versions of the pages that
/// changed: each page of the full index carries a filter `dossier-page` with a number of its
/// own, and `pagefind/preview.json` lists the numbers of the pages changed or removed since.
/// Each new index is announced (`announce`: the live-reload stream's `search` event), and open
/// search pages search again.
final class PreviewSearch: Sendable {
    let pagefind: Pagefind
    /// How long after the last rebuild the edit's index is made, so a burst of saves makes one.
    let quiet: Duration
    /// How long edits must have stopped before the full index is made again.
    let settle: Duration
    private let scratch: URL
    private let state = Locked(State())
    private let say: @Sendable (String) -> Void
    private let announce: @Sendable (Int) -> Void
    /// Say how long each index of an edit's pages took (`serve --timings`).
    private let timings: Bool

    /// The manifest the search page reads, and the folder of the edit's index, in the site.
    static let manifestPath = Pagefind.folder + "/preview.json"
    static let deltaFolder = Pagefind.folder + "/preview/"
    /// The filter that numbers the full index's pages (never shown: the theme lists its own filters).
    static let pageFilter = "dossier-page"

    private struct State {
        var lastAsked = ContinuousClock.now
        /// The language of the report the index is for (Pagefind's word stemming); nil for several.
        var language: String? = "en"
        var fullWanted = false, fullRunning = false
        /// An edit changed so much (a template's) that the full index is made at once instead.
        var fullSoon = false
        var deltaWanted = false, deltaRunning = false
        /// The pages of the last full index, by path (empty until it is made).
        var base: [String: IndexedPage] = [:]
        /// Whether the theme marks no page, so that every page is indexed (as by `build`).
        var everything = false
        /// The files of each layer, relative to their folder, and what the manifest says.
        var full: [String: Data] = [:]
        var delta: [String: Data] = [:]
        var deltaLanguages: [String] = []
        var stale: [Int] = []
        /// How many times the index was put into the site; the search page compares it.
        var generation = 0
        var fullRuns = 0, deltaRuns = 0
    }

    /// A page as the full index read it: the version read, whether the theme marks it for search,
    /// whether it is in the index, and its number there.
    private struct IndexedPage: Sendable {
        var modified: Date
        var marked: Bool
        var indexed: Bool
        var number: Int
    }

    /// Each page in the full index's scratch folder: the version written there, if any. Kept
    /// between full indexes, so only the pages that changed are written again (an edit changes a
    /// few of 10,000). Used by the full index's thread only.
    private let scratchPages = Locked<[String: ScratchPage]>([:])
    /// Each page's number in the full index: kept for the preview's life, so that a number in a
    /// manifest means the same page in every full index.
    private let numbers = Locked(Numbers())

    private struct ScratchPage {
        var modified: Date
        var marked: Bool
        var written = false
    }

    private struct Numbers {
        var byPath: [String: Int] = [:]
        mutating func of(_ path: String) -> Int {
            if let number = byPath[path] { return number }
            let number = byPath.count + 1
            byPath[path] = number
            return number
        }
    }

    init(
        pagefind: Pagefind, quiet: Duration = .milliseconds(300), settle: Duration = .seconds(10),
        timings: Bool = false, say: @escaping @Sendable (String) -> Void,
        announce: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.timings = timings
        self.pagefind = pagefind
        self.quiet = quiet
        self.settle = settle
        self.say = say
        self.announce = announce
        scratch = ScratchFolders.make(prefix: "dossier-search")
    }

    deinit {
        ScratchFolders.remove(scratch)
    }

    /// How many full indexes have been put into the snapshot (for tests).
    var completedRuns: Int { state.get().fullRuns }
    /// How many edit's indexes have been put into the snapshot (for tests).
    var deltaRuns: Int { state.get().deltaRuns }
    /// How many times the index in the snapshot changed (the live-reload stream says it).
    var generation: Int { state.get().generation }

    /// Asks for the index of the site as it now is; returns at once.
    /// - Parameters:
    ///   - snapshot: the preview's site, read when the index is made and updated with it.
    ///   - language: the report's language (nil for a report in several: `Pagefind.language(of:)`).
    func refresh(_ snapshot: Locked<SiteSnapshot>, language: String?) {
        let (startFull, startDelta) = state.update { state -> (Bool, Bool) in
            state.lastAsked = .now
            state.language = language
            state.fullWanted = true
            // Until the first full index, there is nothing for an edit's index to go over.
            if !state.base.isEmpty { state.deltaWanted = true }
            let startFull = !state.fullRunning
            let startDelta = state.deltaWanted && !state.deltaRunning
            state.fullRunning = true
            if startDelta { state.deltaRunning = true }
            return (startFull, startDelta)
        }
        if startFull { Thread.detachNewThread { [self] in runFull(snapshot) } }
        if startDelta { Thread.detachNewThread { [self] in runDeltas(snapshot) } }
    }

    /// Sleeps until no rebuild has asked for `wait` (of the first full index: `quiet`).
    private func waitForQuiet(_ wait: (State) -> Duration) {
        while true {
            let left = state.update { $0.lastAsked + wait($0) - .now }
            if left <= .zero { return }
            let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
            Thread.sleep(forTimeInterval: min(seconds, 0.25))
        }
    }

    private func runFull(_ snapshot: Locked<SiteSnapshot>) {
        while true {
            waitForQuiet { [quiet, settle] in $0.base.isEmpty || $0.fullSoon ? quiet : settle }
            let wanted = state.update { state -> String?? in
                guard state.fullWanted else {
                    state.fullRunning = false
                    return nil
                }
                state.fullWanted = false
                state.fullSoon = false
                return .some(state.language)
            }
            guard let wanted else { return }
            do {
                let started = ContinuousClock.now
                let made = try indexEverything(snapshot.get(), language: wanted)
                let first = state.update { state -> Bool in
                    state.base = made.base
                    state.everything = made.everything
                    state.full = made.files
                    state.fullRuns += 1
                    return state.fullRuns == 1
                }
                publish(snapshot)
                if first {
                    let seconds = (ContinuousClock.now - started).milliseconds / 1000
                    say(
                        "Search: Pagefind \(pagefind.version) indexed \(Counted.text(made.pages, "page")) in \(String(format: "%.1f", seconds)) s; after an edit it indexes the pages that changed, and all of them again once edits stop."
                    )
                }
                // The edit's index is now measured against this one: made again, often empty.
                let startDelta = state.update { state -> Bool in
                    state.deltaWanted = true
                    if state.deltaRunning { return false }
                    state.deltaRunning = true
                    return true
                }
                if startDelta { Thread.detachNewThread { [self] in runDeltas(snapshot) } }
            } catch {
                say("Search: the preview's index could not be made: \(error)")
            }
        }
    }

    private func runDeltas(_ snapshot: Locked<SiteSnapshot>) {
        while true {
            waitForQuiet { [quiet] _ in quiet }
            let wanted = state.update { state -> (String?, [String: IndexedPage], Bool)? in
                guard state.deltaWanted, !state.base.isEmpty else {
                    state.deltaRunning = false
                    return nil
                }
                state.deltaWanted = false
                return (state.language, state.base, state.everything)
            }
            guard let (language, base, everything) = wanted else { return }
            do {
                guard
                    let made = try indexChanges(
                        snapshot.get(), since: base, everything: everything, language: language)
                else {
                    state.update { $0.fullSoon = true }
                    continue
                }
                state.update { state in
                    state.delta = made.files
                    state.deltaLanguages = made.languages
                    state.stale = made.stale
                    state.deltaRuns += 1
                }
                publish(snapshot)
            } catch {
                say("Search: the index of the pages an edit changed could not be made: \(error)")
            }
        }
    }

    /// Puts both layers and the manifest into the site in one step, and says so.
    private func publish(_ snapshot: Locked<SiteSnapshot>) {
        let generation = snapshot.update { site -> Int in
            // Under the snapshot's lock: two layers finishing together cannot put an older pair last.
            let (files, generation) = state.update { state -> ([String: Data], Int) in
                state.generation += 1
                var files: [String: Data] = [:]
                for (path, data) in state.full { files[Pagefind.folder + "/" + path] = data }
                for (path, data) in state.delta { files[Self.deltaFolder + path] = data }
                files[Self.manifestPath] = Self.manifest(
                    generation: state.generation, hasIndex: !state.delta.isEmpty, languages: state.deltaLanguages,
                    stale: state.stale)
                return (files, state.generation)
            }
            site.replaceFiles(under: Pagefind.folder + "/", with: files)
            return generation
        }
        announce(generation)
    }

    /// `pagefind/preview.json`: which index to merge over the full one (relative to the full
    /// one's folder), in which languages, and the numbers of the full index's pages to leave out.
    static func manifest(generation: Int, hasIndex: Bool, languages: [String], stale: [Int]) -> Data {
        let object: [String: Any] = [
            "generation": generation,
            "index": hasIndex ? "preview/" : NSNull(),
            "languages": languages.sorted(),
            "stale": stale.sorted().map(String.init),
        ]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
    }

    private struct FullIndex {
        var files: [String: Data]
        var pages: Int
        var base: [String: IndexedPage]
        var everything: Bool
    }

    /// Pagefind's index of every marked page of the snapshot, each numbered with `pageFilter`.
    private func indexEverything(_ site: SiteSnapshot, language: String?) throws -> FullIndex {
        let pages = scratch.appendingPathComponent("site"), output = scratch.appendingPathComponent("index")
        let manager = FileManager.default
        var read = scratchPages.get()
        // Until this index is made, the folder is not known: one that fails starts the next afresh.
        scratchPages.set([:])
        if read.isEmpty { try? manager.removeItem(at: pages) }
        try manager.createDirectory(at: pages, withIntermediateDirectories: true)
        // Only the pages the theme marks for search (`data-pagefind-body`). A page put off after
        // an edit (the lists of events) is made here only if the last index held it: making
        // every list again for an index that skips them would take the cores from the next edit.
        // (A source's list that an edit creates is indexed after the next full rebuild.)
        var current = Set<String>()
        for (path, file) in site.files where Self.isPage(path) {
            let before = read[path]
            if file.isDeferred, !(before?.marked ?? read.isEmpty) { continue }
            current.insert(path)
            if before?.modified != file.modified {
                // Changed since it was read: written again below.
                read[path] = ScratchPage(modified: file.modified, marked: Self.isMarked(file.data))
                if before?.written == true { try? manager.removeItem(at: pages.appendingPathComponent(path)) }
            }
        }
        // A theme that marks nothing has every page indexed, as by `build`.
        let everything = !read.contains { current.contains($0.key) && $0.value.marked }
        var base: [String: IndexedPage] = [:]
        for (path, page) in read {
            guard current.contains(path) else {
                if page.written { try? manager.removeItem(at: pages.appendingPathComponent(path)) }
                read[path] = nil
                continue
            }
            let wanted = page.marked || everything
            let number = numbers.update { $0.of(path) }
            if wanted, !page.written, let data = site.files[path]?.data {
                let url = pages.appendingPathComponent(path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Self.numbered(data, number).write(to: url)
                read[path]?.written = true
            } else if !wanted, page.written {
                try? manager.removeItem(at: pages.appendingPathComponent(path))
                read[path]?.written = false
            }
            base[path] = IndexedPage(modified: page.modified, marked: page.marked, indexed: wanted, number: number)
        }
        scratchPages.set(read)
        let index = try pagefind.index(site: pages, into: output, language: language, niceness: 10)
        return FullIndex(
            files: try Self.files(of: index, in: output), pages: index.pages, base: base, everything: everything)
    }

    private struct Changes {
        var files: [String: Data]
        var languages: [String]
        var stale: [Int]
    }

    /// Pagefind's index of the marked pages that changed since the full index (`base`) was made,
    /// and the numbers of the full index's pages that changed or are gone; nil when they are a
    /// quarter of the index or more (an edit of a template changes every page): the full index
    /// is then made at once, at a lower priority, rather than twice.
    private func indexChanges(
        _ site: SiteSnapshot, since base: [String: IndexedPage], everything: Bool, language: String?
    ) throws -> Changes? {
        let started = ContinuousClock.now
        var found: [(path: String, file: SiteSnapshot.File, before: IndexedPage?)] = [], seen = Set<String>()
        for (path, file) in site.files where Self.isPage(path) {
            let before = base[path]
            // As the full index: a list put off after an edit only if the index holds it.
            if file.isDeferred, before?.marked != true { continue }
            seen.insert(path)
            if let before, before.modified == file.modified { continue }
            found.append((path, file, before))
        }
        // The lists put off by the edit are made now (on both cores), so not compared when the
        // rebuild was: most are as they were, which the full index's copy of the page tells.
        let copies = scratch.appendingPathComponent("site"), candidates = found
        let sameAsIndexed = ResultSlots<Bool>(count: candidates.count)
        DispatchQueue.concurrentPerform(iterations: candidates.count) { index in
            let (path, file, before) = candidates[index]
            guard file.isDeferred, let before else { return }
            let copy = try? Data(contentsOf: copies.appendingPathComponent(path))
            sameAsIndexed.set(index, copy == Self.numbered(file.data, before.number))
        }
        var changed: [(path: String, data: Data)] = [], stale: [Int] = []
        for (index, same) in sameAsIndexed.values.enumerated() where same != true {
            let (path, file, before) = candidates[index]
            if let before, before.indexed { stale.append(before.number) }
            let data = file.data
            if everything || Self.isMarked(data) { changed.append((path, data)) }
        }
        let made = candidates.count { $0.file.isDeferred && $0.before != nil }
        let same = sameAsIndexed.values.count { $0 == true }
        let compared = ContinuousClock.now
        defer {
            if timings {
                let total = (ContinuousClock.now - started).milliseconds, read = (compared - started).milliseconds
                say(
                    "Search: \(Counted.text(changed.count, "changed page")) indexed in \(Int(total)) ms (finding them \(Int(read)) ms, of \(Counted.text(made, "list")) put off by the edit made for it \(same) as they were)"
                )
            }
        }
        for (path, page) in base where page.indexed && !seen.contains(path) { stale.append(page.number) }
        guard !changed.isEmpty else { return Changes(files: [:], languages: [], stale: stale) }
        guard max(changed.count, stale.count) * 4 < base.values.count(where: \.indexed) else { return nil }
        let pages = scratch.appendingPathComponent("changed-site"),
            output = scratch.appendingPathComponent("changed-index")
        let manager = FileManager.default
        try? manager.removeItem(at: pages)
        for (path, data) in changed {
            let url = pages.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        let index = try pagefind.index(site: pages, into: output, language: language)
        let entry = try? JSONSerialization.jsonObject(
            with: Data(contentsOf: output.appendingPathComponent("pagefind-entry.json")))
        let languages = ((entry as? [String: Any])?["languages"] as? [String: Any]).map { Array($0.keys) } ?? []
        return Changes(files: try Self.files(of: index, in: output), languages: languages, stale: stale)
    }

    /// An index's files, by path relative to its folder.
    private static func files(of index: Pagefind.Index, in output: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in index.paths {
            let relative = String(path.dropFirst(Pagefind.folder.count + 1))
            files[relative] = try Data(contentsOf: output.appendingPathComponent(relative))
        }
        return files
    }

    private static func isPage(_ path: String) -> Bool {
        path.hasSuffix(".html") && !path.hasPrefix(Pagefind.folder + "/")
    }

    private static let marker = Data("data-pagefind-body".utf8)

    private static func isMarked(_ data: Data) -> Bool { data.range(of: marker) != nil }

    /// The page with its number as a filter (Pagefind reads filters anywhere in a page), before
    /// its last `</body>`.
    static func numbered(_ page: Data, _ number: Int) -> Data {
        BodyEnd.inserting(Data("<span data-pagefind-filter=\"\(pageFilter):\(number)\"></span>".utf8), into: page)
    }
}
