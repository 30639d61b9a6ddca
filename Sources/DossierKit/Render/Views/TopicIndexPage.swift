/// All topics.
struct TopicIndexPage {
    var topics: [HomePage.TopicEntry]

    static let path = SitePaths.topics

    static func make(_ site: RenderContext) -> PageView<TopicIndexPage> {
        let report = site.report
        let links = PageLinks(path: path, site: site)
        let topics = report.topics.map { topic in
            HomePage.TopicEntry(title: topic.title, href: links.topic(topic.id), summary: topic.summary ?? "", eventCount: report.topicEvents[topic.id]?.count ?? 0, eventsText: Counted.text(report.topicEvents[topic.id]?.count ?? 0, "event"))
        }
        let chrome = Chrome(links: links, title: "Topics", description: "The threads that tie the events of \(report.config.title) together.",
                            section: .topics, breadcrumbs: [.init(label: "Topics")])
        return PageView(chrome: chrome, content: TopicIndexPage(topics: topics))
    }
}
