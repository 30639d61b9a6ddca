import Foundation
import Testing
@testable import DossierKit

/// What each kind of page shows, on a small report.
@Suite struct PagesTests {
    func builtSite() throws -> TestSite {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try site.build()
        return site
    }

    @Test func actorPagesShowAffiliationsBothWaysAndEventsByRole() throws {
        let site = try builtSite()
        let militia = HTMLInspection.text(of: try site.html("actors/militia/index.html"))
        #expect(militia.contains("rival of The Army"))
        #expect(militia.contains("As Perpetrator"))
        #expect(militia.contains("Drone attack on a base"))
        let army = HTMLInspection.text(of: try site.html("actors/army/index.html"))
        #expect(army.contains("The Militia , rival of The Army"))
        #expect(army.contains("As Perpetrator"))
        #expect(army.contains("As Target"))
        #expect(army.contains("The conflict"), "topics the actor appears in")
        let index = HTMLInspection.text(of: try site.html("actors/index.html"))
        #expect(index.contains("Armed groups The Militia"))
        #expect(index.contains("Military forces The Army"))
    }

    @Test func topicPagesThreadTheirEventsInOrderWithQuotes() throws {
        let site = try builtSite()
        let topic = HTMLInspection.text(of: try site.html("topics/the-conflict/index.html"))
        // Listed by id (the-reply) and by tag (first-attack), in date order.
        let attack = try #require(topic.range(of: "Drone attack on a base"))
        let reply = try #require(topic.range(of: "The reply The army replied"))
        #expect(attack.lowerBound < reply.lowerBound)
        #expect(topic.contains("We will respond."))
        #expect(topic.contains("— A spokesman"))
        #expect(topic.contains("2 events"))
    }

    @Test func eventPagesHaveSourcesRelatedAndNeighbours() throws {
        let site = try builtSite()
        let html = try site.html("events/first-attack/index.html")
        let text = HTMLInspection.text(of: html)
        #expect(html.contains(#"<a href="https://example.org/a">“Attack report”</a>, 29 January 2024."#))
        #expect(text.contains("Perpetrator The Militia"))
        #expect(text.contains("Target The Army"))
        #expect(text.contains("Place Tower base, Jordan"))
        #expect(html.contains(#"rel="prev""#) && html.contains(#"rel="next""#))
        #expect(text.contains("Related events"))
    }

    @Test func sourcesPageListsEachSourceOnceWithItsEvents() throws {
        let site = try builtSite()
        let html = try site.html("sources/index.html")
        #expect(html.components(separatedBy: "“Attack report”").count == 2)
        let text = HTMLInspection.text(of: html)
        #expect(text.contains("Cited by 2 events"))
        #expect(text.contains("Drone attack on a base 28 January 2024"))
    }

    @Test func homeShowsFiguresLatestEventsAndTopics() throws {
        let site = try builtSite()
        let text = HTMLInspection.text(of: try site.html("index.html"))
        #expect(text.contains("4 events"))
        #expect(text.contains("2 actors"))
        #expect(text.contains("Latest events"))
        #expect(text.contains("The conflict"))
    }

    @Test func feedAndDataDownloads() throws {
        let site = try builtSite()
        let feed = try site.html("feed.xml")
        #expect(feed.contains("<title>Drone attack on a base</title>"))
        #expect(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"events/first-attack/index.html\"/>"))
        let json = try site.html("data/events.json")
        #expect(json.contains(#""id":"first-attack""#))
        #expect(json.contains(#""precision":"month""#))
    }

    @Test func notFoundPageExists() throws {
        let site = try builtSite()
        #expect(HTMLInspection.text(of: try site.html("404.html")).contains("Page not found"))
    }

