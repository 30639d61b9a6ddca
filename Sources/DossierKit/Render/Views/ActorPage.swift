/// One actor: profile, affiliations both ways, events by role, topics.
struct ActorPage {
    struct Relation {
        var text: String
        var name: String
        var href: String
        var period: String?
        /// For links from other actors: this actor's name, to read "Qaani, successor of Soleimani".
        var subject: String = ""
    }

    struct RoleGroup {
        var role: String
        var events: [CardValue]
        /// The group's heading: "As perpetrator" (`actor.roleHeading`).
        var heading = ""
    }

    struct TopicLink {
        var title: String
        var href: String
    }

    var name: String
    var kind: String
    var description: String?
    var aliases: String?
    var country: String?
    var status: String?
    var profileHTML: String
    var affiliations: [Relation]
    var affiliatedFrom: [Relation]
    var roles: [RoleGroup]
    var eventCount: Int
    var topics: [TopicLink]
    var map: MapView?
    var chart: ChartView?
    /// The timeline's filter set to this actor.
    var filterHref: String
    /// The words of the link to the timeline filtered to the actor (`actor.filterLink`).
    var filterText: String = ""
    /// Every page of its list of events (`current` for this one); empty when it has one.
    var pages: [Chrome.Link]
    /// Whether this is the profile's first page (the one search indexes, with the map and chart).
    var isFirstPage: Bool
    /// The author's free-form values (`extra:` in the actor's front matter).
    var extra: ExtraValue.Fields = [:]

    static let kind = PageKind(
        name: "actor", folder: "actors", section: ActorIndexPage.kind.name, fields: shape.shape,
        subjects: { contents in ListPaging.subjects(eventCounts(contents), perPage: contents.config.eventsPerPage) },
        path: { ListPaging.path("actors", subject: $0) },
        view: { subject, links in
            let (id, page) = ListPaging.parse(subject)
            return make(links.report.actor(id)!, page: page, links)
        }
    )

    /// How many events name each actor, from content as loaded (as `Report.involvements` counts:
    /// an event once, however many times it names the actor).
    static func eventCounts(_ contents: any SiteContents) -> [(id: String, count: Int)] {
        if let report = contents as? Report {
            return report.actors.map { ($0.id, report.involvements[$0.id]?.count ?? 0) }
        }
        var counts: [String: Int] = [:]
        for event in contents.events {
            for id in Set(event.actors.map(\.actorID)) { counts[id, default: 0] += 1 }
        }
        return contents.actors.map { ($0.id, counts[$0.id] ?? 0) }
    }

    static func make(_ actor: Actor, page: Int = 1, _ links: PageLinks) -> PageView<ActorPage> {
        let report = links.report
        links.reads.read([.actor(actor.id), .actorEvents(actor.id), .affiliationsTo(actor.id), .actorTopics(actor.id)])
        let period = { (affiliation: Affiliation) -> String? in
            switch (affiliation.since, affiliation.until) {
            case (nil, nil): return nil
            case (let since?, nil): return links.text("affiliation.since", ["date": links.text.date(since)])
            case (nil, let until?): return links.text("affiliation.until", ["date": links.text.date(until)])
            case (let since?, let until?):
                return links.text(
                    "affiliation.between", ["since": links.text.date(since), "until": links.text.date(until)])
            }
        }
        let outgoing = actor.affiliations.compactMap { affiliation in
            links.reads.read(.actor(affiliation.actorID))
            return report.actor(affiliation.actorID).map {
                Relation(
                    text: affiliation.relation, name: $0.name, href: links.actor($0.id), period: period(affiliation))
            }
        }
        let incoming = (report.incomingAffiliations[actor.id] ?? []).compactMap { entry in
            links.reads.read(.actor(entry.from))
            return report.actor(entry.from).map {
                Relation(
                    text: entry.affiliation.relation, name: $0.name, href: links.actor($0.id),
                    period: period(entry.affiliation), subject: actor.name)
            }
        }
        let involvements = report.involvements[actor.id] ?? []
        // Past `lists.per_page` events the list goes on over numbered pages, in role order.
        let part = ListPaging.Page(page, of: involvements.count, perPage: report.config.eventsPerPage),
            first = part.isFirst
        let ordered = Involvement.Role.allCases.flatMap { role in involvements.filter { $0.role == role } }
        let shown = part.items(ordered)
        let roles = Involvement.Role.allCases.compactMap { role -> RoleGroup? in
            // The group's heading names the role, so the cards carry none and are shared by every
            // actor page that lists the event.
            let events = shown.filter { $0.role == role }.map { links.card($0.event, headingLevel: 4) }
            let words = links.text.role(role)
            return events.isEmpty
                ? nil
                : RoleGroup(role: words, events: events, heading: links.text("actor.roleHeading", ["role": words]))
        }
        let title = part.title(actor.name, links.text)
        let pages = part.links(folder: "actors", id: actor.id, links)
        let eventIndexes = Array(Set(involvements.map(\.event))).sorted()
        let content = ActorPage(
            name: actor.name, kind: links.text.kind(actor.kind), description: actor.description,
            aliases: actor.aliases.isEmpty ? nil : actor.aliases.joined(separator: ", "),
            country: actor.country, status: actor.status, profileHTML: links.html(actor.profile),
            affiliations: outgoing, affiliatedFrom: incoming, roles: roles, eventCount: involvements.count,
            topics: (report.actorTopics[actor.id] ?? []).compactMap { id in
                links.reads.read(.topic(id))
                return report.topic(id).map { TopicLink(title: $0.title, href: links.topic($0.id)) }
            },
            // Markers of several events lead to the page's own list of them.
            map: !first
                ? nil
                : MapView.make(
                    eventIndexes, links: links, id: "actor-map", size: .page,
                    title: links.text("map.title", ["subject": actor.name]),
                    groupHref: "#events-heading"),
            chart: !first
                ? nil
                : ChartView.make(
                    eventIndexes, links: links, id: "actor-chart",
                    title: links.text("chart.title", ["subject": actor.name]),
                    focus: false, binTooltips: false),
            filterHref: links.to(SitePaths.timeline) + "?actor=" + actor.id,
            filterText: links.text("actor.filterLink", ["name": actor.name]),
            pages: pages, isFirstPage: first, extra: actor.extra
        )
        let description =
            actor.description.map { links.text("description.actor", ["name": actor.name, "description": $0]) }
            ?? links.text("description.actorWithout", ["name": actor.name, "site": report.config.title])
        var crumbs: [Chrome.Crumb] = [.init(label: links.text("page.actors"), href: links.to(SitePaths.actors))]
        crumbs +=
            first
            ? [.init(label: actor.name)] : [.init(label: actor.name, href: links.actor(actor.id)), .init(label: title)]
        let chrome = Chrome(
            links: links, title: title, description: description, breadcrumbs: crumbs, ogType: "profile",
            untranslated: first ? links.report.untranslated?.actors[actor.id] : nil)
        return PageView(chrome: chrome, content: content)
    }
}

