import Foundation

/// Every event in order, grouped by year and month; or, when the report has more events than
/// one page lists (`TimelineParts`), the years and months with links to their pages.
struct TimelinePage {
    struct Year {
        var year: String
        var anchor: String
        var count: Int
        var countText = ""
        /// Its page, when the timeline is split.
        var href: String?
        var months: [Month]
    }

    struct Month {
        var label: String
        var anchor: String
        var key: String
        /// Its page, when its year is split by month.
        var href: String?
        var count: Int
        /// `count` in the site's digits, to read (`count` itself is for attributes and scripts).
        var countText: String
        var events: [CardValue]
    }

    struct TypeKey {
        var id: String
        var label: String
        var colour: String
        var count: Int
        /// `count` in the site's digits, to read (`count` itself is for attributes and scripts).
        var countText: String
        /// The page of its events.
        var href: String
    }

    struct CountryKey {
        var name: String
        var count: Int
        /// `count` in the site's digits, to read (`count` itself is for attributes and scripts).
        var countText: String
        var href: String
    }

    var years: [Year]
    var eventCount: Int
    var types: [TypeKey]
    var chart: ChartView?
    /// Whether the events are on the years' (and months') pages rather than this one.
    var isSplit: Bool
    /// The filter's data and words (`FilterIndex`, `filter.*` in text.yaml), and the way from
    /// this page to the site's root its links start from.
    var filterFacetsHref: String
    var filterWords: String
    var root: String
    var actorsHref: String
    var topicsHref: String
    /// The countries events name, each with the page of its events.
    var countries: [CountryKey]
    /// The lede and the ways to browse, as sentences with their links (`timeline.lede`, `timeline.browse`).
    var ledeHTML = ""
    var browseHTML = ""

    static let kind = PageKind(
        name: "timeline", folder: "timeline", navigationLabel: "Timeline", previewDeferral: .afterContentEdits,
        fields: shape.shape,
        path: { _ in SitePaths.timeline }, view: { _, links in make(links) }
    )

    static func make(_ links: PageLinks) -> PageView<TimelinePage> {
        let report = links.report
        links.reads.read(.everyEvent)
        let parts = links.site.groups.timeline
        let years = parts.years.map { year in
            // Split: the years and months link to their pages and list no events here.
            sections(
                year, links: links, cards: !parts.isSplit,
                href: parts.isSplit ? links.to(SitePaths.timelineYear(year.year)) : nil,
                monthHref: { month in
                    year.byMonth
                        ? links.to(SitePaths.timelineMonth(year.year, month))
                        : links.to(SitePaths.timelineYear(year.year)) + "#" + monthKey(year.year, month)
                })
        }
        let types = report.config.eventTypes.compactMap { type -> TypeKey? in
            let count = links.site.groups.byType[type.id]?.count ?? 0
            return count == 0
                ? nil
                : TypeKey(
                    id: type.id, label: type.label, colour: type.colour, count: count,
                    countText: links.text.number(count),
                    href: links.to(ListPaging.path(EventListPage.typeFolder, type.id, page: 1)))
        }
        let countries = links.site.groups.countries.map {
            CountryKey(
                name: $0.name, count: $0.count, countText: links.text.number($0.count),
                href: links.to(ListPaging.path(EventListPage.countryFolder, $0.slug, page: 1)))
        }
        let title = links.text("page.timeline")
        let chart = ChartView.make(
            Array(report.events.indices), links: links, id: "timeline-chart",
            title: links.text("chart.title", ["subject": report.config.title]), focus: true, readEach: false)
        var content = TimelinePage(
            years: years, eventCount: report.events.count, types: types, chart: chart, isSplit: parts.isSplit,
            filterFacetsHref: links.to(FilterIndex.facetsPath), filterWords: links.text.json(prefix: "filter."),
            root: links.root,
            actorsHref: links.to(SitePaths.actors), topicsHref: links.to(SitePaths.topics), countries: countries)
        let split = parts.isSplit ? ".split" : ""
        content.ledeHTML = links.text.html(
            "timeline.lede" + split, ["count": links.text.number(report.events.count)], links: [:])
        content.browseHTML = links.text.html(
            "timeline.browse" + split, links: ["actors": content.actorsHref, "topics": content.topicsHref])
        let chrome = Chrome(
            links: links, title: title,
            description: links.text(
                "description.timeline", ["count": String(report.events.count), "site": report.config.title]),
            breadcrumbs: [.init(label: title)])
        return PageView(chrome: chrome, content: content)
    }

