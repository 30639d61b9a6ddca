/// Draws an `EventChart` as inline SVG: stacked bars of events per bin (one group per type, so
/// a stylesheet can colour each), bands for events dated only to a month or year, key events
/// marked on the axis with links, the casualty figures as ranges, and real dates on the axis.
struct ChartDrawing {
    let chart: EventChart
    let report: Report
    let text: DisplayText
    let id: String
    let binTooltips: Bool
    let eventHref: (Int) -> String
    /// Key events' labels packed into rows so that none overlaps another: (row, label x, anchored at end).
    private(set) var annotationPlacement: [(row: Int, x: Double, end: Bool)] = []
    /// Bands packed into rows by the bins they span and their labels: (row, label after the band or before it).
    private(set) var bandPlacement: [(row: Int, labelAfter: Bool)] = []
    private(set) var annotationHeight = 0.0

    /// Packs the labels once: the layout reads them for every bar.
    init(chart: EventChart, report: Report, text: DisplayText, id: String, binTooltips: Bool = true, eventHref: @escaping (Int) -> String) {
        self.chart = chart
        self.report = report
        self.text = text
        self.id = id
        self.binTooltips = binTooltips
        self.eventHref = eventHref
        annotationPlacement = packAnnotations()
        bandPlacement = packBands()
        annotationHeight = Double(Set(annotationPlacement.map(\.row)).count) * Self.annotationRow + 10
    }

    /// Wide enough that its 10–11-unit text reads at the size of the page's small print where
    /// the chart spans a page's width.
    static let width = 900.0
    let left = 34.0, right = 8.0, barHeight = 150.0, bandRow = 16.0, casualtyHeight = 60.0, axisHeight = 22.0
    static let labelCharacter = 6.2, annotationRow = 14.0

    private func packAnnotations() -> [(row: Int, x: Double, end: Bool)] {
        var rows: [[ClosedRange<Double>]] = []
        return chart.annotations.map { annotation in
            let centre = x(annotation.bin) + binWidth / 2
            let width = Double(annotation.label.count) * Self.labelCharacter
            let end = centre + 3 + width > Self.width - right
            let extent = end ? (centre - 3 - width)...centre : centre...(centre + 3 + width)
            let row = rows.firstIndex { $0.allSatisfy { !$0.overlaps(extent) } } ?? rows.count
            if row == rows.count { rows.append([]) }
            rows[row].append(extent)
            return (row, centre + (end ? -3 : 3), end)
        }
    }

    private func packBands() -> [(row: Int, labelAfter: Bool)] {
        var rows: [[ClosedRange<Double>]] = []
        return chart.bands.map { band in
            let start = x(band.bins.lowerBound), end = x(band.bins.upperBound + 1)
            let label = Double(bandLabel(band).count) * Self.labelCharacter * 0.95 + 4
            let after = end + label <= Self.width - right
            let extent = after ? start...(end + label) : (start - label)...end
            let row = rows.firstIndex { $0.allSatisfy { !$0.overlaps(extent) } } ?? rows.count
            if row == rows.count { rows.append([]) }
            rows[row].append(extent)
            return (row, after)
        }
    }

    func bandLabel(_ band: EventChart.Band) -> String { "\(band.events.count) · \(text.date(band.date))" }

    var plotWidth: Double { Self.width - left - right }
    var binWidth: Double { plotWidth / Double(chart.axis.count) }
    func x(_ bin: Int) -> Double { left + Double(bin) * binWidth }

    /// The bin's period in words: "week of 29 January 2024", "February 2024", "2024".
    func period(_ bin: Int) -> String {
        let (year, month, day) = chart.axis.start(of: bin)
        switch chart.axis.unit {
        case .week: return text("chart.week", ["date": text.date(PartialDate(year: year, month: month, day: day))])
        case .month: return text.monthOfYear(month, year)
        case .year: return String(year)
        }
    }

