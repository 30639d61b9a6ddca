import Foundation

/// The country outlines every map of the site is drawn on: one SVG file (`map/world.svg`) in
/// Web Mercator world units, referenced by each map as an image under its markers, so that
/// 10,000 event pages with a locator map do not carry 10,000 copies of the coastlines.
///
/// The report's countries (named by its events, or holding one of their points) are marked
/// `report`; the theme's `map/world.css` colours them (an image keeps its own styles).
///
/// The same outlines are also cut into tiles (`map/tiles/<column>-<row>.svg`, 8 × 8 squares
/// of 45° of longitude): a map of a small window, an event page's locator, shows the two to
/// four it needs, a few KB, not the 114 KB world.
enum WorldOutline {
    static let path = "map/world.svg"
    static let stylePath = "map/world.css"

    static let tilesPerSide = 8
    static var tileSize: Double { WebMercator.size / Double(tilesPerSide) }
    /// A tile's picture reaches this far (world units) past its square, so that neighbours
    /// overlap and no seam shows where they meet; its outlines are cut twice as far out, so the
    /// cut's own edges lie outside the picture.
    static let tileOverlap = 1.0
    static func tilePath(column: Int, row: Int) -> String { "map/tiles/\(column)-\(row).svg" }
    /// Every tile, ocean ones too (a window's tiles are known without the map data).
    static let tilePaths: [String] = (0..<tilesPerSide).flatMap { column in
        (0..<tilesPerSide).map { tilePath(column: column, row: $0) }
    }

    /// The tiles a window (in world units) shows: column, row, and the picture's square.
    static func tiles(covering window: MapFrame.Bounds) -> [(column: Int, row: Int, square: MapFrame.Bounds)] {
        func index(_ value: Double) -> Int { min(max(Int((value / tileSize).rounded(.down)), 0), tilesPerSide - 1) }
        var found: [(Int, Int, MapFrame.Bounds)] = []
        for row in index(window.minY)...index(window.maxY) {
            for column in index(window.minX)...index(window.maxX) {
                found.append((column, row, square(column: column, row: row)))
            }
        }
        return found
    }

    /// A tile's picture: its square and the overlap around it.
    static func square(column: Int, row: Int) -> MapFrame.Bounds {
        MapFrame.Bounds(
            minX: Double(column) * tileSize - tileOverlap, minY: Double(row) * tileSize - tileOverlap,
            maxX: Double(column + 1) * tileSize + tileOverlap, maxY: Double(row + 1) * tileSize + tileOverlap)
    }

    /// The countries a report's events are in, by code.
    static func reportCountries(_ report: Report, _ geography: Geography) -> Set<String> {
        var codes = Set<String>()
        var seenNames = Set<String>()
        for event in report.events {
            guard let place = event.location else { continue }
            if let name = place.country, seenNames.insert(name).inserted, let country = geography.country(named: name) {
                codes.insert(country.code)
            }
            if place.country == nil, let point = place.point, let country = geography.country(containing: point) {
                codes.insert(country.code)
            }
        }
        return codes
    }

