import Foundation

/// The words Dossier writes around a report: dates, casualty figures, kinds of actor, roles,
/// counts, page titles. They belong to the theme, not to the model: the built-in theme's
/// `text.yaml` holds them in English, and a report's `Templates/text.yaml` replaces any of them
/// key by key (the first step to a site in another language).
///
/// `{name}` in a text stands for a value (`"{count} events"`); the view models fill them in.
struct DisplayText: Sendable {
    static let file = "text.yaml"

    private(set) var texts: [String: Pattern]
    var months: [String]
    /// The language the texts are in, whose plural rules choose a count's form (`count`) and
    /// whose direction decides which values are isolated: the site's `language` (set for each build).
    var language = "en" {
        didSet {
            rightToLeft = Locale.Language(identifier: language).characterDirection == .rightToLeft
            plurals = PluralCategory.Rules(language: language)
        }
    }
    private(set) var rightToLeft = false
    private var plurals = PluralCategory.Rules(language: "en")
    /// The digits numbers are written in (`Digits`).
    var digits = Digits.latn

    /// A number in the site's digits.
    func number(_ number: Int) -> String { digits.write(number) }

    /// A text cut once at its `{placeholders}`, so filling it in is a concatenation: dates and
    /// figures are written tens of thousands of times in a large report.
    struct Pattern: Sendable {
        enum Segment: Sendable {
            case literal(String)
            case slot(String)
        }

        let raw: String
        let segments: [Segment]

        init(_ raw: String) {
            self.raw = raw
            var segments: [Segment] = []
            var rest = raw[...]
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                if open > rest.startIndex { segments.append(.literal(String(rest[..<open]))) }
                segments.append(.slot(String(rest[rest.index(after: open)..<close])))
                rest = rest[rest.index(after: close)...]
            }
            if !rest.isEmpty { segments.append(.literal(String(rest))) }
            self.segments = segments
        }

        var placeholders: Set<String> {
            Set(segments.compactMap { if case .slot(let name) = $0 { return name } else { return nil } })
        }

