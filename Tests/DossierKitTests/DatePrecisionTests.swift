import Foundation
import Testing
@testable import DossierKit

@Suite struct DatePrecisionTests {
    @Test(arguments: [
        ("2024-01-28", "28 January 2024", PartialDate.Precision.day),
        ("2023-10", "October 2023", .month),
        ("2014", "2014", .year),
        ("2024-02-29", "29 February 2024", .day),
    ])
    func parsesAndFormatsAtItsPrecision(text: String, formatted: String, precision: PartialDate.Precision) throws {
        let date = try PartialDate.parse(text).get()
        #expect(DisplayText.builtIn.date(date) == formatted)
        #expect(date.precision == precision)
        #expect(date.iso == text)
    }

    @Test(arguments: [
        "2024-02-30", "2023-02-29", "2024-13", "2024-00-10", "24-01-01", "2024/01/01", "January 2024", "2024-1-5", "",
        "0000", "0000-01-01", "２０２４",
    ])
    func rejectsImpossibleOrMalformedDates(text: String) {
        #expect(throws: PartialDate.DateError.self) { try PartialDate.parse(text).get() }
    }

    @Test func rangesReadNaturally() throws {
        let day = { (text: String) in try PartialDate.parse(text).get() }
        #expect(
            DisplayText.builtIn.date(EventDate(start: try day("2023-11-24"), end: try day("2023-11-30")))
                == "24–30 November 2023")
        #expect(
            DisplayText.builtIn.date(EventDate(start: try day("2023-10"), end: try day("2024-02-04")))
                == "October 2023 – 4 February 2024")
        #expect(
            DisplayText.builtIn.date(EventDate(start: try day("2024-01-29"), end: try day("2024-02-04")))
                == "29 January – 4 February 2024")
        #expect(
            DisplayText.builtIn.date(EventDate(start: try day("2023-10"), end: try day("2023-12")))
                == "October–December 2023")
        #expect(
            DisplayText.builtIn.date(EventDate(start: try day("2024-02"), display: "by 19 February 2024"))
                == "by 19 February 2024")
    }

    @Test func eventsSortByEarliestDayThenPrecision() throws {
        let month = try PartialDate.parse("2024-02").get()
        let firstDay = try PartialDate.parse("2024-02-01").get()
        let secondDay = try PartialDate.parse("2024-02-02").get()
        let year = try PartialDate.parse("2024").get()
        #expect([secondDay, firstDay, month, year].sorted() == [year, month, firstDay, secondDay])
    }

    @Test func timelineShowsEachDateAtItsPrecision() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try site.build()
        let timeline = try site.html("timeline/index.html")
        #expect(
            timeline.contains(
                #"<time class="event-date" datetime="2024-01-28" data-precision="day">28 January 2024</time>"#))
        #expect(
            timeline.contains(
                #"<time class="event-date" datetime="2024-02" data-precision="month">February 2024</time>"#))
        #expect(timeline.contains(#"<time class="event-date" datetime="2014" data-precision="year">2014</time>"#))
        #expect(
            timeline.contains(
                #"<time class="event-date" datetime="2023-10" data-precision="range">October 2023 – 4 February 2024</time>"#
            ))
        // Grouped by year, then month; a year-only event under its year.
        let text = HTMLInspection.text(of: timeline)
        let order = [
            "2014 1 event", "2014, month not given", "2023 1 event", "October 2023", "2024 2 events", "January 2024",
            "February 2024",
        ]
        var position = text.startIndex
        for heading in order {
            let found = try #require(
                text.range(of: heading, range: position..<text.endIndex), "missing or out of order: \(heading)")
            position = found.upperBound
        }
    }

    @Test func badDatesInContentAreReportedWithTheirPosition() throws {
        let site = try TestSite()
        try site.write(
            "events/bad.yaml",
            """
            - id: impossible
              date: 2024-02-30
              title: Impossible
              type: attack
            - id: backwards
              start: 2024-03-01
              end: 2024-02
              title: Backwards
              type: attack
            """)
        let diagnostics = site.failingBuild().filter { $0.severity == .error }.map(\.description)
        #expect(
            diagnostics.contains {
                $0.hasPrefix(
                    "Content/events/bad.yaml:2:9: error: `2024-02-30` is not a real date: February 2024 has 29 days")
            })
        #expect(
            diagnostics.contains {
                $0.hasPrefix(
                    "Content/events/bad.yaml:7:8: error: the period ends (2024-02) before it starts (2024-03-01)")
            })
    }
}

