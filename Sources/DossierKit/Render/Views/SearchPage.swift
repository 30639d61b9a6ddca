/// Full-text search over the site (`search/?q=Qaani&type=visit`), with Pagefind's index
/// (`Pagefind`): the page is in the site only when the build makes that index, so a site
/// without it has neither the page nor the header's search box.
///
/// The theme's `assets/search.js` runs it through Pagefind's own API and keeps the query and
/// filters in the address; results are drawn from the theme's `<template id="search-result">`.
struct SearchPage {
    var pagefindHref: String
    var scriptHref: String
    var selfHref: String
    var timelineHref: String
    var root: String
    /// The search page's words (the `search.*` texts of text.yaml) as JSON, for `data-words`.
    var words: String
    /// The event types, id and label, as JSON: results and filters show labels, addresses ids.
    var typesJSON: String
    /// The lede, and what the page says without JavaScript (`searchPage.lede`, `searchPage.noScript`).
    var ledeText = ""
    var noScriptHTML = ""

    static let path = "search/index.html"
    static let script = "assets/search.js"

    static let kind = PageKind(
        name: "search", folder: "search", fields: shape.shape,
        path: { _ in path }, view: { _, links in make(links) }
    )

    static func make(_ links: PageLinks) -> PageView<SearchPage> {
        let report = links.report, text = links.text
        links.reads.read(.config)
        let title = text("page.search")
        let chrome = Chrome(
            links: links, title: title, description: text("description.search", ["site": report.config.title]),
            breadcrumbs: [.init(label: title)])
        let typesJSON =
            "["
            + report.config.eventTypes.map { "[\(ScriptData.string($0.id)),\(ScriptData.string($0.label))]" }.joined(
                separator: ",") + "]"
        var content = SearchPage(
            pagefindHref: links.to(Pagefind.folder + "/pagefind.js"), scriptHref: links.to(script),
            selfHref: links.to(path),
            timelineHref: links.to(SitePaths.timeline), root: links.siteRoot, words: text.json(prefix: "search."),
            typesJSON: typesJSON
        )
        content.ledeText = text("searchPage.lede")
        content.noScriptHTML = text.html("searchPage.noScript", links: ["timeline": content.timelineHref])
        return PageView(chrome: chrome, content: content)
    }
}

extension SearchPage: TemplateModel {
    static let shape = TemplateFieldList<SearchPage>(
        "SearchPage",
        "Full-text search (`search.mustache`, as `content.*`; only in a site whose build made Pagefind's index).",
        [
            .text("ledeText", "The lede (`searchPage.lede`).") { $0.ledeText },
            .html(
                "noScriptHTML",
                "What the page says without JavaScript, with a link to the timeline (`searchPage.noScript`)."
            ) { $0.noScriptHTML },
            .text("pagefindHref", "Link to Pagefind's script (`pagefind/pagefind.js`).") { $0.pagefindHref },
            .text("scriptHref", "Link to the theme's search script (`assets/search.js`).") { $0.scriptHref },
            .text("selfHref", "Link to this page, for the search form's action.") { $0.selfHref },
            .text("timelineHref", "Link to the timeline (its filter works without a search index, from `file://` too).")
            { $0.timelineHref },
            .text(
                "root",
                "From this page to the site root (where the search index is, with every language's pages), for the results' links."
            ) { $0.root },
            .text("words", "The search page's words (the `search.*` texts of text.yaml) as JSON, for `data-words`.") {
                $0.words
            },
            .text("typesJSON", "The event types as JSON pairs `[id, label]`, for `data-types`.") { $0.typesJSON },
        ])
}
