/// Links and Markdown as seen from one page of the site: everything relative to where it is.
struct PageLinks {
    let path: String
    let site: RenderContext
    /// From this page to the root of its language's site: `SiteRoot.marker` (replaced by `""`,
    /// `"../"`, `"../../"` when the page is finished, or the site's address, `rooted(at:)`),
    /// followed by the language's folder (`ar/`) on a page in another language than the report's.
    let root: String
    /// From this page to the site root, where the files every language shares are
    /// (`SitePaths.isShared`): the same as `root` in the report's own language.
    let siteRoot: String
    /// The page kind whose navigation entry is current on this page (`PageKind.section`).
    let section: String
    /// What the page read of the report, for the preview's incremental rebuilds.
    let reads: PageReads
    var report: Report { site.report }
    /// The theme's words (`DisplayText`).
    var text: DisplayText { site.templates.text }
    var markdown: CommonMark { site.markdown }

    /// The card for an event as shown on this page, shared by every page that shows it.
    /// What the card read is read by this page too.
    func card(_ index: Int, role: Involvement.Role? = nil, headingLevel: Int = 3) -> CardValue {
        let card = site.cards.card(index, links: self, role: role, headingLevel: headingLevel)
        reads.read(card.reads)
        return card
    }

    /// A one-line link to an event (`CardCache.link`).
    func eventLink(_ index: Int, withPlace: Bool = false) -> CardValue {
        let link = site.cards.link(index, links: self, withPlace: withPlace)
        reads.read(link.reads)
        return link
    }

    /// Another event as a line of this event's related events (`CardCache.related`).
    func relatedEvent(_ index: Int) -> CardValue {
        let line = site.cards.related(index, links: self)
        reads.read(line.reads)
        return line
    }

    /// A cited source as templates see it, with its line rendered once for the whole site (`SourceLines`).
    func source(_ source: Source) -> EventPage.SourceView {
        site.sourceLines.view(source, text: text)
    }

    /// - Parameter path: the page's path in its language's site (`events/a/index.html`, also
    ///   for `ar/events/a/index.html`).
    /// - Parameter siteRoot: the way to the site root; `SiteRoot.marker` unless given.
    init(path: String, site: RenderContext, section: String, reads: PageReads, siteRoot: String? = nil) {
        self.path = path
        self.site = site
        self.section = section
        self.reads = reads
        self.siteRoot = siteRoot ?? SiteRoot.marker
        root = self.siteRoot + site.language.prefix
    }

    /// The same page, recording into `reads` (a cached card records its own).
    func recording(into reads: PageReads) -> PageLinks {
        PageLinks(path: path, site: site, section: section, reads: reads, siteRoot: siteRoot)
    }

    /// The same page with links from `siteRoot` (the site's address, for a page a host shows at
    /// other addresses than its own).
    func rooted(at siteRoot: String) -> PageLinks {
        PageLinks(path: path, site: site, section: section, reads: reads, siteRoot: siteRoot)
    }

    /// Relative link from this page to another file of the site (`SitePaths.relativeURL`): a
    /// page or a file of its language's site, or one of the files every language shares.
    /// (At the root the two are one: no path is looked at, on the site's most frequent call.)
    func to(_ target: String) -> String {
        (site.language.prefix.isEmpty || !SitePaths.isShared(target) ? root : siteRoot) + target
    }

    /// The same page in the report's other languages (the switcher, `hreflang` links): each
    /// language's site has the same pages at the same paths.
    func inEachLanguage() -> [(entry: LanguageSite.Entry, href: String)] {
        site.language.all.map { ($0, siteRoot + $0.prefix + path) }
    }

    func event(_ id: String) -> String { to(SitePaths.event(id)) }
    func actor(_ id: String) -> String { to(SitePaths.actor(id)) }
    func topic(_ id: String) -> String { to(SitePaths.topic(id)) }

    /// Markdown rendered for this page: cross-references become relative links.
    func html(_ text: MarkdownText?) -> String {
        guard let text, !text.isEmpty else { return "" }
        return SiteRoot.restoreInMarkdown(markdown.html(text.text, rewrite: rewrite))
    }

    /// One-paragraph Markdown (a summary) without its `<p>`, for lists and cards.
    func inlineHTML(_ text: MarkdownText?) -> String {
        guard let text, !text.isEmpty else { return "" }
        return SiteRoot.restoreInMarkdown(markdown.inlineHTML(text.text, rewrite: rewrite))
    }

    /// Cross-references and root-relative links (`/data/events.json`) become links relative to
    /// this page, so they keep working under a sub-path and from `file://`.
    private func rewrite(_ url: String) -> String? {
        if url.hasPrefix("/"), !url.hasPrefix("//") {
            var target = String(url.dropFirst())
            var suffix = ""
            if let mark = target.firstIndex(where: { $0 == "#" || $0 == "?" }) {
                suffix = String(target[mark...])
                target = String(target[..<mark])
            }
            if target.isEmpty || target.hasSuffix("/") { target += "index.html" }
            // This language's page or data file, else a file of the site's (`static/`).
            let languageFile = site.language.prefix.isEmpty || site.language.paths.contains(target)
            return (languageFile ? root : siteRoot) + target + suffix
        }
        guard let reference = CrossReference(url: url) else { return nil }
        let link = to(SitePaths.path(for: reference))
        return reference.fragment.map { "\(link)#\($0)" } ?? link
    }

    /// The page's address on the published site, when the site knows its base URL.
    var canonicalURL: String? {
        guard let base = report.config.baseURL else { return nil }
        let clean = path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
        return base + site.language.prefix + clean
    }
}
