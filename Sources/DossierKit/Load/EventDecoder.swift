import Foundation

/// Turns one event record (from YAML, JSON or a CSV row) into an `Event`, reporting every problem.
///
/// YAML and JSON nest (`location:`, `actors:`, `sources:` hold mappings); a CSV row is flat, so it
/// uses the columns listed in `csvColumns`, with `;` between several values in one cell.
struct EventDecoder {
    let log: DiagnosticLog
    /// The keys an event may have and a CSV's columns; an event's further sources and figures
    /// go in numbered columns (`csvColumn`).
    var fields: EventFields = .standard

    /// The column of the `number`th (from 1) source's or casualty figure's field: `source_url`,
    /// `source_2_url`, `killed_who`, `killed_3_who`.
    static func csvColumn(_ group: String, _ number: Int, _ field: String) -> String {
        number == 1 ? "\(group)_\(field)" : "\(group)_\(number)_\(field)"
    }

    /// The group, number and field of a numbered column (`source_2_url`: source, 2, url), or nil.
    static func numberedColumn(_ name: String) -> (group: String, number: Int, field: String)? {
        let parts = name.split(separator: "_", maxSplits: 2)
        guard parts.count == 3, let number = Int(parts[1]), number >= 2, number <= 1000 else { return nil }
        let group = String(parts[0]), field = String(parts[2])
        let fields =
            group == "source"
            ? EventFields.sourceFields : Casualty.Kind(rawValue: group) != nil ? EventFields.casualtyFields : []
        return fields.contains(field) ? (group, number, field) : nil
    }

    /// How many sources (or figures of a kind) a row's columns can hold.
    private static func columnCount(_ group: String, in fields: FieldReader) -> Int {
        fields.entries.reduce(1) { count, entry in
            guard let numbered = numberedColumn(entry.key), numbered.group == group else { return count }
            return max(count, numbered.number)
        }
    }

    func decode(_ node: DataNode, flat: Bool) -> Event? {
        let declared = self.fields
        guard let fields = FieldReader(node, subject: "the event", log: log) else { return nil }
        fields.warnAboutUnknownKeys(
            known: flat
                ? Set(declared.csvColumns).union(
                    fields.entries.map(\.key).filter {
                        Self.numberedColumn($0) != nil || EventTranslation.csvColumn($0) != nil
                    })
                : declared.keys)

        let id = fields.string("id", required: true)
        if let id, let problem = Identifier.problem(with: id) {
            log.error(
                fields.locationOf("id"), "invalid event id: \(problem)",
                hint: "use something like `\(Identifier.suggestion(from: id))`")
        }
        let date = decodeDate(fields)
        let title = fields.string("title", required: true)
        let type = fields.string("type", required: true)
        let confidence = fields.string("confidence") ?? "reported"

        let actors = flat ? decodeFlatActors(fields) : decodeActors(fields)
        // Imported events may cite sources their dataset names without an address.
        let externalID = fields.string("external_id")
        let sourceDecoder = SourceDecoder(log: log, allowsUnlinked: externalID != nil)
        let declaresSources =
            flat
            ? (1...Self.columnCount("source", in: fields)).contains { number in
                fields.node(Self.csvColumn("source", number, "publisher")) != nil
                    || fields.node(Self.csvColumn("source", number, "url")) != nil
            } : !fields.list("sources").isEmpty
        if let id, Identifier.problem(with: id) == nil, !declaresSources {
            log.warning(
                fields.location, "event `\(id)` cites no source", hint: "add `sources:` so readers can check it")
        }
        let references = [
            "type": fields.locationOf("type"), "confidence": fields.locationOf("confidence"),
            "location": fields.locationOf(flat ? "lat" : "location"),
            "media": fields.locationOf(flat ? "media_url" : "media"),
        ]

        let event = Event(
            id: id ?? "",
            date: date ?? EventDate(start: PartialDate(year: 0)),
            title: title ?? id ?? "",
            type: type ?? "",
            location: flat ? decodeFlatPlace(fields) : decodePlace(fields),
            actors: actors,
            casualties: flat ? decodeFlatCasualties(fields) : decodeCasualties(fields),
            summary: markdown(fields, "summary"),
            body: markdown(fields, "body"),
            sources: flat
                ? decodeFlatSources(fields, sourceDecoder)
                : fields.list("sources").compactMap { sourceDecoder.decode($0) },
            confidence: confidence,
            tags: fields.stringList("tags"),
            origin: fields.location,
            referenceLocations: references,
            highlight: highlight(fields),
            published: timestamp(fields, "published"),
            updated: timestamp(fields, "updated"),
            externalID: externalID,
            media: flat ? decodeFlatMedia(fields) : decodeMedia(fields),
            declaredValues: plainValues(fields, declared),
            extra: flat ? [:] : fields.extra(),
            translations: flat ? flatTranslations(fields) : translations(fields)
        )
        // A record with an id is kept even when other fields are wrong (their errors are already
        // logged and the build will stop), so references to it do not cascade into more errors.
        return id == nil ? nil : event
    }

