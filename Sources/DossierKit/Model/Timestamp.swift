import Foundation

/// Moments when something was published or changed (an event's `published` and `updated`), as
/// feeds and calendars write them. Always in UTC, to the second.
enum Timestamp {
    /// A day (`2024-02-05`, its start in UTC) or an RFC 3339 moment (`2024-02-05T14:30:00Z`,
    /// `2024-02-05T17:30:00+03:00`, with optional fractions of a second); nil for anything else.
    static func parse(_ text: String) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.count == 10, case .success(let day) = PartialDate.parse(text), day.precision == .day {
            return date(day)
        }
        // RFC 3339 years have four digits; Foundation also reads `506713-02-07T…`, which no feed reader would.
        guard text.count >= 20, text.count <= 40, text.utf8.prefix(4).allSatisfy({ (48...57).contains($0) }),
            text.utf8.dropFirst(4).first == UInt8(ascii: "-")
        else { return nil }
        if let moment = try? Date(text, strategy: .iso8601) { return moment }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// The start of a partial date's first day, in UTC (a month's first day, a year's 1 January).
    static func date(_ day: PartialDate) -> Date {
        let (year, month, day) = day.earliestDay
        // Foundation's Gregorian calendar is Julian before 15 October 1582; from 1583 on both agree,
        // and the arithmetic spares a calendar and a time zone per call (every event, every feed).
        if year >= 1583 {
            return Date(timeIntervalSince1970: Double(CivilDay.number(year, month, day)) * 86_400)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
    }

    /// RFC 3339 in UTC (`2024-02-05T14:30:00Z`): Atom's and JSON Feed's dates.
    static func rfc3339(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    /// iCalendar's UTC date-time (`20240205T143000Z`, RFC 5545, 3.3.5).
    static func iCalendar(_ date: Date) -> String {
        rfc3339(date).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }
}
