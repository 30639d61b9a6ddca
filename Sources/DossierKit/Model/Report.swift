/// The validated, cross-linked report: what every page is rendered from.
///
/// Built once by `ReportLinker`; all joins (events by actor, by topic, sources by event) are
/// indexed here so that rendering never scans the whole report for one page.
public struct Report: Sendable {
    public internal(set) var config: SiteConfig
    /// The fields its events were read with: what the downloads and the schema write.
    let eventFields: EventFields
    /// Chronological, ties broken by id, so every listing and every build has the same order.
    public private(set) var events: [Event]
    /// Alphabetical by name.
    public let actors: [Actor]
    public let topics: [Topic]
    /// By `order`, then title.
    public let pages: [Page]

    public let eventIndex: [String: Int]
    public let actorIndex: [String: Int]
    public let topicIndex: [String: Int]
    public let pageIndex: [String: Int]

    /// For each actor, its events (chronological) and its role in each.
    public let involvements: [String: [(event: Int, role: Involvement.Role)]]
    /// For each actor, the events it takes part in other than by a passing mention, chronological.
    public let significantEvents: [String: [Int]]
    /// For each topic, the indexes of its events, chronological.
    public let topicEvents: [String: [Int]]
    /// For each event, the topics it belongs to.
    public let eventTopics: [Int: [String]]
    /// For each actor, the topics it appears in (through events, quotes or cross-references).
    public let actorTopics: [String: [String]]
    /// Affiliations pointing at an actor from others: (from, affiliation).
    public let incomingAffiliations: [String: [(from: String, affiliation: Affiliation)]]
    /// Every cited source once, with the events citing it, ordered by publisher then title.
    public let sources: [CitedSource]
    /// Made with the indexes: a report from `replacingEvents` keeps it, so comparing two reports
    /// can tell at once that everything but the events is the very same (`ReportChanges`).
    let indexes = IndexesIdentity()
    /// Its actors, topics and pages in its other languages (events carry their own).
    var translations = Translations()
    /// In a report translated into another language (`translated(into:)`), what is shown in the
    /// report's own language for want of a translation; nil in the report's own language.
    var untranslated: Untranslated? = nil

    final class IndexesIdentity: Sendable {}

    public struct CitedSource: Sendable {
        public var source: Source
        public var eventIndexes: [Int]
        /// Names the source in addresses (`sources/reuters-iraq-talks/`): a slug of its publisher
        /// and title, with `-2`, `-3` for later sources that would have the same.
        public var id: String = ""

        /// Every source the events cite, once, with the events citing it (by their place in
        /// `events`), ordered by publisher, title and address, with their ids. Used by the report
        /// and, on content not yet linked, to know which pages the sources have.
        static func list(citedBy events: [Event]) -> [CitedSource] {
            var sourceEvents: [String: (Source, [Int])] = [:]
            sourceEvents.reserveCapacity(events.count)
            for (index, event) in events.enumerated() {
                for source in event.sources {
                    // Appended in place: taking the entry out and putting it back copied a
                    // source's list of events at every event citing it.
                    func add(_ entry: inout (Source, [Int])) { if entry.1.last != index { entry.1.append(index) } }
                    add(&sourceEvents[source.identity, default: (source, [])])
                }
            }
            let cited = sourceEvents.values.map { CitedSource(source: $0.0, eventIndexes: $0.1) }
            let publishers = cited.map { $0.source.publisher.lowercased() }
            var sorted = cited.indices.sorted {
                (publishers[$0], cited[$0].source.title ?? "", cited[$0].source.url ?? "") < (
                    publishers[$1], cited[$1].source.title ?? "", cited[$1].source.url ?? ""
                )
            }.map { cited[$0] }
            var taken: [String: Int] = [:]
            for index in sorted.indices {
                let base = slug(sorted[index].source)
                let seen = taken[base, default: 0] + 1
                taken[base] = seen
                sorted[index].id = seen == 1 ? base : "\(base)-\(seen)"
            }
            return sorted
        }

