import Foundation
import Testing
@testable import DossierKit

/// Pages that stay small (the timeline split by year and month, lists of a type or a country
/// in numbered pages) and the filter's index, on real builds.
@Suite struct ExplorationTests {
    /// A report of `count` attacks and strikes in Iraq and Syria, spread over 2022–2024, with
    /// 2023 much busier than the other years. Every event cites X; with `wire`, each pair of
    /// events also cites its own wire story, and the first two, two stories of the same title.
    static func site(events count: Int, perPage: Int?, wire: Bool = false) throws -> TestSite {
        let site = try TestSite(
            config: TestSite.minimalConfig + (perPage.map { "\nlists:\n  per_page: \($0)\n" } ?? ""))
        var yaml = ""
        for number in 0..<count {
            // Every third event in 2022 or 2024, the rest in 2023, month by month.
            let year = number % 6 == 0 ? 2022 : (number % 6 == 3 ? 2024 : 2023)
            let month = number % 12 + 1, day = number % 28 + 1
            yaml += """
                - id: event-\(number)
                  date: \(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)
                  title: "Event \(number) <b>"
                  type: \(number % 2 == 0 ? "attack" : "strike")
                  location: { name: Town \(number % 3), country: \(number % 4 == 0 ? "Syria" : "Iraq") }
                  actors: [{ id: militia, role: perpetrator }]
                  sources: [{ publisher: X, url: "https://example.org/x" }\(!wire ? "" : number < 2
                ? ", { publisher: Wire, title: Same, url: \"https://example.org/same/\(number)\" }"
                : ", { publisher: Wire, title: \"Story \(number / 2)\", url: \"https://example.org/wire/\(number / 2)\" }")]

                """
        }
        try site.write("events/events.yaml", yaml)
        try site.write("actors/militia.md", "---\nid: militia\nname: A militia\nkind: armed-group\n---\nA militia.")
        return site
    }

    @Test func aSmallReportKeepsOneTimelinePage() throws {
        let site = try Self.site(events: 40, perPage: nil)
        try site.build()
        let timeline = try site.html("timeline/index.html")
        #expect(timeline.components(separatedBy: "class=\"event-card\"").count - 1 == 40)
        #expect(!site.exists("timeline/2023/index.html"))
    }

