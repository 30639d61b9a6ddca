import Foundation

/// `data/events.ics`: the report's events as an iCalendar file (RFC 5545) that calendar
/// programs subscribe to or import.
///
/// Every event is an all-day event over the days it may have happened on: a day, a period's
/// days, or, for a date known only to the month or the year, that whole month or year, with
/// the precision said at the start of the description ("Known to the month: February 2024"),
/// never one made-up day. UIDs are the events' stable ids (`StableID`), so a calendar that
/// subscribed keeps each event as it is updated. Lines are folded at 75 octets, text escaped.
enum CalendarExport {
    static let path = "data/events.ics"

    static func file(_ report: Report, text: DisplayText, markdown: CommonMark) -> OutputFile {
        let config = report.config
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Dossier//Dossier report//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:" + escaped(config.title)]
        if !config.description.isEmpty { lines.append("X-WR-CALDESC:" + escaped(config.description)) }
        var data = Data()
        data.reserveCapacity(report.events.count * 700)
        for line in lines { append(line, to: &data) }
        for event in report.events {
            for line in self.lines(event, config: config, text: text, markdown: markdown) { append(line, to: &data) }
        }
        append("END:VCALENDAR", to: &data)
        return OutputFile(path: path, contents: .data(data))
    }

    static func lines(_ event: Event, config: SiteConfig, text: DisplayText, markdown: CommonMark) -> [String] {
        let start = event.date.start, end = event.date.end ?? event.date.start
        let happened = Timestamp.date(start)
        var lines = [
            "BEGIN:VEVENT",
            "UID:" + StableID.event(event.id, in: config).dropFirst("urn:uuid:".count),
            // When this version of the event was made: its last change, else when it was published or happened.
            "DTSTAMP:" + Timestamp.iCalendar(event.updated ?? event.published ?? happened),
            "DTSTART;VALUE=DATE:" + day(start.earliestDay),
            // DTEND is exclusive: the day after the last day it may have happened on.
            "DTEND;VALUE=DATE:" + day(end.latestDay, plus: 1),
            "SUMMARY:" + escaped(event.title),
        ]
        var description: [String] = []
        let imprecise = [start, end].map(\.precision).min() ?? .day
        if imprecise != .day {
            description.append("Known to the \(imprecise.name): \(text.date(event.date)).")
        } else if let display = event.date.display {
            description.append(display + ".")
        }
        if let summary = event.summary { description.append(markdown.plainText(summary.text, limit: 2000)) }
        for source in event.sources { description.append("Source: \(source.publisher)\(source.title.map { ", \($0)" } ?? "") <\(source.url)>") }
        if !description.isEmpty { lines.append("DESCRIPTION:" + escaped(description.joined(separator: "\n"))) }
        if let place = event.location {
            if !place.formatted.isEmpty { lines.append("LOCATION:" + escaped(place.formatted)) }
            if let point = place.point { lines.append("GEO:\(point.latitude);\(point.longitude)") }
        }
        lines.append("CATEGORIES:" + escaped(config.eventType(event.type)?.label ?? event.type))
        if let base = config.baseURL { lines.append("URL:" + base + SitePaths.event(event.id).dropLast("index.html".count)) }
        if let published = event.published { lines.append("CREATED:" + Timestamp.iCalendar(published)) }
        if let updated = event.updated { lines.append("LAST-MODIFIED:" + Timestamp.iCalendar(updated)) }
        lines.append("END:VEVENT")
        return lines
    }

    /// `YYYYMMDD`, optionally some days later (the proleptic Gregorian calendar, in UTC).
    static func day(_ parts: (Int, Int, Int), plus days: Int = 0) -> String {
        var (year, month, day) = parts
        if days != 0 {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            if let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
               let later = calendar.date(byAdding: .day, value: days, to: date) {
                let components = calendar.dateComponents([.year, .month, .day], from: later)
                (year, month, day) = (components.year ?? year, components.month ?? month, components.day ?? day)
            }
        }
        return String(format: "%04d%02d%02d", year, month, day)
    }

    /// RFC 5545, 3.3.11: backslash, semicolon, comma and line breaks escaped.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n", "\r\n", "\r": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }

    /// RFC 5545, 3.1: a line ends with CRLF, and one longer than 75 octets is folded (CRLF and a
    /// space), never inside a UTF-8 sequence.
    static func append(_ line: String, to data: inout Data) {
        var count = 0
        for byte in line.utf8 {
            // A sequence's length is known from its first byte; continuation bytes follow it.
            if byte & 0xC0 != 0x80 {
                let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                if count + length > 75 {
                    data.append(contentsOf: [0x0D, 0x0A, 0x20])
                    count = 1
                }
            }
            data.append(byte)
            count += 1
        }
        data.append(contentsOf: [0x0D, 0x0A])
    }
}
