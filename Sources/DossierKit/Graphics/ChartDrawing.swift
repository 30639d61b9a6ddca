/// Draws an `EventChart` as inline SVG: stacked bars of events per bin (one group per type, so
/// a stylesheet can colour each), bands for events dated only to a month or year, key events
/// marked on the axis with links, the casualty figures as ranges, and real dates on the axis.
struct ChartDrawing {
    /// The width a drawing is made for. The page shows the one that fits its column (container
    /// queries in the stylesheet), so that the drawing is never scaled below its size nor much
    /// above it: its text stays 12 px or more at every width, and nothing scrolls sideways.
    struct Layout: Sendable {
        /// In SVG units: about the CSS pixels the drawing is shown at.
        let width: Double
        /// At most this many bins (a coarser unit otherwise); nil: the span decides (`TimeBins`).
        let binLimit: Int?
        /// Its class, which the stylesheet shows at the widths it is made for.
        let className: String
        /// The suffix of its element ids (one page carries every layout of a chart).
        let idSuffix: String
        /// Every text of the chart, in SVG units (the stylesheet's `.chart text`).
        static let fontSize = 12.0
        /// About the width of one character of that text.
        static let character = fontSize * 0.6

        /// For columns of 860 px and wider (a page's full width on a computer).
        static let wide = Layout(width: 860, binLimit: nil, className: "chart chart-wide", idSuffix: "")
        /// For columns of 520 to 860 px (a tablet, an actor page's column).
        static let medium = Layout(width: 520, binLimit: 40, className: "chart chart-medium", idSuffix: "-medium")
        /// For columns under 520 px (a phone).
        static let narrow = Layout(width: 320, binLimit: 20, className: "chart chart-narrow", idSuffix: "-narrow")
        static let all = [wide, medium, narrow]
    }

    let chart: EventChart
    let report: Report
    let text: DisplayText
    let id: String
    let layout: Layout
    let binTooltips: Bool
    let eventHref: (Int) -> String
    /// Key events' labels packed into rows so that none overlaps another: (row, label x, anchored at end).
    private(set) var annotationPlacement: [(row: Int, x: Double, end: Bool)] = []
    /// Where a band's label goes: after it, before it, or (a band too wide for either: a period)
    /// inside it from its start, written over the hatching.
    enum BandLabelSide { case after, before, inside }
    /// Bands packed into rows by the bins they span and their labels: (row, where the label goes).
    private(set) var bandPlacement: [(row: Int, side: BandLabelSide)] = []
    private(set) var annotationHeight = 0.0

    /// Packs the labels once: the layout reads them for every bar.
    init(
        chart: EventChart, report: Report, text: DisplayText, id: String, layout: Layout = .wide,
        binTooltips: Bool = true, eventHref: @escaping (Int) -> String
    ) {
        self.chart = chart
        self.report = report
        self.text = text
        self.id = id + layout.idSuffix
        self.layout = layout
        self.binTooltips = binTooltips
        self.eventHref = eventHref
        annotationPlacement = packAnnotations()
        bandPlacement = packBands()
        annotationHeight = Double(Set(annotationPlacement.map(\.row)).count) * Self.annotationRow + 10
    }

    var width: Double { layout.width }
    let left = 34.0, right = 8.0, barHeight = 150.0, bandRow = 17.0, casualtyHeight = 60.0, axisHeight = 24.0
    static let labelCharacter = Layout.character, annotationRow = 15.0

    private func packAnnotations() -> [(row: Int, x: Double, end: Bool)] {
        var rows: [[ClosedRange<Double>]] = []
        return chart.annotations.map { annotation in
            let centre = x(annotation.bin) + binWidth / 2
            let width = annotationWidth(annotationText(annotation))
            let end = centre + 3 + width > self.width - right
            // A label that fits on neither side of its line starts at the chart's left edge.
            let start = end && centre - 3 - width < 2
            let extent = start ? 2...(2 + width) : end ? (centre - 3 - width)...centre : centre...(centre + 3 + width)
            let row = rows.firstIndex { $0.allSatisfy { !$0.overlaps(extent) } } ?? rows.count
            if row == rows.count { rows.append([]) }
            rows[row].append(extent)
            return (row, start ? 2 : centre + (end ? -3 : 3), end && !start)
        }
    }

    private func packBands() -> [(row: Int, side: BandLabelSide)] {
        var rows: [[ClosedRange<Double>]] = []
        return chart.bands.map { band in
            let start = x(band.bins.lowerBound), end = x(band.bins.upperBound + 1)
            let label = Double(bandLabel(band).count) * Self.labelCharacter * 0.95 + 4
            let side: BandLabelSide = end + label <= width - right ? .after : start - label >= 2 ? .before : .inside
            let extent =
                switch side {
                case .after: start...(end + label)
                case .before: (start - label)...end
                case .inside: start...max(end, bandInsideLabelX(start: start, label: label) + label)
                }
            let row = rows.firstIndex { $0.allSatisfy { !$0.overlaps(extent) } } ?? rows.count
            if row == rows.count { rows.append([]) }
            rows[row].append(extent)
            return (row, side)
        }
    }

