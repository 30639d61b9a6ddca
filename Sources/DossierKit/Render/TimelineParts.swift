/// How the timeline is split into pages so that none lists more than `lists.per_page` events
/// (`SiteConfig.eventsPerPage`): one page while the whole report fits; beyond, a page per
/// year, and for a year that does not fit, a page per month (its events known only to the
/// year stay on the year's page). A month is never split further.
///
/// Event pages never move: only the lists are split.
struct TimelineParts {
    struct Year {
        var year: Int
        /// Indexes into the report's events (in date order, so a range).
        var events: Range<Int>
        /// Whether the year's months have pages of their own.
        var byMonth: Bool
        var months: [Month]
    }

    struct Month {
        /// nil for the events known only to the year.
        var month: Int?
        var events: Range<Int>
    }

    let isSplit: Bool
    let years: [Year]

    /// The parts of a report's events, which are in date order (`Report`).
    init(_ events: [Event], perPage: Int) {
        var years: [Year] = []
        for (index, event) in events.enumerated() {
            let start = event.date.start
            if years.last?.year != start.year {
                years.append(Year(year: start.year, events: index..<index, byMonth: false, months: []))
            }
            let last = years.count - 1
            years[last].events = years[last].events.lowerBound..<(index + 1)
            if let month = years[last].months.last, month.month == start.month {
                years[last].months[years[last].months.count - 1].events = month.events.lowerBound..<(index + 1)
            } else {
                years[last].months.append(Month(month: start.month, events: index..<(index + 1)))
            }
        }
        isSplit = events.count > perPage
        if isSplit {
            for index in years.indices { years[index].byMonth = years[index].events.count > perPage }
        }
        self.years = years
    }

    /// The subjects of the year pages (`"2024"`) and month pages (`"2024-02"`, and `"2024-02/2"`,
    /// … for a month with more events than a page lists: its numbered pages), from content as
    /// loaded (in any order): the same pages the parts of the linked report give.
    static func subjects(_ contents: any SiteContents) -> (years: [String], months: [String]) {
        let perPage = contents.config.eventsPerPage
        guard contents.events.count > perPage else { return ([], []) }
        var perYear: [Int: Int] = [:], monthsOf: [Int: [Int: Int]] = [:]
        for event in contents.events {
            let start = event.date.start
            perYear[start.year, default: 0] += 1
            if let month = start.month { monthsOf[start.year, default: [:]][month, default: 0] += 1 }
        }
        let years = perYear.keys.sorted()
        let months = years.filter { perYear[$0, default: 0] > perPage }.flatMap { year in
            ListPaging.subjects(
                (monthsOf[year] ?? [:]).sorted { $0.key < $1.key }.map { (monthSubject(year, $0.key), $0.value) },
                perPage: perPage)
        }
        return (years.map(String.init), months)
    }

    static func monthSubject(_ year: Int, _ month: Int) -> String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

    /// `"2024-02"` → (2024, 2).
    static func parseMonth(_ subject: String) -> (year: Int, month: Int)? {
        let parts = subject.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else { return nil }
        return (year, month)
    }

    func year(_ year: Int) -> Year? { years.first { $0.year == year } }
}
