/// Links and Markdown as seen from one page of the site: everything relative to where it is.
struct PageLinks {
    let path: String
    let site: RenderContext
    /// From this page to the site root: `SiteRoot.marker`, replaced by `""`, `"../"`,
    /// `"../../"` when the page is finished, or the site's address (`rooted(at:)`).
    let root: String
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

    init(path: String, site: RenderContext, section: String, reads: PageReads, root: String? = nil) {
        self.path = path
        self.site = site
        self.section = section
        self.reads = reads
        self.root = root ?? SiteRoot.marker
    }

    /// The same page, recording into `reads` (a cached card records its own).
    func recording(into reads: PageReads) -> PageLinks {
        PageLinks(path: path, site: site, section: section, reads: reads, root: root)
    }

    /// The same page with links from `root` (the site's address, for a page a host shows at
    /// other addresses than its own).
    func rooted(at root: String) -> PageLinks {
        PageLinks(path: path, site: site, section: section, reads: reads, root: root)
    }

    /// Relative link from this page to another file of the site (`SitePaths.relativeURL`).
    func to(_ target: String) -> String { root + target }

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
            return to(target) + suffix
        }
        guard let reference = CrossReference(url: url) else { return nil }
        let link = to(SitePaths.path(for: reference))
        return reference.fragment.map { "\(link)#\($0)" } ?? link
    }

    /// The page's address on the published site, when the site knows its base URL.
    var canonicalURL: String? {
        guard let base = report.config.baseURL else { return nil }
        let clean = path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
        return base + clean
    }
}
