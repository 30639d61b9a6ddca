/// The events of one type (`types/strike/`), one country (`countries/iraq/`) or one source
/// cited by more events than its row on the sources index shows (`sources/<id>/`), oldest first,
/// one line each, grouped by year, in pages of at most `lists.per_page` (`ListPaging`): the
/// plain pages a reader without JavaScript reaches from the timeline's filter, each with a link
/// to the same view in the filter (there is no source facet: a source's list has none).
struct EventListPage {
    struct YearGroup {
        var year: String
        var events: [CardValue]
    }

    var title: String
    var lede: String
    var countText: String
    /// "12 events, oldest first." (`list.oldestFirst`).
    var orderText: String = ""
    var years: [YearGroup]
    /// Every page of the list (`current` for this one); empty when it has one page.
    var pages: [Chrome.Link]
    var previous: Chrome.Link?
    var next: Chrome.Link?
    /// The timeline's filter, set to this list.
    var filterHref: String?
    /// A country's closer map, when it has one.
    var mapHref: String? = nil
    var timelineHref: String
    /// The source whose citing events these are.
    var source: EventPage.SourceView?

    static let typeFolder = "types", countryFolder = "countries", sourceFolder = SourcesPage.folder

    static let typeKind = PageKind(
        name: "type", template: "event-list", folder: typeFolder, section: "timeline",
        previewDeferral: .afterContentEdits, fields: shape.shape,
        subjects: { contents in
            var counts: [String: Int] = [:]
            for event in contents.events { counts[event.type, default: 0] += 1 }
            // A type site.yaml names twice still has one page.
            var seen = Set<String>()
            let types = contents.config.eventTypes.filter { seen.insert($0.id).inserted }
            return ListPaging.subjects(
                types.compactMap { type in counts[type.id].map { (type.id, $0) } },
                perPage: contents.config.eventsPerPage)
        },
        path: { ListPaging.path(typeFolder, subject: $0) },
        view: { subject, links in makeType(subject, links) }
    )

    static let countryKind = PageKind(
        name: "country", template: "event-list", folder: countryFolder, section: "timeline",
        previewDeferral: .afterContentEdits, fields: shape.shape,
        subjects: { contents in
            let countries = countryGroups(contents.events.map { $0.location?.country })
            return ListPaging.subjects(countries.map { ($0.slug, $0.count) }, perPage: contents.config.eventsPerPage)
        },
        path: { ListPaging.path(countryFolder, subject: $0) },
        view: { subject, links in makeCountry(subject, links) }
    )

    static let sourceKind = PageKind(
        name: "source", template: "event-list", folder: sourceFolder, section: "sources",
        previewDeferral: .afterContentEdits, fields: shape.shape,
        subjects: { contents in
            let listed = contents.citedSources.filter { $0.eventIndexes.count > SourcesPage.eventsPerRow }
            return ListPaging.subjects(
                listed.map { ($0.id, $0.eventIndexes.count) }, perPage: contents.config.eventsPerPage)
        },
        path: { ListPaging.path(sourceFolder, subject: $0) },
        view: { subject, links in makeSource(subject, links) }
    )

    /// The countries events name, by their page's id, with how many events each has and the name
    /// most of them give (names that differ only in case or punctuation share a page).
    static func countryGroups(
        _ perName: [String: Int]
    ) -> [(slug: String, name: String, count: Int, names: Set<String>)] {
        var groups: [String: [String: Int]] = [:]
        for (name, count) in perName { groups[ListPaging.slug(name), default: [:]][name] = count }
        return groups.keys.sorted().map { slug in
            let names = groups[slug]!
            let name = names.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? slug
            return (slug, name, names.values.reduce(0, +), Set(names.keys))
        }
    }

    /// `countryGroups` from every event's country.
    static func countryGroups(_ countries: [String?]) -> [(slug: String, name: String, count: Int, names: Set<String>)]
    {
        var perName: [String: Int] = [:]
        for case let name? in countries where !name.isEmpty { perName[name, default: 0] += 1 }
        return countryGroups(perName)
    }

    static func makeType(_ subject: String, _ links: PageLinks) -> PageView<EventListPage> {
        let (id, page) = ListPaging.parse(subject)
        let report = links.report
        let type = report.config.eventType(id)
        let label = type?.label ?? id
        let events = links.site.groups.byType[id] ?? []
        return make(
            events, page: page, folder: typeFolder, id: id, title: label, lede: type?.description ?? "",
            filter: "type=" + id, links)
    }

