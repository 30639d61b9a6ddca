/// Which pages the preview renders again after an edit: every page that read (`PageReads`) a
/// part of the report the edit changed (`ReportChanges`), and every page it has no reads for
/// (new pages, and pages whose rendering was put off). The others are kept from the previous
/// build: all they read is as it was, so they would render to the same bytes.
///
/// Nothing here knows what any page shows; a page kind records its reads where it makes its
/// view. `IncrementalPropertyTests` checks, over random edits, that the result is the same,
/// byte for byte, as building everything, and that it is not when a read is forgotten.
struct RebuildPlan {
    let changes: ReportChanges
    /// Paths of the pages to render again.
    let pages: Set<String>

    /// - Parameters:
    ///   - book: what each page of the previous build read.
    ///   - samePageList: whether the pages are those of the previous build (`IncrementalBuild.samePages`):
    ///     then every page has reads but those put off, and the others need no looking at.
    init(old: Report, new: Report, book: PageReadBook, pagePaths: [String], samePageList: Bool) {
        let changes = ReportChanges(old: old, new: new)
        self.changes = changes
        var pages = book.pages(reading: changes.inputs).union(book.unread)
        if !samePageList {
            pages.formUnion(book.unrecorded(among: pagePaths))
        }
        self.pages = pages
    }
}
