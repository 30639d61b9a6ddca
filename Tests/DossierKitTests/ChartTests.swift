import Foundation
import Testing
@testable import DossierKit

/// Charts of events over time: the time axis, binning at each date precision (a month-precise
/// date is a band across its month, never a bar on its first day), the window a report's chart
/// shows, key events, and the sample report's charts.
@Suite struct ChartTests {
    @Test func daysAndDatesRoundTrip() {
        #expect(TimeBins.day((1970, 1, 1)) == 0)
        #expect(TimeBins.day((2024, 2, 29)) - TimeBins.day((2024, 2, 28)) == 1)
        #expect(TimeBins.day((2024, 3, 1)) - TimeBins.day((2024, 2, 28)) == 2, "2024 is a leap year")
        for day in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(TimeBins.day(TimeBins.civil(day)) == day)
        }
        // 29 January 2024 was a Monday; 4 February a Sunday.
        let monday = TimeBins.day((2024, 1, 29))
        #expect(TimeBins.monday(onOrBefore: monday) == monday)
        #expect(TimeBins.monday(onOrBefore: TimeBins.day((2024, 2, 4))) == monday)
    }

    @Test func theUnitFollowsTheSpan() {
        #expect(
            TimeBins(from: PartialDate(year: 2024, month: 1, day: 28), to: PartialDate(year: 2024, month: 2, day: 18))
                .unit == .week)
        #expect(TimeBins(from: PartialDate(year: 2020, month: 1), to: PartialDate(year: 2024, month: 2)).unit == .month)
        #expect(TimeBins(from: PartialDate(year: 2004), to: PartialDate(year: 2024)).unit == .year)
    }

    @Test func eachDateFallsInItsBinAtItsPrecision() {
        let weeks = TimeBins(
            from: PartialDate(year: 2024, month: 1, day: 1), to: PartialDate(year: 2024, month: 3, day: 31))
        #expect(weeks.unit == .week && weeks.first == TimeBins.day((2024, 1, 1)))
        #expect(weeks.bin(of: PartialDate(year: 2024, month: 1, day: 29)) == 4)
        #expect(weeks.bin(of: PartialDate(year: 2024, month: 2, day: 4)) == 4, "Sunday ends the week")
        #expect(weeks.bin(of: PartialDate(year: 2024, month: 2)) == nil, "a month is not put on its first day")
        #expect(weeks.span(of: PartialDate(year: 2024, month: 2)) == 4...8, "but spans its weeks")
        let months = TimeBins(from: PartialDate(year: 2020, month: 1), to: PartialDate(year: 2024, month: 2))
        #expect(months.bin(of: PartialDate(year: 2024, month: 2, day: 7)) == 49)
        #expect(months.bin(of: PartialDate(year: 2023)) == nil)
        #expect(months.span(of: PartialDate(year: 2023)) == 36...47)
        #expect(months.start(of: 49) == (2024, 2, 1))
    }

    static func report() throws -> Report {
        try #require(SiteBuilder(options: BuildOptions(root: TestSite.repository)).validate().report)
    }

    @Test func theSampleChartShowsTheBusyStretchByTheWeek() throws {
        let report = try Self.report()
        let chart = try #require(EventChart.make(Array(report.events.indices), report: report, focus: true))
        #expect(chart.axis.unit == .week)
        // The background (2014, January 2020) is listed, not drawn.
        #expect(
            chart.before.map { report.events[$0].id }.sorted() == [
                "iraqi-parliament-vote-2020", "pmf-formed", "soleimani-muhandis-killed",
            ])
        // The week of 29 January holds Qaani's visit, the suspension and the last attacks.
        let week = try #require(chart.axis.bin(of: PartialDate(year: 2024, month: 1, day: 29)))
        #expect(chart.bins[week].total == 5)
        // No attack is counted after that week: the pause.
        let attack = try #require(chart.types.firstIndex { $0.id == "attack" })
        #expect(chart.bins[(week + 1)...].allSatisfy { $0.counts[attack] == 0 })
        // Events dated only to a month are bands across it; an event over a period, across that
        // (the attacks from October 2023 to 4 February 2024: on 06a6392 "dated only to October 2023").
        #expect(
            chart.bands.map { [$0.date.start.iso, $0.date.end?.iso].compactMap { $0 }.joined(separator: "/") } == [
                "2023-10/2024-02-04", "2023-11", "2024-02",
            ])
        #expect(
            chart.bands.first?.bins == 0...week, "from the first week of October 2023 to the week of 4 February 2024")
        #expect(chart.bands.first?.isPeriod == true && chart.bands.last?.isPeriod == false)
        #expect(chart.bands.last?.events.count == 2)
        #expect(
            chart.annotations.map(\.label) == [
                "Qaani visits Iraq", "Kataib Hezbollah suspends attacks", "Last attack reported (4 February)",
            ])
        // About 40 killed by the strikes of 2 February, 6 on 4 February: 46 in that week.
        #expect(chart.bins[week].killedLow == 46)
    }

    @Test func aChartWithoutFocusShowsEveryEvent() throws {
        let report = try Self.report()
        let chart = try #require(EventChart.make(Array(report.events.indices), report: report, focus: false))
        #expect(chart.before.isEmpty && chart.axis.unit == .year, "2014 to 2024: more than ten years")
        let drawn = chart.bins.reduce(0) { $0 + $1.total } + chart.bands.reduce(0) { $0 + $1.events.count }
        #expect(drawn == report.events.count, "every event is a bar or in a band")
    }

    @Test func theSamplePagesCarryTheirCharts() throws {
        let (output, files) = try SampleReportTests.buildSample()
        defer { try? FileManager.default.removeItem(at: output) }
        let html = { (path: String) in String(decoding: files[path] ?? Data(), as: UTF8.self) }
        let home = html("index.html")
        #expect(home.contains(#"<svg class="chart chart-wide" id="home-chart""#))
        #expect(
            home.contains(#"<a class="chart-note" href="events/qaani-visits-iraq/index.html">"#)
                && home.contains(">Qaani visits Iraq</text>"))
        #expect(home.contains("<title>2 events dated only to February 2024</title>"))
        #expect(home.contains("<title>1 event over October 2023 – 4 February 2024</title>"))
        #expect(home.contains(#"<th scope="row">October 2023 – 4 February 2024 (over the period)</th><td>1</td>"#))
        #expect(home.contains(#"<th scope="row">week of 29 January 2024</th><td>5</td>"#), "the data table")
        #expect(home.contains("3 events before October 2023 are not in the chart"))
        #expect(
            home.contains("12 events from October 2023 to February 2024."), "the caption, the same for every drawing")
        #expect(
            home.contains(#"<svg class="chart chart-narrow" id="home-chart-narrow""#)
                && home.contains(#"<svg class="chart chart-medium" id="home-chart-medium""#))
        #expect(html("timeline/index.html").contains(#"id="timeline-chart""#))
        #expect(html("topics/the-pause-in-attacks/index.html").contains(#"id="topic-chart""#))
        #expect(html("actors/kataib-hezbollah/index.html").contains(#"id="actor-chart""#))
    }

    /// Colour alone says which bars are whose: every chart names its colours, on every page
    /// that has one, in site.yaml's order, with the number of events it charts of each.
    @Test func everyStackedChartHasItsKey() throws {
        let (output, files) = try SampleReportTests.buildSample()
        defer { try? FileManager.default.removeItem(at: output) }
        let report = try Self.report()
        let order = report.config.eventTypes.map(\.id)
        var charts = 0
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            for figure in HTMLInspection.matches(of: #"(<figure class="chart-figure">[\s\S]*?</figure>)"#, in: html) {
                // Every drawing of the chart (one per column width) stacks only types of its key.
                let stacked = Set(
                    HTMLInspection.matches(of: #"<g class="chart-type" data-type="([^"]+)"><rect"#, in: figure))
                let keyTypes = HTMLInspection.matches(
                    of:
                        #"<li data-type="([^"]+)"><span class="swatch" aria-hidden="true"></span>[^<]+ <span class="muted">\(\d+\)</span></li>"#,
                    in: figure)
                let counts = HTMLInspection.matches(
                    of:
                        #"<li data-type="[^"]+"><span class="swatch" aria-hidden="true"></span>[^<]+ <span class="muted">\((\d+)\)</span></li>"#,
                    in: figure)
                if !stacked.isEmpty { charts += 1 }
                #expect(
                    stacked.isSubset(of: Set(keyTypes)), "\(path): the key names \(keyTypes), the bars stack \(stacked)"
                )
                #expect(keyTypes == order.filter(keyTypes.contains), "\(path): site.yaml's order")
                #expect(counts.compactMap(Int.init).allSatisfy { $0 > 0 } && counts.count == keyTypes.count)
            }
        }
        #expect(charts >= 4, "home, timeline, topics and actors carry charts of bars")
        // The home page's key counts what its chart draws (bars and bands): the recent stretch, not the background.
        let chart = try #require(EventChart.make(Array(report.events.indices), report: report, focus: true))
        var drawn: [String: Int] = [:]
        for (index, type) in chart.types.enumerated() {
            drawn[type.id, default: 0] += chart.bins.reduce(0) { $0 + $1.counts[index] }
        }
        for band in chart.bands { for event in band.events { drawn[report.events[event].type, default: 0] += 1 } }
        let home = String(decoding: files["index.html"] ?? Data(), as: UTF8.self)
        for type in chart.types {
            let count = drawn[type.id] ?? 0
            #expect(
                home.contains(
                    #"<li data-type="\#(type.id)"><span class="swatch" aria-hidden="true"></span>\#(type.label) <span class="muted">(\#(count))</span></li>"#
                ) == (count > 0), "\(type.id)")
        }
        // The timeline's key is its chart's: not written twice.
        let timeline = String(decoding: files["timeline/index.html"] ?? Data(), as: UTF8.self)
        #expect(timeline.components(separatedBy: #"class="type-key"#).count == 2)
    }

    /// A chart is drawn for three column widths, with fewer, wider bins as the column narrows,
    /// so that a phone's needs no sideways scrolling; the same events in each.
    @Test func narrowerDrawingsHaveFewerBinsAndTheSameEvents() throws {
        let report = try Self.report()
        var previous: EventChart?
        for layout in ChartDrawing.Layout.all {
            let chart = try #require(
                EventChart.make(Array(report.events.indices), report: report, focus: false, binLimit: layout.binLimit))
            if let limit = layout.binLimit { #expect(chart.axis.count <= limit || chart.axis.unit == .year) }
            let bars: Int = chart.bins.reduce(0) { $0 + $1.total },
                bands: Int = chart.bands.reduce(0) { $0 + $1.events.count }
            #expect(bars + bands == report.events.count)
            if let previous { #expect(chart.axis.count <= previous.axis.count) }
            previous = chart
        }
        // The sample's busy stretch: weeks on a computer, months on a phone.
        let wide = try #require(EventChart.make(Array(report.events.indices), report: report, focus: true))
        let narrow = try #require(
            EventChart.make(
                Array(report.events.indices), report: report, focus: true, binLimit: ChartDrawing.Layout.narrow.binLimit
            ))
        #expect(wide.axis.unit == .week && narrow.axis.unit == .month)
        func drawn(_ chart: EventChart) -> Int {
            chart.bins.reduce(0) { $0 + $1.total } + chart.bands.reduce(0) { $0 + $1.events.count }
        }
        #expect(drawn(narrow) == drawn(wide))
    }

    /// Periods are drawn over their period, but a chart keeps few band rows: past the limit the
    /// shorter periods are bars at their start, and the chart says so. (On the first cut, each of
    /// 10,000 events' 10-day ranges was a band of its own: a chart 2,000 px tall.)
    @Test func periodsAreBandsUpToALimitAndEveryEventIsCounted() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        let events =
            (0..<30).map { day in
                """
                - id: period-\(day)
                  start: 2021-01-\(String(format: "%02d", day + 1))
                  end: 2021-\(String(format: "%02d", 3 + day % 9))-28
                  title: Period \(day)
                  type: attack
                  sources: [{ publisher: X, url: "https://example.org/\(day)" }]
                """
            } + [
                """
                - id: short
                  start: 2021-03-27
                  end: 2021-04-03
                  title: Ten days across two months
                  type: attack
                  sources: [{ publisher: X, url: "https://example.org/short" }]
                """
            ]
        try site.write("events/periods.yaml", events.joined(separator: "\n"))
        let report = try #require(SiteBuilder(options: site.options).validate().report)
        let indexes = report.events.indices.filter {
            report.events[$0].id.hasPrefix("period-") || report.events[$0].id == "short"
        }
        let chart = try #require(EventChart.make(Array(indexes), report: report, focus: false))
        #expect(chart.axis.unit == .month)
        let periods = chart.bands.filter(\.isPeriod)
        #expect(periods.count == EventChart.periodBandLimit, "the longest periods: \(periods.map { $0.bins.count })")
        #expect(periods.allSatisfy { $0.bins.count >= 8 }, "the twelve longest: three each of 11, 10, 9 and 8 months")
        #expect(
            !chart.bands.contains { $0.events.contains { report.events[$0].id == "short" } },
            "a short period is a bar at its start")
        #expect(chart.periodsAtStart == 30 - periods.reduce(0) { $0 + $1.events.count })
        #expect(
            chart.bins.reduce(0) { $0 + $1.total } + chart.bands.reduce(0) { $0 + $1.events.count } == indexes.count)
    }

    @Test func scalesAreTight() {
        let tops: [Int] = [1, 5, 6, 7, 10, 26, 46, 50, 51, 130].map(ChartDrawing.roundUp)
        #expect(tops == [1, 5, 6, 8, 10, 30, 50, 50, 60, 150])
    }

    @Test func chartTextIsEscaped() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try site.write(
            "events/hostile.yaml",
            """
            - id: hostile
              date: 2024-02-01
              title: Hostile
              highlight: "<img src=x onerror=alert(1)>"
              type: attack
              sources: [{ publisher: X, url: "https://example.org/x" }]
            """)
        try site.build()
        let home = try site.html("index.html")
        #expect(!home.contains("<img src=x") && home.contains("&lt;img src=x onerror=alert(1)&gt;</text>"))
    }
}
