/// The time axis of a chart: consecutive weeks, months or years, chosen from the span shown, and
/// where an event's date falls on it at the precision the date has.
struct TimeBins: Sendable, Equatable {
    enum Unit: String, Sendable {
        case week, month, year

        /// About how many days a bin of this unit is.
        var days: Double {
            switch self {
            case .week: 7
            case .month: 30.44
            case .year: 365.25
            }
        }
    }

    let unit: Unit
    /// The first bin's number: a day number (weeks start on Mondays), `year * 12 + month - 1`, or a year.
    let first: Int
    let count: Int

    /// Bins covering `earliest` to `latest`: weeks for up to 30 weeks, months for up to ten years,
    /// years beyond; with `limit`, the finest unit that needs no more bins than that (a chart
    /// drawn for a phone has room for about 20).
    init(from earliest: PartialDate, to latest: PartialDate, limit: Int? = nil) {
        let (startDay, endDay) = (Self.day(earliest.earliestDay), Self.day(latest.latestDay))
        let days = endDay - startDay
        let weekStart = Self.monday(onOrBefore: startDay), weeks = (endDay - weekStart) / 7 + 1
        let monthStart = earliest.year * 12 + (earliest.month ?? 1) - 1,
            months = latest.year * 12 + (latest.month ?? 12) - 1 - monthStart + 1
        if days <= 30 * 7, weeks <= limit ?? .max {
            unit = .week
            first = weekStart
            count = weeks
        } else if days <= 3_653, months <= limit ?? .max {
            unit = .month
            first = monthStart
            count = months
        } else {
            unit = .year
            first = earliest.year
            count = latest.year - earliest.year + 1
        }
    }

    /// The bin a date falls in when it is as precise as the unit (a day for weeks; a month or a
    /// day for months; any date for years); nil when it is less precise, or outside the bins.
    func bin(of date: PartialDate) -> Int? {
        let number: Int
        switch unit {
        case .week:
            guard date.precision == .day else { return nil }
            number = (Self.day(date.earliestDay) - first) / 7
            guard Self.day(date.earliestDay) >= first else { return nil }
        case .month:
            guard let month = date.month else { return nil }
            number = date.year * 12 + month - 1 - first
        case .year:
            number = date.year - first
        }
        return (0..<count).contains(number) ? number : nil
    }

    /// The bins a less precise date spans (a month across weeks, a year across months), clipped to the axis.
    func span(of date: PartialDate) -> ClosedRange<Int>? { span(from: date, through: date) }

    /// The bins from the start of one date to the end of another (an event over a period), clipped to the axis.
    func span(from start: PartialDate, through end: PartialDate) -> ClosedRange<Int>? {
        let (startDay, endDay) = (Self.day(start.earliestDay), Self.day(end.latestDay))
        let (low, high): (Int, Int)
        switch unit {
        case .week:
            low = Self.floorDivide(startDay - first, 7)
            high = Self.floorDivide(endDay - first, 7)
        case .month:
            low = start.year * 12 + (start.month ?? 1) - 1 - first
            high = end.year * 12 + (end.month ?? 12) - 1 - first
        case .year:
            (low, high) = (start.year - first, end.year - first)
        }
        let clipped = (max(low, 0), min(high, count - 1))
        return clipped.0 <= clipped.1 ? clipped.0...clipped.1 : nil
    }

    /// The first day of a bin, as (year, month, day).
    func start(of bin: Int) -> (year: Int, month: Int, day: Int) {
        switch unit {
        case .week: return Self.civil(first + bin * 7)
        case .month: let number = first + bin; return (number / 12, number % 12 + 1, 1)
        case .year: return (first + bin, 1, 1)
        }
    }

    // MARK: Days

    /// Days since 1970-01-01 (`CivilDay`).
    static func day(_ date: (Int, Int, Int)) -> Int { CivilDay.number(date.0, date.1, date.2) }

    /// The date of a day number (the inverse of `day`).
    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) { CivilDay.date(days) }

    /// 1970-01-01 was a Thursday: Mondays are the days d with (d + 3) % 7 == 0.
    static func monday(onOrBefore day: Int) -> Int { day - ((day + 3) % 7 + 7) % 7 }

    static func floorDivide(_ a: Int, _ b: Int) -> Int { CivilDay.floorDivide(a, b) }
}
