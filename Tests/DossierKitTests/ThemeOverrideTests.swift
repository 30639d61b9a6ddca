import Foundation
import Testing
@testable import DossierKit

/// The default theme is built into the binary; a report's `Templates/` overrides it file by file.
@Suite struct ThemeOverrideTests {
    /// The embedded theme is exactly the repository's `Templates/` (run scripts/embed-theme after
    /// changing a theme file).
    @Test func theBuiltInThemeIsTheRepositorysTemplatesFolder() throws {
        let folder = TestSite.repository.appendingPathComponent("Templates")
        var files: [String: String] = [:]
        for url in ContentFile.list(folder, extensions: nil) {
            files[ContentFile.relativePath(of: url, in: folder)] = try String(contentsOf: url, encoding: .utf8)
        }
        #expect(files.count >= 20)
        #expect(Set(files.keys) == Set(BuiltInTheme.files.keys), "run scripts/embed-theme")
        for (path, text) in files {
            #expect(
                BuiltInTheme.files[path] == text, "\(path) differs from the built-in theme: run scripts/embed-theme")
        }
    }

    /// A site's options with a templates folder of its own (which may hold nothing, or not exist).
    static func site(theme files: [String: String]?) throws -> TestSite {
        let site = try TestSite()
        try SampleContent.write(to: site)
        site.templates = site.root.appendingPathComponent("Templates")
        if let files { try write(files, to: site) }
        return site
    }

    /// Gives the site a templates folder of its own holding these files.
    static func write(_ files: [String: String], to site: TestSite) throws {
        site.templates = site.root.appendingPathComponent("Templates")
        for (path, text) in files {
            let url = site.templates.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    @Test func aReportWithOnlyContentBuildsWithTheBuiltInTheme() throws {
        let site = try Self.site(theme: nil)
        let reference = try TestSite()
        try SampleContent.write(to: reference)
        try site.build()
        try reference.build()
        #expect(try site.outputFiles() == reference.outputFiles(), "the same site as with the repository's Templates/")
    }

    @Test func oneOverriddenTemplateWinsAndTheRestIsBuiltIn() throws {
        let footer = BuiltInTheme.files["partials/footer.mustache"]!.replacingOccurrences(
            of: "</footer>", with: "<p class=\"colophon\">Our own footer</p></footer>")
        #expect(footer != BuiltInTheme.files["partials/footer.mustache"])
        let site = try Self.site(theme: [
            "partials/footer.mustache": footer, "assets/style.css": "body { color: black; }\n",
            "assets/extra.svg": "<svg/>",
        ])
        try site.build()
        for page in ["index.html", "events/first-attack/index.html", "timeline/index.html"] {
            #expect(try site.html(page).contains("Our own footer"), "\(page)")
        }
        #expect(try site.html("assets/style.css") == "body { color: black; }\n")
        #expect(try site.html("assets/dossier.js") == BuiltInTheme.files["assets/dossier.js"])
        #expect(try site.html("assets/extra.svg") == "<svg/>")
    }

    @Test func anOverrideWithAnErrorIsReportedAtItsOwnFile() throws {
        let site = try Self.site(theme: ["event.mustache": "{{% CONTENT_TYPE: HTML}}\n{{#title}}\n"])
        let errors = site.failingBuild().map(\.description)
        #expect(errors.count == 1 && errors[0].hasPrefix("Templates/event.mustache:"), "\(errors)")
    }

    @Test func aTemplatesFolderNamedOnTheCommandLineMustExist() throws {
        let site = try Self.site(theme: nil)
        let result = try CommandLineTests.run(["build", "--templates", "NoSuchTheme"], in: site.root)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("NoSuchTheme: error: the templates folder does not exist"), "\(result.stderr)")
        let built = try CommandLineTests.run(["build"], in: site.root)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(site.exists("assets/style.css"))
    }

    /// The header is rendered once for all pages of a section at one depth. On c5ad4ae a theme
    /// that put `{{chrome.pageTitle}}` in it showed one page's title on every event page.
    @Test func aPageSpecificFieldInTheSharedHeaderIsRefusedAtItsTag() throws {
        let header = BuiltInTheme.files["partials/header.mustache"]!
            .replacingOccurrences(
                of: "    <nav class=\"site-nav\"", with: "    <p>{{chrome.pageTitle}}</p>\n    <nav class=\"site-nav\"")
        let site = try Self.site(theme: ["partials/header.mustache": header])
        let errors = site.failingBuild().map(\.description)
        #expect(
            errors == [
                """
                Templates/partials/header.mustache:6:10: error: `chrome.pageTitle` differs from page to page, but partials/header is rendered once and shared by many pages, so it cannot show it
                    hint: use it in layout.mustache, which is rendered for each page; partials/header may read chrome.{authors, authorsText, digits, downloadsHref, eventsCSVHref, eventsJSONHref, favicon, feedHref, homeHref, jsonFeedHref, label, language, license, nav, rightToLeft, root, script, searchHref, siteDescription, siteTitle, stylesheet, typeStylesheet}
                """
            ], "\(errors)")
        #expect(SiteBuilder(options: site.options).check(keepingFiles: false).errors.count == 1, "check says the same")
    }

    @Test func sharedFieldsInTheHeaderRenderOnEveryPage() throws {
        let header = BuiltInTheme.files["partials/header.mustache"]!
            .replacingOccurrences(
                of: "    <nav class=\"site-nav\"",
                with: "    <p class=\"by\">{{chrome.authors}}</p>\n    <nav class=\"site-nav\"")
        let site = try Self.site(theme: ["partials/header.mustache": header])
        try site.write("site.yaml", TestSite.minimalConfig + "\nauthors: [A. Writer]\n")
        try site.build()
        #expect(try site.html("events/first-attack/index.html").contains("<p class=\"by\">A. Writer</p>"))
    }

    /// The feed and sitemap are templates like the pages: a report can change them.
    @Test func theFeedAndSitemapAreTemplatesAReportCanOverride() throws {
        let feed = BuiltInTheme.files["feed.mustache"]!.replacingOccurrences(
            of: "  <generator>Dossier</generator>", with: "  <rights>CC BY 4.0</rights>")
        let site = try Self.site(theme: ["feed.mustache": feed])
        try site.write(
            "events/hostile.yaml",
            "- { id: hostile, date: 2024-03-01, title: \"Q&A: <b>'quoted'</b>\", type: statement, sources: [{ publisher: X, url: \"https://example.org/\" }] }\n"
        )
        try site.build(baseURL: "https://example.org/report/")
        let xml = try site.html("feed.xml")
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed "))
        #expect(xml.contains("<rights>CC BY 4.0</rights>"))
        #expect(xml.contains("<title>Q&amp;A: &lt;b&gt;&#39;quoted&#39;&lt;/b&gt;</title>"))
        #expect(
            xml.contains(
                "<id>\(StableID.event("hostile", in: SiteConfig(title: "", id: "urn:uuid:0f3c8a56-8f0b-4a59-9d0e-2f1f5a4c7b21", description: "", language: "en", authors: [], eventTypes: [], confidenceGrades: [], allowRawHTML: false, smartPunctuation: true, homeLatestCount: 6, origin: SourceLocation(file: ""))))</id>"
            ))
        #expect(
            xml.contains(
                "<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/report/events/hostile/\"/>"))
        let sitemap = try site.html("sitemap.xml")
        #expect(sitemap.contains("<url><loc>https://example.org/report/events/hostile/</loc></url>"))
        #expect(!sitemap.contains("404.html"))
    }
}