    /// The plain fields' values, each read by its kind (a list is `a; b` in a CSV cell, as `tags`).
    private func plainValues(_ fields: FieldReader, _ declared: EventFields) -> [String: EventFieldValue] {
        var values: [String: EventFieldValue] = [:]
        for field in declared.plain where fields.node(field.key) != nil {
            switch field.kind {
            case .builtIn: break
            case .text: values[field.key] = fields.string(field.key).map(EventFieldValue.text)
            case .texts:
                // No words is no value: an empty CSV cell and `[]` read back the same.
                let texts = fields.stringList(field.key)
                values[field.key] = texts.isEmpty ? nil : .texts(texts)
            case .integer: values[field.key] = fields.integer(field.key).map(EventFieldValue.integer)
            case .flag: values[field.key] = fields.bool(field.key).map(EventFieldValue.flag)
            }
        }
        return values
    }

    // MARK: Media

    private func decodeMedia(_ fields: FieldReader) -> Media? {
        guard let node = fields.node("media"), let media = FieldReader(node, subject: "the media", log: log) else {
            return nil
        }
        media.warnAboutUnknownKeys(known: ["url", "caption", "credit", "alt"])
        return checkedMedia(media, url: "url", caption: "caption", credit: "credit", alt: "alt")
    }

    private func decodeFlatMedia(_ fields: FieldReader) -> Media? {
        guard fields.node("media_url") != nil || fields.node("media_caption") != nil else { return nil }
        return checkedMedia(
            fields, url: "media_url", caption: "media_caption", credit: "media_credit", alt: "media_alt")
    }

    private func checkedMedia(
        _ fields: FieldReader, url urlKey: String, caption: String, credit: String, alt: String
    ) -> Media? {
        guard let url = fields.string(urlKey, required: true) else { return nil }
        let media = Media(
            url: url, caption: fields.string(caption), credit: fields.string(credit), alt: fields.string(alt))
        if !media.isLocal {
            let scheme = url.prefix { $0 != ":" }.lowercased()
            guard url.hasPrefix("//") || ["http", "https"].contains(scheme) else {
                log.error(
                    fields.locationOf(urlKey),
                    "the media's address `\(url)` is neither a web address nor a path in the site",
                    hint:
                        "use an http(s) address, or put the file in Content/static/ and give its path (media/photo.jpg)"
                )
                return nil
            }
        }
        return media
    }