    static func makeCountry(_ subject: String, _ links: PageLinks) -> PageView<EventListPage> {
        let (slug, page) = ListPaging.parse(subject)
        let groups = links.site.groups
        let name = groups.countries.first { $0.slug == slug }?.name ?? slug
        let events = groups.byCountry[slug] ?? []
        let filter = "country=" + (name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name)
        var view = make(
            events, page: page, folder: countryFolder, id: slug, title: name, lede: "", filter: filter, links)
        if groups.closerMaps.contains(where: { $0.slug == slug }) {
            view.content.mapHref = links.to(SitePaths.countryMap(slug))
        }
        return view
    }

    static func makeSource(_ subject: String, _ links: PageLinks) -> PageView<EventListPage> {
        let (id, page) = ListPaging.parse(subject)
        links.reads.read(.sources)
        guard let cited = links.site.groups.source(id) else {
            return make([], page: page, folder: sourceFolder, id: id, title: id, lede: "", filter: nil, links)
        }
        let source = links.source(cited.source)
        let name = cited.source.title.map { "\(cited.source.publisher): \($0)" } ?? cited.source.publisher
        return make(
            cited.eventIndexes, page: page, folder: sourceFolder, id: id, title: name, lede: "", filter: nil,
            source: source, links)
    }

    static func make(
        _ events: [Int], page: Int, folder: String, id: String, title: String, lede: String, filter: String?,
        source: EventPage.SourceView? = nil, _ links: PageLinks
    ) -> PageView<EventListPage> {
        let report = links.report, text = links.text
        // Which events a type, a country or a source has depends on every event.
        links.reads.read(.everyEvent)
        let part = ListPaging.Page(page, of: events.count, perPage: report.config.eventsPerPage)
        let shown = part.items(events)
        var years: [YearGroup] = []
        for index in shown {
            let year = String(report.events[index].date.start.year)
            if years.last?.year != year { years.append(YearGroup(year: year, events: [])) }
            years[years.count - 1].events.append(links.eventLink(index))
        }
        let neighbours = part.neighbours { links.to(ListPaging.path(folder, id, page: $0)) }
        let fullTitle = part.title(title, text)
        let parent =
            source == nil ? (text("page.timeline"), SitePaths.timeline) : (text("page.sources"), SitePaths.sources)
        let description = text(
            source == nil ? "description.list" : "description.source",
            ["title": title, "count": text.count("events", events.count), "site": report.config.title])
        let chrome = Chrome(
            links: links, title: fullTitle, description: description,
            breadcrumbs: [.init(label: parent.0, href: links.to(parent.1)), .init(label: fullTitle)])
        var content = EventListPage(
            title: fullTitle, lede: lede, countText: text.count("events", events.count), years: years,
            pages: part.links(folder: folder, id: id, links), previous: neighbours.previous, next: neighbours.next,
            filterHref: filter.map { links.to(SitePaths.timeline) + "?" + $0 },
            timelineHref: links.to(SitePaths.timeline), source: source
        )
        content.orderText = text("list.oldestFirst", ["count": content.countText])
        return PageView(chrome: chrome, content: content)
    }
}

extension EventListPage: TemplateModel {
    static let shape = TemplateFieldList<EventListPage>(
        "EventListPage",
        "The events of one type, one country or one source (`event-list.mustache`, as `content.*`; page kinds `type`, `country` and `source`).",
        [
            .text(
                "title",
                "The type's label, the country's name or the source's publisher and title (with the page's number when the list has several)."
            ) { $0.title },
            .text("lede", "The type's description, if site.yaml gives one.") { $0.lede },
            .text("countText", "How many events the whole list has, in words.") { $0.countText },
            .text("orderText", "The list's count and order in a sentence (\"12 events, oldest first.\").") {
                $0.orderText
            },
            .list("years", "This page's events, by year.") { $0.years },
            .list("pages", "Every page of the list (`current` for this one); empty when it has one.") { $0.pages },
            .object("previous", "The page before, if any.") { $0.previous },
            .object("next", "The page after, if any.") { $0.next },
            .text("filterHref", "The timeline's filter set to this list (`timeline/?type=strike`); none for a source.")
            { $0.filterHref },
            .text("mapHref", "A country's closer map (`map/iraq/`), when it has one.") { $0.mapHref },
            .text("timelineHref", "Link to the timeline.") { $0.timelineHref },
            .object("source", "The source, on a source's list.") { $0.source },
        ])
}

extension EventListPage.YearGroup: TemplateModel {
    static let shape = TemplateFieldList<EventListPage.YearGroup>(
        "ListYear", "A year of a list of events.",
        [
            .text("year", "The year.") { $0.year },
            .eventLinks("events", "One-line links to its events on this page.") { $0.events },
        ])
}
