/// All actors, grouped by kind.
struct ActorIndexPage {
    struct Group {
        var label: String
        var anchor: String
        var actors: [Row]
    }

    struct Row {
        var name: String
        var href: String
        var description: String?
        var status: String?
        var eventCount: Int
        var eventsText: String
    }

    var groups: [Group]
    var count: Int
    /// "The 16 people, groups, states and forces in this report." (`actors.lede`).
    var ledeText = ""

    static let kind = PageKind(
        name: "actors", folder: "actors", navigationLabel: "Actors", fields: shape.shape,
        path: { _ in SitePaths.actors }, view: { _, links in make(links) }
    )

    static func make(_ links: PageLinks) -> PageView<ActorIndexPage> {
        let report = links.report
        links.reads.read(.everyActor)
        let groups = Actor.Kind.allCases.compactMap { kind -> Group? in
            let rows = report.actors.filter { $0.kind == kind }.map { actor in
                links.reads.read(.actorEvents(actor.id))
                return Row(
                    name: actor.name, href: links.actor(actor.id), description: actor.description, status: actor.status,
                    eventCount: report.involvements[actor.id]?.count ?? 0,
                    eventsText: links.text.count("events", report.involvements[actor.id]?.count ?? 0))
            }
            return rows.isEmpty
                ? nil : Group(label: links.text.kind(kind, plural: true), anchor: kind.rawValue, actors: rows)
        }
        let title = links.text("page.actors")
        let chrome = Chrome(
            links: links, title: title, description: links.text("description.actors", ["site": report.config.title]),
            breadcrumbs: [.init(label: title)])
        return PageView(
            chrome: chrome,
            content: ActorIndexPage(
                groups: groups, count: report.actors.count,
                ledeText: links.text("actors.lede", ["count": links.text.number(report.actors.count)])))
    }
}

extension ActorIndexPage: TemplateModel {
    static let shape = TemplateFieldList<ActorIndexPage>(
        "ActorIndexPage", "All actors, grouped by kind (`actors.mustache`, as `content.*`).",
        [
            .text("ledeText", "The lede, with the number of actors (`actors.lede`).") { $0.ledeText },
            .list("groups", "One group per kind of actor.") { $0.groups },
            .number("count", "How many actors there are.") { $0.count },
        ])
}

extension ActorIndexPage.Group: TemplateModel {
    static let shape = TemplateFieldList<ActorIndexPage.Group>(
        "ActorGroup", "The actors of one kind.",
        [
            .text("label", "The kind, in the plural, e.g. \"Armed groups\".") { $0.label },
            .text("anchor", "Its anchor on the page.") { $0.anchor },
            .list("actors", "The actors, by name.") { $0.actors },
        ])
}

extension ActorIndexPage.Row: TemplateModel {
    static let shape = TemplateFieldList<ActorIndexPage.Row>(
        "ActorRow", "An actor in the list of actors.",
        [
            .text("name", "The actor's name.") { $0.name },
            .text("href", "Link to its page.") { $0.href },
            .text("description", "Its one-line description.") { $0.description },
            .text("status", "Its status, e.g. \"killed January 2020\".") { $0.status },
            .number("eventCount", "How many events it takes part in.") { $0.eventCount },
            .text("eventsText", "The count in words.") { $0.eventsText },
        ])
}