    /// A label inside its band starts just after the band's start, or as far left as it needs to
    /// end inside the chart.
    private func bandInsideLabelX(start: Double, label: Double) -> Double {
        max(2, min(start + 4, width - right - label))
    }

    func bandLabel(_ band: EventChart.Band) -> String { "\(text.number(band.events.count)) · \(text.date(band.date))" }

    var plotWidth: Double { width - left - right }
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
        let killedLines = chart.hasCasualties ? lines(killedLabel, width: plotWidth) : []
        let casualtyTop = bandsTop + bandsHeight + Double(killedLines.count) * 15 + (chart.hasCasualties ? 2 : 0)
        let axisTop = casualtyTop + (chart.hasCasualties ? casualtyHeight : 0)
        let height = axisTop + axisHeight
        // Its axis (unit, first bin's number, bins) and where the bars are (left, bin width, top,
        // height): the timeline's script turns a span of bins dragged or chosen into dates.
        var svg =
            "<svg class=\"\(layout.className)\" id=\"\(id)\" viewBox=\"0 0 \(n.text(width)) \(n.text(height))\" aria-labelledby=\"\(id)-title \(id)-desc\""
            + " data-axis=\"\(chart.axis.unit.rawValue) \(chart.axis.first) \(chart.axis.count)\" data-plot=\"\(n.text(left)) \(binWidth) \(n.text(annotationHeight)) \(n.text(barHeight))\">"
        svg += "<title id=\"\(id)-title\">\(escape(title))</title><desc id=\"\(id)-desc\">\(escape(description))</desc>"
        svg +=
            "<defs><pattern id=\"\(id)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" class=\"chart-band-fill\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"chart-band-line\"/></pattern></defs>"

        // Counts: a scale from 0 to a round maximum, gridlines, then one group per type.
        let top = Self.roundUp(chart.bins.map(\.total).max() ?? 1)
        let scale = barHeight / Double(top)
        let base = annotationHeight + barHeight
        svg += "<g class=\"chart-grid\" aria-hidden=\"true\">"
        for value in Self.ticks(top) {
            let y = base - Double(value) * scale
            svg +=
                "<line x1=\"\(n.text(left))\" x2=\"\(n.text(width - right))\" y1=\"\(n.text(y))\" y2=\"\(n.text(y))\"/><text x=\"\(n.text(left - 4))\" y=\"\(n.text(y + 4))\">\(text.number(value))</text>"
        }
        svg += "</g>"
        let gap = binWidth > 4 ? 1.0 : 0
        var stacked = Array(repeating: 0, count: chart.bins.count)
        for (type, eventType) in chart.types.enumerated() where chart.bins.contains(where: { $0.counts[type] > 0 }) {
            svg += "<g class=\"chart-type\" data-type=\"\(escape(eventType.id))\">"
            for (bin, counts) in chart.bins.enumerated() where counts.counts[type] > 0 {
                let y = base - Double(stacked[bin] + counts.counts[type]) * scale
                svg +=
                    "<rect x=\"\(n.text(x(bin) + gap / 2))\" y=\"\(n.text(y))\" width=\"\(n.text(binWidth - gap))\" height=\"\(n.text(Double(counts.counts[type]) * scale))\"/>"
                stacked[bin] += counts.counts[type]
            }
            svg += "</g>"
        }
        // A tooltip over each bin with events: its period and counts by type.
        svg += "<g class=\"chart-hits\">"
        for (bin, counts) in chart.bins.enumerated() where counts.total > 0 && binTooltips {
            svg +=
                "<rect x=\"\(n.text(x(bin)))\" y=\"\(n.text(annotationHeight))\" width=\"\(n.text(binWidth))\" height=\"\(n.text(barHeight))\"><title>\(escape(binSummary(bin)))</title></rect>"
        }
        svg +=
            "</g><line class=\"chart-baseline\" x1=\"\(n.text(left))\" x2=\"\(n.text(width - right))\" y1=\"\(n.text(base))\" y2=\"\(n.text(base))\"/>"

