import Foundation

/// Renders every page of the report through the theme, in parallel, in a fixed order.
struct SiteRenderer: Sendable {
    let report: Report
    let templates: TemplateSet
    let markdown: CommonMark
    var cards = CardCache()
    /// Chrome fields the cached header and footer asked for but may not read (`FragmentCache`).
    let fragmentReads = FragmentReads()

    /// One page to render: where it goes and how to make its HTML.
    struct PageJob: Sendable {
        var path: String
        var render: @Sendable () -> String
    }

    /// The pages that list every event or source: the longest of a large report.
    static let listingPaths: Set<String> = [TimelinePage.path, SourcesPage.path]

    /// Every page of the site; with `listingsOnly`, only those of `listingPaths`.
    func pageJobs(listingsOnly: Bool = false) -> [PageJob] {
        let report = report, templates = templates
        let site = RenderContext(report: report, markdown: markdown, templates: templates, cards: cards, fragmentReads: fragmentReads)
        let listings = [
            PageJob(path: TimelinePage.path) { templates.render(TimelinePage.make(site), template: "timeline") },
            PageJob(path: SourcesPage.path) { templates.render(SourcesPage.make(site), template: "sources") },
        ]
        if listingsOnly { return listings }
        var jobs: [PageJob] = [
            PageJob(path: HomePage.path) { templates.render(HomePage.make(site), template: "home") },
            listings[0],
            PageJob(path: ActorIndexPage.path) { templates.render(ActorIndexPage.make(site), template: "actors") },
            PageJob(path: TopicIndexPage.path) { templates.render(TopicIndexPage.make(site), template: "topics") },
            listings[1],
            PageJob(path: NotFoundPage.path) { templates.render(NotFoundPage.make(site), template: "404") },
        ]
        for index in report.events.indices {
            jobs.append(PageJob(path: EventPage.path(report.events[index])) { templates.render(EventPage.make(index, site), template: "event") })
        }
        for actor in report.actors {
            jobs.append(PageJob(path: ActorPage.path(actor)) { templates.render(ActorPage.make(actor, site), template: "actor") })
        }
        for topic in report.topics {
            jobs.append(PageJob(path: TopicPage.path(topic)) { templates.render(TopicPage.make(topic, site), template: "topic") })
        }
        for page in report.pages {
            jobs.append(PageJob(path: PlainPage.path(page)) { templates.render(PlainPage.make(page, site), template: "page") })
        }
        return jobs
    }

    /// Renders every page on every core, handing each to `accept` as soon as it is made, so a
    /// large site never has to be held in memory whole.
    static func render(_ jobs: [PageJob], accept: @Sendable (Int, String) -> Void) {
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            accept(index, jobs[index].render())
        }
    }

    /// Paths of the feed, data downloads and sitemap.
    var supportPaths: [String] {
        var paths = [SitePaths.feed, SitePaths.eventsJSON, SitePaths.eventsCSV]
        if report.config.baseURL != nil { paths.append(SitePaths.sitemap) }
        return paths
    }

    /// How a build makes the data downloads.
    enum Downloads {
        /// Made now (a build writes them).
        case made
        /// Made when first asked for (the preview).
        case deferred
        /// Left out: the preview keeps its previous ones (no event changed).
        case unchanged
    }

    /// Feed, data downloads and sitemap.
    func supportFiles(pagePaths: [String], downloads: Downloads = .made) -> [OutputFile] {
        let report = report, markdown = markdown
        var files = [OutputFile(path: SitePaths.feed, text: templates.render(AtomFeed.make(report, markdown: markdown), template: AtomFeed.template))]
        let makers: [@Sendable () -> OutputFile] = [{ DataExport.json(report) }, { DataExport.csv(report) }]
        switch downloads {
        case .made:
            let made = ResultSlots<OutputFile>(count: makers.count)
            DispatchQueue.concurrentPerform(iterations: makers.count) { made.set($0, makers[$0]()) }
            files += made.values.compactMap { $0 }
        case .deferred:
            for (path, make) in zip([SitePaths.eventsJSON, SitePaths.eventsCSV], makers) {
                files.append(OutputFile(path: path, contents: .deferred(DeferredData { make().data })))
            }
        case .unchanged:
            break
        }
        if let sitemap = Sitemap.make(report, pagePaths: pagePaths) {
            files.append(OutputFile(path: SitePaths.sitemap, text: templates.render(sitemap, template: Sitemap.template)))
        }
        return files
    }
}
