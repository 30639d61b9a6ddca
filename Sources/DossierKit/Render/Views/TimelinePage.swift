import Foundation

/// Every event in order, grouped by year and month.
struct TimelinePage {
    struct Year {
        var year: String
        var anchor: String
        var count: Int
        var countText = ""
        var months: [Month]
    }

    struct Month {
        var label: String
        var anchor: String
        var key: String
        var events: [CardValue]
    }

    struct TypeKey {
        var label: String
        var colour: String
        var count: Int
    }

    var years: [Year]
    var eventCount: Int
    var types: [TypeKey]

    static let path = SitePaths.timeline

    static func make(_ site: RenderContext) -> PageView<TimelinePage> {
        let report = site.report
        let links = PageLinks(path: path, site: site)
        var years: [Year] = []
        for (index, event) in report.events.enumerated() {
            let start = event.date.start
            if years.last?.year != String(start.year) {
                years.append(Year(year: String(start.year), anchor: "y\(start.year)", count: 0, months: []))
            }
            // Events known only to the year come first in their year, under the year itself.
            let label = start.monthName.map { "\($0) \(start.year)" } ?? "\(start.year), month not given"
            let key = start.month.map { String(format: "m%04d-%02d", start.year, $0) } ?? "y\(start.year)-undated"
            if years[years.count - 1].months.last?.key != key {
                // A year-only period (at the year's start) and a year-only date (at its end) both
                // group as "month not given": keep their anchors distinct.
                let used = years[years.count - 1].months.filter { $0.key == key }.count
                let anchor = used == 0 ? key : "\(key)-\(used + 1)"
                years[years.count - 1].months.append(Month(label: label, anchor: anchor, key: key, events: []))
            }
            let last = years[years.count - 1].months.count - 1
            years[years.count - 1].months[last].events.append(links.card(index, headingLevel: 4))
            years[years.count - 1].count += 1
        }
        for index in years.indices { years[index].countText = Counted.text(years[index].count, "event") }
        let types = report.config.eventTypes.compactMap { type -> TypeKey? in
            let count = report.events.filter { $0.type == type.id }.count
            return count == 0 ? nil : TypeKey(label: type.label, colour: type.colour, count: count)
        }
        let content = TimelinePage(years: years, eventCount: report.events.count, types: types)
        let chrome = Chrome(links: links, title: "Timeline", description: "All \(report.events.count) events of \(report.config.title), in order.",
                            section: .timeline, breadcrumbs: [.init(label: "Timeline")])
        return PageView(chrome: chrome, content: content)
    }
}
