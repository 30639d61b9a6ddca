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
        for (index, event) in new.events.enumerated() {
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
        id == other.id && date == other.date && title == other.title && type == other.type && location == other.location
            && actors.map { "\($0.actorID)|\($0.role)" } == other.actors.map { "\($0.actorID)|\($0.role)" }
            && casualties == other.casualties && summary?.text == other.summary?.text && body?.text == other.body?.text
            && sources.map { "\($0.identity)|\($0.quote ?? "")|\($0.date?.iso ?? "")|\($0.author ?? "")|\($0.via ?? "")" }
                == other.sources.map { "\($0.identity)|\($0.quote ?? "")|\($0.date?.iso ?? "")|\($0.author ?? "")|\($0.via ?? "")" }
            && confidence == other.confidence && tags == other.tags
    }
}
