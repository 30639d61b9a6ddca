import Foundation

/// The events of the map page's places that its list does not name, as a script the page loads
/// only when a reader asks for them (`map/places.js`).
///
/// The map page names the first 12 events of each place (and none past its 300th place), so it
/// stays small at 50,000 events; this file holds the rest, place by place. It is a script, not
/// JSON, because a page opened from `file://` may load a script but not fetch a file.
enum MapPlacesData {
    static let path = "map/places.js"

    /// The map page's map: the file and the page must group the events alike.
    static func map(_ report: Report, geography: Geography) -> EventMap? {
        // The page drawing's places only: the phone's drawing is not what this file lists.
        var size = EventMap.Size.page
        size.hasPhoneDrawing = false
        return EventMap.make(Array(report.events.indices), report: report, geography: geography, size: size)
    }

    /// `dossierData("map-places", {"map-place-3": [[link from the site's root, title, date], …], …});`,
    /// keyed by the places' element ids on the map page, in the page's order; the events of a
    /// marker that share no place each carry theirs too (`[link, title, date, place]`).
    static func file(_ report: Report, geography: Geography, text: DisplayText) -> OutputFile {
        var script = "{"
        if let map = map(report, geography: geography) {
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
                    script += (offset == 0 ? "[" : ",[") + ScriptData.string(SitePaths.event(event.id)) + "," + ScriptData.string(event.title) + ","
                        + ScriptData.string(text.date(event.date))
                        + (marker.sharesAPlace ? "" : "," + ScriptData.string(event.location?.formatted ?? "")) + "]"
                }
                script += "]"
            }
        }
        script += "\n}"
        return ScriptData.file(path, comment: "Written by Dossier: the events the map page's list of places does not name.", name: "map-places", value: script)
    }
}
