import Foundation

/// Renders every page of the report through the theme, in parallel, in a fixed order: the
/// pages of each kind (`PageKind`), kind after kind.
struct SiteRenderer: Sendable {
    let report: Report
    let templates: TemplateSet
    let markdown: CommonMark
    var kinds: [PageKind] = PageKinds.builtIn
    var cards = CardCache()
    /// Chrome fields the cached header and footer asked for but may not read (`FragmentCache`).
    let fragmentReads = FragmentReads()
    /// Whether pages record what they read (`PageReads`): only the preview plans rebuilds.
    var recordsReads = true
    /// For tests: reads to forget (`PageReads.forgetting`).
    var forgetting: (@Sendable (PageInput) -> Bool)? = nil
    /// Where the time of each kind of page goes (`--timings`).
    var costs: RenderCosts? = nil
    /// The language of the pages and where they live: the report's own at the root unless set
    /// (`ar/` for a report's other language, rendered from its translated report).
    var language: LanguageSite? = nil
    private let madeDownloads = Memo<DataDownloads>()
    /// The data downloads of the report's own language, when these pages are in another: the
    /// files are the site's, shared by every language (the Downloads page lists their sizes).
    var sharedDownloads: DataDownloads? = nil
    /// The data downloads, made once for the files and the Downloads page.
    var downloads: DataDownloads {
        sharedDownloads ?? madeDownloads.get { DataDownloads(report: report, text: templates.text, markdown: markdown) }
    }
    /// The language's folder (`ar/`), `""` for the report's own.
    var prefix: String { language?.prefix ?? "" }

    /// One page to render: where it goes, and how to make its HTML and what it read.
    struct PageJob: Sendable {
        var path: String
        var render: @Sendable () -> (html: String, reads: Set<PageInput>)
    }

    /// Every page of the site, kind after kind.
    func pages() -> [PageKinds.Page] { PageKinds.pages(kinds, of: report) }

    /// How to render these pages (made for the pages to render only: a preview rebuild renders
    /// a few of 10,000).
    func jobs(_ pages: some Sequence<PageKinds.Page>) -> [PageJob] {
        let templates = templates, forgetting = forgetting, recording = recordsReads, costs = costs
        let site = RenderContext(
            report: report, markdown: markdown, templates: templates, kinds: kinds, cards: cards,
            fragmentReads: fragmentReads, downloads: downloads, language: language)
        let prefix = prefix
        return pages.map { page in
            let path = prefix + page.path
            return PageJob(path: path) {
                let links = PageLinks(
                    path: page.path, site: site, section: page.kind.section,
                    reads: PageReads(recording: recording, forgetting: forgetting))
                let view = { page.kind.view(page.subject, links) }
                // Links start from the marker until the page is finished (`SiteRoot`).
                let fill = { (model: any TemplateConvertible) in
                    SiteRoot.resolve(
                        templates.render(model, template: page.template),
                        root: SitePaths.rootPrefix(from: path))
                }
                let html = costs?.page(kind: page.kind.name, view: view, template: fill) ?? fill(view())
                return (html, links.reads.inputs)
            }
        }
    }

