/// Which parts of the report (`PageInput`) differ between two builds: the preview renders again
/// the pages that read one of them (`RebuildPlan`).
///
/// Each comparison is of data, not of pages: it knows nothing of what any page shows. Events of
/// files that did not change are the very same objects (the parse cache), so most comparisons
/// are one pointer test; the whole comparison is linear in the size of the report.
struct ReportChanges {
    private(set) var inputs: Set<PageInput> = []

    init(old: Report, new: Report) {
        if old.indexes === new.indexes {
            // The new report is the old one with some events edited in place (`Report.replacingEvents`):
            // the same events in the same order, the same lists, actors, topics, pages and settings.
            for (before, after) in zip(old.events, new.events) where !before.hasSameContent(as: after) {
                inputs.insert(.event(after.id))
            }
            if !inputs.isEmpty { inputs.insert(.everyEvent) }
            return
        }
        if old.config != new.config { inputs.insert(.config) }
        compareEvents(old, new)
        compareActors(old, new)
        compareTopics(old, new)
        comparePages(old, new)
    }

    func contains(_ input: PageInput) -> Bool { inputs.contains(input) }

    private mutating func compareEvents(_ old: Report, _ new: Report) {
        // The usual edit keeps every event where it was: then an index means the same event in
        // both reports, and lists of indexes compare as they are (arrays the report reused are
        // the very same storage), without looking ids up.
        let sameOrder =
            old.events.count == new.events.count
            && zip(old.events, new.events).allSatisfy { $0 === $1 || $0.id == $1.id }
        var anyChanged = !sameOrder
        for (index, event) in new.events.enumerated() {
            let oldIndex = sameOrder ? index : old.eventIndex[event.id]
            guard let oldIndex else {
                inputs.formUnion([.event(event.id), .neighbours(event.id), .eventTopics(event.id)])
                continue
            }
            if !old.events[oldIndex].hasSameContent(as: event) {
                inputs.insert(.event(event.id))
                anyChanged = true
            }
            if !sameOrder, Self.neighbourIDs(old, oldIndex) != Self.neighbourIDs(new, index) {
                inputs.insert(.neighbours(event.id))
            }
            if old.eventTopics[oldIndex] != new.eventTopics[index] { inputs.insert(.eventTopics(event.id)) }
        }
        for event in old.events where !sameOrder && new.eventIndex[event.id] == nil {
            inputs.formUnion([.event(event.id), .neighbours(event.id), .eventTopics(event.id)])
        }
        if anyChanged { inputs.insert(.everyEvent) }
        let sameSources =
            old.sources.count == new.sources.count
            && zip(old.sources, new.sources).allSatisfy { a, b in
                a.source.isSameCitation(as: b.source)
                    && (sameOrder
                        ? a.eventIndexes == b.eventIndexes
                        : a.eventIndexes.map { old.events[$0].id } == b.eventIndexes.map { new.events[$0].id })
            }
        if !sameSources { inputs.insert(.sources) }
        // The lists of events each actor and topic holds, and the stretch of each list around
        // each of its events (what related events are chosen from).
        for id in Set(old.involvements.keys).union(new.involvements.keys) {
            let before = old.involvements[id] ?? [], after = new.involvements[id] ?? []
            let same =
                sameOrder
                ? before.elementsEqual(after) { $0.event == $1.event && $0.role == $1.role }
                : before.map { (old.events[$0.event].id, $0.role) }.elementsEqual(
                    after.map { (new.events[$0.event].id, $0.role) }, by: ==)
            if same { continue }
            inputs.insert(.actorEvents(id))
            for event in compareNeighbourhoods(
                old, old.significantEvents[id] ?? [], new, new.significantEvents[id] ?? [], sameOrder: sameOrder)
            {
                inputs.insert(.actorNeighbourhood(actor: id, event: event))
            }
        }
        for id in Set(old.topicEvents.keys).union(new.topicEvents.keys) {
            let before = old.topicEvents[id] ?? [], after = new.topicEvents[id] ?? []
            if sameOrder ? before == after : before.map({ old.events[$0].id }) == after.map({ new.events[$0].id }) {
                continue
            }
            inputs.insert(.topicEvents(id))
            for event in compareNeighbourhoods(old, before, new, after, sameOrder: sameOrder) {
                inputs.insert(.topicNeighbourhood(topic: id, event: event))
            }
        }
    }

