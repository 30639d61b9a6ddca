import Foundation

/// The window of the world one map shows, and how the world's units land on the map's frame.
///
/// A map is drawn in frame units (`width` × `height`, pixels at its nominal size; the SVG scales
/// with the page). The window fits what the map shows with padding, never shows less than
/// `minimumSpan` degrees of longitude (one event in Baghdad shows Iraq and its neighbours, not one
/// city), and has the frame's proportions.
struct MapFrame: Sendable, Equatable {
    let width: Double
    let height: Double
    /// The world point (Web Mercator units) at the frame's top-left corner.
    let origin: WebMercator.Point
    /// Frame units per world unit.
    let scale: Double

    /// A frame of `width` × `height` that shows every point of `bounds` (world units).
    init(width: Double, height: Double, fitting bounds: Bounds, padding: Double = 0.12, minimumSpan: Double = 14) {
        self.width = width
        self.height = height
        let minimumWorld = minimumSpan / 360 * WebMercator.size
        var spanX = max((bounds.maxX - bounds.minX) * (1 + 2 * padding), minimumWorld)
        var spanY = max((bounds.maxY - bounds.minY) * (1 + 2 * padding), minimumWorld * height / width)
        // Widen the narrower side to the frame's proportions.
        if spanX / spanY < width / height { spanX = spanY * width / height } else { spanY = spanX * height / width }
        // Never wider than the world; then keep the window over the world where it can be.
        if spanX > WebMercator.size {
            spanY *= WebMercator.size / spanX
            spanX = WebMercator.size
        }
        let centre = WebMercator.Point(x: (bounds.minX + bounds.maxX) / 2, y: (bounds.minY + bounds.maxY) / 2)
        let x = min(max(centre.x - spanX / 2, 0), WebMercator.size - spanX)
        let y = min(max(centre.y - spanY / 2, 0), max(WebMercator.size - spanY, 0))
        origin = WebMercator.Point(x: x, y: y)
        scale = width / spanX
    }

    /// Where a world point lands on the frame.
    func place(_ point: WebMercator.Point) -> WebMercator.Point {
        WebMercator.Point(x: (point.x - origin.x) * scale, y: (point.y - origin.y) * scale)
    }

    func place(_ point: GeoPoint) -> WebMercator.Point { place(WebMercator.project(point)) }

    /// The world point under a point of the frame (the inverse of `place`).
    func world(at framePoint: WebMercator.Point) -> WebMercator.Point {
        WebMercator.Point(x: framePoint.x / scale + origin.x, y: framePoint.y / scale + origin.y)
    }

    /// Kilometres on the ground that one frame unit stands for at the equator (the equator is
    /// 40,075 km, the world `WebMercator.size` units across); at latitude φ, times cos φ.
    var kilometresPerUnitAtEquator: Double { 40_075.017 / WebMercator.size / scale }

    /// Kilometres on the ground that one frame unit stands for at the latitude of the frame's middle.
    var kilometresPerUnitAtMiddle: Double {
        let middle = WebMercator.unproject(world(at: WebMercator.Point(x: width / 2, y: height / 2)))
        return kilometresPerUnitAtEquator * cos(middle.latitude * .pi / 180)
    }

    func contains(_ framePoint: WebMercator.Point, margin: Double = 0) -> Bool {
        framePoint.x >= -margin && framePoint.y >= -margin && framePoint.x <= width + margin
            && framePoint.y <= height + margin
    }

    /// A rectangle of world units.
    struct Bounds: Sendable, Equatable {
        var minX, minY, maxX, maxY: Double

        init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
            (self.minX, self.minY, self.maxX, self.maxY) = (minX, minY, maxX, maxY)
        }

        /// The bounds of some points, or nil for none.
        init?(_ points: some Sequence<WebMercator.Point>) {
            var iterator = points.makeIterator()
            guard let first = iterator.next() else { return nil }
            self.init(minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
            while let point = iterator.next() { include(point) }
        }

        mutating func include(_ point: WebMercator.Point) {
            minX = min(minX, point.x); maxX = max(maxX, point.x)
            minY = min(minY, point.y); maxY = max(maxY, point.y)
        }

        mutating func include(_ other: Bounds) {
            include(WebMercator.Point(x: other.minX, y: other.minY))
            include(WebMercator.Point(x: other.maxX, y: other.maxY))
        }

        /// A country's outline, projected.
        init(_ country: Geography.Country) {
            let bounds = country.worldBounds
            self.init(minX: bounds.minX, minY: bounds.minY, maxX: bounds.maxX, maxY: bounds.maxY)
        }
    }
}
