import Foundation

/// A calendar date known to a given precision: a year (`2014`), a month (`2023-10`) or a day (`2024-01-28`).
///
/// Reports must not claim more precision than their sources give, so "January 2020" stays a
/// month everywhere it is shown, sorted and exported.
public struct PartialDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Precision: Int, Sendable, Comparable, CaseIterable {
        case year, month, day
        public static func < (a: Precision, b: Precision) -> Bool { a.rawValue < b.rawValue }
        public var name: String { ["year", "month", "day"][rawValue] }
    }

    public let year: Int
    public let month: Int?
    public let day: Int?

    public var precision: Precision { day != nil ? .day : (month != nil ? .month : .year) }

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = month == nil ? nil : day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the error says what is wrong in words.
    public static func parse(_ text: String) -> Result<PartialDate, DateError> {
        let parts = text.trimmedWhitespace.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
            parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0])
        else {
            return .failure(.malformed(text))
        }
        if year == 0 { return .failure(.impossible(text, "there is no year 0; years start at 0001")) }
        let month = parts.count > 1 ? Int(parts[1]) : nil
        let day = parts.count > 2 ? Int(parts[2]) : nil
        if let month, !(1...12).contains(month) { return .failure(.impossible(text, "there is no month \(month)")) }
        if let month, let day {
            let length = daysIn(month: month, year: year)
            if !(1...length).contains(day) {
                return .failure(.impossible(text, "\(monthNames[month - 1]) \(year) has \(length) days"))
            }
        }
        return .success(PartialDate(year: year, month: month, day: day))
    }

    public enum DateError: Error, Equatable {
        case malformed(String)
        case impossible(String, String)

        public var message: String {
            switch self {
            case .malformed(let text): return "`\(text)` is not a date"
            case .impossible(let text, let why): return "`\(text)` is not a real date: \(why)"
            }
        }
        public var hint: String {
            "write a day as 2024-01-28, a month as 2023-10, a year as 2014"
        }
    }

    /// ISO 8601 form at the date's own precision.
    public var iso: String {
        // Built by hand: this runs for every date on every page, and String(format:) is slow.
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        var text = padded(year, 4)
        if let month { text += "-" + padded(month, 2) }
        if let day { text += "-" + padded(day, 2) }
        return text
    }

    public var description: String { iso }

    /// First and last day the date can mean, for sorting and for checking that ranges run forward.
    public var earliestDay: (Int, Int, Int) { (year, month ?? 1, day ?? 1) }
    public var latestDay: (Int, Int, Int) {
        let lastMonth = month ?? 12
        return (year, lastMonth, day ?? Self.daysIn(month: lastMonth, year: year))
    }

    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        let (x, y) = (a.earliestDay, b.earliestDay)
        if x != y { return x < y }
        return a.precision < b.precision
    }

    /// English month names, for messages about dates (the site's own come from the theme, `DisplayText`).
    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
