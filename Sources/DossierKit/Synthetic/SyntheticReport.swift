import Foundation

/// A large, realistic, deterministic report for benchmarks: N events with 150–300-word Markdown
/// bodies (headings, emphasis, links, lists, quotes, cross-references), M actors with profiles,
/// topics and sources, in the same content model as a real report and valid under `check`.
///
/// The same seed gives the same report, byte for byte.
public struct SyntheticReport: Sendable {
    public var events: Int
    public var actors: Int
    public var seed: UInt64
    /// Events per YAML file (Dossier's corpus; the neutral one has a file per month).
    public var eventsPerFile = 250
    public var corpus: Corpus
    /// What the corpus's shape is changed in, for a benchmark over reports unlike this
    /// repository's (issue #33): each knob left nil keeps the corpus's own, so the same seed
    /// still gives the same report, byte for byte.
    public var shape = Shape()

    /// The knobs that change what a build costs: how long the report runs, how long and
    /// structured its texts are, how much each event cites, how much the topics select, where.
    public struct Shape: Sendable, Equatable {
        /// The years the events spread over, from 2014 (the corpus's: ten, or three for neutral).
        public var years: Int?
        /// An event body's words on average, each body a third shorter to a third longer (the
        /// corpus's: 150–300), with a heading, emphasis, links, a list and a quotation, and a
        /// heading and a paragraph more per 150 words past the first 300.
        public var bodyWords: Int?
        /// Sources every event cites (the corpus's: one to three).
        public var sourcesPerEvent: Int?
        /// How many topics (the corpus's: one per 2,000 events, at least three; neutral five).
        public var topics: Int?
        /// Whether the first topic selects every event (the widest thread a report can have).
        public var topicOfEveryEvent = false
        /// An actor profile's words, about (the corpus's: 80–140, neutral about 300).
        public var actorWords: Int?
        /// How many countries the places are in, one to seven (the corpus's: seven).
        public var countries: Int?

        public init(
            years: Int? = nil, bodyWords: Int? = nil, sourcesPerEvent: Int? = nil, topics: Int? = nil,
            topicOfEveryEvent: Bool = false, actorWords: Int? = nil, countries: Int? = nil
        ) {
            self.years = years.map { max(1, $0) }
            self.bodyWords = bodyWords.map { max(20, $0) }
            self.sourcesPerEvent = sourcesPerEvent.map { max(1, $0) }
            self.topics = topics.map { max(1, $0) }
            self.topicOfEveryEvent = topicOfEveryEvent
            self.actorWords = actorWords.map { max(10, $0) }
            self.countries = countries.map { min(max(1, $0), 7) }
        }
    }

    /// Which report's shape: Dossier's own benchmark corpus, or the neutral one an independent
    /// benchmark used against Hugo (issue #15).
    public enum Corpus: String, CaseIterable, Sendable {
        /// 8 event types, 250 events a file, 1–3 actors an event, tags chosen at random and a
        /// topic per 2,000 events selecting one tag, actor profiles of 80–140 words.
        case dossier
        /// 4 event types, one file per month, 1–4 actors an event, casualty ranges on attacks and
        /// strikes, 1–3 sources, five topics each selecting every event of one or two types (a
        /// quarter to a half of all events: each event is tagged with its type), profiles of
        /// about 300 words.
        case neutral
    }

    public init(events: Int, actors: Int, seed: UInt64 = 1, corpus: Corpus = .dossier) {
        self.events = max(1, events)
        self.actors = max(2, actors)
        self.seed = seed
        self.corpus = corpus
    }

    public var topicCount: Int {
        shape.topics ?? (corpus == .neutral ? Self.neutralTopics.count : max(3, events / 2000))
    }

    /// The places events are at: all of them, or those of the first `shape.countries` countries.
    var places: [(String, String, Double, Double)] {
        guard let countries = shape.countries else { return Self.places }
        var kept: [String] = []
        for place in Self.places where !kept.contains(place.1) { kept.append(place.1) }
        let chosen = Set(kept.prefix(countries))
        return Self.places.filter { chosen.contains($0.1) }
    }