    /// `translations: { ar: { title: …, summary: … } }`: each language's words. Whether a
    /// language is one of the report's is `ReportLinker`'s to check (it knows site.yaml).
    private func translations(_ fields: FieldReader) -> [String: EventTranslation] {
        guard let node = fields.node("translations") else { return [:] }
        guard let languages = FieldReader(node, subject: "the event's translations", log: log) else { return [:] }
        var translations: [String: EventTranslation] = [:]
        for entry in languages.entries {
            guard LanguageTag.isWellFormed(entry.key) else {
                log.error(
                    languages.locationOf(entry.key), "`\(entry.key)` is not a language tag",
                    hint: "key each translation by one of site.yaml's `languages`, e.g. ar")
                continue
            }
            guard let words = FieldReader(entry.value, subject: "the \(entry.key) translation", log: log) else {
                continue
            }
            words.warnAboutUnknownKeys(known: EventTranslation.keys)
            translations[entry.key] = EventTranslation(
                title: words.string("title"), displayDate: words.string("display_date"),
                highlight: words.string("highlight"),
                summary: markdown(words, "summary"), body: markdown(words, "body"),
                location: languages.locationOf(entry.key))
        }
        return translations
    }

    /// A CSV row's translations, a column a field and language (`title_ar`, `summary_ar`).
    private func flatTranslations(_ fields: FieldReader) -> [String: EventTranslation] {
        var columns: [String: [String: String]] = [:]
        for entry in fields.entries {
            guard let (field, language) = EventTranslation.csvColumn(entry.key),
                let value = fields.string(entry.key), !value.isEmpty
            else { continue }
            columns[language, default: [:]][field] = entry.key
        }
        return columns.mapValues { column in
            let text = { (field: String) in column[field].flatMap { fields.string($0) } }
            let markdown = { (field: String) in column[field].flatMap { self.markdown(fields, $0) } }
            return EventTranslation(
                title: text("title"), displayDate: text("display_date"), highlight: text("highlight"),
                summary: markdown("summary"), body: markdown("body"),
                location: column.values.sorted().first.map(fields.locationOf) ?? fields.location)
        }
    }

    private func markdown(_ fields: FieldReader, _ key: String) -> MarkdownText? {
        guard let text = fields.string(key), !text.isEmpty else { return nil }
        return MarkdownText(text, at: fields.locationOf(key))
    }

    // MARK: Dates

    private func decodeDate(_ fields: FieldReader) -> EventDate? {
        guard let date = decodeDateValue(fields) else { return nil }
        // Data exported from other systems often states the precision separately
        // (ACLED's time_precision, say): it must agree with how the date is written.
        if let stated = fields.string("precision") {
            if stated.lowercased() == "week" {
                guard !date.isRange, date.start.precision == .day else {
                    log.error(
                        fields.locationOf("precision"),
                        "`precision: week` needs a single day: the event happened within the week around it",
                        hint: "write the day the sources give, e.g. `date: \(Self.example(date.start, at: .day))`")
                    return date
                }
                return EventDate(start: date.start, display: date.display, withinWeek: true)
            }
            guard let precision = PartialDate.Precision.allCases.first(where: { $0.name == stated.lowercased() }) else {
                log.error(
                    fields.locationOf("precision"), "unknown precision `\(stated)`",
                    hint: "use day, week, month or year")
                return date
            }
            if precision != date.start.precision {
                let key = fields.node("date") != nil ? "date" : "start"
                log.error(
                    fields.locationOf(key),
                    "`\(date.start.iso)` is written to the \(date.start.precision.name), but `precision` says \(precision.name)",
                    hint: "write the date at the precision you know: \(Self.example(date.start, at: precision))")
            }
        }
        return date
    }

    static func example(_ date: PartialDate, at precision: PartialDate.Precision) -> String {
        PartialDate(
            year: date.year, month: precision >= .month ? date.month ?? 1 : nil,
            day: precision == .day ? date.day ?? 1 : nil
        ).iso
    }

