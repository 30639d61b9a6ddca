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

    static func path(_ actor: Actor) -> String { SitePaths.actor(actor.id) }

    static func make(_ actor: Actor, _ site: RenderContext) -> PageView<ActorPage> {
        let report = site.report
        let links = PageLinks(path: path(actor), site: site)
        let period = { (affiliation: Affiliation) -> String? in
            switch (affiliation.since, affiliation.until) {
            case (nil, nil): return nil
            case (let since?, nil): return "since \(since.formatted)"
            case (nil, let until?): return "until \(until.formatted)"
            case (let since?, let until?): return "\(since.formatted) – \(until.formatted)"
            }
        }
        let outgoing = actor.affiliations.compactMap { affiliation in
            report.actor(affiliation.actorID).map { Relation(text: affiliation.relation, name: $0.name, href: links.actor($0.id), period: period(affiliation)) }
        }
        let incoming = (report.incomingAffiliations[actor.id] ?? []).compactMap { entry in
            report.actor(entry.from).map { Relation(text: entry.affiliation.relation, name: $0.name, href: links.actor($0.id), period: period(entry.affiliation), subject: actor.name) }
        }
        let involvements = report.involvements[actor.id] ?? []
        let roles = Involvement.Role.allCases.compactMap { role -> RoleGroup? in
            // The group's heading names the role, so the cards carry none and are shared by every
            // actor page that lists the event.
            let events = involvements.filter { $0.role == role }.map { links.card($0.event, headingLevel: 4) }
            return events.isEmpty ? nil : RoleGroup(role: role.label, events: events)
        }
        let content = ActorPage(
            name: actor.name, kind: actor.kind.label, description: actor.description,
            aliases: actor.aliases.isEmpty ? nil : actor.aliases.joined(separator: ", "),
            country: actor.country, status: actor.status, profileHTML: links.html(actor.profile),
            affiliations: outgoing, affiliatedFrom: incoming, roles: roles, eventCount: involvements.count,
            topics: (report.actorTopics[actor.id] ?? []).compactMap { id in report.topic(id).map { TopicLink(title: $0.title, href: links.topic($0.id)) } }
        )
        let description = actor.description.map { "\(actor.name): \($0)." } ?? "\(actor.name) in \(report.config.title)."
        let chrome = Chrome(
            links: links, title: actor.name, description: description, section: .actors,
            breadcrumbs: [.init(label: "Actors", href: links.to(SitePaths.actors)), .init(label: actor.name)], ogType: "profile"
        )
        return PageView(chrome: chrome, content: content)
    }
}
