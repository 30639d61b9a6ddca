import Testing
@testable import DossierKit

@Suite struct CrossReferenceTests {
    @Test func referencesBecomeRelativeLinksFromEachPage() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try site.build()
        // From an event page (two folders deep) to an actor and another event.
        let event = try site.html("events/first-attack/index.html")
        #expect(event.contains(#"The <a href="../../actors/militia/index.html">militia</a> attacked a base."#))
        #expect(event.contains(#"<a href="../../events/the-reply/index.html">the reply</a>"#))
        // The same summary on the home page (at the root) links from there.
        let home = try site.html("index.html")
        #expect(home.contains(#"The <a href="actors/militia/index.html">militia</a> attacked a base."#))
        // Root-relative links in content are made relative too.
        let about = try site.html("about/index.html")
        #expect(about.contains(#"<a href="../timeline/index.html">Timeline</a>"#))
        // Actor profile and topic narrative.
        #expect(
            try site.html("actors/militia/index.html").contains(
                #"See <a href="../../actors/army/index.html">the army</a>."#))
        #expect(
            try site.html("topics/the-conflict/index.html").contains(
                #"<a href="../../events/first-attack/index.html">an attack</a>"#))
    }

    @Test func codeSpansAreLeftAlone() throws {
        let markdown = CommonMark()
        let html = markdown.html("Write `[x](actor:militia)` to link.", rewrite: { _ in "REWRITTEN" })
        #expect(html == "<p>Write <code>[x](actor:militia)</code> to link.</p>\n")
    }

    @Test func unknownIdsFailTheBuildWithTheirPosition() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try site.write(
            "pages/notes.md",
            """
            ---
            title: Notes
            ---
            Intro line.

            Then [a typo](actor:milita) and [a ghost](event:nothing-here).
            """)
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(
            errors.map(\.description) == [
                "Content/pages/notes.md:6:6: error: unknown actor `milita`\n    hint: did you mean `militia`?",
                "Content/pages/notes.md:6:33: error: unknown event `nothing-here`\n    hint: no event has this id; check the spelling or add it",
            ])
        #expect(!site.exists("index.html"), "nothing is written when the content has errors")
    }

    /// A deleted events file can leave thousands of links to ids that are gone: each is looked up
    /// once, and after 50 distinct ones the rest are reported without a suggestion.
    @Test func suggestionsAreLookedUpOnceEachAndStopAfterFifty() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        let typos = (10..<70).map { "militia\($0)" }
        let links = (typos + [typos[0]]).map { "[x](actor:\($0))" }.joined(separator: "\n")
        try site.write("pages/notes.md", "---\ntitle: Notes\n---\n" + links + "\n")
        let hints = site.failingBuild().filter { $0.severity == .error }.map(\.hint)
        #expect(hints.count == 61)
        #expect(hints.prefix(50).allSatisfy { $0 == "did you mean `militia`?" })
        #expect(hints[50..<60].allSatisfy { $0 == "no actor has this id; check the spelling or add it" })
        #expect(hints[60] == "did you mean `militia`?", "an id already looked up keeps its suggestion")
    }

    @Test func referencesInsideYAMLFieldsPointAtTheirLine() throws {
        let site = try TestSite()
        try site.write(
            "events/one.yaml",
            """
            id: one
            date: 2024-01-01
            title: One
            type: attack
            summary: Mentions [nobody](actor:nobody).
            body: |
              First line.
              Second line with [a topic](topic:missing).
            """)
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.description)
        #expect(errors.contains { $0.hasPrefix("Content/events/one.yaml:5:19: error: unknown actor `nobody`") })
        #expect(errors.contains { $0.hasPrefix("Content/events/one.yaml:8:18: error: unknown topic `missing`") })
    }

    @Test func relativeURLs() {
        #expect(SitePaths.relativeURL(from: "index.html", to: "timeline/index.html") == "timeline/index.html")
        #expect(
            SitePaths.relativeURL(from: "events/a/index.html", to: "actors/b/index.html") == "../../actors/b/index.html"
        )
        #expect(
            SitePaths.relativeURL(from: "events/a/index.html", to: "events/b/index.html") == "../../events/b/index.html"
        )
        #expect(
            SitePaths.relativeURL(from: "events/a/index.html", to: "events/a/index.html") == "../../events/a/index.html"
        )
        #expect(SitePaths.relativeURL(from: "timeline/index.html", to: "index.html") == "../index.html")
        #expect(SitePaths.relativeURL(from: "404.html", to: "assets/style.css") == "assets/style.css")
    }
}
