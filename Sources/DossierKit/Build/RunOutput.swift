import Foundation

/// Where the files of one run go as they are made: nowhere (`check`), into memory (the
/// preview), or into a staging folder that `build` swaps in when everything passed. The first
/// error writing is kept; after it, pages are not rendered (a site that cannot be written is
/// not worth rendering) and the run reports it.
final class RunOutput: Sendable {
    enum Destination {
        /// Nowhere: `check` renders and checks links only.
        case discard
        /// Into memory, for the preview server.
        case memory
        /// Into a staging folder, swapped in by `build` when everything passed.
        case staging(SiteWriter.Staging)

        var keepsFiles: Bool {
            if case .memory = self { return true }
            return false
        }
    }

    let destination: Destination
    private let pages: ResultSlots<String>
    private let reads: ResultSlots<Set<PageInput>>
    private let support = Locked<[OutputFile]>([])
    private let error = ResultSlots<Error>(count: 1)
    private let pageFolders = DispatchGroup()

    init(_ destination: Destination, pageCount: Int) {
        self.destination = destination
        pages = ResultSlots(count: destination.keepsFiles ? pageCount : 0)
        reads = ResultSlots(count: destination.keepsFiles ? pageCount : 0)
    }

    /// The first error writing, if any.
    var failure: Error? { error.values.first.flatMap { $0 } }

    /// Makes the folders of the support files now, and the pages' on another thread: one per
    /// page (10,000 mkdirs at 10,000 events, all kernel time on one core) while the feed and
    /// downloads are made, which leave a core idle part of the time.
    func prepareFolders(support supportPaths: [String], pages pagePaths: [String]) {
        guard case .staging(let staging) = destination else { return }
        // A recycled folder first loses what the new site does not have.
        staging.keepOnly(Set(supportPaths + pagePaths))
        do {
            try staging.prepareFolders(for: supportPaths)
        } catch {
            self.error.set(0, error)
        }
        DispatchQueue.global().async(group: pageFolders) {
            do { try staging.prepareFolders(for: pagePaths) } catch { self.error.set(0, error) }
        }
    }

    func waitForFolders() { pageFolders.wait() }

    func write(support files: [OutputFile]) {
        switch destination {
        case .discard: break
        case .memory: support.update { $0 += files }
        case .staging(let staging):
            for file in files {
                do { try staging.write(file) } catch { self.error.set(0, error) }
            }
        }
    }

    /// A rendered page, the `index`th of the run's jobs.
    func write(page index: Int, path: String, html: String, reads pageReads: Set<PageInput>, costs: RenderCosts) {
        switch destination {
        case .discard: break
        case .memory:
            pages.set(index, html)
            reads.set(index, pageReads)
        case .staging(let staging):
            costs.measure("write") {
                do { try staging.write(OutputFile(path: path, text: html)) } catch { self.error.set(0, error) }
            }
        }
    }

    /// What the preview keeps: the pages rendered, the support files, the pages put off.
    func files(jobs: [SiteRenderer.PageJob], deferred: [OutputFile]) -> [OutputFile] {
        guard destination.keepsFiles else { return [] }
        return zip(jobs, pages.values).map { OutputFile(path: $0.path, text: $1 ?? "") } + support.get() + deferred
    }

    /// What each rendered page read, in the order of the jobs (kept in memory only).
    var pageReads: [Set<PageInput>?] { reads.values }
}
