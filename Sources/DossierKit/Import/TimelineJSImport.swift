import Foundation
import Yams

/// Reads a TimelineJS timeline (Knight Lab's JSON, or its Google Sheet template saved as CSV)
/// into an import batch.
///
/// The mapping is in docs/importing.md. In short: a slide's date parts (numbers or strings)
/// give the date at their precision (year, month or day; a time of day is not kept), its end
/// date a period; `display_date` is kept; the headline is the title; the HTML text becomes
/// Markdown (`HTMLToMarkdown`): the first paragraph the summary, the rest the body; `media`
/// the event's media (address, caption, credit); `group` a tag (and a topic when asked);
/// `unique_id` the id and `external_id`, else a slug of the headline that stays unique. Eras
/// become topics with their period, their events tagged; the title slide gives the report's
/// title and description when `site.yaml` has none.
struct TimelineJSImport {
    let file: String
    let log: DiagnosticLog
    /// Event types the report has already, by id and by lower-cased label.
    var knownTypes: [String: String] = [:]
    /// The event type every event gets: TimelineJS has none.
    var eventType = "event"
    /// Whether each group also becomes a topic (selecting its events by the group's tag).
    var groupsAsTopics = false
    /// Slides left out while reading, each with its errors: a slide with an error in any of its
    /// fields is left out, rather than imported with the field missing.
    private let slidesLeftOut = Locked<[[Diagnostic]]>([])

    /// Whether the slide read into `slideLog` without an error; its warnings go to the log, its
    /// errors (when there are) to the slides left out.
    private func kept(_ slideLog: DiagnosticLog) -> Bool {
        let diagnostics = slideLog.diagnostics
        diagnostics.filter { $0.severity == .warning }.forEach(log.add)
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { slidesLeftOut.update { $0.append(errors) } }
        return errors.isEmpty
    }

    /// The sheet template's columns, in its order.
    static let sheetColumns = [
        "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
        "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group", "Background",
    ]

    /// A date as TimelineJS writes it: parts that may be numbers or strings.
    struct DateParts {
        var year: String?, month: String?, day: String?
        /// A time of day was given (TimelineJS's hour or the sheet's Time): Dossier dates to the day.
        var hasTime = false
        var display: String?
        /// Where the date is, and where each part is (`year`, `month`, `day`), for messages.
        var location: SourceLocation
        var partLocations: [String: SourceLocation] = [:]

        func location(of part: String) -> SourceLocation { partLocations[part] ?? location }
    }

    /// One slide, from JSON or from a sheet row.
    struct Slide {
        var start: DateParts?
        var end: DateParts?
        var displayDate: String?
        var headline: String?
        var text: String?
        var media: (url: String?, caption: String?, credit: String?, alt: String?)
        var group: String?
        var uniqueID: String?
        var location: SourceLocation
    }

    func read(_ raw: String) -> ImportBatch? {
        var text = raw.hasPrefix("\u{FEFF}") ? String(raw.dropFirst()) : raw
        text = text.replacingOccurrences(of: "\r\n", with: "\n")
        let first = text.first(where: { !$0.isWhitespace })
        let timeline: (title: Slide?, events: [Slide], eras: [Slide])?
        if first == "{" || first == "[" {
            timeline = readJSON(text)
        } else {
            timeline = readSheet(text)
        }
        guard let timeline else { return nil }
        var batch = batch(timeline.title, timeline.events, timeline.eras)
        slidesLeftOut.get().forEach { batch.skip($0) }
        if first == "{" || first == "[" { batch.recordName = "slide" }
        return batch
    }

    // MARK: JSON

    private func readJSON(_ text: String) -> (title: Slide?, events: [Slide], eras: [Slide])? {
        // libyaml reads JSON, with the position of every value for the messages.
        let name = file.lowercased().hasSuffix(".json") ? file : file + ".json"
        guard let root = YAMLReader.parse(text, file: name, log: log, inParts: false) else { return nil }
        let located = relocated(root)
        guard case .map = located, let fields = FieldReader(located, subject: "the timeline", log: DiagnosticLog()),
            fields.node("events") != nil
        else {
            log.error(
                located.location, "this is not a TimelineJS timeline: it has no `events` list",
                hint:
                    "`dossier import timelinejs` reads TimelineJS's JSON ({\"title\": …, \"events\": […], \"eras\": […]}) or its sheet saved as CSV"
            )
            return nil
        }
        guard case .list(let items, _)? = fields.node("events") else {
            log.error(fields.locationOf("events"), "`events` must be a list of slides")
            return nil
        }
        let title = fields.node("title").flatMap { slide($0, isEra: false, required: false) }
        let eras: [Slide] = fields.list("eras").compactMap { slide($0, isEra: true, required: true) }
        return (title, items.compactMap { slide($0, isEra: false, required: true) }, eras)
    }

