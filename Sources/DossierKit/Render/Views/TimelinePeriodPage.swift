/// One year's or one month's part of a split timeline (`TimelineParts`): its events' cards,
/// every year (and, in a year split by month, every month) to move to, and the neighbours.
/// Two kinds share it: `timeline/2024/` and `timeline/2024/02/`.
struct TimelinePeriodPage {
    var title: String
    var countText: String
    /// Every year of the timeline, this one current.
    var years: [Chrome.Link]
    /// In a year split by month: its months with events, with their counts.
    var months: [MonthLink]
    /// The cards, by month (for a year split by month: only its events known to the year alone).
    var sections: [TimelinePage.Year]
    var previous: Chrome.Link?
    var next: Chrome.Link?
    var timelineHref: String
    /// The year or month as the filter's address writes dates: "2023", "2023-02".
    var period: String
    /// A month with more events than a page lists has numbered pages: every one of them (none otherwise).
    var pages: [Chrome.Link] = []
    /// "12 events, oldest first. Dates are shown as …" (`period.lede`).
    var ledeText = ""

    struct MonthLink {
        var label: String
        var href: String
        var countText: String
        var current: Bool
    }

    static let yearKind = PageKind(
        name: "timeline-year", template: "timeline-period", folder: "timeline", section: "timeline",
        previewDeferral: .afterContentEdits, fields: shape.shape,
        subjects: { TimelineParts.subjects($0).years },
        path: { SitePaths.timelineYear(Int($0) ?? 0) },
        view: { subject, links in make(year: Int(subject) ?? 0, month: nil, links) }
    )

    static let monthKind = PageKind(
        name: "timeline-month", template: "timeline-period", folder: "timeline", section: "timeline",
        previewDeferral: .afterContentEdits, fields: shape.shape,
        subjects: { TimelineParts.subjects($0).months },
        path: { subject in
            let (id, page) = ListPaging.parse(subject)
            return TimelineParts.parseMonth(id).map { SitePaths.timelineMonth($0.year, $0.month, page: page) }
                ?? SitePaths.timeline
        },
        view: { subject, links in
            let (id, page) = ListPaging.parse(subject)
            return make(
                year: TimelineParts.parseMonth(id)?.year ?? 0, month: TimelineParts.parseMonth(id)?.month, page: page,
                links)
        }
    )

