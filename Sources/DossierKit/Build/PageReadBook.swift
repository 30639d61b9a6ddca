import NIOConcurrencyHelpers

/// What each page of the preview's site read (`PageReads`), and the other way round: which pages
/// read each part of the report. The preview keeps one book across rebuilds and changes it in
/// place. With the reverse index a plan (`RebuildPlan`) costs the pages that read what an edit
/// changed, not a look at every page and a copy of the map to change it, which grow with the
/// site rather than with the edit. (The card cache keeps its readers the same way.)
final class PageReadBook: Sendable {
    private struct Store {
        var reads: [String: Set<PageInput>] = [:]
        var readers: [PageInput: Set<String>] = [:]
        /// Pages of the site with no reads: put off by the last rebuild that planned them, and
        /// not made since. Each with the number of that rebuild's putting off (`putOff`).
        var unread: [String: UInt64] = [:]
        var lastPutOff: UInt64 = 0

        mutating func forget(_ path: String) {
            unread[path] = nil
            guard let old = reads.removeValue(forKey: path) else { return }
            for input in old { removeReader(path, of: input) }
        }

        mutating func setReads(_ inputs: Set<PageInput>, of path: String) {
            // A page rendered again mostly reads what it read before (a month page, its
            // hundreds of events): only the difference changes the readers.
            let old = reads.updateValue(inputs, forKey: path) ?? []
            for input in old where !inputs.contains(input) { removeReader(path, of: input) }
            for input in inputs where !old.contains(input) { readers[input, default: []].insert(path) }
        }

        mutating func removeReader(_ path: String, of input: PageInput) {
            guard let index = readers.index(forKey: input) else { return }
            readers.values[index].remove(path)
            if readers.values[index].isEmpty { readers.remove(at: index) }
        }
    }

    private let store = NIOLockedValueBox(Store())

    init() {}

    /// Those of `paths` with no reads: never rendered, or put off.
    func unrecorded(among paths: [String]) -> [String] {
        store.withLockedValue { store in paths.filter { store.reads[$0] == nil } }
    }

    /// The pages that read any of `inputs`.
    func pages(reading inputs: some Sequence<PageInput>) -> Set<String> {
        store.withLockedValue { store in
            var pages = Set<String>()
            for input in inputs { if let readers = store.readers[input] { pages.formUnion(readers) } }
            return pages
        }
    }

    /// The pages recorded as put off and not made since: every rebuild plans them again.
    var unread: Set<String> { store.withLockedValue { Set($0.unread.keys) } }

    /// A number for the pages one rebuild puts off (`putOff(_:as:)`), which the page gives back
    /// when it is made (`recordMade`).
    func nextPutOff() -> UInt64 {
        store.withLockedValue { store in
            store.lastPutOff += 1
            return store.lastPutOff
        }
    }

    /// Records what the page at `path` read as it was rendered.
    func record(_ inputs: Set<PageInput>, for path: String) {
        store.withLockedValue { store in
            store.unread[path] = nil
            store.setReads(inputs, of: path)
        }
    }

    /// Records the page at `path` as having no reads (its rendering recorded none): every
    /// rebuild plans it until one renders it.
    func markUnread(_ path: String) { putOff(path, as: 0) }

    /// Records the page at `path` as put off by the rebuild numbered `putOff`: no reads yet.
    func putOff(_ path: String, as putOff: UInt64) {
        store.withLockedValue { store in
            store.forget(path)
            store.unread[path] = putOff
        }
    }

    /// Records what a put-off page read once it was made (asked for by the browser or by the
    /// preview's search index), when it is still the page the site holds: put off by the
    /// rebuild numbered `putOff` and by none since. Later rebuilds then plan it only when an
    /// edit changes what it read, as a page rendered with its rebuild; without this every
    /// edit planned (and the search index made) every list put off before.
    func recordMade(_ inputs: Set<PageInput>, for path: String, putOff: UInt64) {
        store.withLockedValue { store in
            guard store.unread[path] == putOff else { return }
            store.unread[path] = nil
            store.setReads(inputs, of: path)
        }
    }

    /// Forgets the pages that are not in `paths` (pages came and went).
    func keep(only paths: Set<String>) {
        store.withLockedValue { store in
            let gone = store.reads.keys.filter { !paths.contains($0) }
            for path in gone { store.forget(path) }
            store.unread = store.unread.filter { paths.contains($0.key) }
        }
    }

    func removeAll() {
        store.withLockedValue { $0 = Store() }
    }
}
