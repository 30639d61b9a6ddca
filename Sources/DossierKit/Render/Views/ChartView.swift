/// A chart of events over time as a template sees it: the drawing (inline SVG), what it shows in
/// words, its data as table rows (behind a details element: the chart's text equivalent), and
/// the events it leaves out. Used by the home, timeline, topic and actor pages.
struct ChartView {
    struct Row {
        var period: String
        var events: Int
        var byType: String
        var killed: String
    }

    /// A type the chart stacks, for its key: colour alone says which bars are whose.
    struct KeyEntry {
        var typeID: String
        var label: String
        /// How many of the chart's events are of this type.
        var count: Int
        /// `count` in the site's digits, to read (`count` itself is for attributes and scripts).
        var countText: String
    }

    var id: String
    var svgHTML: String
    var caption: String
    /// The types in the chart, in site.yaml's order (the order they are stacked in, from the bottom).
    var key: [KeyEntry]
    var rows: [Row]
    var beforeText: String?
    var before: [CardValue]

    static let listedBeforeLimit = 20

    /// - Parameters:
    ///   - focus: on a report with years of background, chart the busy recent stretch (`EventChart.make`).
    ///   - readEach: record a read of each event (pages that read `.everyEvent` need not).
    ///   - binTooltips: a tooltip over each bar (its period and counts; the table holds the same):
    ///     left off the 500–2,000 actor pages of a large report.
    static func make(
        _ events: [Int], links: PageLinks, id: String, title: String, focus: Bool, readEach: Bool = true,
        binTooltips: Bool = true
    ) -> ChartView? {
        let report = links.report, text = links.text
        if readEach { for index in events { links.reads.read(.event(report.events[index].id)) } }
        links.reads.read(.config)
        // One drawing per column width (`ChartDrawing.Layout`): the page shows the one that fits.
        let charts = Array(
            zip(
                ChartDrawing.Layout.all,
                EventChart.make(
                    events, report: report, focus: focus, binLimits: ChartDrawing.Layout.all.map(\.binLimit))))
        guard let chart = charts.first?.1 else { return nil }
        let drawings = charts.map { layout, chart in
            ChartDrawing(chart: chart, report: report, text: text, id: id, layout: layout, binTooltips: binTooltips) {
                links.event(report.events[$0].id)
            }
        }
        let drawing = drawings[0]
        // Every drawing charts the same events (bars or bands by its unit); the caption is the same for all.
        let shown = chart.bins.reduce(0) { $0 + $1.total } + chart.bands.reduce(0) { $0 + $1.events.count }
        let before = Set(chart.before), charted = events.filter { !before.contains($0) }
        // Charts place an event at its start.
        let starts = charted.map { report.events[$0].date.start }
        let first = starts.min { $0.earliestDay < $1.earliestDay }, last = starts.max { $0.latestDay < $1.latestDay }
        let caption =
            text(
                "chart.summary",
                [
                    "events": text.count("events", shown), "first": first.map(text.date) ?? "",
                    "last": last.map(text.date) ?? "",
                ])
            + (drawings.contains { !$0.chart.bands.isEmpty } ? " " + text("chart.bandsNote") : "")
            + (chart.periodsAtStart > 0
                ? " " + text("chart.periodsAtStart", ["events": text.count("events", chart.periodsAtStart)]) : "")
        var rows: [Row] = []
        for (bin, counts) in chart.bins.enumerated() where counts.total > 0 {
            rows.append(
                Row(
                    period: drawing.period(bin), events: counts.total, byType: drawing.typeCounts(bin),
                    killed: killed(counts)))
        }
        for band in chart.bands {
            rows.append(
                Row(
                    period: text(
                        band.isPeriod ? "chart.bandOverPeriod" : "chart.bandPeriod", ["date": text.date(band.date)]),
                    events: band.events.count,
                    byType: typeCounts(band.events, report), killed: ""))
        }
        let listed = chart.before.prefix(listedBeforeLimit)
        // The key: the types of the events charted (bars in one drawing may be bands in another).
        var byType: [String: Int] = [:]
        for index in charted { byType[report.events[index].type, default: 0] += 1 }
        let key = chart.types.compactMap { type in
            byType[type.id].map {
                KeyEntry(typeID: type.id, label: type.label, count: $0, countText: links.text.number($0))
            }
        }
        let svg = drawings.map { drawing in
            let chart = drawing.chart
            let banded = chart.bands.reduce(0) { $0 + $1.events.count }
            let description =
                text(
                    "chart.caption",
                    [
                        "events": text.count("events", chart.bins.reduce(0) { $0 + $1.total }),
                        "unit": text("chart.unit.\(chart.axis.unit.rawValue)"),
                        "first": drawing.period(0), "last": drawing.period(chart.axis.count - 1),
                    ]) + (banded > 0 ? " " + text("chart.banded", ["events": text.count("events", banded)]) : "")
            return drawing.svg(title: title, description: description)
        }.joined()
        return ChartView(
            id: id, svgHTML: svg, caption: caption, key: key, rows: rows,
            beforeText: chart.before.isEmpty
                ? nil
                : text(
                    "chart.before",
                    ["events": text.count("events", chart.before.count), "start": first.map(text.date) ?? ""]),
            before: listed.map { links.eventLink($0) }
        )
    }

