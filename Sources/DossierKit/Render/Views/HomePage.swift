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
    var map: MapView?
    var mapHref: String
    var chart: ChartView?

    static let kind = PageKind(
        name: "home", navigationLabel: "Home", previewDeferral: .afterContentEdits, fields: shape.shape,
        path: { _ in SitePaths.home }, view: { _, links in make(links) }
    )

    static func make(_ links: PageLinks) -> PageView<HomePage> {
        let report = links.report
        links.reads.read([.everyEvent, .everyActor, .everyTopic, .sources])
        let events = report.events
        // Figures are bounded when loaded; the sum saturates all the same, so no input can trap it.
        let killedMinimum = events.lazy.flatMap(\.casualties).filter { $0.kind == .killed }.compactMap {
            $0.minimum ?? $0.maximum
        }
        .reduce(0) { sum, figure in
            let (total, overflow) = sum.addingReportingOverflow(figure)
            return overflow ? Int.max : total
        }
        var figures = [
            Figure(value: links.text.number(events.count), label: links.text.count("figure.events", events.count)),
            Figure(
                value: links.text.number(report.actors.count),
                label: links.text.count("figure.actors", report.actors.count)),
            Figure(
                value: links.text.number(report.sources.count),
                label: links.text.count("figure.sources", report.sources.count)),
        ]
        if killedMinimum > 0 {
            figures.append(Figure(value: links.text.number(killedMinimum) + "+", label: links.text("figure.killed")))
        }
        let content = HomePage(
            title: report.config.title,
            lede: report.config.description,
            figures: figures,
            latest: events.indices.suffix(report.config.homeLatestCount).reversed().map { links.card($0) },
            topics: report.topics.map { topic in
                links.reads.read(.topicEvents(topic.id))
                return TopicEntry(
                    title: topic.title, href: links.topic(topic.id), summary: topic.summary ?? "",
                    eventCount: report.topicEvents[topic.id]?.count ?? 0,
                    eventsText: links.text.count("events", report.topicEvents[topic.id]?.count ?? 0))
            },
            timelineHref: links.to(SitePaths.timeline),
            actorsHref: links.to(SitePaths.actors),
            sourcesHref: links.to(SitePaths.sources),
            period: links.text.span(report.dateSpan(of: events.indices)),
            map: MapView.make(
                Array(events.indices), links: links, id: "home-map", size: .page,
                title: links.text("map.title", ["subject": report.config.title]),
                readEach: false, groupHref: links.to(SitePaths.map)),
            mapHref: links.to(SitePaths.map),
            chart: ChartView.make(
                Array(events.indices), links: links, id: "home-chart",
                title: links.text("chart.title", ["subject": report.config.title]), focus: true, readEach: false)
        )
        return PageView(
            chrome: Chrome(links: links, title: report.config.title, description: report.config.description),
            content: content)
    }
}

extension HomePage: TemplateModel {
    static let shape = TemplateFieldList<HomePage>(
        "HomePage", "The front page (`home.mustache`, as `content.*`).",
        [
            .text("title", "The report's title.") { $0.title },
            .text("lede", "The report's description.") { $0.lede },
            .object("map", "A map of the report's events; absent when none has a place a map can show.") { $0.map },
            .text("mapHref", "Link to the map page.") { $0.mapHref },
            .object("chart", "Events over time (the busy recent stretch of a report with years of background).") {
                $0.chart
            },
            .list("figures", "Key figures: events, actors, sources, people killed.") { $0.figures },
            .cards("latest", "The latest events' cards, newest first (`home_latest` in site.yaml).") { $0.latest },
            .list("topics", "The topics.") { $0.topics },
            .text("timelineHref", "Link to the timeline.") { $0.timelineHref },
            .text("actorsHref", "Link to the actors.") { $0.actorsHref },
            .text("sourcesHref", "Link to the sources.") { $0.sourcesHref },
            .text("period", "The span of the report's dates, e.g. \"2014 – 18 February 2024\".") { $0.period },
        ])
}

extension HomePage.Figure: TemplateModel {
    static let shape = TemplateFieldList<HomePage.Figure>(
        "Figure", "A key figure.",
        [
            .text("value", "The number.") { $0.value },
            .text("label", "What it counts.") { $0.label },
        ])
}

extension HomePage.TopicEntry: TemplateModel {
    static let shape = TemplateFieldList<HomePage.TopicEntry>(
        "TopicEntry", "A topic in a list of topics.",
        [
            .text("title", "The topic's title.") { $0.title },
            .text("href", "Link to the topic's page.") { $0.href },
            .text("summary", "The topic's summary.") { $0.summary },
            .number("eventCount", "How many events it holds.") { $0.eventCount },
            .text("eventsText", "The count in words, e.g. \"6 events\".") { $0.eventsText },
        ])
}