        // Events dated only to a month or year: a hatched band across their period, never a bar on its first day.
        for (band, placement) in zip(chart.bands, bands) {
            let y = bandsTop + Double(placement.row) * bandRow
            let width = Double(band.bins.count) * binWidth
            let label = text(
                band.isPeriod ? "chart.bandOver" : "chart.band",
                ["events": text.count("events", band.events.count), "date": text.date(band.date)])
            svg +=
                "<g class=\"chart-band\"><rect x=\"\(n.text(x(band.bins.lowerBound)))\" y=\"\(n.text(y))\" width=\"\(n.text(width))\" height=\"\(n.text(bandRow - 3))\" fill=\"url(#\(id)-hatch)\"><title>\(escape(label))</title></rect>"
            let start = x(band.bins.lowerBound),
                labelWidth = Double(bandLabel(band).count) * Self.labelCharacter * 0.95 + 4
            let attributes =
                switch placement.side {
                case .after: "x=\"\(n.text(start + width + 3))\""
                case .before: "x=\"\(n.text(start - 3))\" text-anchor=\"end\""
                case .inside:
                    "x=\"\(n.text(bandInsideLabelX(start: start, label: labelWidth)))\" class=\"chart-band-inside\""
                }
            svg += "<text \(attributes) y=\"\(n.text(y + bandRow - 5))\">\(escape(bandLabel(band)))</text></g>"
        }