    static func killed(_ bin: EventChart.Bin) -> String {
        guard bin.killedLow > 0 || bin.killedHigh > 0 else { return "" }
        if bin.openEnded { return "\(bin.killedLow)+" }
        return bin.killedHigh > bin.killedLow ? "\(bin.killedLow)–\(bin.killedHigh)" : String(bin.killedLow)
    }

    static func typeCounts(_ events: [Int], _ report: Report) -> String {
        var counts: [String: Int] = [:]
        for index in events { counts[report.events[index].type, default: 0] += 1 }
        return report.config.eventTypes.compactMap { type in counts[type.id].map { "\(type.label) \($0)" } }.joined(
            separator: ", ")
    }
}

extension ChartView: TemplateModel {
    static let shape = TemplateFieldList<ChartView>(
        "ChartView", "Events over time, drawn at build time.",
        [
            .text("id", "The chart's element id on its page.") { $0.id },
            .html(
                "svgHTML",
                "The chart as inline SVG: bars stacked by type, bands for events dated only to a month or year, key events, killed."
            ) { $0.svgHTML },
            .text("caption", "What the chart shows, in words.") { $0.caption },
            .list("key", "The types its bars stack, in site.yaml's order, bottom first: the chart's key.") { $0.key },
            .list("rows", "The chart's data, one row per period with events (its text equivalent).") { $0.rows },
            .text("beforeText", "How many earlier events the chart leaves out, when it shows a recent stretch.") {
                $0.beforeText
            },
            .eventLinks("before", "Links to those events (the first 20).") { $0.before },
        ])
}

extension ChartView.KeyEntry: TemplateModel {
    static let shape = TemplateFieldList<ChartView.KeyEntry>(
        "ChartKeyEntry", "One type in a chart's key.",
        [
            .text("typeID", "The type's id (`data-type`: the theme's type colours style its swatch).") { $0.typeID },
            .text("label", "The type's label.") { $0.label },
            .number("count", "How many of the chart's events are of this type.") { $0.count },
            .text("countText", "The count in the site's digits (`digits:`), to show; `count` is for attributes.") {
                $0.countText
            },
        ])
}

extension ChartView.Row: TemplateModel {
    static let shape = TemplateFieldList<ChartView.Row>(
        "ChartRow", "One period of a chart.",
        [
            .text("period", "The period: a week, month or year, or a month an event is dated to.") { $0.period },
            .number("events", "How many events.") { $0.events },
            .text("byType", "How many of each type.") { $0.byType },
            .text(
                "killed",
                "People killed: the sum of the lowest and of the highest figures (`3+` when one has no upper bound)."
            ) { $0.killed },
        ])
}