    /// The node with every location naming the file as given (the reader may have added `.json`).
    private func relocated(_ node: DataNode) -> DataNode {
        func fix(_ location: SourceLocation) -> SourceLocation {
            var moved = location
            moved.file = file
            return moved
        }
        switch node {
        case .scalar(let text, let location): return .scalar(text, fix(location))
        case .null(let location): return .null(fix(location))
        case .list(let items, let location): return .list(items.map(relocated), fix(location))
        case .map(let entries, let location):
            return .map(
                entries.map {
                    DataNode.Entry(key: $0.key, keyLocation: fix($0.keyLocation), value: relocated($0.value))
                }, fix(location))
        }
    }

    private func slide(_ node: DataNode, isEra: Bool, required: Bool) -> Slide? {
        let log = DiagnosticLog()
        let slide = slide(node, isEra: isEra, log: log)
        guard kept(log) else { return nil }
        return slide
    }

    private func slide(_ node: DataNode, isEra: Bool, log: DiagnosticLog) -> Slide? {
        guard let fields = FieldReader(node, subject: isEra ? "the era" : "the slide", log: log) else { return nil }
        let textFields = fields.node("text").flatMap { FieldReader($0, subject: "the slide's text", log: log) }
        let media = fields.node("media").flatMap { FieldReader($0, subject: "the slide's media", log: log) }
        func date(_ key: String) -> DateParts? {
            guard let node = fields.node(key), let parts = FieldReader(node, subject: "`\(key)`", log: log) else {
                return nil
            }
            let hasTime = ["hour", "minute", "second", "millisecond"].contains {
                parts.string($0).map { !$0.isBlank } ?? false
            }
            return DateParts(
                year: parts.string("year"), month: parts.string("month"), day: parts.string("day"), hasTime: hasTime,
                display: parts.string("display_date"), location: node.location,
                partLocations: [
                    "year": parts.locationOf("year"), "month": parts.locationOf("month"),
                    "day": parts.locationOf("day"),
                ])
        }
        return Slide(
            start: date("start_date"), end: date("end_date"), displayDate: fields.string("display_date"),
            headline: textFields?.string("headline"), text: textFields?.string("text"),
            media: (media?.string("url"), media?.string("caption"), media?.string("credit"), media?.string("alt")),
            group: fields.string("group"), uniqueID: fields.string("unique_id"), location: node.location)
    }

    // MARK: Sheet (CSV)

