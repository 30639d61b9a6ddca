/// A topic: its narrative, its events as one ordered thread, and the key quotes.
struct TopicPage {
    struct QuoteView {
        var text: String
        var attribution: String
        var actorHref: String?
        var date: String?
        var sourceTitle: String?
        var sourcePublisher: String?
        var sourceURL: String?
    }

    var title: String
    var summary: String?
    var narrativeHTML: String
    var quotes: [QuoteView]
    var events: [CardValue]
    var eventCount: Int
    var eventsText: String
    var period: String?

    static func path(_ topic: Topic) -> String { SitePaths.topic(topic.id) }

    static func make(_ topic: Topic, _ site: RenderContext) -> PageView<TopicPage> {
        let report = site.report
        let links = PageLinks(path: path(topic), site: site)
        let indexes = report.topicEvents[topic.id] ?? []
        let content = TopicPage(
            title: topic.title,
            summary: topic.summary,
            narrativeHTML: links.html(topic.narrative),
            quotes: topic.quotes.map { quote in
                QuoteView(text: quote.text, attribution: quote.attribution, actorHref: quote.actorID.map(links.actor), date: quote.date?.formatted,
                          sourceTitle: quote.source?.title, sourcePublisher: quote.source?.publisher, sourceURL: quote.source?.url)
            },
            events: indexes.map { links.card($0) },
            eventCount: indexes.count,
            eventsText: Counted.text(indexes.count, "event"),
            period: report.dateSpan(of: indexes)
        )
        let chrome = Chrome(
            links: links, title: topic.title, description: topic.summary ?? "", section: .topics,
            breadcrumbs: [.init(label: "Topics", href: links.to(SitePaths.topics)), .init(label: topic.title)], ogType: "article"
        )
        return PageView(chrome: chrome, content: content)
    }
}
