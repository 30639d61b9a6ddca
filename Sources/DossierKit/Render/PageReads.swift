/// One part of the report a page can show, named so that two builds can be compared
/// (`ReportChanges`): a page whose reads all compare equal renders to the same bytes.
///
/// The parts are as small as what pages show of them, so that an edit renders few pages: an
/// event page reads the ids of its neighbours, not the whole chronology; its related events
/// read only the stretch of each actor's list around it (`Report.neighbourhood`).
enum PageInput: Hashable, Sendable {
    /// `site.yaml`: titles, types and colours, confidence grades, base URL.
    case config
    /// Everything an event says (as `Event.hasSameContent` compares it).
    case event(String)
    /// Which events come just before and after an event in the chronology.
    case neighbours(String)
    /// An actor's profile.
    case actor(String)
    /// The events an actor takes part in, in order, with its role in each.
    case actorEvents(String)
    /// The events near one event in an actor's list of significant events (`Report.neighbourhood`).
    case actorNeighbourhood(actor: String, event: String)
    /// The topics an actor appears in.
    case actorTopics(String)
    /// The affiliations other actors declare with an actor.
    case affiliationsTo(String)
    /// A topic's own file: title, summary, narrative, quotes.
    case topic(String)
    /// The events of a topic, in order.
    case topicEvents(String)
    /// The events near one event in a topic's list.
    case topicNeighbourhood(topic: String, event: String)
    /// The topics an event belongs to.
    case eventTopics(String)
    /// A plain page.
    case page(String)
    /// Every event: any added, removed, edited or moved.
    case everyEvent
    /// Which actors, topics and pages there are, in order, and what each says.
    case everyActor, everyTopic, everyPage
    /// The index of cited sources.
    case sources
}

/// What one page (or one cached card) read while it was made. A view model calls `read` next to
/// each use of the report; the preview keeps each page's reads and, after an edit, renders again
/// exactly the pages that read something the edit changed (`RebuildPlan`).
final class PageReads {
    private(set) var inputs: Set<PageInput> = []
    /// Off for `build` and `check`, which render every page once and never plan a rebuild.
    let isRecording: Bool
    /// For tests: a kind of read to forget, to show the incremental test notices.
    let forgetting: (@Sendable (PageInput) -> Bool)?

    init(recording: Bool = true, forgetting: (@Sendable (PageInput) -> Bool)? = nil) {
        isRecording = recording
        self.forgetting = forgetting
    }

    /// A recorder of the same kind, for a cached part of the page (a card) that keeps its own reads.
    func fresh() -> PageReads { PageReads(recording: isRecording, forgetting: forgetting) }

    func read(_ input: PageInput) {
        guard isRecording else { return }
        if let forgetting, forgetting(input) { return }
        inputs.insert(input)
    }

    func read(_ inputs: some Sequence<PageInput>) {
        for input in inputs { read(input) }
    }
}