    /// Renders every page on every core, handing each to `accept` as soon as it is made, so a
    /// large site never has to be held in memory whole.
    static func render(_ jobs: [PageJob], accept: @Sendable (Int, String, Set<PageInput>) -> Void) {
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let (html, reads) = jobs[index].render()
            accept(index, html, reads)
        }
    }

    /// Paths of the feed, data downloads and sitemap.
    static func supportPaths(_ contents: any SiteContents) -> [String] {
        var paths =
            [SitePaths.feed, JSONFeed.path] + DataDownloads.paths + [EventsSchema.path, WorldOutline.path]
            + WorldOutline.tilePaths + [MapPage.filterStylesheetPath, TypeColours.path] + MapPlacesData.paths(contents)
        paths += FilterIndex.paths(contents)
        if contents.config.baseURL != nil { paths.append(SitePaths.sitemap) }
        return paths
    }

    /// This renderer's support files: all of them in the report's own language; in another,
    /// only its language's (`ar/feed.xml`, `ar/data/filter/…`), the others being the site's.
    var supportPaths: [String] {
        let paths = Self.supportPaths(report)
        guard !prefix.isEmpty else { return paths }
        return paths.filter { !SitePaths.isShared($0) }.map { prefix + $0 }
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
    /// - Parameter sitemapPaths: the pages of kinds listed in the sitemap.
    /// - Parameter scriptsUnchanged: the data scripts (`map/places.js`, the filter's index) are
    ///   left out, the preview keeping its previous ones: no event, site.yaml, text.yaml or map
    ///   outline changed. (A file handed over anew would count as changed, and a stylesheet edit
    ///   would reload the page instead of swapping the stylesheet.)
    func supportFiles(
        sitemapPaths: [String], downloads: Downloads = .made, scriptsUnchanged: Bool = false
    ) -> [OutputFile] {
        let report = report, markdown = markdown, templates = templates, prefix = prefix
        let upToSiteRoot = language?.upToSiteRoot ?? ""
        // Each maker is independent of the others: a build runs them on every core at once.
        var makers: [@Sendable () -> [OutputFile]] = [
            {
                // A language's feed links its own pages: `base_url` + `ar/`.
                var report = report
                report.config.baseURL = report.config.baseURL.map { $0 + prefix }
                let feedItems = FeedItem.latest(report, markdown: markdown, text: templates.text)
                return [
                    OutputFile(
                        path: SitePaths.feed,
                        text: templates.render(AtomFeed.make(report, items: feedItems), template: AtomFeed.template)),
                    JSONFeed.make(report, items: feedItems).file,
                ]
            }
        ]
        // The outlines under every map: cheap, and they follow the theme as well as the events.
        // The site's, written with the report's own language.
        if prefix.isEmpty {
            makers.append {
                WorldOutline.files(
                    templates.geography, style: templates.worldStyle,
                    reportCountries: WorldOutline.reportCountries(report, templates.geography)) + [
                        MapPage.filterStylesheet(report.config), TypeColours.stylesheet(report.config),
                        EventsSchema.file(for: report.eventFields),
                    ]
            }
        }
        // The map page's unlisted events follow the events, site.yaml and the theme (its dates'
        // words, its map data): the preview makes them only if a reader asks.
        let places = MapPlacesData.files(report, geography: templates.geography, text: templates.text)
        // The filter's index follows the events, site.yaml and the theme's words for dates: the
        // preview makes it when first asked for, all files at once.
        let filter = DeferredFiles {
            FilterIndex.files(
                report, text: templates.text, markdown: markdown, geography: templates.geography,
                upToSiteRoot: upToSiteRoot)
        }
        if case .made = downloads {
            makers += places.map { place in { [place.make()] } }
            makers.append { filter.all }
        } else if scriptsUnchanged {
            // The preview keeps the previous ones.
        } else {
            makers.append {
                places.map { place in
                    OutputFile(path: place.path, contents: .deferred(DeferredData { place.make().data }))
                }
                    + FilterIndex.paths(report).map { path in
                        OutputFile(path: path, contents: .deferred(DeferredData { filter.data(path) }))
                    }
            }
        }
        if prefix.isEmpty {
            let made = self.downloads
            switch downloads {
            case .made: makers += made.fileMakers.map { make in { [make()] } }
            case .deferred: makers.append { made.deferred }
            case .unchanged: break
            }
        }
        if prefix.isEmpty, let sitemap = Sitemap.make(report, pagePaths: sitemapPaths) {
            makers.append {
                [OutputFile(path: SitePaths.sitemap, text: templates.render(sitemap, template: Sitemap.template))]
            }
        }
        let results = ResultSlots<[OutputFile]>(count: makers.count)
        let all = makers
        DispatchQueue.concurrentPerform(iterations: all.count) { results.set($0, all[$0]()) }
        let files = results.values.flatMap { $0 ?? [] }
        guard !prefix.isEmpty else { return files }
        return files.map { OutputFile(path: prefix + $0.path, contents: $0.contents) }
    }
}
