import Mustache
import Testing
@testable import DossierKit

/// Text from content is escaped everywhere; only cmark's output is inserted as HTML.
@Suite struct EscapingTests {
    static let script = "<script>alert(1)</script>"
    static let attribute = #"x"><img src=x onerror=alert(1)>"#

    @Test func hostileStringsComeOutEscaped() throws {
        let site = try TestSite()
        try site.write(
            "events/hostile.yaml",
            """
            - id: hostile
              date: 2024-01-01
              title: '\(Self.script) & co'
              display_date: '\(Self.attribute)'
              type: attack
              location: { name: '\(Self.attribute)' }
              actors: [{ id: bad-actor, role: target }]
              casualties: [{ kind: killed, count: 1, who: '\(Self.script)' }]
              summary: 'Summary with <b>raw html</b>.'
              tags: ['\(Self.script)']
              sources:
                - { publisher: '\(Self.script)', title: '\(Self.attribute)', url: "https://example.org/?q=<x>", quote: '\(Self.script)' }
            """)
        try site.write(
            "actors/bad-actor.md",
            """
            ---
            name: '\(Self.attribute)'
            kind: person
            description: '\(Self.script)'
            ---
            Profile with <script>alert(2)</script> inline HTML.
            """)
        try site.build()
        for (path, data) in try site.outputFiles() where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            let html = String(decoding: data, as: UTF8.self)
            #expect(!html.contains("<script>alert"), "\(path) contains a live script tag")
            #expect(!html.contains("<img src=x"), "\(path) contains an injected element")
            #expect(!html.contains("javascript:"), "\(path) contains a javascript: link")
            #expect(!html.contains("<b>raw html</b>"), "\(path) passes raw HTML through")
        }
        let event = try site.html("events/hostile/index.html")
        #expect(event.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
        #expect(event.contains("x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        let actor = try site.html("actors/bad-actor/index.html")
        #expect(actor.contains("<!-- raw HTML omitted -->"))
    }

    @Test func scriptLinksInMarkdownAreErrorsAndCmarkDropsThemAnyway() throws {
        let site = try TestSite()
        try site.write(
            "pages/p.md", "---\ntitle: P\n---\nA [link](javascript:alert(1)) and [data](data:text/html,x).\n")
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.description)
        #expect(
            errors == [
                "Content/pages/p.md:4:3: error: `javascript:` links are not allowed in content\n    hint: link to a web page (https://…) or a file in Content/static/",
                "Content/pages/p.md:4:35: error: `data:` links are not allowed in content\n    hint: link to a web page (https://…) or a file in Content/static/",
            ])
        // Should one slip through, cmark's safe mode empties the link target.
        #expect(CommonMark().html("[x](javascript:alert(1))") == "<p><a href=\"\">x</a></p>\n")
    }

    @Test func rawHTMLCanBeAllowedBySiteConfig() throws {
        let site = try TestSite(config: TestSite.minimalConfig + "\nmarkdown: { unsafe_html: true }\n")
        try site.write("pages/embed.md", "---\ntitle: Embed\n---\n<figure class=\"chart\">chart</figure>\n")
        try site.build()
        #expect(try site.html("embed/index.html").contains(#"<figure class="chart">chart</figure>"#))
    }

    @Test func unsafeIdsAndURLsAreRejected() throws {
        let site = try TestSite()
        try site.write(
            "events/ids.yaml",
            """
            - { id: "../../etc", date: 2024-01-01, title: A, type: attack }
            - { id: "con", date: 2024-01-01, title: B, type: attack }
            - { id: "has space", date: 2024-01-01, title: C, type: attack }
            - id: d
              date: 2024-01-01
              title: D
              type: attack
              sources: [{ publisher: X, url: "javascript:alert(1)" }]
            """)
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.description)
        #expect(
            errors.contains {
                $0.hasPrefix(
                    "Content/events/ids.yaml:1:9: error: invalid event id: `../../etc` may contain only lowercase letters a–z, digits and hyphens"
                )
            })
        #expect(
            errors.contains {
                $0.hasPrefix("Content/events/ids.yaml:2:9: error: invalid event id: `con` is a reserved name")
            })
        #expect(
            errors.contains {
                $0.hasPrefix("Content/events/ids.yaml:3:9: error: invalid event id: `has space` may contain only")
            })
        #expect(
            errors.contains {
                $0.hasPrefix(
                    "Content/events/ids.yaml:8:34: error: invalid source URL: `javascript:alert(1)` must start with http:// or https://"
                )
            })
    }

    @Test func arabicAndPersianNamesKeepTheirScript() throws {
        let site = try TestSite()
        try site.write(
            "events/e.yaml",
            "id: e\ndate: 2024-01-01\ntitle: زيارة قاآني\ntype: statement\nactors: [{ id: kataib-hezbollah }]\n")
        try site.write(
            "actors/kataib-hezbollah.md",
            "---\nname: كتائب حزب الله\nkind: armed-group\naliases: [Kataib Hezbollah]\n---\nنص.\n")
        try site.build()
        #expect(
            try site.html("actors/kataib-hezbollah/index.html").contains(
                #"<h1 data-pagefind-weight="4">كتائب حزب الله</h1>"#))
        #expect(try site.html("events/e/index.html").contains(#"<h1 data-pagefind-weight="10">زيارة قاآني</h1>"#))
    }
}

