/// Which pages an edit of event files touches, for the preview's incremental rebuilds.
///
/// A page is rendered again when it shows a changed event, or when what it shows of other
/// events changed: an event page's previous/next, related events and topics; an actor page
/// whose actor takes part in a changed event; a topic page whose thread changed. The lists
/// that show every event (home, timeline, indexes, sources) always are. Everything else is
/// kept from the previous build. `IncrementalRebuildTests` checks that the result is the same,
/// byte for byte, as building everything.
struct RebuildPlan {
    /// Ids of events added, removed or changed.
    let changedEvents: Set<String>
    /// Paths of the pages to render again.
    let pages: Set<String>

    init(old: Report, new: Report) {
        var changed = Set<String>()
        for event in new.events where !(old.event(event.id).map { $0.hasSameContent(as: event) } ?? false) { changed.insert(event.id) }
        for event in old.events where new.event(event.id) == nil { changed.insert(event.id) }
        changedEvents = changed

        var pages: Set<String> = [SitePaths.home, SitePaths.timeline, SitePaths.actors, SitePaths.topics, SitePaths.sources]
        for index in Self.candidates(old: old, new: new, changed: changed) {
            let event = new.events[index]
            if changed.contains(event.id) || Self.surroundings(of: event.id, in: new, at: index) != old.eventIndex[event.id].map({ Self.surroundings(of: event.id, in: old, at: $0) }) {
                pages.insert(SitePaths.event(event.id))
            }
        }
        for id in changed {
            for report in [old, new] {
                for involvement in report.event(id)?.actors ?? [] { pages.insert(SitePaths.actor(involvement.actorID)) }
            }
        }
        for topic in new.topics {
            let before = old.topicEvents[topic.id].map { $0.map { old.events[$0].id } } ?? []
            let after = (new.topicEvents[topic.id] ?? []).map { new.events[$0].id }
            if before != after || after.contains(where: changed.contains) { pages.insert(SitePaths.topic(topic.id)) }
        }
        self.pages = pages
    }

    /// The events whose pages may show a changed event (indexes into `new`).
    ///
    /// When the order of events is the same as before (an edit that keeps the date), only
    /// events that can show a changed one need comparing: its neighbours in time, and events
    /// near it in the lists of its actors and topics, the lists related events are taken from.
    /// Otherwise every event is compared.
    private static func candidates(old: Report, new: Report, changed: Set<String>) -> [Int] {
        guard old.events.count == new.events.count, zip(old.events, new.events).allSatisfy({ $0.id == $1.id }) else {
            return Array(new.events.indices)
        }
        var candidates = Set<Int>()
        let reach = EventPage.relatedLimit + 1
        for id in changed {
            guard let index = new.eventIndex[id] else { continue }
            candidates.formUnion(max(0, index - 1)...min(new.events.count - 1, index + 1))
            for report in [old, new] {
                var lists = report.events[index].actors.map { report.significantEvents[$0.actorID] ?? [] }
                lists += (report.eventTopics[index] ?? []).map { report.topicEvents[$0] ?? [] }
                for list in lists {
                    guard let position = list.firstIndex(of: index) else { continue }
                    candidates.formUnion(list[max(0, position - reach)..<min(list.count, position + reach + 1)])
                }
            }
        }
        return candidates.sorted()
    }

    /// What an event's page shows of other events: previous, next, related and topics.
    private static func surroundings(of id: String, in report: Report, at index: Int) -> [String] {
        func describe(_ other: Int) -> String {
            let event = report.events[other]
            return "\(event.id)|\(event.title)|\(event.date.formatted)|\(event.type)"
        }
        var parts: [String] = []
        parts.append(index > 0 ? describe(index - 1) : "-")
        parts.append(index + 1 < report.events.count ? describe(index + 1) : "-")
        parts += EventPage.relatedEvents(index, report).map(describe)
        parts += (report.eventTopics[index] ?? []).map { "topic:\($0)" }
        return parts
    }
}

extension Event {
    /// Equal in everything a page shows; positions in the file (which shift when an earlier
    /// event is edited) do not count.
    func hasSameContent(as other: Event) -> Bool {
        // Events of files that did not change are the very same objects (the parse cache).
        if self === other { return true }
        return id == other.id && date == other.date && title == other.title && type == other.type && location == other.location
            && actors.elementsEqual(other.actors) { $0.actorID == $1.actorID && $0.role == $1.role }
            && casualties == other.casualties && summary?.text == other.summary?.text && body?.text == other.body?.text
            && sources.elementsEqual(other.sources) { $0.isSameCitation(as: $1) }
            && confidence == other.confidence && tags == other.tags
    }
}
