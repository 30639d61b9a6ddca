import Foundation

/// What the preview carries from one rebuild to the next, and its rules for what a rebuild may
/// take from the last one: the report's indexes, the theme, the page list, the cards, the
/// downloads and data scripts, and which pages to render now, later, or not at all.
///
/// A build without it (`dossier build`, `check`) renders everything. Every rule here is checked
/// by the tests that compare a rebuild with a clean build, byte for byte
/// (`IncrementalRebuildTests`, `IncrementalPropertyTests`).
struct IncrementalBuild {
    /// The report the previous site was rendered from (nil for the first build).
    var previous: Report?
    /// Cards of the previous build; those of changed events are dropped here.
    var cards: CardCache
    /// Whether only event files changed: the report's indexes may then be reused.
    var onlyEventsChanged: Bool
    /// Whether only content changed (not the theme, not static files): the previous theme
    /// is used again, and only the pages that read a changed part are rendered.
    var onlyContentChanged: Bool
    /// The theme of the previous build.
    var templates: TemplateSet? = nil
    /// What each page of the previous build read; this build records its pages' reads in it.
    var book = PageReadBook()
    /// The previous build's pages, reused when the edit cannot have changed them (`samePages`).
    var pages: [PageKinds.Page]? = nil
    /// For tests: reads to forget, to show that the incremental test notices.
    var forgetting: (@Sendable (PageInput) -> Bool)? = nil

    /// The report whose indexes the load may reuse.
    var sameIndexes: Report? { onlyEventsChanged ? previous : nil }
    /// The theme the build may use again without loading and checking it.
    var sameTheme: TemplateSet? { onlyContentChanged ? templates : nil }

    /// The previous build's page list, when the edit cannot have changed it: the report's
    /// indexes were reused (the same events in the same order, with the same dates, actors,
    /// sources and tags: `Report.replacingEvents`) and no event changed its type or country,
    /// which decide the type and country pages: listing the pages grows with the report, not
    /// with the edit.
    func samePages(_ report: Report) -> [PageKinds.Page]? {
        guard let pages, !pages.isEmpty, let previous, previous.indexes === report.indexes,
            previous.events.count == report.events.count
        else { return nil }
        for (old, new) in zip(previous.events, report.events) where old !== new {
            guard old.type == new.type, old.location?.country == new.location?.country else { return nil }
        }
        return pages
    }

    /// The pages an edit of content touched (nil after an edit of the theme: all of them), with
    /// the cards of changed events dropped; called before render jobs are made, which capture
    /// the card cache.
    func plan(_ report: Report, pagePaths: [String], samePageList: Bool) -> RebuildPlan? {
        guard onlyContentChanged, let previous else {
            cards.invalidate(nil)
            return nil
        }
        let plan = RebuildPlan(
            old: previous, new: report, book: book, pagePaths: pagePaths, samePageList: samePageList)
        cards.invalidate(plan.changes)
        return plan
    }

    /// Which pages are rendered when first asked for, rather than with the rebuild, as Hugo's
    /// server renders only the pages being viewed (`PreviewDeferral`): at 10,000 events the
    /// lists of every event are megabytes each and took most of a rebuild. Their cards are
    /// this build's, and what they link to follows from the page list, which is checked whole.
    func putsOff(_ report: Report) -> @Sendable (PageKinds.Page) -> Bool {
        // Pages that draw many events wait too when only events changed (the report's indexes
        // were reused): then no page, actor or topic came or went either.
        let onlyEvents = previous?.indexes === report.indexes
        return { page in
            switch page.kind.previewDeferral {
            case .never: false
            case .afterContentEdits: true
            case .afterEventEdits: onlyEvents
            }
        }
    }

    /// The preview makes the data downloads only when they are asked for, and keeps the ones
    /// it has when no event changed (a template or stylesheet edit).
    func downloads(_ plan: RebuildPlan?, _ report: Report) -> SiteRenderer.Downloads {
        // The downloads hold the events and the report's title.
        if let plan {
            return plan.changes.contains(.everyEvent) || plan.changes.contains(.config) ? .deferred : .unchanged
        }
        guard let previous else { return .deferred }
        let same =
            previous.config.title == report.config.title && previous.events.count == report.events.count
            && zip(previous.events, report.events).allSatisfy { $0.hasSameContent(as: $1) }
        return same ? .unchanged : .deferred
    }

    /// Whether the data scripts (`map/places.js`, the filter's index: events, actors' names,
    /// topics, the theme's words and outlines) are the previous build's.
    func scriptsUnchanged(
        _ plan: RebuildPlan?, _ downloads: SiteRenderer.Downloads, _ report: Report, _ templates: TemplateSet
    ) -> Bool {
        guard let previous, self.templates?.dataWords == templates.dataWords, downloads == .unchanged else {
            return false
        }
        if let plan { return plan.changes.inputs.isEmpty }
        return previous.actors.map { [$0.id, $0.name] } == report.actors.map { [$0.id, $0.name] }
            && previous.topics.map { [$0.id, $0.title] + $0.eventIDs }
                == report.topics.map { [$0.id, $0.title] + $0.eventIDs }
    }

    /// Keeps what each page read for the next rebuild: the pages rendered now, those put off
    /// (no reads until they are made: `PageReadBook.recordMade`), and those kept from the
    /// previous build.
    func record(_ pages: PagePlan, reads: [Set<PageInput>?], report: Report) {
        if pages.rebuild == nil {
            book.removeAll()
        } else if previous?.indexes !== report.indexes, !pages.isSameList {
            // Pages can only have come or gone when the report's indexes were made anew.
            book.keep(only: Set(pages.all.map(\.path)))
        }
        for (job, read) in zip(pages.jobs, reads) {
            if let read { book.record(read, for: job.path) } else { book.markUnread(job.path) }
        }
        for file in pages.deferred { book.putOff(file.path, as: pages.putOff) }
    }
}
