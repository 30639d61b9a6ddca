import Foundation

/// What the timeline's filter (`assets/dossier.js`) works from, so it can filter the whole
/// report from any page of it, however the timeline is split.
///
/// - `data/filter/facets.js`: every event's facets as numbers (date, type, actors with their
///   roles, country, place, tags, confidence, topics), column by column, and the words for
///   those numbers; where each place is (the results' map). The filter loads it first; at 50,000 events it is a few hundred KB gzipped.
/// - `data/filter/<year>.js`: each year's events as the results show them (id, title, date in
///   words, place), loaded when results from that year are shown or a text query needs them.
/// - `data/filter/<year>-words.js`: each year's summaries as plain text, loaded only for a text
///   query (which looks in titles, summaries, places, types and actors' names).
/// - `data/filter/points.js`: where each event is on the map, loaded only when a reader zooms
///   the map page (which groups them again for the window it shows).
enum FilterIndex {
    static let facetsPath = "data/filter/facets.js"
    static let pointsPath = "data/filter/points.js"
    static func yearPath(_ year: Int) -> String { "data/filter/\(year).js" }
    static func wordsPath(_ year: Int) -> String { "data/filter/\(year)-words.js" }
    /// A summary's words are searched up to this many characters (the start of a summary says
    /// what it is about; 50,000 summaries stay a few MB).
    static let summaryLimit = 600

    /// The files the index is made of, from content as loaded.
    static func paths(_ contents: any SiteContents) -> [String] {
        [facetsPath, pointsPath]
            + Set(contents.events.map(\.date.start.year)).sorted().flatMap { [yearPath($0), wordsPath($0)] }
    }

    /// A date as the filter compares them: `yyyymmdd`, with `00` for a month or day not given.
    static func number(_ date: PartialDate) -> Int { date.year * 10_000 + (date.month ?? 0) * 100 + (date.day ?? 0) }

    /// - Parameter upToSiteRoot: from the language's site up to the site's root, where the map
    ///   outlines are (`../` for a report's other language, `ar/`).
    static func files(
        _ report: Report, text: DisplayText, markdown: CommonMark, geography: Geography, upToSiteRoot: String = ""
    ) -> [OutputFile] {
        [facets(report, text: text, geography: geography, upToSiteRoot: upToSiteRoot), points(report)]
            + years(report, text: text, markdown: markdown)
    }

