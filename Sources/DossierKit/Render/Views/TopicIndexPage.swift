/// All topics.
struct TopicIndexPage {
    var topics: [HomePage.TopicEntry]

    static let kind = PageKind(
        name: "topics", folder: "topics", navigationLabel: "Topics", fields: shape.shape,
        path: { _ in SitePaths.topics }, view: { _, links in make(links) }
    )

    static func make(_ links: PageLinks) -> PageView<TopicIndexPage> {
        let report = links.report
        links.reads.read(.everyTopic)
        let topics = report.topics.map { topic in
            links.reads.read(.topicEvents(topic.id))
            return HomePage.TopicEntry(
                title: topic.title, href: links.topic(topic.id), summary: topic.summary ?? "",
                eventCount: report.topicEvents[topic.id]?.count ?? 0,
                eventsText: links.text.count("events", report.topicEvents[topic.id]?.count ?? 0))
        }
        let title = links.text("page.topics")
        let chrome = Chrome(
            links: links, title: title, description: links.text("description.topics", ["site": report.config.title]),
            breadcrumbs: [.init(label: title)])
        return PageView(chrome: chrome, content: TopicIndexPage(topics: topics))
    }
}

extension TopicIndexPage: TemplateModel {
    static let shape = TemplateFieldList<TopicIndexPage>(
        "TopicIndexPage", "All topics (`topics.mustache`, as `content.*`).",
        [
            .list("topics", "The topics, by title.") { $0.topics }
        ])
}