        /// - Parameter rightToLeft: whether the text's language is written right to left: a value
        ///   in the other direction is isolated (`Bidi.isolated`), so that an English name in an
        ///   Arabic sentence, or an Arabic name in an English one, keeps the punctuation around it
        ///   where the sentence puts it.
        func filled(_ values: KeyValuePairs<String, String>, rightToLeft: Bool = false) -> String {
            var text = ""
            for segment in segments {
                switch segment {
                case .literal(let literal): text += literal
                case .slot(let name):
                    guard let value = values.first(where: { $0.key == name })?.value else {
                        text += "{\(name)}"
                        continue
                    }
                    text += Bidi.isolated(value, within: rightToLeft)
                }
            }
            return text
        }
    }

    /// The built-in theme's texts: English.
    static let builtIn: DisplayText = {
        let log = DiagnosticLog()
        let text = BuiltInTheme.files[file] ?? ""
        return DisplayText(
            base: DisplayText(texts: [:], months: []), yaml: text, display: "(built-in theme)/\(file)", log: log)
    }()

    private init(texts: [String: Pattern], months: [String]) {
        self.texts = texts
        self.months = months
    }

    /// `base` with the texts of `yaml` in place of its own; what cannot be used is logged.
    init(base: DisplayText, yaml: String, display: String, log: DiagnosticLog) {
        self = base
        guard let node = YAMLReader.parse(yaml, file: display, log: log, inParts: false) else { return }
        guard case .map(let entries, _) = node else {
            if case .null = node { return }
            log.error(
                node.location, "\(Self.file) must be a mapping of texts (key: text)",
                hint: "see the built-in theme's Templates/text.yaml")
            return
        }
        // A counted text may have a form for every plural category of a language (`events.few`
        // in Arabic), though English's file gives only `one` and `other`.
        let known =
            base.texts.isEmpty
            ? nil
            : Set(base.texts.keys).union(["months"]).union(
                base.texts.keys.filter { $0.hasSuffix(".other") }.flatMap { key in
                    PluralCategory.allCases.map { String(key.dropLast("other".count)) + $0.rawValue }
                })
        for entry in entries {
            if let known, !known.contains(entry.key) {
                log.warning(
                    entry.keyLocation, "unknown text `\(entry.key)`; it is not used",
                    hint: Suggestion.hint(for: entry.key, in: known.sorted())
                        ?? "the keys are those of the built-in theme's Templates/text.yaml")
                continue
            }
            if entry.key == "months" {
                guard case .list(let items, _) = entry.value, items.count == 12,
                    case let names = items.compactMap({ item -> String? in
                        if case .scalar(let text, let location) = item {
                            return TextSafety.cleaned(text, field: "months", at: location, log: log)
                        } else {
                            return nil
                        }
                    }),
                    names.count == 12
                else {
                    log.error(
                        entry.value.location, "`months` must be a list of the twelve month names",
                        hint: "months: [January, February, …, December]")
                    continue
                }
                months = names
                continue
            }
            guard case .scalar(let raw, let location) = entry.value else {
                log.error(
                    entry.value.location, "the text `\(entry.key)` must be a single value, not \(entry.value.kindName)")
                continue
            }
            // Control characters break pages (and U+0001 marks links while a page is rendered: `SiteRoot`).
            let text = TextSafety.cleaned(raw, field: entry.key, at: location, log: log)
            let pattern = Pattern(text)
            if let english = Self.counterpart(of: entry.key, in: base), english.placeholders != pattern.placeholders,
                !Self.mayOmitCount(entry.key, english: english.placeholders, given: pattern.placeholders)
            {
                log.warning(
                    entry.value.location,
                    "the text `\(entry.key)` should use \(english.placeholders.sorted().map { "{\($0)}" }.joined(separator: ", ").nonEmpty ?? "no {placeholders}")",
                    hint: "the built-in text is \"\(english.raw)\"")
            }
            texts[entry.key] = pattern
        }
    }

    /// The built-in text a text of the theme stands in for: its own key's, or for a plural form
    /// English has no text for (`events.few`), the `other` form's.
    private static func counterpart(of key: String, in base: DisplayText) -> Pattern? {
        if let text = base.texts[key] { return text }
        guard let dot = key.lastIndex(of: "."), PluralCategory(rawValue: String(key[key.index(after: dot)...])) != nil
        else { return nil }
        return base.texts[key[..<dot] + ".other"]
    }

    /// A form for exactly one number (Arabic's `zero`, `one`, `two`: "حدثان", two events) may
    /// leave the number out, as a language says it.
    private static func mayOmitCount(_ key: String, english: Set<String>, given: Set<String>) -> Bool {
        ["zero", "one", "two"].contains(where: { key.hasSuffix(".\($0)") }) && english.subtracting(["count"]) == given
    }

    /// The language of a theme's translation file, `text.ar.yaml` → `ar` (nil for other files).
    static func language(ofFile path: String) -> String? {
        guard path.hasPrefix("text."), path.hasSuffix(".yaml"), !path.contains("/") else { return nil }
        let tag = String(path.dropFirst("text.".count).dropLast(".yaml".count))
        return !tag.isEmpty && LanguageTag.isWellFormed(tag) ? tag : nil
    }

    /// The text of `key` with its `{placeholders}` filled in.
    func callAsFunction(_ key: String, _ values: KeyValuePairs<String, String> = [:]) -> String {
        texts[key]?.filled(values, rightToLeft: rightToLeft) ?? key
    }

    /// The `label.*` texts, by name without the prefix: the words templates write themselves.
    var labels: [String: String] {
        var labels: [String: String] = [:]
        for (key, pattern) in texts where key.hasPrefix("label.") { labels[String(key.dropFirst(6))] = pattern.raw }
        return labels
    }

    /// The text of `key`, if the theme has one (page kinds added later may not).
    func optional(_ key: String) -> String? { texts[key]?.raw }

    /// Every text whose key starts with `prefix`, as a JSON object of the raw texts (for the
    /// site's scripts, which fill in `{placeholders}` themselves), keys sorted.
    func json(prefix: String) -> String {
        "{"
            + texts.keys.filter { $0.hasPrefix(prefix) }.sorted().map {
                ScriptData.string($0) + ":" + ScriptData.string(texts[$0]?.raw ?? "")
            }.joined(separator: ",") + "}"
    }

    /// A count with its words, in the form the language's plural rules choose (`PluralCategory`):
    /// `key.one` for 1 in English, `key.two` for 2 in Arabic; `key.other` when the theme has no
    /// text for that form (`{count}` is the number).
    func count(_ key: String, _ count: Int) -> String {
        let form = "\(key).\(plurals.category(count).rawValue)"
        return self(texts[form] == nil ? "\(key).other" : form, ["count": number(count)])
    }

    /// A file's size in decimal units, as file managers show it: `830 bytes`, `12.4 kB`, `1.2 MB`.
    func fileSize(_ bytes: Int) -> String {
        switch bytes {
        case ..<1000: return self("size.bytes", ["size": number(bytes)])
        case ..<1_000_000: return self("size.kilobytes", ["size": String(format: "%.1f", Double(bytes) / 1000)])
        default: return self("size.megabytes", ["size": String(format: "%.1f", Double(bytes) / 1_000_000)])
        }
    }

    // MARK: Dates

    func month(_ month: Int) -> String { months.indices.contains(month - 1) ? months[month - 1] : number(month) }

    /// `January 2024`.
    func monthOfYear(_ month: Int, _ year: Int) -> String {
        self("date.month", ["month": self.month(month), "year": number(year)])
    }

    /// At the date's precision: `28 January 2024`, `January 2024`, `2014`.
    func date(_ date: PartialDate) -> String {
        let year = number(date.year)
        guard let month = date.month else { return self("date.year", ["year": year]) }
        guard let day = date.day else { return monthOfYear(month, date.year) }
        return self("date.day", ["day": number(day), "month": self.month(month), "year": year])
    }

    /// An event's date as readers see it (the author's own words when given):
    /// `28 January 2024`, `24–30 November 2023`, `October 2023 – 4 February 2024`.
    func date(_ date: EventDate) -> String {
        if let display = date.display { return display }
        let start = date.start
        if date.withinWeek { return self("date.week", ["date": self.date(start)]) }
        guard let end = date.end else { return self.date(start) }
        let year = number(start.year)
        if start.year == end.year, start.precision == .day, end.precision == .day, start.month == end.month,
            let day = start.day, let endDay = end.day, let month = start.month
        {
            return self(
                "date.range.days",
                ["startDay": number(day), "endDay": number(endDay), "month": self.month(month), "year": year])
        }
        if start.year == end.year, start.precision == end.precision, start.precision == .month, let month = start.month,
            let endMonth = end.month
        {
            return self(
                "date.range.months", ["startMonth": self.month(month), "endMonth": self.month(endMonth), "year": year])
        }
        if start.year == end.year, start.precision == .day, end.precision == .day, let day = start.day,
            let month = start.month
        {
            return self(
                "date.range.sameYear",
                ["startDay": number(day), "startMonth": self.month(month), "end": self.date(end)])
        }
        return self("date.range", ["start": self.date(start), "end": self.date(end)])
    }

    /// The earliest start and latest end of some events (`Report.dateSpan`), e.g. "2014 – 18 February 2024".
    func span(_ span: (earliest: PartialDate, latest: PartialDate)?) -> String? {
        guard let span else { return nil }
        return span.earliest == span.latest
            ? date(span.earliest) : self("date.range", ["start": date(span.earliest), "end": date(span.latest)])
    }

    // MARK: The model's words

    /// `3`, `3–5`, `at least 3`, `up to 5`, `about 40`.
    func figure(_ casualty: Casualty) -> String {
        switch (casualty.minimum, casualty.maximum) {
        case let (low?, high?) where low == high:
            return self(casualty.approximate ? "casualty.about" : "casualty.exact", ["count": number(low)])
        case let (low?, high?):
            return self(
                casualty.approximate ? "casualty.aboutRange" : "casualty.range",
                ["low": number(low), "high": number(high)])
        case let (low?, nil):
            return self(casualty.approximate ? "casualty.about" : "casualty.atLeast", ["count": number(low)])
        case let (nil, high?): return self("casualty.upTo", ["count": number(high)])
        case (nil, nil): return self("casualty.unknown")
        }
    }

    /// `3 killed (US soldiers)`.
    func casualty(_ casualty: Casualty) -> String {
        let text = self("casualty.\(casualty.kind.rawValue)", ["figure": figure(casualty)])
        guard let who = casualty.who, !who.isEmpty else { return text }
        return self("casualty.who", ["casualty": text, "who": who])
    }

    func kind(_ kind: Actor.Kind, plural: Bool = false) -> String {
        self("actor.\(kind.rawValue)\(plural ? ".plural" : "")")
    }

    /// A confidence grade's label: the report's own from site.yaml, or for Dossier's default
    /// grades (a site.yaml that names none) the theme's, in the report's language (`confidence.reported`).
    func label(of grade: SiteConfig.ConfidenceGrade) -> String {
        SiteConfig.defaultConfidenceGrades.contains(grade)
            ? optional("confidence.\(grade.id)") ?? grade.label : grade.label
    }

    /// A confidence grade's description, as `label(of:)` (`confidence.reported.description`).
    func description(of grade: SiteConfig.ConfidenceGrade) -> String {
        SiteConfig.defaultConfidenceGrades.contains(grade)
            ? optional("confidence.\(grade.id).description") ?? grade.description : grade.description
    }

    func role(_ role: Involvement.Role) -> String { self("role.\(role.rawValue)") }

    /// "Baghdad, Iraq (in or near a town)": a place in words, with how precisely it is known.
    func place(_ place: Place) -> String {
        let precision = self("map.precision.\(place.precision.rawValue)")
        return place.formatted.isEmpty ? precision : "\(place.formatted) (\(precision))"
    }
}
