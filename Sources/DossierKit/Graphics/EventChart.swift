/// Events over time, worked out before it is drawn (`ChartDrawing`): counts per week, month or
/// year stacked by type, the events dated less precisely than that (a band across their month or
/// year, never a bar on its first day), casualty figures per bin as ranges, and the key events
/// (`highlight`) to mark on the axis.
struct EventChart: Sendable {
    struct Bin: Sendable {
        /// Events per type, in site.yaml's order (indexes into `EventChart.types`).
        var counts: [Int]
        var total: Int { counts.reduce(0, +) }
        /// Killed: the sum of the lowest reported figures, and of the highest.
        var killedLow = 0, killedHigh = 0
        /// Some figure has no upper bound ("at least 3").
        var openEnded = false
    }

    /// Events dated to a month (or year) on an axis of weeks (or months), or over a period
    /// (`date.end`): drawn across it, never as a bar at its start.
    struct Band: Sendable {
        var bins: ClosedRange<Int>
        var date: EventDate
        var events: [Int]
        var isPeriod: Bool { date.end != nil }
    }

    struct Annotation: Sendable {
        var bin: Int
        var label: String
        var event: Int
    }

    let axis: TimeBins
    let types: [SiteConfig.EventType]
    let bins: [Bin]
    /// Events over a period counted at their start, because more periods than `periodBandLimit` needed bands.
    let periodsAtStart: Int
    let bands: [Band]
    /// The most periods a chart draws as bands (the longest).
    static let periodBandLimit = 12
    let annotations: [Annotation]
    /// Events before the window the chart shows (`focus`), report order.
    let before: [Int]

    var hasCasualties: Bool { bins.contains { $0.killedLow > 0 || $0.killedHigh > 0 } }

    /// - Parameter focus: show the most recent stretch that holds at least 80% of the events
    ///   when it is much shorter than the whole (a report with years of background and one busy
    ///   season shows that season by the week); the events before it are listed, not drawn.
    /// - Parameter binLimit: at most about this many bins (`TimeBins`): a coarser unit otherwise.
    static func make(_ events: [Int], report: Report, focus: Bool, binLimit: Int? = nil) -> EventChart? {
        make(events, report: report, focus: focus, binLimits: [binLimit]).first
    }

    /// The same events charted once per bin limit (a chart drawn for several column widths):
    /// ordered and windowed once. Empty when there are no events.
    static func make(_ events: [Int], report: Report, focus: Bool, binLimits: [Int?]) -> [EventChart] {
        guard !events.isEmpty else { return [] }
        let ordered = events.sorted {
            report.events[$0].date.start.earliestDay < report.events[$1].date.start.earliestDay
        }
        let starts = ordered.map { report.events[$0].date.start }
        // The axis runs to the last start, or the last end of a period (drawn over its period).
        guard
            let last = (starts + ordered.compactMap { report.events[$0].date.end }).max(by: {
                $0.latestDay < $1.latestDay
            })
        else { return [] }
        var from = 0
        if focus, ordered.count >= 5 {
            let candidate = ordered.count - (ordered.count * 4 + 4) / 5
            let whole = TimeBins.day(last.latestDay) - TimeBins.day(starts[0].earliestDay)
            let recent = TimeBins.day(last.latestDay) - TimeBins.day(starts[candidate].earliestDay)
            if recent * 3 < whole { from = candidate }
        }
        let types = report.config.eventTypes
        let typeIndex = Dictionary(types.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        return binLimits.map { limit in
            chart(
                ordered[from...], before: Array(ordered[..<from]),
                axis: TimeBins(from: starts[from], to: last, limit: limit), report: report, typeIndex: typeIndex)
        }
    }

    /// The chart of these events (in date order) on this axis.
    private static func chart(
        _ ordered: ArraySlice<Int>, before: [Int], axis: TimeBins, report: Report, typeIndex: [String: Int]
    ) -> EventChart {
        let types = report.config.eventTypes
        var bins = Array(repeating: Bin(counts: Array(repeating: 0, count: types.count)), count: axis.count)
        var bands: [String: Band] = [:]
        var annotations: [Annotation] = []
        for index in ordered {
            let event = report.events[index], start = event.date.start
            // An event over a period ("October 2023 – 4 February 2024") is drawn across it when
            // the period is half a bin longer than a bin (ten days across two months is a bar at its start).
            if let end = event.date.end, let span = axis.span(from: start, through: end),
                Double(TimeBins.day(end.latestDay) - TimeBins.day(start.earliestDay) + 1) >= axis.unit.days * 1.5
                    || axis.bin(of: start) == nil
            {
                bands[
                    "\(start.iso)/\(end.iso)",
                    default: Band(bins: span, date: EventDate(start: start, end: end), events: [])
                ].events.append(index)
                continue
            }
            if let bin = axis.bin(of: start) {
                if let type = typeIndex[event.type] { bins[bin].counts[type] += 1 }
                for casualty in event.casualties where casualty.kind == .killed {
                    bins[bin].killedLow += casualty.minimum ?? casualty.maximum ?? 0
                    bins[bin].killedHigh += casualty.maximum ?? casualty.minimum ?? 0
                    if casualty.maximum == nil { bins[bin].openEnded = true }
                }
                if let label = event.highlight {
                    annotations.append(Annotation(bin: bin, label: label.isEmpty ? event.title : label, event: index))
                }
            } else if let span = axis.span(of: start) {
                bands[start.iso, default: Band(bins: span, date: EventDate(start: start), events: [])].events.append(
                    index)
            }
        }
        // Bands stay few (each takes a row or shares one): past `periodBandLimit` periods, the
        // shorter ones are counted as bars at their start (`periodsAtStart`).
        var periodsAtStart = 0
        let periods = bands.filter { $0.value.isPeriod }
        if periods.count > periodBandLimit {
            let kept = Set(
                periods.sorted { ($0.value.bins.count, $1.key) > ($1.value.bins.count, $0.key) }.prefix(periodBandLimit)
                    .map(\.key))
            for (key, band) in periods where !kept.contains(key) {
                bands[key] = nil
                for index in band.events {
                    if let bin = axis.bin(of: report.events[index].date.start) ?? Optional(band.bins.lowerBound),
                        let type = typeIndex[report.events[index].type]
                    {
                        bins[bin].counts[type] += 1
                    }
                    periodsAtStart += 1
                }
            }
        }
        return EventChart(
            axis: axis, types: types, bins: bins, periodsAtStart: periodsAtStart,
            bands: bands.values.sorted {
                ($0.date.start, $0.date.end ?? $0.date.start) < ($1.date.start, $1.date.end ?? $1.date.start)
            },
            annotations: annotations, before: before)
    }
}