    func svg(title: String, description: String) -> String {
        let n = SVGNumber.self
        let bandsTop = annotationHeight + barHeight + 4
        let bands = bandPlacement
        let bandsHeight = bands.isEmpty ? 0 : Double((bands.map(\.row).max() ?? 0) + 1) * bandRow + 4
        let casualtyTop = bandsTop + bandsHeight + (chart.hasCasualties ? 14 : 0)
        let axisTop = casualtyTop + (chart.hasCasualties ? casualtyHeight : 0)
        let height = axisTop + axisHeight
        var svg = "<svg class=\"chart\" id=\"\(id)\" viewBox=\"0 0 \(n.text(Self.width)) \(n.text(height))\" aria-labelledby=\"\(id)-title \(id)-desc\">"
        svg += "<title id=\"\(id)-title\">\(escape(title))</title><desc id=\"\(id)-desc\">\(escape(description))</desc>"
        svg += "<defs><pattern id=\"\(id)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" class=\"chart-band-fill\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"chart-band-line\"/></pattern></defs>"

        // Counts: a scale from 0 to a round maximum, gridlines, then one group per type.
        let top = Self.roundUp(chart.bins.map(\.total).max() ?? 1)
        let scale = barHeight / Double(top)
        let base = annotationHeight + barHeight
        svg += "<g class=\"chart-grid\" aria-hidden=\"true\">"
        for value in Self.ticks(top) {
            let y = base - Double(value) * scale
            svg += "<line x1=\"\(n.text(left))\" x2=\"\(n.text(Self.width - right))\" y1=\"\(n.text(y))\" y2=\"\(n.text(y))\"/><text x=\"\(n.text(left - 4))\" y=\"\(n.text(y + 3.5))\">\(value)</text>"
        }
        svg += "</g>"
        let gap = binWidth > 4 ? 1.0 : 0
        var stacked = Array(repeating: 0, count: chart.bins.count)
        for (type, eventType) in chart.types.enumerated() where chart.bins.contains(where: { $0.counts[type] > 0 }) {
            svg += "<g class=\"chart-type\" data-type=\"\(escape(eventType.id))\">"
            for (bin, counts) in chart.bins.enumerated() where counts.counts[type] > 0 {
                let y = base - Double(stacked[bin] + counts.counts[type]) * scale
                svg += "<rect x=\"\(n.text(x(bin) + gap / 2))\" y=\"\(n.text(y))\" width=\"\(n.text(binWidth - gap))\" height=\"\(n.text(Double(counts.counts[type]) * scale))\"/>"
                stacked[bin] += counts.counts[type]
            }
            svg += "</g>"
        }
        // A tooltip over each bin with events: its period and counts by type.
        svg += "<g class=\"chart-hits\">"
        for (bin, counts) in chart.bins.enumerated() where counts.total > 0 && binTooltips {
            svg += "<rect x=\"\(n.text(x(bin)))\" y=\"\(n.text(annotationHeight))\" width=\"\(n.text(binWidth))\" height=\"\(n.text(barHeight))\"><title>\(escape(binSummary(bin)))</title></rect>"
        }
        svg += "</g><line class=\"chart-baseline\" x1=\"\(n.text(left))\" x2=\"\(n.text(Self.width - right))\" y1=\"\(n.text(base))\" y2=\"\(n.text(base))\"/>"

        // Events dated only to a month or year: a hatched band across their period, never a bar on its first day.
        for (band, placement) in zip(chart.bands, bands) {
            let y = bandsTop + Double(placement.row) * bandRow
            let width = Double(band.bins.count) * binWidth
            let label = text("chart.band", ["events": text.count("events", band.events.count), "date": text.date(band.date)])
            svg += "<g class=\"chart-band\"><rect x=\"\(n.text(x(band.bins.lowerBound)))\" y=\"\(n.text(y))\" width=\"\(n.text(width))\" height=\"\(n.text(bandRow - 3))\" fill=\"url(#\(id)-hatch)\"><title>\(escape(label))</title></rect>"
            let labelX = placement.labelAfter ? x(band.bins.lowerBound) + width + 3 : x(band.bins.lowerBound) - 3
            svg += "<text x=\"\(n.text(labelX))\" y=\"\(n.text(y + bandRow - 6))\"\(placement.labelAfter ? "" : " text-anchor=\"end\"")>\(escape(bandLabel(band)))</text></g>"
        }

