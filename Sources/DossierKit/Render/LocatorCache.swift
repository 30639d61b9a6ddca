import NIOConcurrencyHelpers

/// The small map on each event's page, drawn once per place: events at the same point, of the
/// same type and size of marker, under the same title, have the same map, and reports name the
/// same places again and again (a 10,000-event build drew 10,000 maps of a few dozen places).
/// The marker's size, not the casualty figure, is part of the key: sizes stop growing at a
/// few dozen people, so events with larger figures share their place's map too.
///
/// Only maps of a point are kept: an event known only to its country is listed under its map
/// as not placed, a link to itself. The map's links start from `SiteRoot.marker`, so one map
/// serves pages at any depth. One cache per build (`RenderContext`).
final class LocatorCache: Sendable {
    private let maps = NIOLockedValueBox<[Key: MapView]>([:])

    /// Everything of an event the locator shows (`EventMap`, `MapDrawing` with `isLocator`).
    struct Key: Hashable {
        var latitude: Double
        var longitude: Double
        var precision: LocationPrecision
        var country: String?
        /// The place's name: the locator writes it beside the marker.
        var name: String?
        var type: String
        var markerRadius: Double
        var title: String
    }

    /// The event's locator, drawn now or the same map drawn for an earlier event.
    func map(_ index: Int, links: PageLinks, title: String) -> MapView? {
        let event = links.report.events[index]
        guard let place = event.location, let point = place.point else {
            return MapView.make([index], links: links, id: "locator", size: .locator, title: title, isLocator: true)
        }
        // What drawing it would have recorded as read.
        links.reads.read([.event(event.id), .config])
        let key = Key(
            latitude: point.latitude, longitude: point.longitude, precision: place.precision, country: place.country,
            name: place.name,
            type: event.type, markerRadius: EventMap.Marker.radius(casualties: EventMap.largestFigure(event)),
            title: title)
        if let map = maps.withLockedValue({ $0[key] }) { return map }
        let map = MapView.make([index], links: links, id: "locator", size: .locator, title: title, isLocator: true)
        if let map { maps.withLockedValue { $0[key] = map } }
        return map
    }
}
