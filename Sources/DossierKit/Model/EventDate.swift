/// When an event happened: one date, or a range from `start` to `end`, each at its own precision,
/// plus the wording a source used when it is vaguer than any date ("late January 2024").
public struct EventDate: Sendable, Hashable {
    public let start: PartialDate
    public let end: PartialDate?
    public let display: String?
    /// The sources place a single day's event only within the week around it (`precision:
    /// week`; ACLED's `time_precision` 2): it happened in the seven days from three days before
    /// `start` to three days after. It sorts at `start` and is shown as "the week of …".
    public let withinWeek: Bool

    public init(start: PartialDate, end: PartialDate? = nil, display: String? = nil, withinWeek: Bool = false) {
        self.start = start
        self.end = end
        self.display = display
        self.withinWeek = withinWeek && end == nil && start.precision == .day
    }

    /// The precision as written in content and downloads: `day`, `month`, `year`, or `week`.
    public var precisionName: String { withinWeek ? "week" : start.precision.name }

    public var isRange: Bool { end != nil }

    /// `2024-01-28`, or `2023-10/2024-02-04` for a range (ISO 8601 interval notation).
    public var iso: String {
        guard let end else { return start.iso }
        return "\(start.iso)/\(end.iso)"
    }

    /// The precision a reader should understand, e.g. for a badge: "day", "month", "year", "range".
    public var precisionLabel: String {
        isRange ? "range" : precisionName
    }

    /// Where the event sits in a chronology.
    ///
    /// A period sorts at its start. A single date known only to the month or the year sorts
    /// after the events dated within it, as a chronicle says "later that month": "February 2024"
    /// comes after "2 February 2024". Events with equal keys keep the order they were written in.
    public var chronologyKey: ChronologyKey {
        let (year, month, day) = isRange ? start.earliestDay : start.latestDay
        let precisionRank = 2 - start.precision.rawValue
        let (endYear, endMonth, endDay) = end?.latestDay ?? (year, month, day)
        return ChronologyKey(
            start: Self.dayNumber(year, month, day), precisionRank: precisionRank,
            end: Self.dayNumber(endYear, endMonth, endDay))
    }

    /// The day the event sits at in the chronology, counted in days (since 1 March of year 0),
    /// so that the distance between two events is a number of days.
    var dayNumber: Int {
        let (year, month, day) = isRange ? start.earliestDay : start.latestDay
        return CivilDay.number(year, month, day) + 719_468
    }

    /// Year, month and day as one number that sorts the same way (months and days are at most two digits).
    private static func dayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int { (year * 100 + month) * 100 + day }

    public struct ChronologyKey: Sendable, Comparable {
        let start: Int
        let precisionRank: Int
        let end: Int
        public static func < (a: ChronologyKey, b: ChronologyKey) -> Bool {
            (a.start, a.precisionRank, a.end) < (b.start, b.precisionRank, b.end)
        }
    }
}