@Suite struct ChronologyTests {
    @Test func vagueDatesSortAfterTheDaysWithinThemAndPeriodsAtTheirStart() throws {
        let site = try TestSite()
        try site.write(
            "events/a.yaml",
            """
            - { id: sometime-in-february, date: 2024-02, title: Sometime in February, type: attack }
            - { id: second-of-february, date: 2024-02-02, title: Second of February, type: attack }
            - { id: february-onwards, start: 2024-02, end: 2024-03, title: February onwards, type: attack }
            - { id: written-first, date: 2024-01, title: Written first, type: attack }
            - { id: written-second, date: 2024-01, title: Written second, type: attack }
            - { id: sometime-in-2024, date: 2024, title: Sometime in 2024, type: attack }
            """)
        let report = try #require(SiteBuilder(options: site.options).validate().report)
        #expect(
            report.events.map(\.id) == [
                "written-first", "written-second", "february-onwards", "second-of-february", "sometime-in-february",
                "sometime-in-2024",
            ])
        #expect(DisplayText.builtIn.span(report.dateSpan(of: report.events.indices)) == "2024")
    }
}

/// A day the sources place only within the week around it (ACLED's `time_precision` 2).
@Suite struct WeekPrecisionTests {
    @Test func aDayKnownToTheWeekIsShownReadAndWrittenAsSuch() throws {
        let site = try TestSite()
        try site.write(
            "events/week.yaml",
            """
            - { id: raid, date: 2024-01-28, precision: week, title: A raid, type: attack, sources: [{ publisher: W, url: "https://example.org/" }] }
            - { id: other, date: 2024-01-29, title: Another, type: attack, sources: [{ publisher: W, url: "https://example.org/" }] }
            """)
        try site.build()
        let page = try site.html("events/raid/index.html")
        #expect(page.contains(#"data-precision="week""#))
        #expect(page.contains(">week of 28 January 2024</time>"))
        #expect(try site.html("data/events.json").contains(#""precision":"week""#))
        let ics = try site.html("data/events.ics")
        #expect(ics.contains("DTSTART;VALUE=DATE:20240125\r\nDTEND;VALUE=DATE:20240201\r\n"))
        #expect(ics.contains("DESCRIPTION:Known to the week: week of 28 January 2024."))
        // The CSV download reads back with the same precision.
        let again = try TestSite()
        try again.write("events/all.csv", try site.html("data/events.csv"))
        let report = try #require(SiteBuilder(options: again.options).validate().report)
        #expect(report.event("raid")?.date.withinWeek == true)
        #expect(report.event("other")?.date.withinWeek == false)
    }

    @Test func weekNeedsASingleDay() throws {
        let site = try TestSite()
        try site.write(
            "events/week.yaml",
            "- { id: raid, date: 2024-01, precision: week, title: A raid, type: attack, sources: [{ publisher: W, url: \"https://example.org/\" }] }\n"
        )
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.description)
        #expect(
            errors == [
                "Content/events/week.yaml:1:41: error: `precision: week` needs a single day: the event happened within the week around it\n    hint: write the day the sources give, e.g. `date: 2024-01-01`"
            ], "\(errors)")
        #expect(CalendarExport.day((2024, 3, 1), plus: -3) == "20240227")
        #expect(CalendarExport.day((2024, 1, 2), plus: -3) == "20231230")
    }

    /// Feeds date an event without `published` at the start of its first day in UTC: the day
    /// arithmetic gives Foundation's own answer, before and after leap days and centuries, and
    /// before 1583 (where Foundation's calendar is Julian) the calendar itself is asked.
    @Test func dayStartsAgreeWithFoundationsCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let days: [(Int, Int?, Int?)] = [
            (1583, 1, 1), (1600, 2, 29), (1700, 3, 1), (1899, 12, 31), (1969, 12, 31), (1970, 1, 1),
            (2000, 2, 29), (2024, 2, 29), (2024, 3, nil), (2024, nil, nil), (2100, 3, 1), (9999, 12, 31),
            (1200, 6, 15), (1582, 10, 4),
        ]
        for (year, month, day) in days {
            let date = PartialDate(year: year, month: month, day: day)
            let expected = calendar.date(from: DateComponents(year: year, month: month ?? 1, day: day ?? 1))
            #expect(Timestamp.date(date) == expected, "\(year)-\(month ?? 1)-\(day ?? 1)")
        }
    }
}