    /// The neutral corpus's topics: the event types each selects (by the tag each event has of its type).
    static let neutralTopics = [["attack"], ["strike"], ["statement", "visit"], ["attack", "strike"], ["visit"]]

    var types: [String] { corpus == .neutral ? Array(Self.types.prefix(4)) : Self.types }

    static let types = ["attack", "strike", "statement", "visit", "negotiation", "vote", "protest", "arrest"]
    static let places: [(String, String, Double, Double)] = [
        ("Baghdad", "Iraq", 33.315, 44.366), ("Erbil", "Iraq", 36.191, 44.009), ("Basra", "Iraq", 30.508, 47.783),
        ("Mosul", "Iraq", 36.340, 43.130), ("Kirkuk", "Iraq", 35.468, 44.392), ("Najaf", "Iraq", 32.028, 44.346),
        ("Damascus", "Syria", 33.513, 36.292), ("Deir ez-Zor", "Syria", 35.336, 40.141),
        ("Al-Tanf", "Syria", 33.500, 38.670),
        ("Amman", "Jordan", 31.954, 35.911), ("Tehran", "Iran", 35.689, 51.389), ("Beirut", "Lebanon", 33.894, 35.502),
        ("Sanaa", "Yemen", 15.369, 44.191), ("Aden", "Yemen", 12.785, 45.018), ("Doha", "Qatar", 25.285, 51.531),
    ]
    static let words = """
        officials said forces talks ministry council government security agreement withdrawal statement reported sources
        attack strike militia convoy base border province airport envoy delegation parliament vote sanctions ceasefire
        negotiations timetable mission coalition commander spokesman region pressure response escalation analysts
        meeting capital residents witnesses local police hospital casualties damage claims denied confirmed according
        """.split(whereSeparator: \.isWhitespace).map(String.init)
    static let publishers = [
        "Wire Agency", "Regional Daily", "Evening Post", "Monitor Group", "Public Radio", "Field Notes",
    ]
    static let tags = [
        "attacks", "strikes", "talks", "withdrawal", "protests", "arrests", "border", "airport", "convoys", "votes",
    ]
    static let kinds = ["person", "armed-group", "state", "government-body", "military", "coalition", "organisation"]