    /// A year of the timeline as a template sees it: its months, with their events' cards when
    /// `cards` (else only counts and links, `monthHref`).
    static func sections(
        _ year: TimelineParts.Year, links: PageLinks, cards: Bool, headingLevel: Int = 4, href: String? = nil,
        monthHref: ((Int) -> String)? = nil, only: ((TimelineParts.Month) -> Bool)? = nil
    ) -> Year {
        var section = Year(
            year: String(year.year), anchor: "y\(year.year)", count: year.events.count, href: href, months: [])
        section.countText = links.text.count("events", year.events.count)
        for month in year.months where only?(month) ?? true {
            // Events known only to the year come first in their year, under the year itself.
            let label =
                month.month.map { links.text.monthOfYear($0, year.year) }
                ?? links.text("timeline.monthNotGiven", ["year": String(year.year)])
            let key = month.month.map { monthKey(year.year, $0) } ?? "y\(year.year)-undated"
            // A year-only period (at the year's start) and a year-only date (at its end) both
            // group as "month not given": keep their anchors distinct.
            let used = section.months.filter { $0.key == key }.count
            section.months.append(
                Month(
                    label: label, anchor: used == 0 ? key : "\(key)-\(used + 1)", key: key,
                    href: month.month.flatMap { monthHref?($0) }, count: month.events.count,
                    countText: links.text.number(month.events.count),
                    events: cards ? month.events.map { links.card($0, headingLevel: headingLevel) } : []
                ))
        }
        return section
    }

    static func monthKey(_ year: Int, _ month: Int) -> String { "m\(year)-\(month < 10 ? "0" : "")\(month)" }
}

extension TimelinePage: TemplateModel {
    static let shape = TemplateFieldList<TimelinePage>(
        "TimelinePage", "Every event in order (`timeline.mustache`, as `content.*`).",
        [
            .html(
                "ledeHTML",
                "The lede as a sentence of the report's language (`timeline.lede`, `.split` when split by year)."
            ) { $0.ledeHTML },
            .html("browseHTML", "The ways to browse, a sentence with links to actors and topics (`timeline.browse`).") {
                $0.browseHTML
            },
            .list("years", "The years, oldest first.") { $0.years },
            .number("eventCount", "How many events the report has.") { $0.eventCount },
            .list("types", "The event types in use, with their counts, for the key.") { $0.types },
            .object("chart", "Events over time (the busy recent stretch of a report with years of background).") {
                $0.chart
            },
            .text(
                "filterFacetsHref", "The filter's index of facets (`data/filter/facets.js`), for `data-filter-facets`."
            ) { $0.filterFacetsHref },
            .text("filterWords", "The filter's words (the `filter.*` texts of text.yaml) as JSON, for `data-words`.") {
                $0.filterWords
            },
            .text("root", "From this page to the site's root, for `data-root`: the filter's links start there.") {
                $0.root
            },
            .text("actorsHref", "Link to the actors' index.") { $0.actorsHref },
            .text("topicsHref", "Link to the topics' index.") { $0.topicsHref },
            .list("countries", "The countries the events name, with their counts and pages.") { $0.countries },
            .flag(
                "isSplit",
                "True when the report has more events than a page lists (`lists.per_page`): the years and months then link to their own pages and `events` are empty."
            ) { $0.isSplit },
        ])
}

extension TimelinePage.Year: TemplateModel {
    static let shape = TemplateFieldList<TimelinePage.Year>(
        "Year", "One year of the timeline.",
        [
            .text("year", "The year.") { $0.year },
            .text("anchor", "Its anchor on the page, e.g. `y2024`.") { $0.anchor },
            .number("count", "How many events it has.") { $0.count },
            .text("countText", "The count in words, e.g. \"3 events\".") { $0.countText },
            .text("href", "Its page, when the timeline is split by year.") { $0.href },
            .list("months", "Its months, in order.") { $0.months },
        ])
}

extension TimelinePage.Month: TemplateModel {
    static let shape = TemplateFieldList<TimelinePage.Month>(
        "Month", "One month of the timeline (or the events known only to the year).",
        [
            .text("label", "The month in words, e.g. \"February 2024\".") { $0.label },
            .text("anchor", "Its anchor on the page.") { $0.anchor },
            .text("key", "Its key, e.g. `m2024-02`.") { $0.key },
            .text(
                "href",
                "Where its events are, when the timeline is split (its page, or its section of the year's page); absent for the events known only to the year."
            ) { $0.href },
            .number("count", "How many events it has.") { $0.count },
            .text("countText", "The count in the site's digits (`digits:`), to show; `count` is for attributes.") {
                $0.countText
            },
            .cards("events", "Its events' cards (none on a split timeline's index).") { $0.events },
        ])
}

extension TimelinePage.TypeKey: TemplateModel {
    static let shape = TemplateFieldList<TimelinePage.TypeKey>(
        "TypeKey", "An event type in the key.",
        [
            .text("id", "The type's id.") { $0.id },
            .text("label", "The type's label.") { $0.label },
            .text("colour", "The type's colour.") { $0.colour },
            .number("count", "How many events have it.") { $0.count },
            .text("countText", "The count in the site's digits (`digits:`), to show; `count` is for attributes.") {
                $0.countText
            },
            .text("href", "The page of its events.") { $0.href },
        ])
}

extension TimelinePage.CountryKey: TemplateModel {
    static let shape = TemplateFieldList<TimelinePage.CountryKey>(
        "CountryKey", "A country the events name.",
        [
            .text("name", "Its name.") { $0.name },
            .number("count", "How many events name it.") { $0.count },
            .text("countText", "The count in the site's digits (`digits:`), to show; `count` is for attributes.") {
                $0.countText
            },
            .text("href", "The page of its events.") { $0.href },
        ])
}
