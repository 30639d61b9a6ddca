import Foundation
import Testing
@testable import DossierKit

/// Links are made from a marker that each page replaces with its way up to the site's root
/// (`SiteRoot`), so a card or a header is rendered once and shown at any depth.
@Suite struct SiteRootTests {
    @Test func theMarkerBecomesEachPagesWayToTheRoot() {
        let html =
            "<a href=\"\(SiteRoot.marker)events/a/index.html\">A</a> <img src=\"\(SiteRoot.marker)map/world.svg\">"
        #expect(
            SiteRoot.resolve(html, root: "../../")
                == #"<a href="../../events/a/index.html">A</a> <img src="../../map/world.svg">"#)
        #expect(SiteRoot.resolve(html, root: "") == #"<a href="events/a/index.html">A</a> <img src="map/world.svg">"#)
        let clean = "<p>Nothing to replace: café, قاآني</p>"
        #expect(SiteRoot.resolve(clean, root: "../") == clean)
        // cmark writes the marker %01 in an address; only a rewritten link's start is put back.
        #expect(
            SiteRoot.restoreInMarkdown(
                #"<a href="%01actors/a/index.html">a</a> up 5%01 <a href="https://x.org/%01">x</a><img src="%01m.png">"#
            )
                == "<a href=\"\u{1}actors/a/index.html\">a</a> up 5%01 <a href=\"https://x.org/%01\">x</a><img src=\"\u{1}m.png\">"
        )
    }

    /// One card per event serves its month's page (depth 3), its type's page (depth 2) and the
    /// second page of its type (depth 4): links in it, those of the Markdown summary included,
    /// lead to the same files from each.
    @Test func aCardShownAtSeveralDepthsLinksCorrectlyFromEach() throws {
        let site = try ExplorationTests.site(events: 60, perPage: 20)
        try site.write(
            "events/linked.yaml",
            """
            - id: linked
              date: 2023-02-14
              title: Linked
              type: strike
              summary: "Claimed by [the militia](actor:militia), see [the data](/data/events.json)."
              actors: [{ id: militia, role: perpetrator }]
              sources: [{ publisher: X, url: "https://example.org/x" }]

            """)
        try site.build()
        var shown: [String: String] = [:]
        for (path, data) in try site.outputFiles() where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            #expect(!html.contains("\u{1}") && !html.contains("%01"), "no marker is left in \(path)")
            // The card's title link (other pages name the event in one-line links).
            guard let title = html.range(of: "\">Linked</a></h"),
                let start = html[..<title.lowerBound].range(of: "href=\"", options: .backwards)
            else { continue }
            let card = html[title.lowerBound...].prefix(2000)
            let up = SitePaths.rootPrefix(from: path)
            #expect(html[start.upperBound..<title.lowerBound] == up + "events/linked/index.html", "\(path)")
            #expect(
                card.contains(
                    #"Claimed by <a href="\#(up)actors/militia/index.html">the militia</a>, see <a href="\#(up)data/events.json">the data</a>."#
                ), "\(path)")
            #expect(
                card.contains(#"<a href="\#(up)actors/militia/index.html">A militia</a>"#), "the card's facts: \(path)")
            shown[path] = up
        }
        #expect(
            Set(shown.values).isSuperset(of: ["../../", "../../../"]), "shown at depths 2 and 3 at least: \(shown)")
    }

    /// A card is rendered once and shown at level 3 under a month's heading and at level 4
    /// under an actor page's role; a theme that computes with the level gets a render per level.
    @Test(arguments: [false, true]) func aCardTakesTheHeadingLevelOfItsPlace(computing: Bool) throws {
        let site = try ExplorationTests.site(events: 60, perPage: 20)
        if computing {
            let card = try #require(BuiltInTheme.files["partials/event-card.mustache"])
            try ThemeOverrideTests.write(
                [
                    "partials/event-card.mustache": card.replacingOccurrences(
                        of: "</article>", with: "<p class=\"next-level\">{{plusone(headingLevel)}}</p></article>")
                ], to: site)
        }
        try site.build()
        let month = try site.html("timeline/2023/02/index.html"), actor = try site.html("actors/militia/index.html")
        #expect(month.contains(#"<h3 class="event-title"><a href="../../../events/event-1/index.html">"#))
        #expect(actor.contains(#"<h4 class="event-title"><a href="../../events/event-1/index.html">"#))
        #expect(!month.contains("\u{2}") && !actor.contains("\u{2}"))
        if computing {
            #expect(month.contains(#"<p class="next-level">4</p>"#) && actor.contains(#"<p class="next-level">5</p>"#))
        }
    }

    @Test func aTemplateWithAControlCharacterIsRefusedAtItsPlace() throws {
        let site = try ThemeOverrideTests.site(theme: [
            "partials/footer.mustache": "{{% CONTENT_TYPE: HTML}}\n<footer>\u{1}</footer>\n"
        ])
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.description)
        #expect(
            errors.contains {
                $0.hasPrefix("Templates/partials/footer.mustache:2:9: error: the template contains a control character")
            }, "\(errors)")
    }

    @Test func aThemeTextWithAControlCharacterIsRefused() throws {
        let site = try ThemeOverrideTests.site(theme: ["text.yaml": "page.timeline: \"Chrono\\x01logie\"\n"])
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.description)
        #expect(
            errors.contains {
                $0.hasPrefix("Templates/text.yaml:1:16: error: `page.timeline` contains the control character U+0001")
            }, "\(errors)")
    }
}
