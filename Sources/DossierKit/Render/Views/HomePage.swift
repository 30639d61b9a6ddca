/// The front page: what the report is, its key figures, the latest events and ways in.
struct HomePage {
    struct Figure {
        var value: String
        var label: String
    }

    struct TopicEntry {
        var title: String
        var href: String
        var summary: String
        var eventCount: Int
        var eventsText: String
    }

    var title: String
    var lede: String
    var figures: [Figure]
    var latest: [CardValue]
    var topics: [TopicEntry]
    var timelineHref: String
    var actorsHref: String
    var sourcesHref: String
    var period: String?

    static let path = SitePaths.home

    static func make(_ site: RenderContext) -> PageView<HomePage> {
        let report = site.report
        let links = PageLinks(path: path, site: site)
        let events = report.events
        // Figures are bounded when loaded; the sum saturates all the same, so no input can trap it.
        let killedMinimum = events.lazy.flatMap(\.casualties).filter { $0.kind == .killed }.compactMap { $0.minimum ?? $0.maximum }
            .reduce(0) { sum, figure in
                let (total, overflow) = sum.addingReportingOverflow(figure)
                return overflow ? Int.max : total
            }
        var figures = [
            Figure(value: String(events.count), label: events.count == 1 ? "event" : "events"),
            Figure(value: String(report.actors.count), label: report.actors.count == 1 ? "actor" : "actors"),
            Figure(value: String(report.sources.count), label: report.sources.count == 1 ? "source cited" : "sources cited"),
        ]
        if killedMinimum > 0 {
            figures.append(Figure(value: "\(killedMinimum)+", label: "people killed in recorded events (sum of lowest reported figures)"))
        }
        let content = HomePage(
            title: report.config.title,
            lede: report.config.description,
            figures: figures,
            latest: events.indices.suffix(report.config.homeLatestCount).reversed().map { links.card($0) },
            topics: report.topics.map { topic in
                TopicEntry(title: topic.title, href: links.topic(topic.id), summary: topic.summary ?? "", eventCount: report.topicEvents[topic.id]?.count ?? 0, eventsText: Counted.text(report.topicEvents[topic.id]?.count ?? 0, "event"))
            },
            timelineHref: links.to(SitePaths.timeline),
            actorsHref: links.to(SitePaths.actors),
            sourcesHref: links.to(SitePaths.sources),
            period: report.dateSpan(of: events.indices)
        )
        return PageView(chrome: Chrome(links: links, title: report.config.title, description: report.config.description, section: .home), content: content)
    }
}
