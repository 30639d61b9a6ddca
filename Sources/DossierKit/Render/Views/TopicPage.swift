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
    var map: MapView?
    var chart: ChartView?

    static let kind = PageKind(
        name: "topic", folder: "topics", section: TopicIndexPage.kind.name, fields: shape.shape,
        subjects: { $0.topics.map(\.id) }, path: SitePaths.topic,
        view: { id, links in make(links.report.topic(id)!, links) }
    )

    static func make(_ topic: Topic, _ links: PageLinks) -> PageView<TopicPage> {
        let report = links.report
        links.reads.read([.topic(topic.id), .topicEvents(topic.id)])
        let indexes = report.topicEvents[topic.id] ?? []
        let content = TopicPage(
            title: topic.title,
            summary: topic.summary,
            narrativeHTML: links.html(topic.narrative),
            quotes: topic.quotes.map { quote in
                QuoteView(text: quote.text, attribution: quote.attribution, actorHref: quote.actorID.map(links.actor), date: quote.date.map(links.text.date),
                          sourceTitle: quote.source?.title, sourcePublisher: quote.source?.publisher, sourceURL: quote.source?.url)
            },
            events: indexes.map { links.card($0) },
            eventCount: indexes.count,
            eventsText: links.text.count("events", indexes.count),
            period: links.text.span(report.dateSpan(of: indexes)),
            // Markers of several events lead to the page's own thread of them.
            map: MapView.make(indexes, links: links, id: "topic-map", size: .page, title: links.text("map.title", ["subject": topic.title]),
                              groupHref: "#thread-heading"),
            chart: ChartView.make(indexes, links: links, id: "topic-chart", title: links.text("chart.title", ["subject": topic.title]), focus: false)
        )
        let chrome = Chrome(
            links: links, title: topic.title, description: topic.summary ?? "",
            breadcrumbs: [.init(label: links.text("page.topics"), href: links.to(SitePaths.topics)), .init(label: topic.title)], ogType: "article"
        )
        return PageView(chrome: chrome, content: content)
    }
}

extension TopicPage: TemplateModel {
    static let shape = TemplateFieldList<TopicPage>("TopicPage", "A topic: its narrative, events and key quotes (`topic.mustache`, as `content.*`).", [
        .text("title", "The topic's title.") { $0.title },
        .text("summary", "Its summary.") { $0.summary },
        .html("narrativeHTML", "Its narrative, as HTML.") { $0.narrativeHTML },
        .list("quotes", "Its key quotes.") { $0.quotes },
        .cards("events", "Its events' cards, in order.") { $0.events },
        .number("eventCount", "How many events it holds.") { $0.eventCount },
        .text("eventsText", "The count in words.") { $0.eventsText },
        .text("period", "The span of its events' dates.") { $0.period },
        .object("map", "A map of its events; absent when none has a place a map can show.") { $0.map },
        .object("chart", "Its events over time.") { $0.chart },
    ])
}

extension TopicPage.QuoteView: TemplateModel {
    static let shape = TemplateFieldList<TopicPage.QuoteView>("QuoteView", "A key quote of a topic.", [
        .text("text", "The words quoted.") { $0.text },
        .text("attribution", "Who said them.") { $0.attribution },
        .text("actorHref", "Link to the speaker's actor page, when known.") { $0.actorHref },
        .text("date", "When, in words.") { $0.date },
        .text("sourceTitle", "The source's title.") { $0.sourceTitle },
        .text("sourcePublisher", "The source's publisher.") { $0.sourcePublisher },
        .text("sourceURL", "The source's address.") { $0.sourceURL },
    ])
}