    private func readSheet(_ text: String) -> (title: Slide?, events: [Slide], eras: [Slide])? {
        let firstLine = text.prefix { $0 != "\n" }
        let delimiter: UnicodeScalar =
            firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        guard case .list(let rows, _)? = CSVTableReader.parse(text, file: file, log: log, delimiter: delimiter) else {
            return nil
        }
        // Column names as the template writes them, matched whatever their case and spacing.
        func key(_ name: String) -> String {
            name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let header = Set(
            rows.first.flatMap { row -> [String]? in
                if case .map(let entries, _) = row { return entries.map { key($0.key) } } else { return nil }
            } ?? [])
        guard rows.isEmpty || (header.contains("year") && header.contains("headline")) else {
            log.error(
                SourceLocation(file: file, line: 1, column: 1),
                "this is not a TimelineJS sheet: it has no `Year` and `Headline` columns",
                hint:
                    "save the TimelineJS Google Sheet template as CSV (File → Download → CSV); its first row names the columns: \(Self.sheetColumns.joined(separator: ", "))"
            )
            return nil
        }
        var title: Slide?, events: [Slide] = [], eras: [Slide] = []
        for row in rows {
            guard case .map(let entries, let location) = row else { continue }
            let normalised = DataNode.map(
                entries.map { DataNode.Entry(key: key($0.key), keyLocation: $0.keyLocation, value: $0.value) }, location
            )
            let rowLog = DiagnosticLog()
            defer { _ = kept(rowLog) }
            guard let fields = FieldReader(normalised, subject: "the row", log: rowLog) else { continue }
            let time = { (column: String) in fields.string(column).map { !$0.isBlank } ?? false }
            let start = DateParts(
                year: fields.string("year"), month: fields.string("month"), day: fields.string("day"),
                hasTime: time("time"),
                location: fields.locationOf("year"),
                partLocations: [
                    "year": fields.locationOf("year"), "month": fields.locationOf("month"),
                    "day": fields.locationOf("day"),
                ])
            let hasEnd = ["end year", "end month", "end day"].contains { fields.string($0) != nil }
            let end =
                hasEnd
                ? DateParts(
                    year: fields.string("end year"), month: fields.string("end month"), day: fields.string("end day"),
                    hasTime: time("end time"), location: fields.locationOf("end year"),
                    partLocations: [
                        "year": fields.locationOf("end year"), "month": fields.locationOf("end month"),
                        "day": fields.locationOf("end day"),
                    ]) : nil
            let slide = Slide(
                start: start.year == nil && start.month == nil && start.day == nil ? nil : start, end: end,
                displayDate: fields.string("display date"), headline: fields.string("headline"),
                text: fields.string("text"),
                media: (fields.string("media"), fields.string("media caption"), fields.string("media credit"), nil),
                group: fields.string("group"), uniqueID: fields.string("unique id") ?? fields.string("unique_id"),
                location: location)
            guard !rowLog.hasErrors else { continue }
            switch fields.string("type")?.lowercased() ?? "" {
            case "title": title = slide
            case "era": eras.append(slide)
            case "": events.append(slide)
            case let other:
                log.warning(
                    fields.locationOf("type"), "unknown slide type `\(other)`; read as an event",
                    hint: "TimelineJS's Type is `title`, `era` or empty")
                events.append(slide)
            }
        }
        return (title, events, eras)
    }

    // MARK: Slides to content

    private func batch(_ title: Slide?, _ slides: [Slide], _ eras: [Slide]) -> ImportBatch {
        var batch = ImportBatch()
        if let title {
            batch.siteTitle = title.headline.map(HTMLToMarkdown.plainText).flatMap(\.unlessBlank)
            batch.siteDescription = title.text.map(HTMLToMarkdown.plainText).flatMap(\.unlessBlank)
        }
        // The event type: the report's, or a new one.
        let typeID =
            knownTypes[eventType.lowercased()] ?? knownTypes[Identifier.suggestion(from: eventType)]
            ?? Identifier.suggestion(from: eventType)
        if knownTypes[typeID] == nil, knownTypes[eventType.lowercased()] == nil {
            batch.types.append(.init(id: typeID, label: eventType == "event" ? "Event" : eventType))
        }
        // Eras first: their tags go on the events they span.
        var eraSpans: [(tag: String, start: PartialDate, end: PartialDate)] = []
        var usedTopicIDs = Set<String>()
        for era in eras {
            let rowLog = DiagnosticLog()
            guard let start = era.start.flatMap({ partialDate($0, log: rowLog) }),
                let end = era.end.flatMap({ partialDate($0, log: rowLog) })
            else {
                if !rowLog.hasErrors {
                    rowLog.error(
                        era.location, "the era has no \(era.start == nil ? "start_date" : "end_date")",
                        hint: "an era spans from its start_date to its end_date")
                }
                batch.skip(rowLog.diagnostics.filter { $0.severity == .error })
                continue
            }
            let name = era.headline.map(HTMLToMarkdown.plainText).flatMap(\.unlessBlank) ?? "\(start.iso) – \(end.iso)"
            let id = unique("era-" + Identifier.suggestion(from: name), in: &usedTopicIDs)
            batch.topics.append(
                .init(
                    id: id, title: name, start: start, end: end, tags: [id],
                    body: era.text.map(HTMLToMarkdown.markdown) ?? ""))
            eraSpans.append((id, start, end))
        }
        var usedIDs = Set<String>(), groups: [String] = []
        var timesDropped = 0
        for slide in slides {
            let rowLog = DiagnosticLog()
            guard let event = event(slide, typeID: typeID, eras: eraSpans, usedIDs: &usedIDs, log: rowLog) else {
                batch.skip(rowLog.diagnostics.filter { $0.severity == .error })
                continue
            }
            if slide.start?.hasTime == true || slide.end?.hasTime == true { timesDropped += 1 }
            if let group = slide.group.flatMap(\.unlessBlank), !groups.contains(group) { groups.append(group) }
            batch.events.append(event)
        }
        if groupsAsTopics {
            for group in groups {
                let tag = Identifier.suggestion(from: group)
                batch.topics.append(
                    .init(id: unique(tag, in: &usedTopicIDs), title: group, start: nil, end: nil, tags: [tag], body: "")
                )
            }
        }
        if timesDropped > 0 {
            batch.notes.append(
                "\(Counted.text(timesDropped, "slide")) gave a time of day, not kept: Dossier dates events to the day (write it in the text, or in display_date)"
            )
        }
        return batch
    }

    private func event(
        _ slide: Slide, typeID: String, eras: [(tag: String, start: PartialDate, end: PartialDate)],
        usedIDs: inout Set<String>, log: DiagnosticLog
    ) -> ImportBatch.Event? {
        guard let startParts = slide.start else {
            log.error(
                slide.location, "the slide has no start date",
                hint: "every TimelineJS event has a start_date with at least a year (a sheet row: Year)")
            return nil
        }
        guard let start = partialDate(startParts, log: log) else { return nil }
        var end = slide.end.flatMap { partialDate($0, log: log) }
        guard !log.hasErrors else { return nil }
        if let endDate = end, endDate == start { end = nil }
        if let endDate = end, endDate < start {
            log.error(
                slide.end?.location ?? slide.location,
                "the slide ends (\(endDate.iso)) before it starts (\(start.iso))", hint: "swap the start and end dates")
            return nil
        }
        // The title: the headline, else the text's first words, else the media's caption.
        let textMarkdown = slide.text.map(HTMLToMarkdown.markdown) ?? ""
        let headline =
            slide.headline.map(HTMLToMarkdown.plainText).flatMap(\.unlessBlank)
            ?? slide.text.map(HTMLToMarkdown.plainText).flatMap(\.unlessBlank).map { Self.shortened($0) }
            ?? slide.media.caption.map(HTMLToMarkdown.plainText).flatMap(\.unlessBlank)
        guard let title = headline else {
            log.error(slide.location, "the slide has neither a headline nor text", hint: "give it a headline")
            return nil
        }
        // The id: the timeline's own, else the headline's, numbered when two slides share one.
        let base =
            slide.uniqueID.flatMap(\.unlessBlank).map { Identifier.suggestion(from: $0) }
            ?? Identifier.suggestion(from: title)
        if slide.uniqueID != nil, usedIDs.contains(base) {
            log.error(
                slide.location, "unique_id `\(slide.uniqueID ?? "")` is used by another slide",
                hint: "TimelineJS's unique_id must be unique; change one")
            return nil
        }
        let id = unique(base, in: &usedIDs)
        // The first paragraph is the card's summary; the rest the event page's body.
        let paragraphs = textMarkdown.components(separatedBy: "\n\n")
        let summary = paragraphs.first.flatMap(\.unlessBlank)
        let body = paragraphs.dropFirst().joined(separator: "\n\n").unlessBlank
        let display =
            slide.displayDate.flatMap(\.unlessBlank)
            ?? {
                let parts = [slide.start?.display, slide.end?.display].compactMap { $0?.unlessBlank }
                return parts.isEmpty ? nil : parts.joined(separator: " – ")
            }()
        var tags: [String] = []
        if let group = slide.group.flatMap(\.unlessBlank) { tags.append(Identifier.suggestion(from: group)) }
        // An era tags the events whose dates overlap it, day by day.
        let (first, last) = (Self.day(start.earliestDay), Self.day((end ?? start).latestDay))
        for era in eras where first <= Self.day(era.end.latestDay) && Self.day(era.start.earliestDay) <= last {
            tags.append(era.tag)
        }
        var media: Node?
        if let url = slide.media.url.flatMap(\.unlessBlank) {
            media = Node.ordered([
                ("url", Node.text(url)),
                (
                    "caption",
                    slide.media.caption.map(HTMLToMarkdown.plainText).flatMap(\.unlessBlank).map { Node.text($0) }
                ),
                (
                    "credit",
                    slide.media.credit.map(HTMLToMarkdown.plainText).flatMap(\.unlessBlank).map { Node.text($0) }
                ),
                ("alt", slide.media.alt.flatMap(\.unlessBlank).map { Node.text($0) }),
            ])
        }
        let dateFields: [(String, Node?)] =
            end.map { [("start", Node.text(start.iso)), ("end", Node.text($0.iso))] } ?? [
                ("date", Node.text(start.iso))
            ]
        let fields: [(String, Node?)] =
            [("id", Node.text(id)), ("external_id", slide.uniqueID.flatMap(\.unlessBlank).map { Node.text($0) })]
            + dateFields + [
                ("display_date", display.map { Node.text($0) }),
                ("title", Node.text(title)), ("type", Node.text(typeID)),
                ("summary", summary.map { Node.text($0, .str, Self.style($0)) }),
                ("body", body.map { Node.text($0 + "\n", .str, .literal) }),
                ("media", media),
                ("tags", tags.isEmpty ? nil : Node.flowList(tags)),
            ]
        // Filed by month, or by year for a date known to the year only.
        let file = start.precision == .year ? String(start.iso.prefix(4)) : String(start.iso.prefix(7))
        return ImportBatch.Event(
            id: id, month: file, fields: fields.compactMap { key, value in value.map { (key, $0) } },
            origin: slide.location)
    }

    /// A one-line summary stays plain; one with line breaks is written as a block.
    private static func style(_ text: String) -> Node.Scalar.Style {
        text.contains("\n") ? .literal : .any
    }

    private func partialDate(_ parts: DateParts, log: DiagnosticLog) -> PartialDate? {
        func number(_ text: String?, _ name: String) -> Int?? {
            let location = parts.location(of: name)
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return .some(nil) }
            // A spreadsheet may write 2024.0.
            let digits = text.hasSuffix(".0") ? String(text.dropLast(2)) : text
            guard let value = Int(digits) else {
                log.error(
                    location, "\(name) `\(text)` is not a number",
                    hint: "TimelineJS writes date parts as numbers: year 2024, month 1 to 12, day 1 to 31")
                return nil
            }
            return .some(value)
        }
        guard let yearValue = number(parts.year, "year"), let month = number(parts.month, "month"),
            let day = number(parts.day, "day")
        else { return nil }
        guard let year = yearValue else {
            log.error(parts.location, "the date has no year", hint: "TimelineJS needs at least a year")
            return nil
        }
        guard (1...9999).contains(year) else {
            log.error(
                parts.location(of: "year"), "year \(year) is outside what Dossier dates (1 to 9999)",
                hint: "a report dates events in the common era; leave this slide out")
            return nil
        }
        if day != nil, month == nil {
            log.error(
                parts.location(of: "day"), "the date has a day but no month",
                hint: "give the month too, or leave the day out")
            return nil
        }
        if let month, !(1...12).contains(month) {
            log.error(
                parts.location(of: "month"), "there is no month \(month)",
                hint: "TimelineJS numbers months from 1 (January) to 12 (December)")
            return nil
        }
        let iso = PartialDate(year: year, month: month, day: day).iso
        switch PartialDate.parse(iso) {
        case .success(let date): return date
        case .failure(let error):
            log.error(parts.location(of: "day"), error.message, hint: "a day runs from 1 to the month's length")
            return nil
        }
    }

    /// A day as one comparable number (yyyymmdd).
    private static func day(_ parts: (Int, Int, Int)) -> Int { parts.0 * 10_000 + parts.1 * 100 + parts.2 }

    private func unique(_ base: String, in used: inout Set<String>) -> String {
        var id = base, number = 2
        while used.contains(id) {
            id = "\(base)-\(number)"
            number += 1
        }
        used.insert(id)
        return id
    }

    /// A title from text: its first sentence, or its first words, at most about 80 characters.
    static func shortened(_ text: String) -> String {
        if let stop = text.firstIndex(where: { ".!?".contains($0) }),
            text.distance(from: text.startIndex, to: stop) <= 80
        {
            return String(text[...stop])
        }
        guard text.count > 80 else { return text }
        let cut = text.prefix(80)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }
}

private extension String {
    var unlessBlank: String? { isBlank ? nil : self }
}
