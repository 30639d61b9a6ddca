/// A topic: its narrative, its events as one ordered thread, and the key quotes.
struct TopicPage {
    struct QuoteView {
        var text: String
        /// The words in the page's language, shown beside them (`translation:`).
        var translation: String?
        /// The language of the words as quoted, on a page in another language than the report's.
        var language: String?
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
    /// A thread longer than `lists.per_page` is told over numbered pages (`ListPaging`): the
    /// narrative, quotes, chart and map are on the first; every page lists its part of the thread.
    var isFirstPage: Bool
    var pages: [Chrome.Link]
    /// The number of this page's first event in the whole thread (for `<ol start>`).
    var firstNumber: Int
    /// The author's free-form values (`extra:` in the topic's front matter).
    var extra: ExtraValue.Fields = [:]

    static let kind = PageKind(
        name: "topic", folder: "topics", section: TopicIndexPage.kind.name, previewDeferral: .afterEventEdits,
        fields: shape.shape,
        subjects: { contents in ListPaging.subjects(threadLengths(contents), perPage: contents.config.eventsPerPage) },
        path: { ListPaging.path("topics", subject: $0) },
        view: { subject, links in
            let (id, page) = ListPaging.parse(subject)
            return make(links.report.topic(id)!, page: page, links)
        }
    )

    /// How many events each topic's thread holds, from content as loaded: its `events` that
    /// exist and the events with one of its `tags` (as `Report.topicEvents` counts them).
    static func threadLengths(_ contents: any SiteContents) -> [(id: String, count: Int)] {
        // The linked report knows already (working it out again goes over every event, in every
        // preview rebuild).
        if let report = contents as? Report {
            return report.topics.map { ($0.id, report.topicEvents[$0.id]?.count ?? 0) }
        }
        let ids = Set(contents.events.map(\.id))
        return contents.topics.map { topic in
            var members = Set(topic.eventIDs.filter(ids.contains))
            if !topic.tags.isEmpty {
                let tags = Set(topic.tags)
                for event in contents.events where event.tags.contains(where: tags.contains) {
                    members.insert(event.id)
                }
            }
            return (topic.id, members.count)
        }
    }

    static func make(_ topic: Topic, page: Int = 1, _ links: PageLinks) -> PageView<TopicPage> {
        let report = links.report, text = links.text
        links.reads.read([.topic(topic.id), .topicEvents(topic.id)])
        let indexes = report.topicEvents[topic.id] ?? []
        let part = ListPaging.Page(page, of: indexes.count, perPage: report.config.eventsPerPage)
        let shown = part.items(indexes), first = part.isFirst
        let content = TopicPage(
            title: part.title(topic.title, text),
            summary: topic.summary,
            narrativeHTML: first ? links.html(topic.narrative) : "",
            quotes: !first
                ? []
                : topic.quotes.map { quote in
                    QuoteView(
                        text: quote.text, translation: quote.translation,
                        language: links.report.untranslated?.language, attribution: quote.attribution,
                        actorHref: quote.actorID.map(links.actor),
                        date: quote.date.map(text.date),
                        sourceTitle: quote.source?.title, sourcePublisher: quote.source?.publisher,
                        sourceURL: quote.source?.url)
                },
            events: shown.map { links.card($0) },
            eventCount: indexes.count,
            eventsText: text.count("events", indexes.count),
            // The topic's own period (an era's), else the span of its events.
            period: topic.start.map { text.date(EventDate(start: $0, end: topic.end == $0 ? nil : topic.end)) }
                ?? text.span(report.dateSpan(of: indexes)),
            // Markers of several events lead to the page's own thread of them.
            map: !first
                ? nil
                : MapView.make(
                    indexes, links: links, id: "topic-map", size: .page,
                    title: text("map.title", ["subject": topic.title]),
                    groupHref: "#thread-heading"),
            chart: !first
                ? nil
                : ChartView.make(
                    indexes, links: links, id: "topic-chart", title: text("chart.title", ["subject": topic.title]),
                    focus: false),
            isFirstPage: first,
            pages: part.links(folder: "topics", id: topic.id, links),
            firstNumber: part.firstNumber, extra: topic.extra
        )
        var crumbs: [Chrome.Crumb] = [.init(label: text("page.topics"), href: links.to(SitePaths.topics))]
        crumbs +=
            first
            ? [.init(label: topic.title)]
            : [.init(label: topic.title, href: links.topic(topic.id)), .init(label: content.title)]
        let chrome = Chrome(
            links: links, title: content.title, description: topic.summary ?? "", breadcrumbs: crumbs,
            ogType: "article",
            untranslated: first ? links.report.untranslated?.topics[topic.id] : nil
        )
        return PageView(chrome: chrome, content: content)
    }
}

extension TopicPage: TemplateModel {
    static let shape = TemplateFieldList<TopicPage>(
        "TopicPage", "A topic: its narrative, events and key quotes (`topic.mustache`, as `content.*`).",
        [
            .text("title", "The topic's title.") { $0.title },
            .text("summary", "Its summary.") { $0.summary },
            .extra("extra", "The author's values under `extra:` in the topic's front matter (`extra.key`).") {
                $0.extra
            },
            .html("narrativeHTML", "Its narrative, as HTML.") { $0.narrativeHTML },
            .list("quotes", "Its key quotes.") { $0.quotes },
            .cards("events", "Its events' cards, in order.") { $0.events },
            .number("eventCount", "How many events it holds.") { $0.eventCount },
            .text("eventsText", "The count in words.") { $0.eventsText },
            .text("period", "The period it covers (`start`, `end`), else the span of its events' dates.") { $0.period },
            .object("map", "A map of its events; absent when none has a place a map can show.") { $0.map },
            .object("chart", "Its events over time.") { $0.chart },
            .flag(
                "isFirstPage",
                "True on the thread's first page, the one with the narrative, quotes, chart and map (a thread longer than `lists.per_page` has several)."
            ) { $0.isFirstPage },
            .list("pages", "Every page of the thread (`current` for this one); empty when it has one.") { $0.pages },
            .number("firstNumber", "The number of this page's first event in the whole thread.") { $0.firstNumber },
        ])
}

extension TopicPage.QuoteView: TemplateModel {
    static let shape = TemplateFieldList<TopicPage.QuoteView>(
        "QuoteView", "A key quote of a topic.",
        [
            .text("text", "The words quoted, as the source gave them.") { $0.text },
            .text(
                "translation",
                "The words in the page's language (`translation:` in the topic's file), shown beside them, never instead."
            ) { $0.translation },
            .text(
                "language",
                "On a page in another of the report's languages: the report's own, which the words quoted are taken to be in, for their `lang`."
            ) { $0.language },
            .text("attribution", "Who said them.") { $0.attribution },
            .text("actorHref", "Link to the speaker's actor page, when known.") { $0.actorHref },
            .text("date", "When, in words.") { $0.date },
            .text("sourceTitle", "The source's title.") { $0.sourceTitle },
            .text("sourcePublisher", "The source's publisher.") { $0.sourcePublisher },
            .text("sourceURL", "The source's address.") { $0.sourceURL },
        ])
}
