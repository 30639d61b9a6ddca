import Foundation

/// Which pages the preview renders again after an edit: every page that read (`PageReads`) a
/// part of the report the edit changed (`ReportChanges`), and every page it has no reads for
/// (new pages, and pages whose rendering was put off). The others are kept from the previous
/// build: all they read is as it was, so they would render to the same bytes.
///
/// Nothing here knows what any page shows; a page kind records its reads where it makes its
/// view. `IncrementalRebuildTests` checks, over random edits, that the result is the same,
/// byte for byte, as building everything, and that it is not when a read is forgotten.
struct RebuildPlan {
    let changes: ReportChanges
    /// Paths of the pages to render again.
    let pages: Set<String>

    /// - Parameter reads: what each page of the previous build read.
    init(old: Report, new: Report, reads: [String: Set<PageInput>], pagePaths: [String]) {
        let changes = ReportChanges(old: old, new: new)
        self.changes = changes
        let changed = changes.inputs
        // Every page is looked at (50,000 and more): in parts, on every core.
        let part = 4096
        let parts = (pagePaths.count + part - 1) / part
        let found = ResultSlots<[String]>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { index in
            found.set(index, pagePaths[(index * part)..<min(pagePaths.count, (index + 1) * part)].filter { path in
                guard let read = reads[path] else { return true }
                // An edit changes few inputs and a page reads a few dozen: look the fewer up in the more.
                return changed.count <= read.count ? changed.contains(where: read.contains) : read.contains(where: changed.contains)
            })
        }
        pages = Set(found.values.lazy.compactMap { $0 }.joined())
    }
}
