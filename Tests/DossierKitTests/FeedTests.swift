import Foundation
import Testing
@testable import DossierKit

/// The Atom feed, the JSON Feed and the calendar name each event by an id that lasts as long as
/// the event, and date it by when it was published or changed in the report.
@Suite struct FeedTests {
    static let events = """
        - { id: old-raid, date: 2019-05-02, title: An old raid, type: attack, summary: "Long ago.", published: 2024-03-01, sources: [{ publisher: Wire, url: "https://example.org/1" }] }
        - { id: talks, date: 2024-01, title: Talks begin, type: statement, sources: [{ publisher: Wire, url: "https://example.org/2" }] }
        - { id: strike, date: 2024-02-07, title: A strike, type: strike, updated: "2024-02-09T10:30:00+03:00", sources: [{ publisher: Wire, url: "https://example.org/3" }] }
        """

    static func site(config: String = TestSite.minimalConfig) throws -> TestSite {
        let site = try TestSite(config: config)
        try site.write("events/all.yaml", events)
        return site
    }

    /// `<id>` values of the Atom entries, in order.
    static func entryIDs(_ feed: String) -> [String] {
        feed.components(separatedBy: "<entry>").dropFirst().compactMap { entry in
            entry.range(of: "<id>").flatMap { start in
                entry.range(of: "</id>").map { String(entry[start.upperBound..<$0.lowerBound]) }
            }
        }
    }

    @Test func entriesAreOrderedAndDatedByWhenTheyWerePublishedOrChanged() throws {
        let site = try Self.site()
        try site.build()
        let feed = try site.html("feed.xml")
        let titles = feed.components(separatedBy: "<entry>").dropFirst().map {
            HTMLInspection.text(of: String($0.split(separator: "\n")[0]))
        }
        // The old raid was documented on 1 March 2024: newest in the feed.
        #expect(titles == ["An old raid", "A strike", "Talks begin"])
        #expect(feed.contains("<published>2024-03-01T00:00:00Z</published>"))
        // `updated` with an offset, in UTC; the feed's own `updated` is its newest entry's.
        #expect(feed.contains("<updated>2024-02-09T07:30:00Z</updated>"))
        #expect(feed.components(separatedBy: "<updated>")[1].hasPrefix("2024-03-01T00:00:00Z"))
        let json = try JSONSerialization.jsonObject(with: Data(try site.html("feed.json").utf8)) as? [String: Any]
        let items = json?["items"] as? [[String: Any]] ?? []
        #expect(json?["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(items.map { $0["title"] as? String } == titles.map(Optional.init))
        #expect(items.map { $0["id"] as? String } == Self.entryIDs(feed).map(Optional.init))
        #expect(items[1]["date_modified"] as? String == "2024-02-09T07:30:00Z")
    }

    /// RFC 9562, appendix A.4: the version 5 UUID of "www.example.com" in the DNS namespace.
    @Test func nameBasedUUIDsAreRFC9562s() throws {
        let dns = try #require(UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8"))
        #expect(
            StableID.nameBased("www.example.com", in: dns).uuidString.lowercased()
                == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
    }

    @Test func idsSurviveANewTitleAndAddress() throws {
        let site = try Self.site()
        try site.build()
        let before = try site.html("feed.xml")
        #expect(Self.entryIDs(before).count == 3)
        #expect(
            Self.entryIDs(before).allSatisfy {
                $0.range(
                    of: #"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"#,
                    options: .regularExpression) != nil
            })
        try site.write(
            "site.yaml",
            TestSite.minimalConfig.replacingOccurrences(
                of: "title: Test report", with: "title: A renamed report\nbase_url: https://example.org/r/"))
        try site.build()
        let after = try site.html("feed.xml")
        #expect(Self.entryIDs(after) == Self.entryIDs(before))
        #expect(after.contains("<id>urn:uuid:0f3c8a56-8f0b-4a59-9d0e-2f1f5a4c7b21</id>"))
        #expect(
            try site.html("data/events.ics").contains("UID:" + Self.entryIDs(before)[0].dropFirst("urn:uuid:".count)))
    }

    @Test func aReportWithoutIdIsToldWhichToAddAndAddingItChangesNothing() throws {
        let config = TestSite.minimalConfig.split(separator: "\n").dropFirst().joined(separator: "\n")
        let site = try Self.site(config: config)
        let summary = try site.build()
        let warning = try #require(summary.warnings.first { $0.message.contains("has no `id`") })
        #expect(warning.location.file.hasSuffix("site.yaml"))
        let suggested = try #require(warning.hint?.split(separator: "`").dropFirst().first.map(String.init))
        #expect(suggested.hasPrefix("id: urn:uuid:"))
        let before = try site.html("feed.xml")
        try site.write("site.yaml", suggested + "\n" + config)
        let second = try site.build()
        #expect(!second.warnings.contains { $0.message.contains("has no `id`") })
        #expect(try site.html("feed.xml") == before)
    }

    @Test func badIdsAndDatesAreLocatedErrors() throws {
        let site = try TestSite(
            config: TestSite.minimalConfig.replacingOccurrences(
                of: "id: urn:uuid:0f3c8a56-8f0b-4a59-9d0e-2f1f5a4c7b21", with: "id: my report"))
        try site.write(
            "events/all.yaml",
            "- { id: a, date: 2024-01-01, title: A, type: attack, updated: last tuesday, sources: [{ publisher: W, url: \"https://example.org/\" }] }\n"
        )
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.description)
        #expect(errors.contains { $0.hasPrefix("Content/site.yaml:1:5: error: `id` must be a URI") }, "\(errors)")
        #expect(
            errors.contains {
                $0.hasPrefix("Content/events/all.yaml:1:63: error: `last tuesday` is not a date or a moment")
            }, "\(errors)")
    }

    @Test func theCalendarSpansWhatIsKnownAndSaysHowPrecise() throws {
        let site = try Self.site()
        try site.write(
            "events/period.yaml",
            "- { id: siege, start: 2024-02-27, end: 2024-03-02, title: \"A siege; long, hard\", type: attack, sources: [{ publisher: W, url: \"https://example.org/\" }] }\n"
        )
        try site.build()
        let ics = try site.html("data/events.ics")
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        // A month: the whole month, said in the description.
        #expect(ics.contains("DTSTART;VALUE=DATE:20240101\r\nDTEND;VALUE=DATE:20240201\r\n"))
        #expect(ics.contains("DESCRIPTION:Known to the month: January 2024."))
        // A period across a leap day: to the day after its last.
        #expect(ics.contains("DTSTART;VALUE=DATE:20240227\r\nDTEND;VALUE=DATE:20240303\r\n"))
        #expect(ics.contains(#"SUMMARY:A siege\; long\, hard"#))
        #expect(ics.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(CalendarExport.day((2023, 12, 31), plus: 1) == "20240101")
        #expect(CalendarExport.day((1900, 2, 28), plus: 1) == "19000301")
        #expect(CalendarExport.day((2000, 2, 28), plus: 1) == "20000229")
        #expect(CalendarExport.escaped("a\r\nb;c,d\\e") == #"a\nb\;c\,d\\e"#)
    }
}