/// The theme's fast escaping gives exactly what swift-mustache's own escaping gives.
@Suite struct HTMLEscapingTests {
    @Test(arguments: [
        "", "plain", "A & B <c> \"d\" 'e'", "<script>alert(1)</script>", "e\u{301} café كتائب حزب الله", "&amp;",
        "x\"><img onerror=alert(1)>",
        "\u{1F1EE}\u{1F1F6} flags & \u{200F}marks", "'''", "<<>>&&\"\"",
    ])
    func matchesTheLibrarysEscaping(text: String) throws {
        let library = try MustacheTemplate(string: "{{x}}").render(["x": text])
        _ = HTMLEscaping.registered
        let ours = try MustacheTemplate(string: "{{% CONTENT_TYPE: HTML}}\n{{x}}").render(["x": text])
        #expect(ours == library)
        #expect(HTMLEscaping().escapeText(text) == library)
    }
}

/// View-model strings reach templates as `TemplateText`: rendered, escaped and transformed as
/// plain strings are, and an absent field stops the lookup instead of finding an outer one.
@Suite struct TemplateTextTests {
    @Test func rendersEscapesAndTransformsLikeAString() throws {
        _ = HTMLEscaping.registered
        let template = try MustacheTemplate(
            string:
                "{{% CONTENT_TYPE: HTML}}\n{{x}}|{{{x}}}|{{uppercased(x)}}|{{#x}}yes{{/x}}|{{^x}}no{{/x}}|{{#tags}}<{{.}}>{{/tags}}"
        )
        let plain = template.render(["x": "a & <b>", "tags": ["p", "q"]] as [String: Any])
        let wrapped = template.render(TemplateValue.fields(["x": "a & <b>", "tags": ["p", "q"]]))
        #expect(wrapped == plain)
        #expect(wrapped == "a &amp; &lt;b&gt;|a & <b>|A &amp; &lt;B&gt;|yes||<p><q>")
    }

    @Test func anAbsentFieldDoesNotFallBackToAnOuterOne() throws {
        let template = try MustacheTemplate(
            string: "{{#items}}[{{quote}}{{#quote}}!{{/quote}}{{^quote}}-{{/quote}}]{{/items}}")
        let fields = TemplateValue.fields([
            "quote": "outer",
            "items": [TemplateValue.fields(["quote": "inner"]), TemplateValue.fields(["quote": nil as String?])],
        ])
        #expect(template.render(fields) == "[inner!][-]")
    }

    /// View models are `TemplateObject`s rather than dictionaries (faster to look up in):
    /// templates must not see a difference.
    @Test func objectsOfFieldsRenderLikeDictionaries() throws {
        let template = try MustacheTemplate(
            string:
                "{{#page}}{{title}} {{site.name}} {{count(site)}} {{#empty(page)}}E{{/empty(page)}}{{#site}}{{name}}/{{title}}{{/site}}{{/page}}"
        )
        let dictionaries: [String: Any] = [
            "page": ["title": "T", "site": ["name": "N"] as [String: Any]] as [String: Any]
        ]
        let objects = TemplateObject([
            "page": TemplateObject(["title": TemplateText("T"), "site": TemplateObject(["name": TemplateText("N")])])
        ])
        #expect(template.render(objects) == template.render(dictionaries))
        #expect(template.render(objects) == "T N 1 N/T")
    }
}
