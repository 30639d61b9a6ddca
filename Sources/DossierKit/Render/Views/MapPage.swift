/// Every located event of the report on one map, with a legend that shows and hides each type
/// (checkboxes and CSS: no script needed) and the list of places where events are grouped.
struct MapPage {
    var title: String
    var map: MapView?
    var timelineHref: String
    var geoJSONHref: String
    /// The stylesheet that hides a type's layer while its box in the legend is unchecked
    /// (`map/filter.css`: CSS `:has`, so the filter works without JavaScript).
    var filterStylesheetHref: String

    static let kind = PageKind(
        name: "map", folder: "map", navigationLabel: "Map", previewDeferral: .afterContentEdits, fields: shape.shape,
        path: { _ in SitePaths.map }, view: { _, links in make(links) }
    )

    static func make(_ links: PageLinks) -> PageView<MapPage> {
        let report = links.report
        links.reads.read(.everyEvent)
        let title = links.text("page.map")
        let map = MapView.make(Array(report.events.indices), links: links, id: mapID, size: .page, title: links.text("map.title", ["subject": report.config.title]),
                              readEach: false, eventsPerPlace: MapView.listedEventLimit, placesDataHref: links.to(MapPlacesData.path), byType: true)
        let chrome = Chrome(links: links, title: title, description: links.text("description.map", ["site": report.config.title]), breadcrumbs: [.init(label: title)])
        let content = MapPage(title: title, map: map, timelineHref: links.to(SitePaths.timeline), geoJSONHref: links.to(SitePaths.eventsGeoJSON),
                              filterStylesheetHref: links.to(filterStylesheetPath))
        return PageView(chrome: chrome, content: content)
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
        let rules = [
            ".map-page:has(.map-filter input:not(:checked)) .map-all { display: none; }\n",
            ".map-page:has(.map-filter input:not(:checked)) .map-layer { display: inline; }\n",
        ] + config.eventTypes.map { type in
            ".map-page:has(input[data-map-type=\"\(type.id)\"]:not(:checked)) .map-layer[data-type=\"\(type.id)\"] { display: none; }\n"
        }
        return OutputFile(path: filterStylesheetPath, text: "/* Written by Dossier from site.yaml's event types: the map page's legend filter. */\n" + rules.joined())
    }
}

extension MapPage: TemplateModel {
    static let shape = TemplateFieldList<MapPage>("MapPage", "The map of every located event (`map.mustache`, as `content.*`).", [
        .text("title", "The page's title.") { $0.title },
        .object("map", "The map; absent when no event has a place a map can show.") { $0.map },
        .text("timelineHref", "Link to the timeline.") { $0.timelineHref },
        .text("geoJSONHref", "Link to the GeoJSON download of the located events.") { $0.geoJSONHref },
        .text("filterStylesheetHref", "Link to the stylesheet that hides a type's markers while its legend box is unchecked.") { $0.filterStylesheetHref },
    ])
}
