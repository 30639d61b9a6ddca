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
}
