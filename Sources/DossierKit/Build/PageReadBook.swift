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
        /// Pages of the site with no reads: put off by the last rebuild that planned them.
        var unread: Set<String> = []

        mutating func forget(_ path: String) {
            unread.remove(path)
            guard let old = reads.removeValue(forKey: path) else { return }
            for input in old { removeReader(path, of: input) }
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

    /// The pages recorded as put off (`record(nil, …)`) and not rendered since.
    var unread: Set<String> { store.withLockedValue(\.unread) }

    /// Records what the page at `path` read as it was rendered, or nil when it was put off.
    func record(_ inputs: Set<PageInput>?, for path: String) {
        store.withLockedValue { store in
            guard let inputs else {
                store.forget(path)
                store.unread.insert(path)
                return
            }
            store.unread.remove(path)
            // A page rendered again mostly reads what it read before (a month page, its
            // hundreds of events): only the difference changes the readers.
            let old = store.reads.updateValue(inputs, forKey: path) ?? []
            for input in old where !inputs.contains(input) { store.removeReader(path, of: input) }
            for input in inputs where !old.contains(input) { store.readers[input, default: []].insert(path) }
        }
    }

    /// Forgets the pages that are not in `paths` (pages came and went).
    func keep(only paths: Set<String>) {
        store.withLockedValue { store in
            let gone = store.reads.keys.filter { !paths.contains($0) }
            for path in gone { store.forget(path) }
            store.unread.formIntersection(paths)
        }
    }

    func removeAll() {
        store.withLockedValue { $0 = Store() }
    }
}
