/// What every page's layout needs: `<head>` metadata, navigation, breadcrumbs, footer.
struct Chrome {
    struct Link {
        var label: String
        var href: String
        var current: Bool = false
    }

    struct Crumb {
        var label: String
        var href: String?
    }

    /// The same page in one of the report's languages, for the switcher and `hreflang`.
    struct LanguageLink {
        /// Its BCP 47 tag, for `hreflang` and `lang`.
        var code: String
        /// The language's name in itself (`العربية`).
        var name: String
        /// The page in that language, relative.
        var href: String
        /// Its full address when `base_url` is set, else `href`: `hreflang` links are best absolute.
        var alternateHref: String
        var current: Bool
        var rightToLeft: Bool
    }

    var siteTitle: String
    var siteDescription: String
    var language: String
    /// Whether the language is written right to left (Arabic, Persian, Hebrew, Urdu, Kurdish
    /// Sorani, …), as the platform's locale data says: the page then mirrors (`dir="rtl"`).
    var rightToLeft: Bool
    /// The digits the site writes numbers in, when they are not 0–9 (`arab`, `arabext`): the
    /// scripts write theirs alike.
    var digits: String?
    /// The `<title>`: "Page — Site", or the site title alone on the home page.
    var documentTitle: String
    var pageTitle: String
    var description: String
    var canonical: String?
    var ogType: String
    var root: String
    var homeHref: String
    var stylesheet: String
    /// The site's icon (the theme's `assets/favicon.svg`): with it declared, no browser asks for a missing `/favicon.ico`.
    var favicon: String
    /// Each event type's colour in light and dark (`assets/types.css`, written from site.yaml).
    var typeStylesheet: String
    var script: String
    var feedHref: String
    var jsonFeedHref: String
    var downloadsHref: String
    var eventsJSONHref: String
    var eventsCSVHref: String
    var nav: [Link]
    /// The search page, for the header's search box; nil when the site has no search index.
    var searchHref: String?
    var breadcrumbs: [Crumb]
    var footerPages: [Link]
    var authors: String
    /// "By …." in the report's language; nil without authors.
    var authorsText: String?
    var license: String?
    /// The theme's `partials/header` and `partials/footer`, rendered once for all pages in the
    /// same section (their links start from `SiteRoot.marker`, so depth does not matter), and
    /// placed by the layout with `{{{chrome.header}}}`.
    var header = ""
    var footer = ""
    /// The theme's `partials/head`: what the `<head>` of every page shares (the stylesheet,
    /// icon, feeds and script), rendered once and placed by the layout with `{{{chrome.head}}}`.
    var head = ""
    /// The words the page templates write themselves (`label.*` in text.yaml), made once a build.
    var label: [String: TemplateText]
    /// This page in each of the report's languages, its own first (`languages:` in site.yaml);
    /// empty for a report in one language.
    var languages: [LanguageLink] = []
    /// The page in the report's own language, for `hreflang="x-default"`; nil in one language.
    var defaultLanguageHref: String?
    /// On a page in another language than the report's whose subject is not (all) translated:
    /// the note saying so, and the language its words are shown in when none is translated.
    var untranslatedNote: String?
    var contentLanguage: String?

