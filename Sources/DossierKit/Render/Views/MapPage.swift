/// Every located event of the report on one map, with a legend that shows and hides each type
/// (checkboxes and CSS: no script needed) and the list of places where events are grouped; and
/// a closer map of each country whose events are at several places (`map/iraq/`), where the
/// world view has to group them: plain pages, drawn at build time, that work without JavaScript.
struct MapPage {
    struct CloserMap: Sendable {
        var name: String
        var href: String
        var countText: String
    }

    var title: String
    var map: MapView?
    /// On a country's map: its name, and the way back to the map of every event.
    var countryName: String?
    /// On a country's closer map: every name its events give the country, as JSON (the zoom shows their events only).
    var countryNames: String?
    var worldMapHref: String?
    /// On the map of every event: the countries' closer maps.
    var closerMaps: [CloserMap]
    var timelineHref: String
    /// What the page's script reads to zoom the map: the filter's index (`data/filter/facets.js`:
    /// each place's point, each event's place, type and country), its words (`map.zoom.*` of
    /// text.yaml, as JSON) and the way to the site root.
    var zoomDataHref: String
    var zoomPointsHref: String
    var zoomWords: String
    var root: String
    var geoJSONHref: String
    /// The stylesheet that hides a type's layer while its box in the legend is unchecked
    /// (`map/filter.css`: CSS `:has`, so the filter works without JavaScript).
    var filterStylesheetHref: String
    /// The lede, a sentence with links (`map.lede`, or `map.lede.country` on a closer map).
    var ledeHTML = ""

    static let kind = PageKind(
        name: "map", folder: "map", navigationLabel: "Map", previewDeferral: .afterContentEdits, fields: shape.shape,
        path: { _ in SitePaths.map }, view: { _, links in make(links) }
    )

    static let countryKind = PageKind(
        name: "country-map", template: "map", section: "map", previewDeferral: .afterContentEdits, fields: shape.shape,
        subjects: { contents in closerMaps(contents).map(\.slug) }, path: { SitePaths.countryMap($0) },
        view: { subject, links in makeCountry(subject, links) }
    )

    static func make(_ links: PageLinks) -> PageView<MapPage> {
        let report = links.report, text = links.text
        links.reads.read(.everyEvent)
        let title = text("page.map")
        let map = MapView.make(
            Array(report.events.indices), links: links, id: mapID, size: .page,
            title: text("map.title", ["subject": report.config.title]),
            readEach: false, eventsPerPlace: MapView.listedEventLimit, placesDataHref: links.to(MapPlacesData.path),
            byType: true)
        var content = MapPage(title: title, map: map, links)
        content.ledeHTML = text.html("map.lede", links: ["geojson": content.geoJSONHref])
        content.closerMaps = links.site.groups.closerMaps.map { country in
            CloserMap(
                name: CountryNames.name(
                    of: country.name, in: report.config.language, geography: links.site.templates.geography),
                href: links.to(SitePaths.countryMap(country.slug)),
                countText: text.count("events", country.count))
        }
        let chrome = Chrome(
            links: links, title: title, description: text("description.map", ["site": report.config.title]),
            breadcrumbs: [.init(label: title)])
        return PageView(chrome: chrome, content: content)
    }

    /// The closer map of one country: its events only, in a window as close as they allow
    /// (`EventMap.Size.country`), so places the world view groups are drawn apart.
    static func makeCountry(_ slug: String, _ links: PageLinks) -> PageView<MapPage> {
        let report = links.report, text = links.text
        links.reads.read(.everyEvent)
        let group = links.site.groups.countries.first { $0.slug == slug }
        // As the map writes it (العراق on an Arabic map).
        let name = CountryNames.name(
            of: group?.name ?? slug, in: report.config.language, geography: links.site.templates.geography)
        let events = links.site.groups.byCountry[slug] ?? []
        let mapTitle = text("page.map")
        let title = text("map.title", ["subject": name])
        let map = MapView.make(
            events, links: links, id: mapID, size: .country, title: title, readEach: false,
            eventsPerPlace: MapView.listedEventLimit,
            placesDataHref: links.to(MapPlacesData.path(country: slug)), byType: true)
        let chrome = Chrome(
            links: links, title: title,
            description: text("description.countryMap", ["country": name, "site": report.config.title]),
            breadcrumbs: [.init(label: mapTitle, href: links.to(SitePaths.map)), .init(label: name)])
        var content = MapPage(title: title, map: map, links)
        content.countryName = name
        content.countryNames = ScriptData.strings((group?.names ?? [name]).sorted())
        content.worldMapHref = links.to(SitePaths.map)
        content.ledeHTML = text.html(
            "map.lede.country", ["country": name],
            links: ["world": links.to(SitePaths.map), "geojson": content.geoJSONHref])
        return PageView(chrome: chrome, content: content)
    }

