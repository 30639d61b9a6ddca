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

    static let path = SitePaths.actors

    static func make(_ site: RenderContext) -> PageView<ActorIndexPage> {
        let report = site.report
        let links = PageLinks(path: path, site: site)
        let groups = Actor.Kind.allCases.compactMap { kind -> Group? in
            let rows = report.actors.filter { $0.kind == kind }.map { actor in
                Row(name: actor.name, href: links.actor(actor.id), description: actor.description, status: actor.status,
                    eventCount: report.involvements[actor.id]?.count ?? 0, eventsText: Counted.text(report.involvements[actor.id]?.count ?? 0, "event"))
            }
            return rows.isEmpty ? nil : Group(label: kind.plural, anchor: kind.rawValue, actors: rows)
        }
        let chrome = Chrome(links: links, title: "Actors", description: "The people, groups, states and forces in \(report.config.title).",
                            section: .actors, breadcrumbs: [.init(label: "Actors")])
        return PageView(chrome: chrome, content: ActorIndexPage(groups: groups, count: report.actors.count))
    }
}