    /// Writes `Content/` (site.yaml, events, actors, topics, a page) into `folder`.
    public func write(to folder: URL) throws {
        let content = folder.appendingPathComponent("Content")
        let manager = FileManager.default
        try? manager.removeItem(at: content)
        for sub in ["events", "actors", "topics", "pages"] {
            try manager.createDirectory(at: content.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        var random = SplitMix64(seed: seed)
        try siteYAML().write(to: content.appendingPathComponent("site.yaml"), atomically: false, encoding: .utf8)
        let actorIDs = (0..<actors).map { String(format: "actor-%05d", $0) }
        for (index, id) in actorIDs.enumerated() {
            try actorMarkdown(index: index, id: id, actorIDs: actorIDs, random: &random)
                .write(to: content.appendingPathComponent("actors/\(id).md"), atomically: false, encoding: .utf8)
        }
        var file = "", fileIndex = 0
        for index in 0..<events {
            file += eventYAML(index: index, actorIDs: actorIDs, random: &random)
            let last = index == events - 1
            switch corpus {
            case .dossier:
                guard (index + 1) % eventsPerFile == 0 || last else { continue }
                try file.write(
                    to: content.appendingPathComponent(String(format: "events/events-%04d.yaml", fileIndex)),
                    atomically: false, encoding: .utf8)
            case .neutral:
                // Events are in date order: a file ends where the next event is in another month.
                let (year, month, _) = day(of: index)
                guard last || day(of: index + 1).0 != year || day(of: index + 1).1 != month else { continue }
                try file.write(
                    to: content.appendingPathComponent(String(format: "events/%04d-%02d.yaml", year, month)),
                    atomically: false, encoding: .utf8)
            }
            file = ""
            fileIndex += 1
        }
        for index in 0..<topicCount {
            try topicMarkdown(index: index, random: &random)
                .write(
                    to: content.appendingPathComponent(String(format: "topics/topic-%03d.md", index)),
                    atomically: false, encoding: .utf8)
        }
        try "---\ntitle: About\n---\nA synthetic report of \(events) events and \(actors) actors, for benchmarks.\n"
            .write(to: content.appendingPathComponent("pages/about.md"), atomically: false, encoding: .utf8)
    }

    func siteYAML() -> String {
        var text =
            "id: \(StableID.fromTitle("synthetic report \(seed)"))\ntitle: Synthetic report\ndescription: \(events) generated events for benchmarks.\nlanguage: en\nevent_types:\n"
        // attack, strike, statement, visit, negotiation, vote, protest, arrest: from Dossier's palette.
        let colours = [3, 7, 6, 0, 5, 4, 1, 2].map { TypeColours.palette[$0] }
        for (type, colour) in zip(types, colours) {
            text += "  - { id: \(type), label: \(type.capitalized), colour: \"\(colour)\" }\n"
        }
        return text
    }

    /// The day of event `index` (and `after` days later): events are spread evenly over ten
    /// years from 2014 (the neutral corpus: three years, so that a month's file holds a few
    /// hundred events at 10,000).
    func day(of index: Int, after: Int = 0) -> (Int, Int, Int) {
        var date = DateComponents(
            calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"), year: 2014, month: 1,
            day: 1)
        let days = shape.years.map { $0 * 365 } ?? (corpus == .neutral ? 1095 : 3650)
        date.day = 1 + index * days / max(events, 1) + after
        let resolved = Calendar(identifier: .gregorian).dateComponents(
            in: TimeZone(identifier: "UTC")!, from: date.date!)
        return (resolved.year!, resolved.month!, resolved.day!)
    }

    static func eventID(_ index: Int) -> String { String(format: "event-%06d", index) }

    func sentence(_ random: inout SplitMix64, words count: Int) -> String {
        var parts: [String] = []
        for _ in 0..<count { parts.append(Self.words[random.next(below: Self.words.count)]) }
        let text = parts.joined(separator: " ")
        return text.prefix(1).uppercased() + text.dropFirst() + "."
    }

    func eventYAML(index: Int, actorIDs: [String], random: inout SplitMix64) -> String {
        let (year, month, dayOfMonth) = day(of: index)
        let id = Self.eventID(index)
        let type = types[random.next(below: types.count)]
        let places = places
        let place = places[random.next(below: places.count)]
        var text = "- id: \(id)\n"
        switch random.next(below: 20) {
        case 0: text += String(format: "  date: %04d-%02d\n", year, month)
        case 1:
            // Ranges last ten days, whatever the report's density.
            let (endYear, endMonth, endDay) = day(of: index, after: 10)
            text += String(
                format: "  start: %04d-%02d-%02d\n  end: %04d-%02d-%02d\n", year, month, dayOfMonth, endYear, endMonth,
                endDay)
        default: text += String(format: "  date: %04d-%02d-%02d\n", year, month, dayOfMonth)
        }
        text += "  title: \"\(sentence(&random, words: 6).dropLast()) in \(place.0)\"\n  type: \(type)\n"
        text += Self.location(of: index, at: place)
        // Every actor appears at least once; after that, a few actors appear far more than others.
        var involved = [index < actorIDs.count ? actorIDs[index] : actorIDs[random.skewed(below: actorIDs.count)]]
        for _ in 0..<random.next(below: corpus == .neutral ? 4 : 3) {
            involved.append(actorIDs[random.skewed(below: actorIDs.count)])
        }
        let roles = ["perpetrator", "target", "participant", "mentioned"]
        text += "  actors:\n"
        for (position, actor) in Set(involved).sorted().enumerated() {
            text += "    - { id: \(actor), role: \(roles[(position + index) % roles.count]) }\n"
        }
        if type == "attack" || type == "strike" {
            let low = random.next(below: 12)
            text += "  casualties:\n    - { kind: killed, min: \(low), max: \(low + random.next(below: 5)) }\n"
        }
        text += "  summary: \"\(sentence(&random, words: 18))\"\n"
        text +=
            "  body: |\n"
            + body(index: index, actorIDs: actorIDs, random: &random).split(
                separator: "\n", omittingEmptySubsequences: false
            ).map { $0.isEmpty ? "" : "    \($0)" }.joined(separator: "\n") + "\n"
        text += "  sources:\n"
        for _ in 0..<(shape.sourcesPerEvent ?? (1 + random.next(below: 2))) {
            let publisher = Self.publishers[random.next(below: Self.publishers.count)]
            text +=
                "    - { publisher: \(publisher), title: \"\(sentence(&random, words: 5).dropLast())\", url: \"https://example.org/\(publisher.lowercased().replacingOccurrences(of: " ", with: "-"))/\(random.next(below: max(10, events / 5)))\" }\n"
        }
        text += "  confidence: \(["confirmed", "reported", "reported", "claimed"][random.next(below: 4)])\n"
        var tags = Set((0...random.next(below: 2)).map { _ in Self.tags[random.next(below: Self.tags.count)] })
        if corpus == .neutral { tags.insert(type) }
        if shape.topicOfEveryEvent { tags.insert("everything") }
        text += "  tags: [\(tags.sorted().joined(separator: ", "))]\n"
        return text
    }

    /// 150–300 words of Markdown with a heading, emphasis, links, a list, a quote and cross-references.
    func body(index: Int, actorIDs: [String], random: inout SplitMix64) -> String {
        var text =
            sentence(&random, words: 25) + " The *" + Self.words[random.next(below: Self.words.count)] + "* was **"
        text +=
            Self.words[random.next(below: Self.words.count)]
            + "**, according to [a report](https://example.org/reports/\(index)).\n\n"
        text +=
            "## Background\n\n" + sentence(&random, words: 30)
            + " See [\(actorIDs[random.next(below: actorIDs.count)])](actor:\(actorIDs[random.next(below: actorIDs.count)])).\n\n"
        if index > 0 { text += "It followed [an earlier event](event:\(Self.eventID(random.next(below: index)))). " }
        text += sentence(&random, words: 20) + "\n\n"
        for _ in 0..<3 { text += "- " + sentence(&random, words: 8) + "\n" }
        guard let words = shape.bodyWords else {
            text +=
                "\n> " + sentence(&random, words: 16) + "\n\n" + sentence(&random, words: 20 + random.next(below: 100))
                + "\n"
            return text
        }
        // About `words` in all: the part above is about 130; then the quotation, and a heading
        // and a paragraph for each further 150 words.
        text += "\n> " + sentence(&random, words: 16) + "\n\n"
        let target = words - words / 3 + random.next(below: 2 * (words / 3) + 1)
        var left = max(10, target - 146)
        while left > 150 {
            text += "## " + sentence(&random, words: 3).dropLast() + "\n\n" + sentence(&random, words: 140) + "\n\n"
            left -= 143
        }
        return text + sentence(&random, words: left) + "\n"
    }

    func actorMarkdown(index: Int, id: String, actorIDs: [String], random: inout SplitMix64) -> String {
        var text =
            "---\nid: \(id)\nname: \"Actor \(index) \(Self.words[random.next(below: Self.words.count)].capitalized)\"\n"
        text += "kind: \(Self.kinds[index % Self.kinds.count])\ncountry: \(places[index % places.count].1)\n"
        if index > 0 {
            text +=
                "affiliations:\n  - { actor: \(actorIDs[random.next(below: index)]), relation: \(["member of", "allied with", "commander of", "successor of"][random.next(below: 4)]) }\n"
        }
        if let words = shape.actorWords {
            // About `words`, in paragraphs of at most 100.
            text += "---\n"
            var left = words
            while left > 0 {
                text += sentence(&random, words: min(100, left)) + "\n\n"
                left -= 100
            }
            return text
        }
        text +=
            "---\n" + sentence(&random, words: 40) + "\n\n" + sentence(&random, words: 40 + random.next(below: 60))
            + "\n"
        if corpus == .neutral {
            // About 300 words in all.
            text +=
                "\n## History\n\n" + sentence(&random, words: 90) + "\n\n"
                + sentence(&random, words: 60 + random.next(below: 40)) + "\n"
        }
        return text
    }

    func topicMarkdown(index: Int, random: inout SplitMix64) -> String {
        if shape.topicOfEveryEvent, index == 0 {
            return
                "---\ntitle: \"Topic 0: every event\"\nsummary: \"\(sentence(&random, words: 20))\"\ntags: [everything]\n---\n"
                + "## Overview\n\n" + sentence(&random, words: 60) + "\n"
        }
        if corpus == .neutral, index < Self.neutralTopics.count {
            let selected = Self.neutralTopics[index]
            var text =
                "---\ntitle: \"Topic \(index): \(selected.joined(separator: " and "))\"\nsummary: \"\(sentence(&random, words: 20))\"\ntags: [\(selected.joined(separator: ", "))]\n---\n"
            text += "## Overview\n\n" + sentence(&random, words: 60) + "\n"
            return text
        }
        let tag = Self.tags[index % Self.tags.count]
        var text =
            "---\ntitle: \"Topic \(index): \(tag)\"\nsummary: \"\(sentence(&random, words: 20))\"\ntags: [\(tag)]\n"
        text += "quotes:\n  - { text: \"\(sentence(&random, words: 15))\", by: A spokesman }\n---\n"
        text +=
            "## Overview\n\n" + sentence(&random, words: 60)
            + " It began with [the first event](event:\(Self.eventID(random.next(below: events)))).\n"
        return text
    }
}

/// A small, fast, seedable random number generator (SplitMix64): the same seed, the same report.
extension SyntheticReport {
    /// An event's place, at the precisions real data mixes: a tenth known only to the country, a
    /// tenth to a region, four tenths to a town, the rest at exact sites around the town, as real
    /// data names its villages: each town has `sitesPerTown` sites, each a place of its own
    /// ("Site 7 near Kirkuk") at a fixed point up to about 130 km away, inside the named country
    /// (so the synthetic report stays clean). A map of it has hundreds of places, as real data
    /// has, and an exact point always has a name of its own.
    /// Drawn from a generator of its own, so the rest of the report is the same as without places.
    static func location(of index: Int, at place: (String, String, Double, Double)) -> String {
        var random = SplitMix64(seed: UInt64(index) &* 0x2545_F491_4F6C_DD1D &+ 17)
        let (name, country, latitude, longitude) = place
        func degrees(_ range: Double) -> Double { (Double(random.next(below: 2_001)) / 1_000 - 1) * range }
        func point(_ name: String, _ lat: Double, _ lon: Double, _ precision: String) -> String {
            String(
                format: "  location: { name: \"%@\", country: %@, lat: %.4f, lon: %.4f, precision: %@ }\n", name,
                country, lat, lon, precision)
        }
        switch random.next(below: 10) {
        case 0: return "  location: { name: \"\(name)\", country: \(country) }\n"
        case 1: return point(name, latitude, longitude, "region")
        case 2...5: return point(name, latitude + degrees(0.02), longitude + degrees(0.02), "town")
        default:
            let site = random.next(below: sitesPerTown)
            let at = sitePoint(site, of: place)
            return point(String(format: "Site %d near %@", site + 1, name), at.latitude, at.longitude, "exact")
        }
    }

    static let sitesPerTown = 40

    /// Where a town's site is: the same for every event there (drawn from the town and the site).
    static func sitePoint(_ site: Int, of place: (String, String, Double, Double)) -> GeoPoint {
        let (name, country, latitude, longitude) = place
        var random = SplitMix64(
            seed: UInt64(site) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(name.utf8.reduce(0) { $0 &* 31 &+ Int($1) }.magnitude)
        )
        func degrees(_ range: Double) -> Double { (Double(random.next(below: 2_001)) / 1_000 - 1) * range }
        let named = Geography.builtIn.country(named: country)
        for _ in 0..<8 {
            let candidate = GeoPoint(longitude: longitude + degrees(1.2), latitude: latitude + degrees(1.2))
            if named?.contains(candidate) ?? true { return candidate }
        }
        return GeoPoint(longitude: longitude, latitude: latitude)
    }
}

struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func nextValue() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int {
        Int(nextValue() % UInt64(max(bound, 1)))
    }

    /// Skewed towards small values, so some actors are in many events and most in few.
    mutating func skewed(below bound: Int) -> Int {
        let uniform = Double(nextValue() % 1_000_000) / 1_000_000
        return min(bound - 1, Int(Double(bound) * uniform * uniform * uniform))
    }
}