        // Killed per bin: a bar to the sum of the lowest figures, a line on to the highest.
        if chart.hasCasualties {
            let most = killedTop
            let killedScale = (casualtyHeight - 8) / Double(most)
            let killedBase = casualtyTop + casualtyHeight - 4
            svg +=
                "<g class=\"chart-killed\"><text class=\"chart-series\" x=\"\(n.text(left))\" y=\"\(n.text(casualtyTop - 3 - Double(killedLines.count - 1) * 15))\">"
            for (index, line) in killedLines.enumerated() {
                svg += index == 0 ? escape(line) : "<tspan x=\"\(n.text(left))\" dy=\"15\">\(escape(line))</tspan>"
            }
            svg += "</text>"
            for (bin, counts) in chart.bins.enumerated() where counts.killedLow > 0 || counts.killedHigh > 0 {
                let centre = x(bin) + binWidth / 2
                let low = Double(counts.killedLow) * killedScale,
                    high = Double(max(counts.killedHigh, counts.killedLow)) * killedScale
                svg +=
                    "<rect x=\"\(n.text(x(bin) + gap / 2))\" y=\"\(n.text(killedBase - low))\" width=\"\(n.text(binWidth - gap))\" height=\"\(n.text(low))\"/>"
                if high > low || counts.openEnded {
                    svg +=
                        "<line x1=\"\(n.text(centre))\" x2=\"\(n.text(centre))\" y1=\"\(n.text(killedBase - low))\" y2=\"\(n.text(killedBase - high - (counts.openEnded ? 6 : 0)))\"\(counts.openEnded ? " class=\"chart-open\"" : "")/>"
                }
            }
            svg +=
                "<line class=\"chart-baseline\" x1=\"\(n.text(left))\" x2=\"\(n.text(width - right))\" y1=\"\(n.text(killedBase))\" y2=\"\(n.text(killedBase))\"/></g>"
        }

        // The time axis: a tick at each new month (weeks), year or quarter (months), or year.
        svg += "<g class=\"chart-axis\" aria-hidden=\"true\">"
        var ticks = (0..<chart.axis.count).compactMap { bin in tickLabel(bin).map { (bin: bin, label: $0) } }
        // The first bin is labelled only to say where the axis starts: not when that would hide
        // the label of the next tick (the month or year that begins just after).
        if ticks.count > 1, ticks[0].bin == 0, tickLabel(0, first: false) == nil,
            x(ticks[1].bin) < x(0) + labelWidth(ticks[0].label) + 6
        {
            ticks[0].label = ""
        }
        var lastLabelEnd = -Double.infinity
        for (bin, label) in ticks {
            let tickX = x(bin)
            svg +=
                "<line x1=\"\(n.text(tickX))\" x2=\"\(n.text(tickX))\" y1=\"\(n.text(axisTop - 4))\" y2=\"\(n.text(axisTop + 2))\"/>"
            if !label.isEmpty, tickX > lastLabelEnd + 4, tickX + 2 + labelWidth(label) <= width {
                svg += "<text x=\"\(n.text(tickX + 2))\" y=\"\(n.text(axisTop + 15))\">\(escape(label))</text>"
                lastLabelEnd = tickX + 2 + labelWidth(label)
            }
        }
        svg += "</g>"

        // Key events: a line from the top to the axis and a short label that links to the event,
        // on two alternating rows so that neighbours do not overlap.
        for (annotation, placement) in zip(chart.annotations, annotationPlacement) {
            let centre = x(annotation.bin) + binWidth / 2
            let y = 12 + Double(placement.row) * Self.annotationRow
            svg +=
                "<a class=\"chart-note\" href=\"\(eventHref(annotation.event))\"><line x1=\"\(n.text(centre))\" x2=\"\(n.text(centre))\" y1=\"\(n.text(y + 3))\" y2=\"\(n.text(base))\"/>"
            let shown = annotationText(annotation)
            svg +=
                "<text x=\"\(n.text(placement.x))\" y=\"\(n.text(y))\"\(placement.end ? " text-anchor=\"end\"" : "")>\(shown == annotation.label ? "" : "<title>\(escape(annotation.label))</title>")\(escape(shown))</text></a>"
        }
        return svg + "</svg>"
    }

    func binSummary(_ bin: Int) -> String {
        "\(period(bin)): \(text.count("events", chart.bins[bin].total)) (\(typeCounts(bin)))"
    }

    /// "Attack 2, Statement 1": a bin's events by type, in site.yaml's order.
    func typeCounts(_ bin: Int) -> String {
        let counts = chart.bins[bin].counts
        return chart.types.enumerated().filter { counts[$0.offset] > 0 }.map {
            "\($0.element.label) \(counts[$0.offset])"
        }.joined(separator: ", ")
    }

    /// The top of the casualty series' scale.
    var killedTop: Int { Self.roundUp(chart.bins.map { max($0.killedHigh, $0.killedLow) }.max() ?? 1) }

    /// The casualty series' label, with the top of its scale.
    var killedLabel: String { text("chart.killed", ["most": String(killedTop)]) }

    /// A key event's label as drawn: cut short (with its whole text as a tooltip) where it is
    /// wider than the chart.
    func annotationText(_ annotation: EventChart.Annotation) -> String {
        let room = plotWidth - 6
        guard annotationWidth(annotation.label) > room else { return annotation.label }
        let characters = max(Int(room / (Self.labelCharacter * 1.1)) - 1, 1)
        return String(annotation.label.prefix(characters)).trimmingCharacters(in: .whitespaces) + "…"
    }

    /// Key events' labels are bold: wider than the rest.
    func annotationWidth(_ label: String) -> Double { labelWidth(label) * 1.1 }

    /// Words in lines no wider than `width` (an SVG text does not wrap).
    func lines(_ words: String, width: Double) -> [String] {
        var lines: [String] = []
        for word in words.split(separator: " ") {
            if let last = lines.last, labelWidth(last + " " + word) <= width {
                lines[lines.count - 1] = last + " " + word
            } else {
                lines.append(String(word))
            }
        }
        return lines
    }

    /// The width of a label of the chart's text.
    func labelWidth(_ label: String) -> Double { Double(label.count) * Self.labelCharacter }

    /// The label of a tick at the bin, or nil for no tick. The first bin has one (where the axis
    /// starts) unless `first` is false.
    private func tickLabel(_ bin: Int, first: Bool = true) -> String? {
        let (year, month, day) = chart.axis.start(of: bin)
        let isFirst = first && bin == 0
        let binWidth = plotWidth / Double(chart.axis.count)
        switch chart.axis.unit {
        case .week:
            // The week in which a month begins; the year with each month while there is room for it.
            guard day <= 7 || isFirst else { return nil }
            return month == 1 || isFirst || binWidth * 4.3 >= labelWidth("September 2023") + 6
                ? text.monthOfYear(month, year) : text.month(month)
        case .month:
            // Month names while a month has room for one (a long name that does not fit is left
            // out at drawing time), else years.
            let names = binWidth >= labelWidth("August") + 6
            if month == 1 || isFirst { return names ? text.monthOfYear(month, year) : String(year) }
            return names ? text.month(month) : nil
        case .year:
            let every = [1, 2, 5, 10, 20, 50].first { Double($0) * binWidth >= labelWidth("2024") + 8 } ?? 100
            return year % every == 0 || isFirst ? String(year) : nil
        }
    }

    private func escape(_ value: String) -> String { HTMLEscaping().escapeText(value) }

    /// The top of a tight scale for `value`: the first multiple of a round step (1, 2, 5, 10,
    /// 20, …, the smallest that needs at most five steps) at or above it: 6 for 6, 30 for 26,
    /// 50 for 46. A scale to the next 1, 2 or 5 would draw 26 on a scale to 50.
    static func roundUp(_ value: Int) -> Int {
        let value = max(value, 1)
        var magnitude = 1
        while true {
            for step in [1, 2, 5] where value <= step * magnitude * 5 {
                let step = step * magnitude
                return (value + step - 1) / step * step
            }
            magnitude *= 10
        }
    }

    /// Gridlines: the maximum and its half (whole numbers only).
    static func ticks(_ top: Int) -> [Int] { top % 2 == 0 ? [top / 2, top] : [top] }
}