    /// A map page's fields that every map page has alike: its links and the zoom's data and words.
    private init(title: String, map: MapView?, _ links: PageLinks) {
        self.title = title
        self.map = map
        closerMaps = []
        timelineHref = links.to(SitePaths.timeline)
        zoomDataHref = links.to(FilterIndex.facetsPath)
        zoomPointsHref = links.to(FilterIndex.pointsPath)
        zoomWords = links.text.json(prefix: "map.zoom.")
        root = links.root
        geoJSONHref = links.to(SitePaths.eventsGeoJSON)
        filterStylesheetHref = links.to(Self.filterStylesheetPath)
    }

    /// The countries that get a closer map: those whose located events are at two places or
    /// more, when the report's located events are in more than one country (with one, the map
    /// of every event is already that country's). By their country page's id, named and counted
    /// as there (every event naming the country, located or not).
    static func closerMaps(_ contents: any SiteContents) -> [(slug: String, name: String, count: Int)] {
        var places: [String: Set<String>] = [:]
        for event in contents.events {
            guard let location = event.location, let point = location.point, let country = location.country,
                !country.isEmpty
            else { continue }
            places[ListPaging.slug(country), default: []].insert(
                location.name ?? "\(point.latitude),\(point.longitude)")
        }
        guard places.count > 1 else { return [] }
        return EventListPage.countryGroups(contents.events.map { $0.location?.country })
            .filter { (places[$0.slug]?.count ?? 0) > 1 }
            .map { ($0.slug, $0.name, $0.count) }
    }
}

extension MapPage {
    static let filterStylesheetPath = "map/filter.css"
    /// The map's element id (its places' ids start with it, here and in `MapPlacesData`).
    static let mapID = "map"

    /// While a legend box is unchecked the places (every type at once) give way to the layers of
    /// each type, and the unchecked type's layer is hidden: one rule per event type. Type ids
    /// are identifiers (checked when site.yaml is read), safe inside CSS strings.
    static func filterStylesheet(_ config: SiteConfig) -> OutputFile {
        let rules =
            [
                ".map-page:has(.map-filter input:not(:checked)) .map-all { display: none; }\n",
                ".map-page:has(.map-filter input:not(:checked)) .map-layer { display: inline; }\n",
            ]
            + config.eventTypes.map { type in
                ".map-page:has(input[data-map-type=\"\(type.id)\"]:not(:checked)) .map-layer[data-type=\"\(type.id)\"] { display: none; }\n"
            }
        return OutputFile(
            path: filterStylesheetPath,
            text: "/* Written by Dossier from site.yaml's event types: the map page's legend filter. */\n"
                + rules.joined())
    }
}

extension MapPage: TemplateModel {
    static let shape = TemplateFieldList<MapPage>(
        "MapPage", "The map of every located event (`map.mustache`, as `content.*`).",
        [
            .html("ledeHTML", "The lede, a sentence with links (`map.lede`; `map.lede.country` on a closer map).") {
                $0.ledeHTML
            },
            .text("title", "The page's title.") { $0.title },
            .object("map", "The map; absent when no event has a place a map can show.") { $0.map },
            .text(
                "countryName",
                "On a country's closer map (`map/<country>/`): the country's name; absent on the map of every event."
            ) { $0.countryName },
            .text(
                "countryNames",
                "On a country's closer map: the names its events give the country, as JSON, for `data-countries`."
            ) { $0.countryNames },
            .text("worldMapHref", "On a country's closer map: link to the map of every event.") { $0.worldMapHref },
            .list(
                "closerMaps",
                "On the map of every event: the countries whose events are at several places, each with a closer map."
            ) { $0.closerMaps },
            .text("timelineHref", "Link to the timeline.") { $0.timelineHref },
            .text("zoomDataHref", "The filter's index the page's script zooms the map from (`data-map-zoom`).") {
                $0.zoomDataHref
            },
            .text(
                "zoomPointsHref",
                "Each event's point on the map (`data/filter/points.js`), which the script groups again at each zoom (`data-map-points`)."
            ) { $0.zoomPointsHref },
            .text("zoomWords", "The zoom's words (the `map.zoom.*` texts of text.yaml) as JSON, for `data-words`.") {
                $0.zoomWords
            },
            .text("root", "The way from the page to the site root (`../`), for the script's links.") { $0.root },
            .text("geoJSONHref", "Link to the GeoJSON download of the located events.") { $0.geoJSONHref },
            .text(
                "filterStylesheetHref",
                "Link to the stylesheet that hides a type's markers while its legend box is unchecked."
            ) { $0.filterStylesheetHref },
        ])
}

extension MapPage.CloserMap: TemplateModel {
    static let shape = TemplateFieldList<MapPage.CloserMap>(
        "CloserMap", "A country's closer map, as the map page links to it.",
        [
            .text("name", "The country's name.") { $0.name },
            .text("href", "Link to its map.") { $0.href },
            .text("countText", "How many events name the country (\"12 events\").") { $0.countText },
        ])
}
