import Testing
@testable import DossierKit

@Suite struct CasualtyTests {
    @Test(
        arguments: [
            (3, 3, false, "3"),
            (3, 5, false, "3–5"),
            (2, nil, false, "at least 2"),
            (nil, 10, false, "up to 10"),
            (40, 40, true, "about 40"),
            (30, 40, true, "about 30–40"),
        ] as [(Int?, Int?, Bool, String)])
    func figuresReadAsRanges(minimum: Int?, maximum: Int?, approximate: Bool, expected: String) {
        let casualty = Casualty(kind: .killed, minimum: minimum, maximum: maximum, approximate: approximate, who: nil)
        #expect(DisplayText.builtIn.figure(casualty) == expected)
    }

    @Test func eventPagesAndCardsShowTheRanges() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try site.build()
        let event = try site.html("events/first-attack/index.html")
        #expect(event.contains("<li>3 killed (soldiers)</li>"))
        #expect(event.contains("<li>30–40 injured</li>"))
        let timeline = try site.html("timeline/index.html")
        #expect(timeline.contains("<li>3 killed (soldiers)</li><li>30–40 injured</li>"))
    }

    @Test func impossibleFiguresAreErrors() throws {
        let site = try TestSite()
        try site.write(
            "events/bad.yaml",
            """
            id: bad-figures
            date: 2024-01-01
            title: Bad figures
            type: attack
            casualties:
              - { kind: killed, min: 10, max: 5 }
              - { kind: injured, min: -1 }
              - { kind: wounded, count: 2 }
            """)
        let messages = site.failingBuild().filter { $0.severity == .error }.map(\.description)
        #expect(
            messages.contains {
                $0.hasPrefix("Content/events/bad.yaml:6:26: error: the minimum (10) is above the maximum (5)")
            })
        #expect(
            messages.contains {
                $0.hasPrefix("Content/events/bad.yaml:7:27: error: a casualty figure cannot be negative (-1)")
            })
        #expect(
            messages.contains { $0.hasPrefix("Content/events/bad.yaml:8:13: error: unknown casualty kind `wounded`") })
    }

    /// On c5ad4ae two figures near Int.max trapped the home page's sum (a crash, not an error).
    @Test func figuresAtTheIntegerLimitsAreLocatedErrorsNotCrashes() throws {
        let site = try TestSite()
        try site.write(
            "events/huge.yaml",
            """
            - id: huge-one
              date: 2024-01-01
              title: Huge
              type: attack
              casualties:
                - { kind: killed, count: 9223372036854775807 }
            - id: huge-two
              date: 2024-01-02
              title: Huge too
              type: attack
              casualties:
                - { kind: killed, min: 9223372036854775000, max: 9223372036854775807 }
                - { kind: injured, count: 99999999999999999999 }
            """)
        let messages = site.failingBuild().filter { $0.severity == .error }.map(\.description)
        #expect(
            messages.contains {
                $0.hasPrefix(
                    "Content/events/huge.yaml:6:30: error: the casualty figure 9223372036854775807 is larger than any recorded event's (Dossier accepts up to 100000000)"
                )
            }, "\(messages)")
        #expect(
            messages.contains {
                $0.hasPrefix("Content/events/huge.yaml:12:28: error: the casualty figure 9223372036854775000 is larger")
            }, "\(messages)")
        #expect(
            messages.contains {
                $0.hasPrefix(
                    "Content/events/huge.yaml:13:31: error: `count` must be a whole number, found `99999999999999999999`"
                )
            }, "\(messages)")
        #expect(messages.count == 3, "one error for each figure, no cascade: \(messages)")
    }

    @Test func theLargestAcceptedFiguresAddUpWithoutTrapping() throws {
        let site = try TestSite()
        let events = (0..<3).map { index in
            "- { id: big-\(index), date: 2024-01-0\(index + 1), title: Big, type: attack, casualties: [{ kind: killed, count: \(Casualty.largestFigure) }], sources: [{ publisher: X, url: \"https://example.org\" }] }"
        }
        try site.write("events/big.yaml", events.joined(separator: "\n"))
        try site.build()
        #expect(try site.html("index.html").contains("300000000+"))
    }
}
