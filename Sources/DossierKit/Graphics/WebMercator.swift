import Foundation

/// The projection every map uses: Web Mercator, the projection of the web's street maps, so a
/// reader sees shapes they know. It keeps angles (towns keep their shape) and stretches areas
/// towards the poles, which matters little at the scale of one conflict.
///
/// The world is a square of `size` units: x from 0 (180° W) to `size` (180° E), y from 0
/// (85.05° N) to `size` (85.05° S). Latitudes beyond ±85.05° are clamped, as web maps do.
enum WebMercator {
    static let size = 1000.0
    /// The latitude at which the square ends: atan(sinh(π)).
    static let maximumLatitude = 85.0511287798066

    struct Point: Sendable, Hashable {
        var x: Double
        var y: Double
    }

    static func project(_ point: GeoPoint) -> Point {
        let latitude = min(max(point.latitude, -maximumLatitude), maximumLatitude) * .pi / 180
        let x = (point.longitude + 180) / 360 * size
        let y = (1 - log(tan(.pi / 4 + latitude / 2)) / .pi) / 2 * size
        return Point(x: x, y: y)
    }

    static func unproject(_ point: Point) -> GeoPoint {
        let longitude = point.x / size * 360 - 180
        let latitude = atan(sinh(.pi * (1 - 2 * point.y / size))) * 180 / .pi
        return GeoPoint(longitude: longitude, latitude: latitude)
    }
}
