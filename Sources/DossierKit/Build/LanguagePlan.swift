/// The pages of one of a report's other languages (`languages: [en, ar]`): the report
/// translated into it (`Report.translated(into:)`), rendered with the theme's words in it, as a
/// site under its folder (`ar/`) beside the report's own at the root.
struct LanguagePlan {
    var renderer: SiteRenderer
    var plan: PagePlan
    /// The pages' paths from the site root (`ar/events/a/index.html`).
    var pagePaths: [String]
    /// Those the sitemap lists.
    var sitemapPaths: [String]

    /// - Parameter root: the renderer of the report's own language, whose data downloads every
    ///   language links to.
    init(
        _ language: String, of report: Report, root: SiteRenderer, templates: TemplateSet, options: BuildOptions,
        keepsFiles: Bool
    ) {
        let translated = report.translated(into: language)
        var theme = templates
        theme.text = templates.text(for: language, digits: translated.config.digits)
        var renderer = SiteRenderer(
            report: translated, templates: theme, markdown: root.markdown, kinds: options.kinds(for: translated.config))
        renderer.sharedDownloads = root.downloads
        renderer.recordsReads = false
        renderer.costs = root.costs
        let pages = renderer.pages()
        var site = LanguageSite.root(report.config)
        site.language = language
        site.prefix = LanguageSite.folder(language)
        // Every file of the language's site, for its root-relative Markdown links.
        site.paths = Set(
            pages.map(\.path) + SiteRenderer.supportPaths(translated).filter { !SitePaths.isShared($0) })
        renderer.language = site
        var timer = PhaseTimer()
        plan = PagePlan(&renderer, incremental: nil, keepsFiles: keepsFiles, timer: &timer, pages: pages)
        pagePaths = pages.map { site.prefix + $0.path }
        sitemapPaths = pages.filter(\.kind.inSitemap).map { site.prefix + $0.path }
        self.renderer = renderer
    }
}
