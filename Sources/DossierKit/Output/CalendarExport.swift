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
        var header = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Dossier//Dossier report//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escaped(config.title),
        ]
        if !config.description.isEmpty { header.append("X-WR-CALDESC:" + escaped(config.description)) }
        var bytes: [UInt8] = []
        for line in header { append(line, to: &bytes) }
        // Events in chunks on every core, like the JSON download: 50,000 events are 30 MB.
        let events = report.events, chunk = 256
        let partCount = (events.count + chunk - 1) / chunk
        let parts = ResultSlots<[UInt8]>(count: partCount)
        DispatchQueue.concurrentPerform(iterations: partCount) { part in
            var written: [UInt8] = []
            written.reserveCapacity(chunk * 800)
            for event in events[(part * chunk)..<min(events.count, (part + 1) * chunk)] {
                for line in lines(event, config: config, text: text, markdown: markdown) { append(line, to: &written) }
            }
            parts.set(part, written)
        }
        var data = Data(bytes)
        data.reserveCapacity(parts.values.reduce(bytes.count + 16) { $0 + ($1?.count ?? 0) })
        for index in 0..<partCount { parts.take(index).map { data.append(contentsOf: $0) } }
        data.append(contentsOf: Array("END:VCALENDAR\r\n".utf8))
        return OutputFile(path: path, contents: .data(data))
    }

    static func lines(_ event: Event, config: SiteConfig, text: DisplayText, markdown: CommonMark) -> [String] {
        let start = event.date.start, end = event.date.end ?? event.date.start
        var lines = [
            "BEGIN:VEVENT",
            "UID:" + StableID.event(event.id, in: config).dropFirst("urn:uuid:".count),
            // When this version of the event was made: its last change, else when it was published or happened.
            "DTSTAMP:"
                + ((event.updated ?? event.published).map(Timestamp.iCalendar) ?? day(start.earliestDay) + "T000000Z"),
            // A day known to the week: the week around it.
            "DTSTART;VALUE=DATE:" + day(start.earliestDay, plus: event.date.withinWeek ? -3 : 0),
            // DTEND is exclusive: the day after the last day it may have happened on.
            "DTEND;VALUE=DATE:" + day(end.latestDay, plus: event.date.withinWeek ? 4 : 1),
            "SUMMARY:" + escaped(event.title),
        ]
        var description: [String] = []
        let imprecise = [start, end].map(\.precision).min() ?? .day
        if imprecise != .day || event.date.withinWeek {
            description.append(
                "Known to the \(event.date.withinWeek ? "week" : imprecise.name): \(text.date(event.date)).")
        } else if let display = event.date.display {
            description.append(display + ".")
        }
        if let summary = event.summary { description.append(markdown.plainText(summary.text, limit: 2000)) }
        for source in event.sources {
            description.append(
                "Source: \(source.publisher)\(source.title.map { ", \($0)" } ?? "")\(source.url.map { " <\($0)>" } ?? "")"
            )
        }
        if !description.isEmpty { lines.append("DESCRIPTION:" + escaped(description.joined(separator: "\n"))) }
        if let place = event.location {
            if !place.formatted.isEmpty { lines.append("LOCATION:" + escaped(place.formatted)) }
            if let point = place.point { lines.append("GEO:\(point.latitude);\(point.longitude)") }
        }
        lines.append("CATEGORIES:" + escaped(config.eventType(event.type)?.label ?? event.type))
        if let base = config.baseURL {
            lines.append("URL:" + base + SitePaths.event(event.id).dropLast("index.html".count))
        }
        if let published = event.published { lines.append("CREATED:" + Timestamp.iCalendar(published)) }
        if let updated = event.updated { lines.append("LAST-MODIFIED:" + Timestamp.iCalendar(updated)) }
        lines.append("END:VEVENT")
        return lines
    }

    /// `YYYYMMDD`, optionally some days later or earlier (proleptic Gregorian calendar, `CivilDay`).
    static func day(_ parts: (Int, Int, Int), plus days: Int = 0) -> String {
        var (year, month, day) = parts
        if days != 0 {
            (year, month, day) = CivilDay.date(CivilDay.number(year, month, day) + days)
        }
        // (String(format:) goes through Foundation's formatter: three dates an event.)
        guard (0...9999).contains(year) else { return String(format: "%04d%02d%02d", year, month, day) }
        return padded(year, 4) + padded(month, 2) + padded(day, 2)
    }

    /// A non-negative number with zeros before it, to `width` digits.
    private static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// RFC 5545, 3.3.11: backslash, semicolon, comma and line breaks escaped.
    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x3B || $0 == 0x2C || $0 == 0x0A || $0 == 0x0D }) else {
            return text
        }
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + 16)
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case 0x5C, 0x3B, 0x2C: result.append(0x5C); result.append(byte)
            case 0x0A where previous == 0x0D: break  // CRLF: one line break, already written
            case 0x0A, 0x0D: result.append(0x5C); result.append(UInt8(ascii: "n"))
            default: result.append(byte)
            }
            previous = byte
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// RFC 5545, 3.1: a line ends with CRLF, and one longer than 75 octets is folded (CRLF and a
    /// space), never inside a UTF-8 sequence.
    static func append(_ line: String, to bytes: inout [UInt8]) {
        let utf8 = line.utf8
        if utf8.count <= 75 {
            bytes += utf8
            bytes.append(0x0D)
            bytes.append(0x0A)
            return
        }
        var count = 0
        for byte in utf8 {
            // A sequence's length is known from its first byte; continuation bytes follow it.
            if byte & 0xC0 != 0x80 {
                let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                if count + length > 75 {
                    bytes.append(0x0D)
                    bytes.append(0x0A)
                    bytes.append(0x20)
                    count = 1
                }
            }
            bytes.append(byte)
            count += 1
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
    }
}
