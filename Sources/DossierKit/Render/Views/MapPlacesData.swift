import Foundation

/// The events of the map page's places that its list does not name, as a script the page loads
/// only when a reader asks for them (`map/places.js`; a country's closer map has its own,
/// `map/iraq/places.js`).
///
/// The map page names the first 12 events of each place (and none past its 300th place), so it
/// stays small at 50,000 events; this file holds the rest, place by place. It is a script, not
/// JSON, because a page opened from `file://` may load a script but not fetch a file.
enum MapPlacesData {
    static let path = "map/places.js"
    static func path(country slug: String) -> String { "map/\(slug)/places.js" }

    /// Every file: the map page's, and each closer map's.
    static func paths(_ contents: any SiteContents) -> [String] {
        [path] + MapPage.closerMaps(contents).map { path(country: $0.slug) }
    }

    /// The map of these events at this size: the file and its page must group the events alike.
    static func map(_ report: Report, events: [Int], size: EventMap.Size, geography: Geography) -> EventMap? {
        // The page drawing's places only: the phone's drawing is not what this file lists.
        var size = size
        size.hasPhoneDrawing = false
        return EventMap.make(events, report: report, geography: geography, size: size)
    }

    /// The map page's file and each closer map's, made one after another when asked for.
    static func files(
        _ report: Report, geography: Geography, text: DisplayText
    ) -> [(path: String, make: @Sendable () -> OutputFile)] {
        var byCountry: [String: [Int]] = [:]
        let closer = MapPage.closerMaps(report)
        if !closer.isEmpty {
            for (index, event) in report.events.enumerated() {
                if let country = event.location?.country, !country.isEmpty {
                    byCountry[ListPaging.slug(country), default: []].append(index)
                }
            }
        }
        let all: @Sendable () -> OutputFile = {
            file(
                report, events: Array(report.events.indices), size: .page, path: path, geography: geography, text: text)
        }
        return [(path, all)]
            + closer.map { country in
                let events = byCountry[country.slug] ?? [], target = path(country: country.slug)
                let one: @Sendable () -> OutputFile = {
                    file(report, events: events, size: .country, path: target, geography: geography, text: text)
                }
                return (target, one)
            }
    }

    /// `dossierData("map-places", {"map-place-3": [[link from the site's root, title, date], …], …});`,
    /// keyed by the places' element ids on the map page, in the page's order; the events of a
    /// marker that share no place each carry theirs too (`[link, title, date, place]`).
    static func file(
        _ report: Report, events: [Int], size: EventMap.Size, path: String, geography: Geography, text: DisplayText
    ) -> OutputFile {
        var script = "{"
        if let map = map(report, events: events, size: size, geography: geography) {
            let drawing = MapDrawing(map: map, report: report, text: text, root: "", id: MapPage.mapID) { _ in "" }
            var place = 0, first = true
            for (index, marker) in map.places.enumerated() where marker.events.count > 1 {
                let listed = MapView.listedCount(place: place, eventsPerPlace: MapView.listedEventLimit)
                place += 1
                guard marker.events.count > listed else { continue }
                script += (first ? "\n" : ",\n") + ScriptData.string(drawing.placeID(index)) + ":["
                first = false
                for (offset, index) in marker.events.dropFirst(listed).enumerated() {
                    let event = report.events[index]
                    script +=
                        (offset == 0 ? "[" : ",[") + ScriptData.string(SitePaths.event(event.id)) + ","
                        + ScriptData.string(event.title) + ","
                        + ScriptData.string(text.date(event.date))
                        + (marker.sharesAPlace ? "" : "," + ScriptData.string(event.location?.formatted ?? "")) + "]"
                }
                script += "]"
            }
        }
        script += "\n}"
        return ScriptData.file(
            path, comment: "Written by Dossier: the events the map page's list of places does not name.",
            name: "map-places", value: script)
    }
}