    /// The outlines in Web Mercator world units: the whole world, or (`square`) one tile's
    /// picture, its outlines cut a little beyond it.
    static func svg(
        _ geography: Geography, style: String, reportCountries: Set<String>, square: MapFrame.Bounds? = nil
    ) -> String {
        // Written as bytes: the file has some 20,000 numbers, and building each as a String
        // took longer than the rest of the sample report's build.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(square == nil ? 128 * 1024 : 8 * 1024)
        func write(_ text: String) { bytes.append(contentsOf: text.utf8) }
        let n = SVGNumber.self
        let viewBox =
            square.map {
                "\(n.text($0.minX)) \(n.text($0.minY)) \(n.text($0.maxX - $0.minX)) \(n.text($0.maxY - $0.minY))"
            } ?? "0 0 1000 1000"
        write(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"\(viewBox)\">\n<style>\n\(style.replacingOccurrences(of: "</", with: "<\\/"))\n</style>\n"
        )
        let cut = square.map {
            MapFrame.Bounds(
                minX: $0.minX - tileOverlap, minY: $0.minY - tileOverlap, maxX: $0.maxX + tileOverlap,
                maxY: $0.maxY + tileOverlap)
        }
        for (index, country) in geography.countries.enumerated() {
            var rings = country.rings.map { $0.map(WebMercator.project) }
            if let cut {
                let box = geography.worldBoxes[index]
                guard box.maxX >= cut.minX, box.minX <= cut.maxX, box.maxY >= cut.minY, box.minY <= cut.maxY else {
                    continue
                }
                rings = rings.map { clip($0, to: cut) }.filter { $0.count >= 3 }
                if rings.isEmpty { continue }
            }
            write(reportCountries.contains(country.code) ? "<path class=\"report\" d=\"" : "<path d=\"")
            for ring in rings {
                // Hundredths of a world unit, relative moves: compact, and finer than the data.
                var previous: (Int, Int)?
                for projected in ring {
                    let current = (Int((projected.x * 100).rounded()), Int((projected.y * 100).rounded()))
                    if let last = previous {
                        if current == last { continue }
                        bytes.append(UInt8(ascii: "l"))
                        appendHundredths(current.0 - last.0, to: &bytes)
                        bytes.append(UInt8(ascii: " "))
                        appendHundredths(current.1 - last.1, to: &bytes)
                    } else {
                        bytes.append(UInt8(ascii: "M"))
                        appendHundredths(current.0, to: &bytes)
                        bytes.append(UInt8(ascii: " "))
                        appendHundredths(current.1, to: &bytes)
                    }
                    previous = current
                }
                bytes.append(UInt8(ascii: "z"))
            }
            write("\"><title>\(HTMLEscaping().escapeText(country.name))</title></path>\n")
        }
        write("</svg>\n")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A ring cut to a rectangle (Sutherland–Hodgman: a convex window, one side at a time). A
    /// ring partly outside keeps the window's edge where it was cut: filled, it is the same
    /// shape inside the window.
    static func clip(_ ring: [WebMercator.Point], to box: MapFrame.Bounds) -> [WebMercator.Point] {
        typealias Point = WebMercator.Point
        func side(_ points: [Point], inside: (Point) -> Bool, crossing: (Point, Point) -> Point) -> [Point] {
            guard let last = points.last else { return [] }
            var result: [Point] = [], previous = last
            for point in points {
                if inside(point) {
                    if !inside(previous) { result.append(crossing(previous, point)) }
                    result.append(point)
                } else if inside(previous) {
                    result.append(crossing(previous, point))
                }
                previous = point
            }
            return result
        }
        func atX(_ x: Double) -> (Point, Point) -> Point {
            { a, b in Point(x: x, y: a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)) }
        }
        func atY(_ y: Double) -> (Point, Point) -> Point {
            { a, b in Point(x: a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y: y) }
        }
        var points = ring
        points = side(points, inside: { $0.x >= box.minX }, crossing: atX(box.minX))
        points = side(points, inside: { $0.x <= box.maxX }, crossing: atX(box.maxX))
        points = side(points, inside: { $0.y >= box.minY }, crossing: atY(box.minY))
        points = side(points, inside: { $0.y <= box.maxY }, crossing: atY(box.maxY))
        return points
    }

    /// 1234 → "12.34", -5 → "-.05", 300 → "3".
    static func appendHundredths(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = abs(value)
        let whole = magnitude / 100, fraction = magnitude % 100
        if whole > 0 || fraction == 0 { appendDigits(whole, to: &bytes) }
        guard fraction > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10))
        if fraction % 10 != 0 { bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10)) }
    }

    private static func appendDigits(_ value: Int, to bytes: inout [UInt8]) {
        if value >= 10 { appendDigits(value / 10, to: &bytes) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// The file for a build, made once per set of inputs (the preview rebuilds often; the
    /// outlines rarely change).
    static func files(_ geography: Geography, style: String, reportCountries: Set<String>) -> [OutputFile] {
        let key = "\(geography.fingerprint)|\(style)|\(reportCountries.sorted().joined(separator: ","))"
        if let cached = cache.get(), cached.key == key { return cached.files }
        var files = [OutputFile(path: path, text: svg(geography, style: style, reportCountries: reportCountries))]
        for column in 0..<tilesPerSide {
            for row in 0..<tilesPerSide {
                files.append(
                    OutputFile(
                        path: tilePath(column: column, row: row),
                        text: svg(
                            geography, style: style, reportCountries: reportCountries,
                            square: square(column: column, row: row))))
            }
        }
        cache.set((key, files))
        return files
    }

    private static let cache = Locked<(key: String, files: [OutputFile])?>(nil)
}