extension ActorPage: TemplateModel {
    static let shape = TemplateFieldList<ActorPage>(
        "ActorPage", "One actor (`actor.mustache`, as `content.*`).",
        [
            .text("name", "The actor's name.") { $0.name },
            .extra("extra", "The author's values under `extra:` in the actor's front matter (`extra.key`).") {
                $0.extra
            },
            .text("kind", "Its kind, e.g. \"Armed group\".") { $0.kind },
            .text("description", "Its one-line description.") { $0.description },
            .text("aliases", "Other names, comma-separated.") { $0.aliases },
            .text("country", "Its country.") { $0.country },
            .text("status", "Its status.") { $0.status },
            .html("profileHTML", "Its profile, as HTML.") { $0.profileHTML },
            .list("affiliations", "Its affiliations with other actors.") { $0.affiliations },
            .list("affiliatedFrom", "Other actors' affiliations with it.") { $0.affiliatedFrom },
            .list("roles", "Its events, grouped by its role in them.") { $0.roles },
            .number("eventCount", "How many events it takes part in.") { $0.eventCount },
            .list("topics", "The topics it appears in.") { $0.topics },
            .object("map", "A map of its events; absent when none has a place a map can show.") { $0.map },
            .object("chart", "Its events over time.") { $0.chart },
            .text(
                "filterHref",
                "The timeline's filter set to this actor (`timeline/?actor=id`), to combine with other facets."
            ) { $0.filterHref },
            .text("filterText", "The words of that link: \"All events of … in the timeline\".") { $0.filterText },
            .flag(
                "isFirstPage",
                "True on the first page of its events (the one with the map and chart, and the one search indexes)."
            ) { $0.isFirstPage },
            .list(
                "pages",
                "Every page of its events (`current` for this one), past `lists.per_page`; empty when they fit on one. The map and chart are on the first."
            ) { $0.pages },
        ])
}

extension ActorPage.Relation: TemplateModel {
    static let shape = TemplateFieldList<ActorPage.Relation>(
        "Relation", "An affiliation between two actors.",
        [
            .text("text", "The relation, e.g. \"commander of\".") { $0.text },
            .text("name", "The other actor's name.") { $0.name },
            .text("href", "Link to the other actor's page.") { $0.href },
            .text("period", "When, e.g. \"since 2020\".") { $0.period },
            .text("subject", "On links from other actors: this actor's name.") { $0.subject },
        ])
}

extension ActorPage.RoleGroup: TemplateModel {
    static let shape = TemplateFieldList<ActorPage.RoleGroup>(
        "ActorRoleGroup", "An actor's events in one role.",
        [
            .text("role", "The role, in words.") { $0.role },
            .text("heading", "The group's heading: \"As perpetrator\".") { $0.heading },
            .cards("events", "The events' cards.") { $0.events },
        ])
}

extension ActorPage.TopicLink: TemplateModel {
    static let shape = TemplateFieldList<ActorPage.TopicLink>(
        "ActorTopicLink", "A link to a topic.",
        [
            .text("title", "The topic's title.") { $0.title },
            .text("href", "Link to the topic's page.") { $0.href },
        ])
}
