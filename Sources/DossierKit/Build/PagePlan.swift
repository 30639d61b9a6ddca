import Foundation

/// The pages of one run: every page of the site, and of them the ones rendered now (render
/// jobs) and the ones the preview renders when first asked for. A build renders them all; a
/// preview rebuild, what its `IncrementalBuild` rules say.
struct PagePlan {
    /// Every page of the site.
    var all: [PageKinds.Page]
    /// Whether `all` is the previous build's list, kept (`IncrementalBuild.samePages`).
    var isSameList: Bool
    /// The pages an edit of content touched; nil when every page is rendered.
    var rebuild: RebuildPlan?
    /// The pages to render now.
    var jobs: [SiteRenderer.PageJob]
    /// The pages put off, each rendered when first asked for.
    var deferred: [OutputFile]
    /// The number the read book gave this run's putting off (`PageReadBook.nextPutOff`).
    var putOff: UInt64 = 0

    /// Which pages to render, and how.
    /// - Parameter pages: the site's pages, when the caller listed them already.
    init(
        _ renderer: inout SiteRenderer, incremental: IncrementalBuild?, keepsFiles: Bool, timer: inout PhaseTimer,
        pages: [PageKinds.Page]? = nil
    ) {
        let report = renderer.report
        let same = timer.measure("pages") { incremental?.samePages(report) }
        all = same ?? pages ?? renderer.pages()
        isSameList = same != nil
        var planned = all
        if let incremental {
            let all = all, isSameList = isSameList
            rebuild = timer.measure("plan") {
                incremental.plan(report, pagePaths: all.map(\.path), samePageList: isSameList)
            }
            renderer.cards = incremental.cards
            if let rebuild { planned = all.filter { rebuild.pages.contains($0.path) } }
        }
        deferred = []
        if let incremental, rebuild != nil, keepsFiles {
            let putsOff = incremental.putsOff(report)
            var listing = renderer
            listing.cards = renderer.cards.copy()
            let book = incremental.book, putOff = book.nextPutOff()
            self.putOff = putOff
            deferred = listing.jobs(planned.filter(putsOff)).map { job in
                OutputFile(
                    path: job.path,
                    contents: .deferred(
                        DeferredData {
                            let (html, reads) = job.render()
                            book.recordMade(reads, for: job.path, putOff: putOff)
                            return Data(html.utf8)
                        }))
            }
            planned.removeAll(where: putsOff)
        }
        jobs = renderer.jobs(planned)
    }

    /// What the run rendered, for the preview (an incremental run renders those an edit touched).
    var rendered: SiteBuilder.Rendered { SiteBuilder.Rendered(paths: Set(jobs.map(\.path)), all: rebuild == nil) }
}