    private func decodeDateValue(_ fields: FieldReader) -> EventDate? {
        let display = fields.string("display_date")
        let dateText = fields.string("date")
        let startText = fields.string("start")
        let endText = fields.string("end")
        switch (dateText, startText) {
        case (nil, nil):
            log.error(
                fields.location, "the event has no date",
                hint: "add `date: 2024-01-28` (or 2024-01, or 2024), or `start:` and `end:` for a period")
            return nil
        case (_?, _?):
            log.error(
                fields.locationOf("start"), "the event has both `date` and `start`",
                hint: "use `date` for a single date, `start` and `end` for a period")
            return nil
        case (let single?, nil):
            if endText != nil {
                log.error(fields.locationOf("end"), "`end` needs `start`, not `date`", hint: "rename `date` to `start`")
                return nil
            }
            guard let start = parseDate(single, at: fields.locationOf("date")) else { return nil }
            return EventDate(start: start, display: display)
        case (nil, let startValue?):
            guard let start = parseDate(startValue, at: fields.locationOf("start")) else { return nil }
            guard let endValue = endText else {
                return EventDate(start: start, display: display)
            }
            guard let end = parseDate(endValue, at: fields.locationOf("end")) else { return nil }
            if end.latestDay < start.earliestDay {
                log.error(
                    fields.locationOf("end"), "the period ends (\(end.iso)) before it starts (\(start.iso))",
                    hint: "swap `start` and `end`")
                return nil
            }
            return EventDate(start: start, end: end, display: display)
        }
    }

    private func parseDate(_ text: String, at location: SourceLocation) -> PartialDate? {
        switch PartialDate.parse(text) {
        case .success(let date): return date
        case .failure(let error):
            log.error(location, error.message, hint: error.hint)
            return nil
        }
    }

    /// `published` and `updated`: a day (`2024-02-05`, taken as its start in UTC) or a moment
    /// (`2024-02-05T14:30:00Z`, `2024-02-05T17:30:00+03:00`).
    private func timestamp(_ fields: FieldReader, _ key: String) -> Date? {
        guard let text = fields.string(key) else { return nil }
        if let date = Timestamp.parse(text) { return date }
        log.error(
            fields.locationOf(key), "`\(text)` is not a date or a moment",
            hint: "write a day as 2024-02-05, or a moment as 2024-02-05T14:30:00Z")
        return nil
    }