    /// Events of a list (in either build) whose neighbourhood in it differs between the builds.
    private func compareNeighbourhoods(
        _ old: Report, _ before: [Int], _ new: Report, _ after: [Int], sameOrder: Bool
    ) -> [String] {
        if sameOrder ? before == after : before.map({ old.events[$0].id }) == after.map({ new.events[$0].id }) {
            return []
        }
        var changed: [String] = []
        for id in Set(before.map { old.events[$0].id }).union(after.map { new.events[$0].id }) {
            let was = old.eventIndex[id].map { old.neighbourhood(of: $0, in: before).map { old.events[$0].id } } ?? []
            let now = new.eventIndex[id].map { new.neighbourhood(of: $0, in: after).map { new.events[$0].id } } ?? []
            if was != now { changed.append(id) }
        }
        return changed
    }

    private static func neighbourIDs(_ report: Report, _ index: Int) -> (String, String) {
        (
            index > 0 ? report.events[index - 1].id : "",
            index + 1 < report.events.count ? report.events[index + 1].id : ""
        )
    }

    private mutating func compareActors(_ old: Report, _ new: Report) {
        if !old.actors.elementsEqual(new.actors, by: { $0.hasSameContent(as: $1) }) { inputs.insert(.everyActor) }
        for actor in new.actors where !(old.actor(actor.id).map { $0.hasSameContent(as: actor) } ?? false) {
            inputs.insert(.actor(actor.id))
        }
        for actor in old.actors where new.actor(actor.id) == nil { inputs.insert(.actor(actor.id)) }
        for id in Set(old.actorTopics.keys).union(new.actorTopics.keys) where old.actorTopics[id] != new.actorTopics[id]
        {
            inputs.insert(.actorTopics(id))
        }
        for id in Set(old.incomingAffiliations.keys).union(new.incomingAffiliations.keys) {
            let before = (old.incomingAffiliations[id] ?? []).map { ($0.from, $0.affiliation.withoutLocation) }
            let after = (new.incomingAffiliations[id] ?? []).map { ($0.from, $0.affiliation.withoutLocation) }
            if !before.elementsEqual(after, by: ==) { inputs.insert(.affiliationsTo(id)) }
        }
    }

    private mutating func compareTopics(_ old: Report, _ new: Report) {
        if !old.topics.elementsEqual(new.topics, by: { $0.hasSameContent(as: $1) }) { inputs.insert(.everyTopic) }
        for topic in new.topics where !(old.topic(topic.id).map { $0.hasSameContent(as: topic) } ?? false) {
            inputs.insert(.topic(topic.id))
        }
        for topic in old.topics where new.topic(topic.id) == nil { inputs.insert(.topic(topic.id)) }
    }

    private mutating func comparePages(_ old: Report, _ new: Report) {
        if !old.pages.elementsEqual(new.pages, by: { $0.hasSameContent(as: $1) }) { inputs.insert(.everyPage) }
        for page in new.pages where !(old.page(page.id).map { $0.hasSameContent(as: page) } ?? false) {
            inputs.insert(.page(page.id))
        }
        for page in old.pages where new.page(page.id) == nil { inputs.insert(.page(page.id)) }
    }
}

// What pages show of actors, topics and pages: everything but where in its file each was read.

extension Affiliation {
    var withoutLocation: [String] { [actorID, relation, since?.description ?? "", until?.description ?? ""] }
}

extension Actor {
    func hasSameContent(as other: Actor) -> Bool {
        id == other.id && name == other.name && kind == other.kind && aliases == other.aliases
            && country == other.country
            && description == other.description && status == other.status && profile.text == other.profile.text
            && affiliations.map(\.withoutLocation) == other.affiliations.map(\.withoutLocation)
            && extra == other.extra
    }
}

extension Topic {
    func hasSameContent(as other: Topic) -> Bool {
        id == other.id && title == other.title && summary == other.summary && eventIDs == other.eventIDs
            && tags == other.tags && extra == other.extra
            && narrative.text == other.narrative.text
            && quotes.elementsEqual(other.quotes) { a, b in
                a.text == b.text && a.attribution == b.attribution && a.actorID == b.actorID && a.date == b.date
                    && (a.source.map { s in b.source.map { s.isSameCitation(as: $0) } ?? false } ?? (b.source == nil))
            }
    }
}

extension Page {
    func hasSameContent(as other: Page) -> Bool {
        id == other.id && title == other.title && description == other.description && order == other.order
            && body.text == other.body.text && template == other.template
    }
}

extension Event {
    /// Equal in everything the event says: its download record (`DataExport.Record`), which holds
    /// every field and no position in the file (positions shift when an earlier event is edited).
    /// A field added to the downloads is compared without being named here.
    func hasSameContent(as other: Event) -> Bool {
        // Events of files that did not change are the very same objects (the parse cache).
        self === other || DataExport.Record(self) == DataExport.Record(other)
    }
}