    /// The navigation entry marked current is that of the page's kind (`PageKind.section`);
    /// the home page's title is the site's alone.
    /// - Parameter untranslated: how much of the page's subject (an event, actor, topic or page)
    ///   is shown in the report's own language for want of a translation into the page's.
    init(
        links: PageLinks, title: String, description: String, breadcrumbs: [Crumb] = [], ogType: String = "website",
        untranslated: Report.Untranslated.Extent? = nil
    ) {
        let section = links.section
        links.reads.read([.config, .everyPage])
        let config = links.report.config
        siteTitle = config.title
        siteDescription = config.description
        language = config.language
        rightToLeft = links.site.rightToLeft
        digits = links.text.digits == .latn ? nil : links.text.digits.rawValue
        label = links.site.labels
        pageTitle = title
        documentTitle = links.path == SitePaths.home ? config.title : "\(title) — \(config.title)"
        self.description = description.isEmpty ? config.description : description
        canonical = links.canonicalURL
        self.ogType = ogType
        root = links.root
        homeHref = links.to(SitePaths.home)
        stylesheet = links.to(SitePaths.stylesheet)
        favicon = links.to(SitePaths.favicon)
        typeStylesheet = links.to(TypeColours.path)
        script = links.to(SitePaths.script)
        feedHref = links.to(SitePaths.feed)
        jsonFeedHref = links.to(JSONFeed.path)
        downloadsHref = links.to(DownloadsPage.kind.path(""))
        eventsJSONHref = links.to(SitePaths.eventsJSON)
        eventsCSVHref = links.to(SitePaths.eventsCSV)
        nav = links.site.navigation.map { entry in
            Link(label: entry.label, href: links.to(entry.path), current: entry.kind == section)
        }
        searchHref = links.site.hasSearch ? links.to(SearchPage.path) : nil
        self.breadcrumbs =
            breadcrumbs.isEmpty
            ? [] : [Crumb(label: links.text("page.home"), href: links.to(SitePaths.home))] + breadcrumbs
        footerPages = links.report.pages.map { page in
            Link(
                label: page.title, href: links.to(SitePaths.page(page.id)),
                current: links.path == SitePaths.page(page.id))
        }
        authors = config.authors.joined(separator: ", ")
        authorsText = authors.isEmpty ? nil : links.text("footer.authors", ["authors": authors])
        license = config.license
        let site = links.site.language
        if site.isMultilingual {
            let base = config.baseURL
            let clean =
                links.path.hasSuffix("index.html") ? String(links.path.dropLast("index.html".count)) : links.path
            languages = links.inEachLanguage().map { entry, href in
                LanguageLink(
                    code: entry.code, name: entry.name, href: href,
                    alternateHref: base.map { $0 + entry.prefix + clean } ?? href, current: entry.code == site.language,
                    rightToLeft: entry.rightToLeft)
            }
            defaultLanguageHref = languages.first?.alternateHref
        }
        if let untranslated, let original = links.report.untranslated?.language {
            untranslatedNote = links.site.untranslatedNote
            contentLanguage = untranslated == .whole ? original : nil
        }
        head = links.site.fragments.render("partials/head", chrome: self, variant: root, allowed: Self.headFields)
        header = links.site.fragments.render(
            "partials/header", chrome: self, variant: "\(root)|\(section)", allowed: Self.headerFields)
        footer = links.site.fragments.render(
            "partials/footer", chrome: self, variant: "\(root)|\(footerPages.first { $0.current }?.href ?? "")",
            allowed: Self.footerFields)
    }

    /// The fields the header's cache key (root and section) decides: the same on every page
    /// that shares the header. Titles, descriptions, canonical links and breadcrumbs are not.
    static let headerFields: Set<String> = [
        "siteTitle", "siteDescription", "language", "rightToLeft", "digits", "root", "homeHref", "stylesheet",
        "typeStylesheet",
        "favicon",
        "script", "feedHref", "jsonFeedHref", "downloadsHref",
        "eventsJSONHref", "eventsCSVHref", "nav", "searchHref", "authors", "authorsText", "license", "label",
    ]
    /// The head's key is the root alone: the navigation (which marks the current section) is not the same on every page.
    static let headFields = headerFields.subtracting(["nav"])
    /// The footer's key is the root and the current footer page: the footer links too.
    static let footerFields = headerFields.union(["footerPages"])

    /// Which chrome fields each cached fragment may read, for messages.
    static let fragmentFields = [
        "partials/head": headFields, "partials/header": headerFields, "partials/footer": footerFields,
    ]
}

/// The object a page template renders: the layout's `chrome` and the page's own `content`.
struct PageView<Content: TemplateModel>: TemplateConvertible {
    var chrome: Chrome
    var content: Content

    var templateFields: TemplateObject {
        TemplateObject(["chrome": chrome.templateFields, "content": content.templateFields])
    }
}

extension Chrome {
    /// The theme's `label.*` texts as a template reads them: `chrome.label.sources`. A theme's
    /// text.yaml changes their words (its keys are the built-in theme's), not which there are.
    static let labelShape = TemplateShape(
        name: "Labels", summary: "The words page templates write themselves (`label.*` in the theme's text.yaml).",
        fields: DisplayText.builtIn.labels.keys.sorted().map {
            TemplateShape.Field(
                name: $0, summary: "\"\(DisplayText.builtIn.labels[$0] ?? "")\" in English.", kind: .text)
        })

    /// The labels of a build's texts, made once for every page.
    static func labels(_ text: DisplayText) -> [String: TemplateText] {
        text.labels.mapValues { TemplateText($0) }
    }
}

