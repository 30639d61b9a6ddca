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
        var id: String
        var label: String
        var colour: String
        var count: Int
    }

    var years: [Year]
    var eventCount: Int
    var types: [TypeKey]
    var chart: ChartView?

    static let kind = PageKind(
        name: "timeline", folder: "timeline", navigationLabel: "Timeline", listsEveryEvent: true, fields: shape.shape,
        path: { _ in SitePaths.timeline }, view: { _, links in make(links) }
    )

    static func make(_ links: PageLinks) -> PageView<TimelinePage> {
        let report = links.report
        links.reads.read(.everyEvent)
        var years: [Year] = []
        for (index, event) in report.events.enumerated() {
            let start = event.date.start
            if years.last?.year != String(start.year) {
                years.append(Year(year: String(start.year), anchor: "y\(start.year)", count: 0, months: []))
            }
            // Events known only to the year come first in their year, under the year itself.
            let label = start.month.map { links.text.monthOfYear($0, start.year) }
                ?? links.text("timeline.monthNotGiven", ["year": String(start.year)])
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
        for index in years.indices { years[index].countText = links.text.count("events", years[index].count) }
        let types = report.config.eventTypes.compactMap { type -> TypeKey? in
            let count = report.events.filter { $0.type == type.id }.count
            return count == 0 ? nil : TypeKey(id: type.id, label: type.label, colour: type.colour, count: count)
        }
        let title = links.text("page.timeline")
        let chart = ChartView.make(Array(report.events.indices), links: links, id: "timeline-chart",
                                   title: links.text("chart.title", ["subject": report.config.title]), focus: true, readEach: false)
        let content = TimelinePage(years: years, eventCount: report.events.count, types: types, chart: chart)
        let chrome = Chrome(links: links, title: title, description: links.text("description.timeline", ["count": String(report.events.count), "site": report.config.title]),
                            breadcrumbs: [.init(label: title)])
        return PageView(chrome: chrome, content: content)
    }
}

extension TimelinePage: TemplateModel {
    static let shape = TemplateFieldList<TimelinePage>("TimelinePage", "Every event in order (`timeline.mustache`, as `content.*`).", [
        .list("years", "The years, oldest first.") { $0.years },
        .number("eventCount", "How many events the report has.") { $0.eventCount },
        .list("types", "The event types in use, with their counts, for the key.") { $0.types },
        .object("chart", "Events over time (the busy recent stretch of a report with years of background).") { $0.chart },
    ])
}

extension TimelinePage.Year: TemplateModel {
    static let shape = TemplateFieldList<TimelinePage.Year>("Year", "One year of the timeline.", [
        .text("year", "The year.") { $0.year },
        .text("anchor", "Its anchor on the page, e.g. `y2024`.") { $0.anchor },
        .number("count", "How many events it has.") { $0.count },
        .text("countText", "The count in words, e.g. \"3 events\".") { $0.countText },
        .list("months", "Its months, in order.") { $0.months },
    ])
}

extension TimelinePage.Month: TemplateModel {
    static let shape = TemplateFieldList<TimelinePage.Month>("Month", "One month of the timeline (or the events known only to the year).", [
        .text("label", "The month in words, e.g. \"February 2024\".") { $0.label },
        .text("anchor", "Its anchor on the page.") { $0.anchor },
        .text("key", "Its key, e.g. `m2024-02`.") { $0.key },
        .cards("events", "Its events' cards.") { $0.events },
    ])
}

extension TimelinePage.TypeKey: TemplateModel {
    static let shape = TemplateFieldList<TimelinePage.TypeKey>("TypeKey", "An event type in the key.", [
        .text("id", "The type's id.") { $0.id },
        .text("label", "The type's label.") { $0.label },
        .text("colour", "The type's colour.") { $0.colour },
        .number("count", "How many events have it.") { $0.count },
    ])
}