    /// A page of a kind of its own without Swift: a page names its template, which reads the
    /// report's lists (by type, topic, actor, year), and `check` reads its names as any other.
    static let dashboard = """
        {{% CONTENT_TYPE: HTML}}
        {{<layout}}
        {{$main}}
        {{#content}}
        <article class="wrap"><h1>{{title}}</h1>{{{bodyHTML}}}
        <p id="count">{{report.count}} events</p>
        {{#report.types}}<section class="type"><h2>{{#href}}<a href="{{href}}">{{name}}</a>{{/href}} ({{count}})</h2><ul>{{#events}}{{{html}}}{{/events}}</ul></section>{{/report.types}}
        {{#report.topics}}<section class="topic"><h2>{{name}} ({{count}})</h2>{{#latest}}{{{html}}}{{/latest}}</section>{{/report.topics}}
        {{#report.actors}}<p class="actor">{{name}}: {{count}}</p>{{/report.actors}}
        {{#report.years}}<p class="year">{{name}}: {{count}}</p>{{/report.years}}
        </article>
        {{/content}}
        {{/main}}
        {{/layout}}
        """

    @Test func aPageNamingItsTemplateReadsTheReportsLists() throws {
        let site = try TestSite.sampleWithOwnTheme()
        try Data(Self.dashboard.utf8).write(to: site.templates.appendingPathComponent("conflict-dashboard.mustache"))
        try site.write(
            "pages/dashboard.md",
            "---\ntitle: Dashboard\ntemplate: conflict-dashboard\n---\nThe conflict at a glance.\n")
        try site.build()
        let html = try site.html("dashboard/index.html")
        let text = HTMLInspection.text(of: html)
        #expect(html.contains(#"<p id="count">4 events</p>"#))
        // Types in site.yaml's order, each with its page and its events oldest first.
        #expect(text.contains("Attack (2)") && text.contains("Military strike (1)") && text.contains("Statement (1)"))
        #expect(html.contains(#"<h2><a href="../types/attack/index.html">Attack</a> (2)</h2>"#))
        let campaign = try #require(text.range(of: "A long campaign"))
        let drone = try #require(text.range(of: "Drone attack on a base"))
        #expect(campaign.lowerBound < drone.lowerBound)
        #expect(text.contains("The conflict (2)"))
        #expect(text.contains("The Army: 2") && text.contains("The Militia: 1"))
        #expect(text.contains("2014: 1") && text.contains("2023: 1") && text.contains("2024: 2"))
        // The other pages keep page.mustache, without the lists.
        let about = try site.html("about/index.html")
        #expect(about.contains("plain-page") && !about.contains(#"id="count""#))
    }

    @Test func aMisspeltListOrAMissingTemplateIsALocatedCheckError() throws {
        let site = try TestSite.sampleWithOwnTheme()
        let misspelt = Self.dashboard.replacingOccurrences(of: "report.topics", with: "report.topcs")
            .replacingOccurrences(
                of: "{{name}}: {{count}}</p>{{/report.actors}}", with: "{{nme}}: {{count}}</p>{{/report.actors}}")
        try Data(misspelt.utf8).write(to: site.templates.appendingPathComponent("conflict-dashboard.mustache"))
        try site.write("pages/dashboard.md", "---\ntitle: Dashboard\ntemplate: conflict-dashboard\n---\nText.\n")
        try site.write("pages/other.md", "---\ntitle: Other\ntemplate: conflict-dashbord\n---\nText.\n")
        let found = SiteBuilder(options: site.options).check().diagnostics.map(\.description)
        #expect(
            found.contains {
                $0.contains("conflict-dashboard.mustache:8:")
                    && $0.contains("unknown field `topcs` in `report.topcs`") && $0.contains("`topics`")
            }, "\(found)")
        #expect(found.contains { $0.contains("conflict-dashboard.mustache:9:") && $0.contains("`nme`") }, "\(found)")
        #expect(
            found.contains {
                $0.hasPrefix(
                    "Content/pages/other.md:3:11: error: the page `other` names the template `conflict-dashbord`")
                    && $0.contains("did you mean `conflict-dashboard`")
            }, "\(found)")
    }
}