extension Chrome: TemplateModel {
    static let shape = TemplateFieldList<Chrome>(
        "Chrome",
        "What every page's layout shows: `<head>` metadata, navigation, breadcrumbs, footer. Read as `chrome.*` on every page.",
        [
            .text("siteTitle", "The report's title (`title` in site.yaml).") { $0.siteTitle },
            .init(
                name: "label",
                summary:
                    "The words the templates write themselves, from the theme's `label.*` texts: `{{chrome.label.sources}}`.",
                kind: .object(labelShape)
            ) { TemplateObject($0.label) },
            .text("siteDescription", "The report's description.") { $0.siteDescription },
            .text("language", "The report's language, a BCP 47 tag for `<html lang>`.") { $0.language },
            .flag("rightToLeft", "Whether the language is written right to left, for `<html dir=\"rtl\">`.") {
                $0.rightToLeft
            },
            .text(
                "digits",
                "The digits the site writes numbers in when they are not 0–9 (`arab`, `arabext`), for `<html data-digits>`: the theme's script writes its numbers alike."
            ) { $0.digits },
            .text("documentTitle", "The `<title>`: \"Page — Site\", or the site title alone on the home page.") {
                $0.documentTitle
            },
            .text("pageTitle", "The page's own title.") { $0.pageTitle },
            .text("description", "The page's description (the site's when it has none).") { $0.description },
            .text("canonical", "The page's full address, when `base_url` is set.") { $0.canonical },
            .text("ogType", "The Open Graph type: website, article or profile.") { $0.ogType },
            .text("root", "From this page to the site root: \"\", \"../\", \"../../\".") { $0.root },
            .text("homeHref", "Link to the home page.") { $0.homeHref },
            .text("stylesheet", "Link to the theme's stylesheet.") { $0.stylesheet },
            .text("favicon", "Link to the site's icon (`assets/favicon.svg`).") { $0.favicon },
            .text(
                "typeStylesheet",
                "Link to the event types' colours in light and dark (`assets/types.css`, from site.yaml)."
            ) { $0.typeStylesheet },
            .text("script", "Link to the theme's script.") { $0.script },
            .text("feedHref", "Link to the Atom feed.") { $0.feedHref },
            .text("jsonFeedHref", "Link to the JSON Feed.") { $0.jsonFeedHref },
            .text("downloadsHref", "Link to the Downloads page (every data file of the site).") { $0.downloadsHref },
            .text("eventsJSONHref", "Link to the events as JSON.") { $0.eventsJSONHref },
            .text("eventsCSVHref", "Link to the events as CSV.") { $0.eventsCSVHref },
            .list("nav", "The main navigation, one entry per page kind that has one.") { $0.nav },
            .text(
                "searchHref",
                "Link to the search page, for a search box; none when the build made no search index (Pagefind not installed, or `search: {enabled: false}`)."
            ) { $0.searchHref },
            .list("breadcrumbs", "Home, then the page's parents, then the page (empty on the home page).") {
                $0.breadcrumbs
            },
            .list("footerPages", "Links to the plain pages (`Content/pages/`).") { $0.footerPages },
            .list(
                "languages",
                "This page in each of the report's languages (`languages:` in site.yaml), the report's own first, for a language switcher and `<link rel=\"alternate\" hreflang>`; empty for a report in one language."
            ) { $0.languages },
            .text(
                "defaultLanguageHref",
                "This page in the report's own language, for `hreflang=\"x-default\"`; none in one language."
            ) {
                $0.defaultLanguageHref
            },
            .text(
                "untranslatedNote",
                "On a page in another of the report's languages whose event, actor, topic or page is not (all) translated: the note that says so (`translation.missing`)."
            ) { $0.untranslatedNote },
            .text(
                "contentLanguage",
                "The language the words of such a page are in when none of them is translated, for their `lang`; none otherwise."
            ) { $0.contentLanguage },
            .text("authors", "The report's authors, comma-separated.") { $0.authors },
            .text("authorsText", "The footer's line of authors (\"By ….\", `footer.authors`); absent without authors.")
            {
                $0.authorsText
            },
            .text("license", "The report's licence.") { $0.license },
            .html(
                "head", "The theme's `partials/head` (stylesheet, icon, feeds, script), rendered once for every page."
            ) { $0.head },
            .html("header", "The theme's `partials/header`, rendered once per section.") { $0.header },
            .html("footer", "The theme's `partials/footer`, rendered once per current footer page.") { $0.footer },
        ])
}

extension Chrome.Link: TemplateModel {
    static let shape = TemplateFieldList<Chrome.Link>(
        "Link", "A link in the navigation or footer.",
        [
            .text("label", "The link's words.") { $0.label },
            .text("href", "The link, relative to the page.") { $0.href },
            .flag("current", "Whether it leads to this page (or its section).") { $0.current },
        ])
}

extension Chrome.Crumb: TemplateModel {
    static let shape = TemplateFieldList<Chrome.Crumb>(
        "Crumb", "One step of the breadcrumbs.",
        [
            .text("label", "The step's words.") { $0.label },
            .text("href", "Its link; absent for the page itself.") { $0.href },
        ])
}

extension Chrome.LanguageLink: TemplateModel {
    static let shape = TemplateFieldList<Chrome.LanguageLink>(
        "LanguageLink", "The page in one of the report's languages.",
        [
            .text("code", "The language's BCP 47 tag, for `hreflang` and `lang`.") { $0.code },
            .text("name", "The language's name in itself (\"العربية\").") { $0.name },
            .text("href", "The page in that language, relative to this one.") { $0.href },
            .text("alternateHref", "Its full address when `base_url` is set (else `href`), for `hreflang` links.") {
                $0.alternateHref
            },
            .flag("current", "Whether it is this page's language.") { $0.current },
            .flag("rightToLeft", "Whether the language is written right to left, for the name's `dir`.") {
                $0.rightToLeft
            },
        ])
}