        // Killed per bin: a bar to the sum of the lowest figures, a line on to the highest.
        if chart.hasCasualties {
            let most = Self.roundUp(chart.bins.map { max($0.killedHigh, $0.killedLow) }.max() ?? 1)
            let killedScale = (casualtyHeight - 8) / Double(most)
            let killedBase = casualtyTop + casualtyHeight - 4
            svg += "<g class=\"chart-killed\"><text class=\"chart-series\" x=\"\(n.text(left))\" y=\"\(n.text(casualtyTop - 3))\">\(escape(text("chart.killed", ["most": String(most)])))</text>"
            for (bin, counts) in chart.bins.enumerated() where counts.killedLow > 0 || counts.killedHigh > 0 {
                let centre = x(bin) + binWidth / 2
                let low = Double(counts.killedLow) * killedScale, high = Double(max(counts.killedHigh, counts.killedLow)) * killedScale
                svg += "<rect x=\"\(n.text(x(bin) + gap / 2))\" y=\"\(n.text(killedBase - low))\" width=\"\(n.text(binWidth - gap))\" height=\"\(n.text(low))\"/>"
                if high > low || counts.openEnded {
                    svg += "<line x1=\"\(n.text(centre))\" x2=\"\(n.text(centre))\" y1=\"\(n.text(killedBase - low))\" y2=\"\(n.text(killedBase - high - (counts.openEnded ? 6 : 0)))\"\(counts.openEnded ? " class=\"chart-open\"" : "")/>"
                }
            }
            svg += "<line class=\"chart-baseline\" x1=\"\(n.text(left))\" x2=\"\(n.text(Self.width - right))\" y1=\"\(n.text(killedBase))\" y2=\"\(n.text(killedBase))\"/></g>"
        }

        // The time axis: a tick at each new month (weeks), year or quarter (months), or year.
        svg += "<g class=\"chart-axis\" aria-hidden=\"true\">"
        var lastLabelEnd = -Double.infinity
        for bin in 0..<chart.axis.count {
            guard let label = tickLabel(bin) else { continue }
            let tickX = x(bin)
            svg += "<line x1=\"\(n.text(tickX))\" x2=\"\(n.text(tickX))\" y1=\"\(n.text(axisTop - 4))\" y2=\"\(n.text(axisTop + 2))\"/>"
            if tickX > lastLabelEnd + 4 {
                svg += "<text x=\"\(n.text(tickX + 2))\" y=\"\(n.text(axisTop + 14))\">\(escape(label))</text>"
                lastLabelEnd = tickX + Double(label.count) * 6
            }
        }
        svg += "</g>"

        // Key events: a line from the top to the axis and a short label that links to the event,
        // on two alternating rows so that neighbours do not overlap.
        for (annotation, placement) in zip(chart.annotations, annotationPlacement) {
            let centre = x(annotation.bin) + binWidth / 2
            let y = 11 + Double(placement.row) * Self.annotationRow
            svg += "<a class=\"chart-note\" href=\"\(eventHref(annotation.event))\"><line x1=\"\(n.text(centre))\" x2=\"\(n.text(centre))\" y1=\"\(n.text(y + 3))\" y2=\"\(n.text(base))\"/>"
            svg += "<text x=\"\(n.text(placement.x))\" y=\"\(n.text(y))\"\(placement.end ? " text-anchor=\"end\"" : "")>\(escape(annotation.label))</text></a>"
        }
        return svg + "</svg>"
    }

    func binSummary(_ bin: Int) -> String {
        "\(period(bin)): \(text.count("events", chart.bins[bin].total)) (\(typeCounts(bin)))"
    }

    /// "Attack 2, Statement 1": a bin's events by type, in site.yaml's order.
    func typeCounts(_ bin: Int) -> String {
        let counts = chart.bins[bin].counts
        return chart.types.enumerated().filter { counts[$0.offset] > 0 }.map { "\($0.element.label) \(counts[$0.offset])" }.joined(separator: ", ")
    }

    private func tickLabel(_ bin: Int) -> String? {
        let (year, month, day) = chart.axis.start(of: bin)
        switch chart.axis.unit {
        case .week:
            // The week in which a month begins.
            return day <= 7 || bin == 0 ? text.monthOfYear(month, year) : nil
        case .month:
            let quarterly = chart.axis.count > 30
            if month == 1 || bin == 0 { return quarterly || chart.axis.count > 14 ? String(year) : text.monthOfYear(month, year) }
            return !quarterly && chart.axis.count <= 14 ? text.month(month) : nil
        case .year:
            return chart.axis.count <= 15 || year % 5 == 0 ? String(year) : nil
        }
    }

    private func escape(_ value: String) -> String { HTMLEscaping().escapeText(value) }

    /// 1, 2, 5, 10, 20, 50, … at or above `value`.
    static func roundUp(_ value: Int) -> Int {
        var magnitude = 1
        while true {
            for step in [1, 2, 5] where step * magnitude >= max(value, 1) { return step * magnitude }
            magnitude *= 10
        }
    }

    /// Gridlines: the maximum and its half (whole numbers only).
    static func ticks(_ top: Int) -> [Int] { top % 2 == 0 ? [top / 2, top] : [top] }
}