    /// `highlight: true` marks a key event with its title; `highlight: Qaani visits Iraq` with a short label.
    private func highlight(_ fields: FieldReader) -> String? {
        guard let text = fields.string("highlight") else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return ""
        case "false", "no", "off", "": return nil
        default: return text
        }
    }

    // MARK: Place

    private func decodePlace(_ fields: FieldReader) -> Place? {
        guard let node = fields.node("location") else { return nil }
        if case .scalar(let name, _) = node { return Place(name: name) }
        guard let place = FieldReader(node, subject: "the location", log: log) else { return nil }
        place.warnAboutUnknownKeys(known: ["name", "region", "country", "lat", "lon", "precision", "source"])
        let source = place.node("source").flatMap { SourceDecoder(log: log).decode($0) }
        return checkedPlace(
            place, name: "name", region: "region", country: "country", lat: "lat", lon: "lon", precision: "precision",
            source: source)
    }

    private func decodeFlatPlace(_ fields: FieldReader) -> Place? {
        checkedPlace(
            fields, name: "place", region: "region", country: "country", lat: "lat", lon: "lon",
            precision: "location_precision",
            source: flatSource(fields, group: "location_source", number: 1))
    }

    private func checkedPlace(
        _ fields: FieldReader, name: String, region: String, country: String, lat: String, lon: String,
        precision precisionKey: String, source: Source?
    ) -> Place? {
        var place = Place(
            name: fields.string(name), region: fields.string(region), country: fields.string(country), source: source)
        let latitude = fields.double(lat), longitude = fields.double(lon)
        if let latitude, !(-90...90).contains(latitude) {
            log.error(
                fields.locationOf(lat), "latitude \(latitude) is out of range", hint: "latitude runs from -90 to 90")
        } else if let longitude, !(-180...180).contains(longitude) {
            log.error(
                fields.locationOf(lon), "longitude \(longitude) is out of range",
                hint: "longitude runs from -180 to 180")
        } else if (latitude == nil) != (longitude == nil) {
            let given = latitude == nil ? lon : lat
            log.error(
                fields.locationOf(given), "`\(given)` is given without `\(given == lat ? lon : lat)`",
                hint: "give both coordinates or neither")
        } else {
            place.latitude = latitude
            place.longitude = longitude
        }
        // Coordinates without a stated precision are taken as exact; a place without them is
        // known to its country at best.
        place.precision = place.latitude == nil ? .country : .exact
        if let stated = fields.string(precisionKey) {
            let names = LocationPrecision.allCases.map(\.rawValue)
            if let precision = LocationPrecision(rawValue: stated.lowercased()) {
                if precision != .country, place.latitude == nil {
                    log.error(
                        fields.locationOf(precisionKey),
                        "precision `\(precision.rawValue)` needs coordinates, and the location has none",
                        hint:
                            "add `\(lat)` and `\(lon)` for the \(precision.rawValue)'s point, or write `\(precisionKey): country`"
                    )
                } else if precision == .country, place.latitude != nil {
                    log.warning(
                        fields.locationOf(precisionKey),
                        "precision `country` says the place is not known more closely than its country, but the location gives coordinates",
                        hint:
                            "say how closely the coordinates place the event (\(names.dropLast().joined(separator: ", "))), or remove them"
                    )
                }
                place.precision = precision
            } else {
                log.error(
                    fields.locationOf(precisionKey), "unknown location precision `\(stated)`",
                    hint: Suggestion.hint(for: stated, in: names) ?? "use one of: \(names.joined(separator: ", "))")
            }
        }
        if place.source != nil, place.latitude == nil {
            log.warning(
                fields.locationOf("source"), "the location cites a source for its coordinates but gives none",
                hint: "add `\(lat)` and `\(lon)`, or remove `source`")
        }
        if place.name == nil, place.region == nil, place.country == nil, place.latitude == nil { return nil }
        return place
    }

    // MARK: Actors

    private func decodeActors(_ fields: FieldReader) -> [Involvement] {
        fields.list("actors").compactMap { item in
            guard let actor = FieldReader(item, subject: "the actor entry", log: log) else { return nil }
            actor.warnAboutUnknownKeys(known: ["id", "role"])
            guard let id = actor.string("id", required: true) else { return nil }
            return Involvement(
                actorID: id, role: role(actor.string("role"), at: actor.locationOf("role")),
                location: actor.locationOf("id"))
        }
    }

    /// CSV: `kataib-hezbollah:perpetrator; us-forces:target`.
    private func decodeFlatActors(_ fields: FieldReader) -> [Involvement] {
        let location = fields.locationOf("actors")
        return fields.stringList("actors").compactMap { item in
            let parts = item.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard let id = parts.first, !id.isEmpty else {
                log.error(
                    location, "`\(item)` in `actors` names no actor",
                    hint: "write `actor-id:role`, e.g. `kataib-hezbollah:perpetrator`")
                return nil
            }
            let roleText = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
            return Involvement(actorID: id, role: role(roleText, at: location), location: location)
        }
    }

    private func role(_ text: String?, at location: SourceLocation) -> Involvement.Role {
        guard let text else { return .participant }
        if let role = Involvement.Role(rawValue: text.lowercased()) { return role }
        let names = Involvement.Role.allCases.map(\.rawValue)
        log.error(
            location, "unknown actor role `\(text)`",
            hint: Suggestion.hint(for: text, in: names) ?? "roles are: \(names.joined(separator: ", "))")
        return .participant
    }

    // MARK: Casualties

    private func decodeCasualties(_ fields: FieldReader) -> [Casualty] {
        fields.list("casualties").compactMap { item in
            guard let entry = FieldReader(item, subject: "the casualty entry", log: log) else { return nil }
            entry.warnAboutUnknownKeys(known: ["kind", "count", "min", "max", "approximate", "who"])
            guard let kindText = entry.string("kind", required: true) else { return nil }
            guard let kind = Casualty.Kind(rawValue: kindText.lowercased()) else {
                log.error(
                    entry.locationOf("kind"), "unknown casualty kind `\(kindText)`", hint: "use `killed` or `injured`")
                return nil
            }
            let count = entry.integer("count")
            if count != nil, entry.node("min") != nil || entry.node("max") != nil {
                log.error(entry.locationOf("count"), "give either `count` or `min`/`max`, not both")
                return nil
            }
            let low = count ?? entry.integer("min"), high = count ?? entry.integer("max")
            // A figure that is not a number has its own error already: nothing more to say.
            if ["count", "min", "max"].contains(where: { entry.node($0) != nil }), low == nil, high == nil {
                return nil
            }
            return checkedCasualty(
                kind: kind, min: low, max: high,
                approximate: entry.bool("approximate") ?? false, who: entry.string("who"), at: entry.location,
                minLocation: entry.locationOf(count == nil ? "min" : "count"))
        }
    }

    private func decodeFlatCasualties(_ fields: FieldReader) -> [Casualty] {
        Casualty.Kind.allCases.flatMap { kind in
            (1...Self.columnCount(kind.rawValue, in: fields)).compactMap { number -> Casualty? in
                let column = { Self.csvColumn(kind.rawValue, number, $0) }
                let low = fields.integer(column("min")), high = fields.integer(column("max"))
                guard low != nil || high != nil else { return nil }
                return checkedCasualty(
                    kind: kind, min: low, max: high, approximate: fields.bool(column("approximate")) ?? false,
                    who: fields.string(column("who")), at: fields.locationOf(column("min")),
                    minLocation: fields.locationOf(column("min")))
            }
        }
    }

    private func checkedCasualty(
        kind: Casualty.Kind, min: Int?, max: Int?, approximate: Bool, who: String?, at location: SourceLocation,
        minLocation: SourceLocation
    ) -> Casualty? {
        if let value = [min, max].compactMap({ $0 }).first(where: { $0 < 0 }) {
            log.error(minLocation, "a casualty figure cannot be negative (\(value))")
            return nil
        }
        if let value = [min, max].compactMap({ $0 }).first(where: { $0 > Casualty.largestFigure }) {
            log.error(
                minLocation,
                "the casualty figure \(value) is larger than any recorded event's (Dossier accepts up to \(Casualty.largestFigure))",
                hint:
                    "check the number for extra digits; a figure for a whole war belongs in the text, not on one event")
            return nil
        }
        if let min, let max, min > max {
            log.error(minLocation, "the minimum (\(min)) is above the maximum (\(max))", hint: "swap `min` and `max`")
            return nil
        }
        if min == nil, max == nil {
            log.error(location, "a casualty entry needs `count`, or `min` and/or `max`")
            return nil
        }
        return Casualty(kind: kind, minimum: min, maximum: max, approximate: approximate, who: who)
    }

    // MARK: Sources

    private func decodeFlatSources(_ fields: FieldReader, _ decoder: SourceDecoder) -> [Source] {
        (1...Self.columnCount("source", in: fields)).compactMap {
            flatSource(fields, group: "source", number: $0, decoder: decoder)
        }
    }

    /// The source in a row's columns `group_publisher` … `group_via` (numbered after the first).
    private func flatSource(_ fields: FieldReader, group: String, number: Int, decoder: SourceDecoder? = nil) -> Source?
    {
        let column = { Self.csvColumn(group, number, $0) }
        guard fields.node(column("publisher")) != nil || fields.node(column("url")) != nil else { return nil }
        return (decoder ?? SourceDecoder(log: log)).checked(
            publisher: fields.string(column("publisher")), title: fields.string(column("title")),
            url: fields.string(column("url")),
            author: fields.string(column("author")), date: fields.string(column("date")),
            quote: fields.string(column("quote")),
            via: fields.string(column("via")), fields: fields,
            keys: (column("publisher"), column("url"), column("date"))
        )
    }
}