        /// At most eight words of "publisher title", in lower case, joined by `-`.
        static func slug(_ source: Source) -> String {
            let text = "\(source.publisher) \(source.title ?? "")"
            if let slug = asciiSlug(text) { return slug }
            let words = text.lowercased().split { !($0.isLetter || $0.isNumber) }
            return words.isEmpty ? "source" : words.prefix(8).joined(separator: "-")
        }

        /// The same slug read byte by byte, for text that is all ASCII (where a letter or a
        /// number is exactly A–Z, a–z or 0–9): splitting Characters took most of the list's
        /// time, 15,000 sources at 10,000 events, on the build's one serial step. Nil otherwise.
        private static func asciiSlug(_ text: String) -> String? {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            var words = 0, inWord = false
            for byte in text.utf8 {
                guard byte < 0x80 else { return nil }
                let lower = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
                if (0x61...0x7A).contains(lower) || (0x30...0x39).contains(lower) {
                    if !inWord {
                        if words == 8 { break }
                        if words > 0 { bytes.append(0x2D) }
                        words += 1
                        inWord = true
                    }
                    bytes.append(lower)
                } else {
                    inWord = false
                }
            }
            return words == 0 ? "source" : String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The earliest start and the latest end among some events (shown as "2014 – 18 February 2024").
    public func dateSpan(of indexes: some Sequence<Int>) -> (earliest: PartialDate, latest: PartialDate)? {
        var earliest: PartialDate?, latest: PartialDate?
        for index in indexes {
            let date = events[index].date
            let end = date.end ?? date.start
            // On a tie the coarser date wins: "2024" spans "January 2024".
            if earliest.map({
                date.start.earliestDay < $0.earliestDay
                    || (date.start.earliestDay == $0.earliestDay && date.start.precision < $0.precision)
            }) ?? true {
                earliest = date.start
            }
            if latest.map({
                end.latestDay > $0.latestDay || (end.latestDay == $0.latestDay && end.precision < $0.precision)
            }) ?? true {
                latest = end
            }
        }
        guard let earliest, let latest else { return nil }
        return (earliest, latest)
    }

    /// How far on either side of an event its neighbourhood in a list reaches.
    static let neighbourhoodReach = 5

    /// The events around `index` in `list` (chronological indexes): up to `neighbourhoodReach`
    /// on either side of where it is (or would be). Related events are chosen from these, and the
    /// preview compares them between builds (`ReportChanges`), so both use this one definition.
    func neighbourhood(of index: Int, in list: [Int]) -> ArraySlice<Int> {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < index { low = middle + 1 } else { high = middle }
        }
        return list[max(0, low - Self.neighbourhoodReach)..<min(list.count, low + Self.neighbourhoodReach + 1)]
    }

    public func event(_ id: String) -> Event? { eventIndex[id].map { events[$0] } }
    public func actor(_ id: String) -> Actor? { actorIndex[id].map { actors[$0] } }
    public func topic(_ id: String) -> Topic? { topicIndex[id].map { topics[$0] } }
    public func page(_ id: String) -> Page? { pageIndex[id].map { pages[$0] } }

