/// The report's lists, for a page of `Content/pages/` that names its own template
/// (`template: talks-dashboard`): its events by type, topic, actor and year, each group with its
/// page, its count, its latest events as cards and all its events as one-line links. A user
/// makes a page of a new kind (a dashboard of a negotiation, a year in review) with a template
/// and no Swift, as Hugo and Zola users do; `check` reads its names against this declaration.
struct ReportLists {
    /// Events that share a type, a topic, an actor or a year.
    struct Group {
        var id: String
        var name: String
        /// Its page (the type's, topic's, actor's, year's), when it has one.
        var href: String?
        /// The type's colour, for a group of a type.
        var colour: String?
        var count: Int
        /// Its `latestLimit` latest events as cards, newest first.
        var latest: [CardValue]
        /// All its events as one-line links, oldest first.
        var events: [CardValue]
    }

    static let latestLimit = 5

    var count: Int
    var latest: [CardValue]
    var types: [Group]
    var topics: [Group]
    var actors: [Group]
    var years: [Group]

    /// What the page reads: every event (its lists show them all), actor and topic.
    static func make(_ links: PageLinks) -> ReportLists {
        links.reads.read([.everyEvent, .everyActor, .everyTopic])
        let report = links.report
        func group(_ id: String, _ name: String, href: String?, colour: String? = nil, _ indices: [Int]) -> Group {
            Group(
                id: id, name: name, href: href, colour: colour, count: indices.count,
                latest: indices.suffix(latestLimit).reversed().map { links.card($0) },
                events: indices.map { links.eventLink($0) })
        }
        var byType: [String: [Int]] = [:], byYear: [Int: [Int]] = [:]
        for (index, event) in report.events.enumerated() {
            byType[event.type, default: []].append(index)
            byYear[event.date.start.year, default: []].append(index)
        }
        let yearPages = Set(TimelineParts.subjects(report).years)
        return ReportLists(
            count: report.events.count,
            latest: report.events.indices.suffix(latestLimit).reversed().map { links.card($0) },
            types: report.config.eventTypes.compactMap { type in
                byType[type.id].map {
                    group(
                        type.id, type.label,
                        href: links.to(ListPaging.path(EventListPage.typeFolder, type.id, page: 1)),
                        colour: type.colour, $0)
                }
            },
            topics: report.topics.map { topic in
                group(topic.id, topic.title, href: links.topic(topic.id), report.topicEvents[topic.id] ?? [])
            },
            actors: report.actors.compactMap { actor in
                report.involvements[actor.id].map { involvements in
                    group(
                        actor.id, actor.name, href: links.actor(actor.id),
                        Array(Set(involvements.map(\.event))).sorted())
                }
            },
            years: byYear.keys.sorted().map { year in
                group(
                    String(year), String(year),
                    href: yearPages.contains(String(year)) ? links.to(SitePaths.timelineYear(year)) : nil,
                    byYear[year] ?? [])
            })
    }
}

extension ReportLists: TemplateModel {
    static let shape = TemplateFieldList<ReportLists>(
        "ReportLists",
        "The report's lists, on a page of `Content/pages/` that names its template (`content.report.*`).",
        [
            .number("count", "How many events the report has.") { $0.count },
            .cards("latest", "Its latest events, newest first (five), as cards.") { $0.latest },
            .list("types", "Its events by type, in `site.yaml`'s order (types with events only).") { $0.types },
            .list("topics", "Its events by topic, topics by title.") { $0.topics },
            .list("actors", "Its events by actor (any role), actors by name (actors in events only).") { $0.actors },
            .list("years", "Its events by the year they began, oldest first.") { $0.years },
        ])
}

extension ReportLists.Group: TemplateModel {
    static let shape = TemplateFieldList<ReportLists.Group>(
        "ReportGroup", "Events that share a type, a topic, an actor or a year.",
        [
            .text("id", "The type's, topic's or actor's id, or the year.") { $0.id },
            .text("name", "Its name: the type's label, the topic's title, the actor's name, the year.") { $0.name },
            .text("href", "Its page, when it has one (a year has one in a report of more than a page of events).") {
                $0.href
            },
            .text("colour", "The type's colour, for a group of a type.") { $0.colour },
            .number("count", "How many events it has.") { $0.count },
            .cards("latest", "Its latest events, newest first (five), as cards.") { $0.latest },
            .eventLinks("events", "All its events, oldest first, as one-line links.") { $0.events },
        ])
}