    @Test func aLargeTimelineIsSplitByYearAndABusyYearByMonth() throws {
        let site = try Self.site(events: 60, perPage: 20)
        try site.build()
        let timeline = try site.html("timeline/index.html")
        #expect(!timeline.contains("class=\"event-card\""), "the index lists years and months, not events")
        // 2022 and 2024 have 10 events each: one page each; 2023 has 40: a page per month.
        #expect(
            timeline.contains(#"<a href="../timeline/2022/index.html">2022</a>"#)
                && timeline.contains(#"<li id="m2023-02"><a href="../timeline/2023/02/index.html">February 2023</a>"#))
        let year = try site.html("timeline/2022/index.html")
        #expect(year.components(separatedBy: "class=\"event-card\"").count - 1 == 10)
        #expect(
            year.contains(#"<a href="../../timeline/2023/index.html">2023</a>"#)
                && year.contains(#"<a href="../../timeline/2022/index.html" aria-current="page">2022</a>"#))
        let busy = try site.html("timeline/2023/index.html")
        #expect(
            !busy.contains("class=\"event-card\"")
                && busy.contains(#"<a href="../../timeline/2023/02/index.html">February 2023</a>"#))
        let month = try site.html("timeline/2023/02/index.html")
        let cards = month.components(separatedBy: "class=\"event-card\"").count - 1
        #expect(cards > 0 && cards <= 20)
        #expect(month.contains(#"<a href="../../../events/event-1/index.html">Event 1 &lt;b&gt;</a>"#))
        // Event pages never move.
        #expect(site.exists("events/event-1/index.html"))
        // Every event is on exactly one page of the split timeline.
        var listed = 0
        for path in try site.outputFiles().keys where path.hasPrefix("timeline/") && path.hasSuffix(".html") {
            listed += try site.html(path).components(separatedBy: "class=\"event-card\"").count - 1
        }
        #expect(listed == 60)
    }

    /// A month with more events than a page lists (a dense report: 1,400 events in one month of
    /// the neutral benchmark corpus made a 1.5 MB page) goes on over numbered pages.
    @Test func aMonthBusierThanAPageHasNumberedPages() throws {
        let site = try Self.site(events: 60, perPage: 20)
        var yaml = ""
        for number in 0..<45 {
            yaml +=
                "- { id: busy-\(number), date: 2023-05-\(number % 28 + 1 < 10 ? "0" : "")\(number % 28 + 1), title: Busy \(number), type: attack, sources: [{ publisher: X, url: \"https://example.org/x\" }] }\n"
        }
        try site.write("events/busy.yaml", yaml)
        try site.build()
        let pages = (1...3).map {
            try? site.html($0 == 1 ? "timeline/2023/05/index.html" : "timeline/2023/05/page/\($0)/index.html")
        }
        let cards = pages.map { ($0 ?? "").components(separatedBy: "class=\"event-card\"").count - 1 }
        // 5 events of the 60 fall in May 2023, with the 45: 50, in pages of 20, 20 and 10.
        #expect(cards == [20, 20, 10])
        #expect(!site.exists("timeline/2023/05/page/4/index.html"))
        let second = try #require(pages[1])
        #expect(second.contains("May 2023, page 2 of 3") && second.contains("50 events"))
        #expect(
            second.contains(#"<a href="../../../../../timeline/2023/05/index.html">1</a>"#)
                && second.contains(#"aria-current="page">2</a>"#))
        // Every event is still on exactly one page of the split timeline.
        var listed = 0
        for path in try site.outputFiles().keys where path.hasPrefix("timeline/") && path.hasSuffix(".html") {
            listed += try site.html(path).components(separatedBy: "class=\"event-card\"").count - 1
        }
        #expect(listed == 105)
    }

    @Test func aTypeAndACountryHaveTheirPagesInNumberedParts() throws {
        let site = try Self.site(events: 60, perPage: 20)
        try site.build()
        // 30 attacks: two pages of at most 20.
        let first = try site.html("types/attack/index.html")
        let second = try site.html("types/attack/page/2/index.html")
        #expect(first.components(separatedBy: #"<li><a href="../../events/"#).count - 1 == 20)
        #expect(second.components(separatedBy: #"<li><a href="../../../../events/"#).count - 1 == 10)
        #expect(first.contains(#"<a href="../../timeline/index.html?type=attack">Filter them in the timeline</a>"#))
        #expect(
            second.contains(#"<a href="../../../../types/attack/index.html">1</a>"#)
                && second.contains("Attack, page 2 of 2"))
        #expect(
            !site.exists("types/attack/page/3/index.html") && !site.exists("types/statement/index.html"),
            "no page for a type without events")
        #expect(try site.html("countries/syria/index.html").contains("15 events"))
        #expect(
            try site.html("timeline/index.html").contains(
                #"<a href="../countries/iraq/index.html">Iraq</a> <span class="muted">(45)</span>"#))
        #expect(
            try site.html("events/event-0/index.html").contains(
                #"<a class="badge badge-type" href="../../types/attack/index.html" data-pagefind-meta="type">Attack</a>"#
            ))
    }

    /// A country named with 250 Arabic letters (500 bytes) failed the build with an unlocated
    /// "File name too long" (on main before): long names get a short folder, and stay apart.
    @Test func aCountryWithAVeryLongNameHasAPageAllTheSame() throws {
        let site = try TestSite()
        let long = String(repeating: "ع", count: 250), longer = long + "ب"
        try site.write(
            "events/long.yaml",
            [long, longer].enumerated().map { index, country in
                "- { id: e\(index), date: 2024-01-0\(index + 1), title: T, type: attack, location: { name: Somewhere, country: \(country) }, sources: [{ publisher: P, url: \"https://example.org/\" }] }"
            }.joined(separator: "\n") + "\n")
        try site.build()
        let folders = try FileManager.default.contentsOfDirectory(
            atPath: site.output.appendingPathComponent("countries").path)
        #expect(folders.count == 2 && folders.allSatisfy { $0.utf8.count <= ListPaging.longestSlug }, "\(folders)")
    }

    @Test func theFiltersIndexHasAColumnPerFacetAndAFilePerYear() throws {
        let site = try Self.site(events: 60, perPage: 20)
        try site.build()
        let facets = try site.html("data/filter/facets.js")
        #expect(facets.hasPrefix("/* Written by Dossier") && facets.contains("dossierData(\"facets\", {"))
        let json = try #require(facets.firstRange(of: "{\n").map { String(facets[$0.lowerBound...]) }?.dropLast(3))
        let index = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(index["count"] as? Int == 60)
        for column in ["date", "end", "type", "grade", "country", "place", "actor", "tag", "topic"] {
            #expect((index[column] as? [Any])?.count == 60, "\(column)")
        }
        #expect(index["countries"] as? [String] == ["Iraq", "Syria"])
        #expect((index["years"] as? [[Int]])?.map { $0[0] } == [2022, 2023, 2024])
        #expect((index["date"] as? [Int])?.first == 20220101)
        // Actor and role in one number: actor × roles + role (perpetrator is role 0).
        #expect((index["actor"] as? [[Int]])?.first == [0])
        let year = try site.html("data/filter/2022.js")
        #expect(year.contains(#"["event-0","Event 0 \u003cb>","1 January 2022","Town 0, Syria"]"#))
        #expect(!site.exists("data/filter/2021.js"))
        // The results' map: a point per place (none here: no coordinates), over the site's outlines.
        #expect(index["outlinesPath"] as? String == "map/world.svg")
        #expect((index["placePoints"] as? [Any])?.count == (index["places"] as? [String])?.count)
        #expect((index["placePoints"] as? [Any])?.allSatisfy { $0 is NSNull } == true)
        // The words a text query looks in: each year's summaries, a file of their own.
        #expect(try site.html("data/filter/2022-words.js").contains("dossierData(\"words-2022\", ["))
        #expect(index["wordsPath"] as? String == "data/filter/{year}-words.js")
    }

    @Test func aLongThreadIsToldOverNumberedPages() throws {
        let site = try Self.site(events: 60, perPage: 20)
        // 25 events by id and every event tagged `late` (none is): 25 in the thread.
        try site.write(
            "topics/long.md",
            "---\nid: long\ntitle: A long thread\nevents: [\((0..<25).map { "event-\($0)" }.joined(separator: ", "))]\ntags: [late]\n---\nThe story so far."
        )
        try site.build()
        let first = try site.html("topics/long/index.html"), second = try site.html("topics/long/page/2/index.html")
        #expect(
            first.contains("The story so far.") && !second.contains("The story so far."),
            "the narrative is on the first page")
        #expect(
            first.components(separatedBy: "class=\"event-card\"").count - 1 == 20
                && second.components(separatedBy: "class=\"event-card\"").count - 1 == 5)
        #expect(
            second.contains(#"<ol class="thread-list" start="21">"#) && second.contains("A long thread, page 2 of 2"))
        #expect(first.contains(#"<a href="../../topics/long/page/2/index.html">2</a>"#))
        #expect(!site.exists("topics/long/page/3/index.html"))
    }

    @Test func anActorInManyEventsHasNumberedPages() throws {
        let site = try Self.site(events: 60, perPage: 20)
        try site.build()
        // The militia is in all 60 events: three pages of 20, in role order.
        let pages = try [
            "actors/militia/index.html", "actors/militia/page/2/index.html", "actors/militia/page/3/index.html",
        ].map(site.html)
        #expect(pages.map { $0.components(separatedBy: "class=\"event-card\"").count - 1 } == [20, 20, 20])
        #expect(
            pages[2].contains("<title>A militia, page 3 of 3")
                && pages[0].contains(#"<a href="../../actors/militia/page/2/index.html">2</a>"#))
        #expect(!site.exists("actors/militia/page/4/index.html"))
        #expect(pages[0].contains("<h2 id=\"chart-heading\"") || pages[0].contains("actor-chart"))
        #expect(!pages[1].contains("actor-chart"), "the chart is on the first page")
    }

    @Test func theSourcesIndexHasNumberedPagesAndASourceCitedOftenItsOwnList() throws {
        let site = try Self.site(events: 60, perPage: 20, wire: true)
        try site.build()
        // X, two "Same" stories and 29 wire stories: 32 sources, in pages of 20 and 12.
        let first = try site.html("sources/index.html"), second = try site.html("sources/page/2/index.html")
        #expect(first.components(separatedBy: "<li id=\"source-").count - 1 == 20)
        #expect(second.components(separatedBy: "<li id=\"source-").count - 1 == 12)
        #expect(
            second.contains(#"<ol class="source-index" start="21">"#) && second.contains("<title>Sources, page 2 of 2"))
        #expect(
            first.contains(#"<a href="../sources/page/2/index.html">2</a>"#)
                && second.contains(#"<a href="../../../sources/index.html">1</a>"#))
        #expect(!site.exists("sources/page/3/index.html"))
        // Same publisher and title, another address: another id.
        #expect(first.contains(#"<li id="source-wire-same">"#) && first.contains(#"<li id="source-wire-same-2">"#))
        // X is cited by all 60: its row names 5 and links to its own list, in pages of 20.
        let row = try #require(
            second.components(separatedBy: #"<li id="source-x">"#).dropFirst().first?.components(
                separatedBy: "</li>\n    <li"
            ).first)
        #expect(
            row.contains("Cited by 60 events")
                && row.components(separatedBy: #"<li><a href="../../../events/"#).count - 1 == SourcesPage.eventsPerRow)
        #expect(row.contains(#"<a href="../../../sources/x/index.html">All 60 events citing it</a>"#))
        let list = try ["sources/x/index.html", "sources/x/page/2/index.html", "sources/x/page/3/index.html"].map(
            site.html)
        #expect(
            zip(list, ["../../", "../../../../", "../../../../"]).map {
                $0.components(separatedBy: "<li><a href=\"\($1)events/").count - 1
            } == [20, 20, 20])
        #expect(
            list[0].contains(#"<span class="publisher">X</span>"#) && !list[0].contains("Filter them in the timeline"))
        #expect(list[2].contains("<title>X, page 3 of 3"))
        // A source cited twice is all on its row: no list of its own.
        #expect(!site.exists("sources/wire-story-5/index.html"))
        // Nothing links to a page that is not there (every page checked by the build).
        #expect(try site.html("events/event-4/index.html").contains("Story 2"))
    }

    /// Sources' ids are read byte by byte when their text is ASCII: the same ids as reading
    /// Characters (letters and numbers of any script, the first eight words, lower case).
    @Test func sourceIDsAreTheSameReadByteByByteOrByCharacter() {
        func byCharacter(_ publisher: String, _ title: String?) -> String {
            let words = "\(publisher) \(title ?? "")".lowercased().split { !($0.isLetter || $0.isNumber) }
            return words.isEmpty ? "source" : words.prefix(8).joined(separator: "-")
        }
        let cases: [(String, String?)] = [
            ("Reuters", "Iraq, US begin talks on ending coalition"), ("AP", nil), ("", nil), ("--", "!?"),
            ("A", "one two three four five six seven eight nine ten"), ("ISW", "2024-02-18: update #3 (PM)"),
            ("Al-Monitor", "  Qaani's  visit\tto Baghdad\n"), ("Zeit", "Über den Abzug"), ("Rudaw", "Erbil café talks"),
            ("X", "a b c d e f g h ü"), ("BBC عربي", "المفاوضات"), ("NYT", "9/11 anniversary"),
        ]
        for (publisher, title) in cases {
            let source = Source(
                publisher: publisher, title: title, url: nil, author: nil, date: nil, quote: nil, via: nil,
                location: SourceLocation(file: "x", line: 1, column: 1))
            #expect(Report.CitedSource.slug(source) == byCharacter(publisher, title), "\(publisher) \(title ?? "")")
        }
    }

    @Test func listsPerPageBelowTenIsRefused() throws {
        let site = try Self.site(events: 3, perPage: 5)
        let errors = site.failingBuild()
        #expect(
            errors.contains { $0.message.contains("`per_page` must be at least 10, not 5") && $0.location.line > 0 })
    }
}