    init(
        config: SiteConfig, events: [Event], actors: [Actor], topics: [Topic], pages: [Page],
        eventFields: EventFields = .standard
    ) {
        self.config = config
        self.eventFields = eventFields
        // Chronological; events with the same date keep the order they were loaded in (file
        // path order, then position in the file), which is deterministic and what the author wrote.
        // (Sort keys are made once per item, not once per comparison: at 10,000 events that was
        // most of the preview's rebuild of the report.)
        self.events = Self.chronological(events)
        let actorNames = actors.map { $0.name.lowercased() }
        self.actors = actors.indices.sorted { (actorNames[$0], actors[$0].id) < (actorNames[$1], actors[$1].id) }.map {
            actors[$0]
        }
        self.topics = topics.sorted { ($0.title.lowercased(), $0.id) < ($1.title.lowercased(), $1.id) }
        self.pages = pages.sorted { ($0.order, $0.title, $0.id) < ($1.order, $1.title, $1.id) }
        let eventIndex = Self.index(self.events.map(\.id))
        self.eventIndex = eventIndex
        actorIndex = Self.index(self.actors.map(\.id))
        topicIndex = Self.index(self.topics.map(\.id))
        pageIndex = Self.index(self.pages.map(\.id))

        var involvements: [String: [(event: Int, role: Involvement.Role)]] = [:]
        var eventsByTag: [String: [Int]] = [:]
        for (index, event) in self.events.enumerated() {
            for involvement in event.actors where involvements[involvement.actorID]?.last?.event != index {
                // An actor listed twice in one event keeps its most significant role.
                let role =
                    event.actors.filter { $0.actorID == involvement.actorID }.map(\.role).min() ?? involvement.role
                involvements[involvement.actorID, default: []].append((index, role))
            }
            for tag in Set(event.tags) { eventsByTag[tag, default: []].append(index) }
        }
        self.involvements = involvements
        significantEvents = involvements.mapValues { $0.filter { $0.role != .mentioned }.map(\.event) }
        sources = CitedSource.list(citedBy: self.events)

        var topicEvents: [String: [Int]] = [:]
        var eventTopics: [Int: [String]] = [:]
        var actorTopics: [String: Set<String>] = [:]
        let sortedEvents = self.events
        for topic in self.topics {
            var members = Set(topic.eventIDs.compactMap { eventIndex[$0] })
            for tag in topic.tags { members.formUnion(eventsByTag[tag] ?? []) }
            let ordered = members.sorted()
            topicEvents[topic.id] = ordered
            for index in ordered {
                eventTopics[index, default: []].append(topic.id)
                for involvement in sortedEvents[index].actors {
                    actorTopics[involvement.actorID, default: []].insert(topic.id)
                }
            }
            for quote in topic.quotes {
                if let actor = quote.actorID { actorTopics[actor, default: []].insert(topic.id) }
            }
        }
        self.topicEvents = topicEvents
        self.eventTopics = eventTopics
        let topicOrder = Self.index(self.topics.map(\.id))
        self.actorTopics = actorTopics.mapValues {
            $0.sorted { topicOrder[$0, default: 0] < topicOrder[$1, default: 0] }
        }

        var incoming: [String: [(from: String, affiliation: Affiliation)]] = [:]
        for actor in self.actors {
            for affiliation in actor.affiliations {
                incoming[affiliation.actorID, default: []].append((actor.id, affiliation))
            }
        }
        incomingAffiliations = incoming
    }

    static func chronological(_ events: [Event]) -> [Event] {
        // Events are usually written in order: then a look at each pair settles it, rather than
        // a sort of an array already sorted, with every key made first, in every preview rebuild.
        var previous: EventDate.ChronologyKey?
        var inOrder = true
        for event in events {
            let key = event.date.chronologyKey
            if let previous, key < previous { inOrder = false; break }
            previous = key
        }
        if inOrder { return events }
        let chronology = events.map { $0.date.chronologyKey }
        let order = events.indices.sorted { (chronology[$0], $0) < (chronology[$1], $1) }
        // Events are usually written in order: then the array is shared, not copied event by event.
        return order.elementsEqual(events.indices) ? events : order.map { events[$0] }
    }

    /// This report with `events` (as loaded) in place of its own, when they differ only in what
    /// no index holds: the same events in the same order, with the same actors and roles,
    /// sources and tags, and only titles, texts, places or figures edited. Nil otherwise.
    ///
    /// The preview's rebuild after such an edit (the most common one) then skips building the
    /// indexes, which grows with the report, not with the edit.
    func replacingEvents(_ loaded: [Event]) -> Report? {
        let events = Self.chronological(loaded)
        guard events.count == self.events.count else { return nil }
        for (old, new) in zip(self.events, events) where old !== new {
            guard old.id == new.id, old.date.chronologyKey == new.date.chronologyKey, old.tags == new.tags,
                old.actors.elementsEqual(new.actors, by: { $0.actorID == $1.actorID && $0.role == $1.role }),
                old.sources.elementsEqual(new.sources, by: { $0.isSameCitation(as: $1) })
            else { return nil }
        }
        var report = self
        report.events = events
        return report
    }

    private static func index(_ ids: [String]) -> [String: Int] {
        var result: [String: Int] = [:]
        for (position, id) in ids.enumerated() where result[id] == nil { result[id] = position }
        return result
    }
}