    /// Each event's point in Web Mercator units (as `map/world.svg`) in hundredths (about 400 m
    /// at the equator) and how precisely it is known, as columns in the facets' order:
    /// `{"precisions": ["exact", …], "x": [62319, …], "y": [40186, …], "precision": [1, …]}`,
    /// -1 for an event without a point.
    static func points(_ report: Report) -> OutputFile {
        let precisions = LocationPrecision.allCases
        let precisionIndex = Dictionary(
            precisions.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var xs: [Int] = [], ys: [Int] = [], precision: [Int] = []
        xs.reserveCapacity(report.events.count)
        ys.reserveCapacity(report.events.count)
        precision.reserveCapacity(report.events.count)
        for event in report.events {
            guard let location = event.location, let point = location.point else {
                xs.append(-1); ys.append(-1); precision.append(-1); continue
            }
            let projected = WebMercator.project(point)
            xs.append(Int((projected.x * 100).rounded()))
            ys.append(Int((projected.y * 100).rounded()))
            precision.append(precisionIndex[location.precision] ?? 0)
        }
        let value =
            "{\"precisions\":" + ScriptData.strings(precisions.map(\.rawValue)) + ",\n\"x\":" + ScriptData.numbers(xs)
            + ",\n\"y\":" + ScriptData.numbers(ys)
            + ",\n\"precision\":" + ScriptData.numbers(precision) + "}"
        return ScriptData.file(
            pointsPath, comment: "Written by Dossier: each event's point on the map, for the map page's zoom.",
            name: "points", value: value)
    }

    /// - Parameter geography: the map data, for each country's label point (the zoomed map page names them).
    static func facets(
        _ report: Report, text: DisplayText, geography: Geography, upToSiteRoot: String = ""
    ) -> OutputFile {
        let events = report.events, config = report.config
        // (A vocabulary that names an id twice, which site.yaml's checks report, keeps its first.)
        let typeIndex = Dictionary(
            config.eventTypes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let gradeIndex = Dictionary(
            config.confidenceGrades.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let roles = Involvement.Role.allCases
        let roleIndex = Dictionary(roles.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        // Actors by name, the order a reader looks for them in.
        let actors = report.actors.sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
        let actorIndex = Dictionary(actors.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let countries = Set(events.compactMap { $0.location?.country }.filter { !$0.isEmpty }).sorted()
        let countryIndex = Dictionary(countries.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let places = Set(events.compactMap { Self.place($0) }).sorted()
        let placeIndex = Dictionary(places.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let tags = Set(events.flatMap(\.tags)).sorted()
        let tagIndex = Dictionary(tags.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let topicIndex = Dictionary(
            report.topics.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var years: [[Int]] = []
        for (index, event) in events.enumerated() {
            let year = event.date.start.year
            if years.last?[0] == year { years[years.count - 1][2] += 1 } else { years.append([year, index, 1]) }
        }
        let pairs = { (pairs: [(String, String)]) in
            "["
                + pairs.map { "[" + ScriptData.string($0.0) + "," + ScriptData.string($0.1) + "]" }.joined(
                    separator: ",") + "]"
        }
        let lists = { (lists: [[Int]]) in "[" + lists.map(ScriptData.numbers).joined(separator: ",") + "]" }
        var value = "{\n"
        value += "\"count\":\(events.count),\n"
        value += "\"eventPath\":" + ScriptData.string(SitePaths.event("{id}")) + ",\n"
        value +=
            "\"yearPath\":" + ScriptData.string(yearPath(0).replacingOccurrences(of: "0.js", with: "{year}.js")) + ",\n"
        value +=
            "\"wordsPath\":"
            + ScriptData.string(wordsPath(0).replacingOccurrences(of: "0-words.js", with: "{year}-words.js")) + ",\n"
        value += "\"types\":" + pairs(config.eventTypes.map { ($0.id, $0.label) }) + ",\n"
        value += "\"confidence\":" + pairs(config.confidenceGrades.map { ($0.id, text.label(of: $0)) }) + ",\n"
        value += "\"roles\":" + ScriptData.strings(roles.map(\.rawValue)) + ",\n"
        value += "\"actors\":" + pairs(actors.map { ($0.id, $0.name) }) + ",\n"
        value += "\"countries\":" + ScriptData.strings(countries) + ",\n"
        value += "\"places\":" + ScriptData.strings(places) + ",\n"
        // Where each place is, for the results' map: the mean of its events' points in Web
        // Mercator units (0–1000, as `map/world.svg`), to 0.01 (about 400 m); null without one.
        // And how vaguely it is known: the least precise of its events' (as the drawings' markers).
        var sums = Array(repeating: (x: 0.0, y: 0.0, count: 0), count: places.count)
        let precisions = LocationPrecision.allCases
        let precisionIndex = Dictionary(
            precisions.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var vaguest = Array(repeating: -1, count: places.count)
        for event in events {
            guard let name = Self.place(event), let index = placeIndex[name], let location = event.location,
                let point = location.point
            else { continue }
            let projected = WebMercator.project(point)
            sums[index] = (sums[index].x + projected.x, sums[index].y + projected.y, sums[index].count + 1)
            vaguest[index] = max(vaguest[index], precisionIndex[location.precision] ?? 0)
        }
        value += "\"outlinesPath\":" + ScriptData.string(upToSiteRoot + WorldOutline.path) + ",\n"
        value +=
            "\"placePoints\":["
            + sums.map { sum in
                guard sum.count > 0 else { return "null" }
                let hundredths = { (value: Double) in FixedDecimal.text(value / Double(sum.count), places: 2) }
                return "[" + hundredths(sum.x) + "," + hundredths(sum.y) + "]"
            }.joined(separator: ",") + "],\n"
        value += "\"precisions\":" + ScriptData.strings(precisions.map(\.rawValue)) + ",\n"
        value += "\"placePrecision\":" + ScriptData.numbers(vaguest) + ",\n"
        // Where the map writes each country's name (as `map/world.svg`'s units), null where the
        // map data does not know it: the map page, zoomed in, names the report's countries.
        value +=
            "\"countryPoints\":["
            + countries.map { name in
                guard let label = geography.country(named: name)?.worldLabel else { return "null" }
                return "[" + FixedDecimal.text(label.x, places: 2) + "," + FixedDecimal.text(label.y, places: 2) + "]"
            }.joined(separator: ",") + "],\n"
        value += "\"tags\":" + ScriptData.strings(tags) + ",\n"
        value += "\"topics\":" + pairs(report.topics.map { ($0.id, $0.title) }) + ",\n"
        value += "\"years\":" + lists(years) + ",\n"
        // Columns: one entry per event, in date order; -1 where an event has no value.
        value += "\"date\":" + ScriptData.numbers(events.map { number($0.date.start) }) + ",\n"
        value += "\"end\":" + ScriptData.numbers(events.map { $0.date.end.map(number) ?? 0 }) + ",\n"
        value += "\"type\":" + ScriptData.numbers(events.map { typeIndex[$0.type] ?? -1 }) + ",\n"
        value += "\"grade\":" + ScriptData.numbers(events.map { gradeIndex[$0.confidence] ?? -1 }) + ",\n"
        value +=
            "\"country\":" + ScriptData.numbers(events.map { $0.location?.country.flatMap { countryIndex[$0] } ?? -1 })
            + ",\n"
        value +=
            "\"place\":" + ScriptData.numbers(events.map { Self.place($0).flatMap { placeIndex[$0] } ?? -1 }) + ",\n"
        // An actor and its role in one number: actor × roles + role.
        value +=
            "\"actor\":"
            + lists(
                events.map {
                    $0.actors.compactMap { involvement in
                        actorIndex[involvement.actorID].map { $0 * roles.count + (roleIndex[involvement.role] ?? 0) }
                    }
                }) + ",\n"
        value += "\"tag\":" + lists(events.map { $0.tags.compactMap { tagIndex[$0] } }) + ",\n"
        value +=
            "\"topic\":" + lists(events.indices.map { (report.eventTopics[$0] ?? []).compactMap { topicIndex[$0] } })
            + "\n"
        value += "}"
        return ScriptData.file(
            facetsPath,
            comment: "Written by Dossier: the timeline filter's facets, one column per facet, events in date order.",
            name: "facets", value: value)
    }

    /// Each year's events as results show them: `[id, title, date in words, place]`; and their
    /// summaries' words, in the same order.
    static func years(_ report: Report, text: DisplayText, markdown: CommonMark) -> [OutputFile] {
        var files: [OutputFile] = []
        var start = 0
        let events = report.events
        while start < events.count {
            let year = events[start].date.start.year
            var end = start
            var rows: [String] = [], words: [String] = []
            while end < events.count, events[end].date.start.year == year {
                let event = events[end]
                rows.append(
                    "["
                        + [event.id, event.title, text.date(event.date), event.location?.formatted ?? ""].map(
                            ScriptData.string
                        ).joined(separator: ",") + "]")
                words.append(
                    ScriptData.string(event.summary.map { markdown.plainText($0.text, limit: summaryLimit) } ?? ""))
                end += 1
            }
            files.append(
                ScriptData.file(
                    yearPath(year), comment: "Written by Dossier: the timeline filter's events of \(year).",
                    name: "year-\(year)",
                    value: "[\n" + rows.joined(separator: ",\n") + "\n]"))
            files.append(
                ScriptData.file(
                    wordsPath(year),
                    comment:
                        "Written by Dossier: the words of the summaries of \(year)'s events, for the timeline filter.",
                    name: "words-\(year)",
                    value: "[\n" + words.joined(separator: ",\n") + "\n]"))
            start = end
        }
        return files
    }

    /// The place a reader filters by: its name with the country ("Baghdad, Iraq"); none when
    /// only the country is known (the country facet covers it).
    static func place(_ event: Event) -> String? {
        guard let place = event.location, let name = place.name, !name.isEmpty else { return nil }
        return [name, place.country].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
    }
}