    static func make(year: Int, month: Int?, page: Int = 1, _ links: PageLinks) -> PageView<TimelinePeriodPage> {
        let report = links.report, text = links.text
        // Which events fall in a year or month depends on every event's date.
        links.reads.read(.everyEvent)
        let parts = links.site.groups.timeline
        let index = parts.years.firstIndex { $0.year == year } ?? 0
        let part =
            parts.years.isEmpty
            ? TimelineParts.Year(year: year, events: 0..<0, byMonth: false, months: []) : parts.years[index]
        let yearHref = { (year: Int) in links.to(SitePaths.timelineYear(year)) }
        let monthHref = { (month: Int) in links.to(SitePaths.timelineMonth(part.year, month)) }
        let years = parts.years.map {
            Chrome.Link(label: String($0.year), href: yearHref($0.year), current: $0.year == year)
        }
        var months: [MonthLink] = []
        if part.byMonth {
            // A month can have two runs (events known only to the year sit at its start and end): count each month once.
            var counts: [Int: Int] = [:], order: [Int] = []
            for run in part.months {
                guard let number = run.month else { continue }
                if counts[number] == nil { order.append(number) }
                counts[number, default: 0] += run.events.count
            }
            months = order.map {
                MonthLink(
                    label: text.monthOfYear($0, part.year), href: monthHref($0),
                    countText: text.count("events", counts[$0] ?? 0), current: $0 == month)
            }
        }
        // A month busier than a page lists goes on over numbered pages, as topics and actors do.
        var shown = part, monthPage: ListPaging.Page?
        if let month {
            let indexes = part.months.filter { $0.month == month }.flatMap { Array($0.events) }
            let paging = ListPaging.Page(page, of: indexes.count, perPage: report.config.eventsPerPage)
            let onPage = Array(paging.items(indexes))
            // A month's events are one run of the timeline (in date order), so a page's are too.
            shown.months =
                onPage.first.map { [TimelineParts.Month(month: month, events: $0..<(onPage[onPage.count - 1] + 1))] }
                ?? []
            monthPage = paging
        }
        let sections = [
            TimelinePage.sections(
                shown, links: links, cards: true, headingLevel: 3,
                only: { run in
                    if let month { return run.month == month }
                    // A year split by month lists here only the events known to the year alone.
                    return !part.byMonth || run.month == nil
                })
        ]
        // A year's page counts the whole year, even when its months have pages of their own.
        let count =
            month.map { month in part.months.filter { $0.month == month }.reduce(0) { $0 + $1.events.count } }
            ?? part.events.count
        let monthTitle = month.map { text.monthOfYear($0, year) } ?? String(year)
        let title = monthPage?.title(monthTitle, text) ?? monthTitle
        // Neighbours: the next month of the year, else the next year.
        var previous: Chrome.Link?, next: Chrome.Link?
        if month != nil, let position = months.firstIndex(where: { $0.current }) {
            if position > 0 {
                previous = Chrome.Link(label: months[position - 1].label, href: months[position - 1].href)
            }
            if position + 1 < months.count {
                next = Chrome.Link(label: months[position + 1].label, href: months[position + 1].href)
            }
        }
        if previous == nil, index > 0 {
            previous = Chrome.Link(
                label: String(parts.years[index - 1].year), href: yearHref(parts.years[index - 1].year))
        }
        if next == nil, index + 1 < parts.years.count {
            next = Chrome.Link(label: String(parts.years[index + 1].year), href: yearHref(parts.years[index + 1].year))
        }
        let timeline = text("page.timeline")
        var crumbs = [Chrome.Crumb(label: timeline, href: links.to(SitePaths.timeline))]
        if month != nil { crumbs.append(Chrome.Crumb(label: String(year), href: yearHref(year))) }
        crumbs.append(Chrome.Crumb(label: title))
        let chrome = Chrome(
            links: links, title: title,
            description: text(
                "description.timelinePeriod",
                ["period": title, "count": text.count("events", count), "site": report.config.title]),
            breadcrumbs: crumbs)
        var content = TimelinePeriodPage(
            title: title, countText: text.count("events", count), years: years, months: months, sections: sections,
            previous: previous, next: next, timelineHref: links.to(SitePaths.timeline),
            period: month.map { String(format: "%04d-%02d", year, $0) } ?? String(format: "%04d", year),
            pages: month.flatMap { month in
                monthPage?.links { links.to(SitePaths.timelineMonth(year, month, page: $0)) }
            } ?? []
        )
        content.ledeText = text("period.lede", ["count": content.countText])
        return PageView(chrome: chrome, content: content)
    }
}

extension TimelinePeriodPage: TemplateModel {
    static let shape = TemplateFieldList<TimelinePeriodPage>(
        "TimelinePeriodPage",
        "A year's or a month's part of a split timeline (`timeline-period.mustache`, as `content.*`; page kinds `timeline-year` and `timeline-month`).",
        [
            .text("ledeText", "The lede: count, order, dates (`period.lede`).") { $0.ledeText },
            .text("title", "The year or month, e.g. \"2024\" or \"February 2024\".") { $0.title },
            .text("countText", "How many events it lists, in words.") { $0.countText },
            .list("years", "Every year of the timeline (`current` for this one).") { $0.years },
            .list("months", "In a year split by month: its months, with links and counts.") { $0.months },
            .list("sections", "Its events' cards, by month (`Year` of the timeline).") { $0.sections },
            .object("previous", "The period before, if any.") { $0.previous },
            .object("next", "The period after, if any.") { $0.next },
            .text("timelineHref", "Link to the timeline's first page.") { $0.timelineHref },
            .text(
                "period",
                "The year or month as the filter's address writes dates (\"2023\", \"2023-02\"): an address with a filter (`timeline/2023/?type=strike`) is sent to the timeline's filter for this period."
            ) { $0.period },
            .list(
                "pages",
                "A month busier than `lists.per_page` events: its numbered pages (`timeline/2024/02/page/2/`), `current` for this one; empty otherwise."
            ) { $0.pages },
        ])
}

extension TimelinePeriodPage.MonthLink: TemplateModel {
    static let shape = TemplateFieldList<TimelinePeriodPage.MonthLink>(
        "MonthLink", "A month of a year split by month.",
        [
            .text("label", "The month, e.g. \"February 2024\".") { $0.label },
            .text("href", "Its page.") { $0.href },
            .text("countText", "How many events it has, in words.") { $0.countText },
            .flag("current", "Whether it is this page's month.") { $0.current },
        ])
}
