import Foundation

/// One map of some events, worked out before it is drawn (`MapDrawing`): the window it shows,
/// one layer of markers per event type (so a stylesheet can hide a type), the country names
/// that fit, and the events that have no point to draw.
struct EventMap: Sendable {
    /// Events at the same or nearly the same place, of one type.
    struct Marker: Sendable {
        /// Indexes into the report's events, in report order.
        var events: [Int]
        var position: WebMercator.Point
        /// The least precise of its events' places: a marker claims no more than its vaguest event.
        var precision: LocationPrecision
        /// The largest casualty figures of its events, added up: the marker's size.
        var casualties: Int
        /// For region-wide places: the radius of the area the point stands for, in frame units.
        var areaRadius: Double
        /// What all its events share about where they are: all a marker may be named after.
        var common: CommonPlace = .none
        var sharesAPlace: Bool {
            if case .place = common { return true }
            return false
        }
        /// Where its events are (the place they share, or their centre), when the marker is drawn
        /// away from it so as not to hide another: a line leads back to it.
        var home: WebMercator.Point?
    }

    /// What every event of a marker has in common about where it is.
    enum CommonPlace: Sendable, Equatable {
        /// The same named place (name, region and country).
        case place(name: String, region: String?, country: String?)
        /// The same region of one country, at several places.
        case region(String, country: String?)
        /// The same country, in several regions.
        case country(String)
        /// Nothing known in common (events that name no country).
        case none

        init(_ places: [Place?]) {
            func shared(_ part: (Place) -> String?) -> String?? {
                let values = places.map { $0.flatMap(part).flatMap { $0.isEmpty ? nil : $0 } }
                guard let first = values.first, values.allSatisfy({ $0 == first }) else { return nil }
                return .some(first)
            }
            let country = shared(\.country), region = shared(\.region), name = shared(\.name)
            if let country, let region, case let name?? = name {
                self = .place(name: name, region: region, country: country)
            } else if let country, case let region?? = region {
                self = .region(region, country: country)
            } else if case let country?? = country {
                self = .country(country)
            } else {
                self = .none
            }
        }
    }

    struct Layer: Sendable {
        var type: SiteConfig.EventType
        var shape: MarkerShape
        var markers: [Marker]
    }

    struct Label: Sendable {
        var text: String
        var position: WebMercator.Point
        /// A country the map's events are in: written more strongly.
        var isReportCountry: Bool
    }

    let frame: MapFrame
    let size: Size
    let layers: [Layer]
    let labels: [Label]
    /// Events with no point to draw (no coordinates, or known only to their country), report order.
    let unplaced: [Int]
    /// The country to single out when the map shows one event known only to its country.
    let focusCountry: Geography.Country?
    /// How many events have a marker.
    var placedCount: Int { layers.reduce(0) { $0 + $1.markers.reduce(0) { $0 + $1.events.count } } }

    struct Size: Sendable {
        var width: Double
        var height: Double
        /// The fewest degrees of longitude the map shows.
        var minimumSpan: Double
        /// Markers nearer than this (frame units) are drawn as one.
        var groupRadius: Double
        /// At most this many markers: beyond it, nearby events group into wider cells.
        var markerLimit: Int
        /// The SVG's class: the stylesheet draws small maps differently on phones.
        var className: String
        /// Write only the names of the map's own countries (a locator: the place text beside it
        /// names the rest, and 10,000 event pages each carry one).
        var onlyOwnCountryLabels = false
        /// More markers than this and nearby events group more widely (up to four times the radius).
        var comfortableMarkers = 250

        static let page = Size(width: 640, height: 420, minimumSpan: 20, groupRadius: 9, markerLimit: 1_500, className: "map")
        static let locator = Size(width: 320, height: 220, minimumSpan: 18, groupRadius: 9, markerLimit: 10, className: "map map-small",
                                  onlyOwnCountryLabels: true)
    }

    /// A map of `events` (indexes into the report), or nil when none of them has a place a map
    /// can show; the countries the events name are the map's own.
    static func make(_ events: [Int], report: Report, geography: Geography, size: Size) -> EventMap? {
        var countries = Set<String>()
        for index in events {
            if let name = report.events[index].location?.country, let country = geography.country(named: name) { countries.insert(country.code) }
        }
        return make(events, report: report, geography: geography, mapCountries: countries, size: size)
    }

    /// A map of `events` (indexes into the report), or nil when none of them has a place a map can show.
    /// - Parameter mapCountries: codes of the countries the events name: their names are written first and stronger.
    static func make(_ events: [Int], report: Report, geography: Geography, mapCountries: Set<String>, size: Size) -> EventMap? {
        var placed: [(event: Int, point: GeoPoint)] = [], unplaced: [Int] = []
        for index in events {
            if let point = report.events[index].location?.point { placed.append((index, point)) } else { unplaced.append(index) }
        }
        let projected = placed.map { WebMercator.project($0.point) }
        var bounds = MapFrame.Bounds(projected)
        var focus: Geography.Country?
        if bounds == nil {
            // Nothing to point at: show the countries the events name, if the map data knows them.
            let named = unplaced.compactMap { report.events[$0].location?.country }.compactMap(geography.country(named:))
            for country in named {
                if bounds == nil { bounds = MapFrame.Bounds(country) } else { bounds?.include(MapFrame.Bounds(country)) }
            }
            if events.count == 1 { focus = named.first }
        }
        guard let bounds else { return nil }
        let frame = MapFrame(width: size.width, height: size.height, fitting: bounds, minimumSpan: size.minimumSpan)
        let positions = projected.map(frame.place)

        // One layer per type, in the order of site.yaml; all grouped with one radius, grown
        // together until the whole map holds at most `markerLimit` markers, never across a
        // country (a group is named after what its events share).
        // Each country name is looked up once, not once per event (a map of 50,000 events).
        var countryKeys: [String: Int] = [:], keyOfName: [String: Int] = [:]
        let countryOfPosition = placed.map { item -> Int in
            let named = report.events[item.event].location?.country ?? ""
            if let known = keyOfName[named] { return known }
            let key = named.isEmpty ? "" : geography.country(named: named)?.code ?? named
            let index = countryKeys[key] ?? countryKeys.count
            countryKeys[key] = index
            keyOfName[named] = index
            return index
        }
        let types = report.config.eventTypes
        var members: [[Int]] = Array(repeating: [], count: types.count)
        let typeIndex = Dictionary(types.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (position, item) in placed.enumerated() {
            if let type = typeIndex[report.events[item.event].type] { members[type].append(position) }
        }
        // A crowded map groups more widely: up to four times the radius to stay readable
        // (`comfortableMarkers`), and as widely as it takes to stay small (`markerLimit`).
        var radius = size.groupRadius
        var grouped: [[MarkerGrouping.Group]] = []
        while true {
            grouped = members.map { list in MarkerGrouping.group(list.map { positions[$0] }, radius: radius, apart: list.map { countryOfPosition[$0] }) }
            let count = grouped.reduce(0) { $0 + $1.count }
            let crowded = count > size.comfortableMarkers && radius < size.groupRadius * 4
            guard (crowded || count > size.markerLimit) && radius < 2_000 else { break }
            radius *= 2
        }
        let markerCount = grouped.reduce(0) { $0 + $1.count }

        var layers: [Layer] = []
        for (type, groups) in grouped.enumerated() where !groups.isEmpty {
            let markers = groups.map { group -> Marker in
                let indexes = group.members.map { members[type][$0] }
                let events = indexes.map { placed[$0].event }
                let precision = events.compactMap { report.events[$0].location?.precision }.max() ?? .exact
                let casualties = events.reduce(0) { $0 + largestFigure(report.events[$1]) }
                var areaRadius = 0.0
                // Region areas are drawn while the map is not crowded: overlapping areas would hide the markers.
                if precision == .region, markerCount <= 60, let first = indexes.first {
                    // A region stands for an area about 150 km across.
                    let point = placed[first].point
                    let north = frame.place(GeoPoint(longitude: point.longitude, latitude: min(point.latitude + 0.7, 85)))
                    areaRadius = abs(positions[first].y - north.y)
                }
                let common = CommonPlace(events.map { report.events[$0].location })
                // Events at one named place are drawn at it (their first event's point), others at their centre.
                let position = if case .place = common, let first = indexes.first { positions[first] } else { group.centre }
                return Marker(events: events, position: position, precision: precision, casualties: casualties, areaRadius: areaRadius, common: common)
            }
            layers.append(Layer(type: types[type], shape: MarkerShape.forType(at: type), markers: markers))
        }
        spreadOverlapping(&layers, distance: max(radius / 2, 10))
        return EventMap(frame: frame, size: size, layers: layers, labels: labels(frame, geography, mapCountries, onlyThose: size.onlyOwnCountryLabels), unplaced: unplaced, focusCountry: focus)
    }

    /// Markers of different types at one place would hide each other: those whose centres fall
    /// in the same cell are set around the place on a small ring, in the order of the layers,
    /// each remembering where it belongs (`Marker.home`: the drawing leads a line back to it).
    static func spreadOverlapping(_ layers: inout [Layer], distance: Double) {
        struct Cell: Hashable { var x: Int, y: Int }
        var cells: [Cell: [(layer: Int, marker: Int)]] = [:]
        var order: [Cell] = []
        for (l, layer) in layers.enumerated() {
            for (m, marker) in layer.markers.enumerated() {
                let cell = Cell(x: Int((marker.position.x / distance).rounded()), y: Int((marker.position.y / distance).rounded()))
                if cells[cell] == nil { order.append(cell) }
                cells[cell, default: []].append((l, m))
            }
        }
        for cell in order {
            guard let members = cells[cell], members.count > 1 else { continue }
            let centre = members.reduce((x: 0.0, y: 0.0)) { sum, item in
                let p = layers[item.layer].markers[item.marker].position
                return (sum.x + p.x / Double(members.count), sum.y + p.y / Double(members.count))
            }
            let ring = distance * (members.count > 6 ? 1.4 : 1)
            for (index, item) in members.enumerated() {
                let angle = Double(index) / Double(members.count) * 2 * .pi - .pi / 2
                let home = layers[item.layer].markers[item.marker].position
                layers[item.layer].markers[item.marker].position = WebMercator.Point(x: centre.x + ring * cos(angle), y: centre.y + ring * sin(angle))
                layers[item.layer].markers[item.marker].home = home
            }
        }
    }

    /// The largest figure an event gives for people killed or injured (the top of each range).
    static func largestFigure(_ event: Event) -> Int {
        event.casualties.reduce(0) { $0 + ($1.maximum ?? $1.minimum ?? 0) }
    }

    /// Country names whose label point is in the window and whose name fits across the country
    /// as drawn, without overlapping a name already placed: the report's countries first, then
    /// larger countries before smaller ones.
    static func labels(_ frame: MapFrame, _ geography: Geography, _ reportCountries: Set<String>, onlyThose: Bool = false) -> [Label] {
        let fontSize = 11.0
        var candidates: [(label: Label, width: Double)] = []
        // The window in world units: a country wholly outside it has no name on this map.
        let topLeft = frame.world(at: WebMercator.Point(x: 0, y: 0)), bottomRight = frame.world(at: WebMercator.Point(x: frame.width, y: frame.height))
        for (index, bounds) in geography.worldBoxes.enumerated()
        where bounds.maxX >= topLeft.x && bounds.minX <= bottomRight.x && bounds.maxY >= topLeft.y && bounds.minY <= bottomRight.y {
            let country = geography.countries[index]
            if onlyThose, !reportCountries.contains(country.code) { continue }
            var position = frame.place(country.worldLabel)
            var drawnWidth = (bounds.maxX - bounds.minX) * frame.scale
            if !frame.contains(position, margin: -8) {
                // The country's own label point is out of the window: if a good part of it is in
                // view, write its name in the middle of that part, when that point is on land.
                let topLeft = frame.place(WebMercator.Point(x: bounds.minX, y: bounds.minY))
                let bottomRight = frame.place(WebMercator.Point(x: bounds.maxX, y: bounds.maxY))
                let visible = (max(topLeft.x, 0), max(topLeft.y, 0), min(bottomRight.x, frame.width), min(bottomRight.y, frame.height))
                guard visible.2 - visible.0 > 90, visible.3 - visible.1 > 40 else { continue }
                position = WebMercator.Point(x: (visible.0 + visible.2) / 2, y: (visible.1 + visible.3) / 2)
                guard country.contains(WebMercator.unproject(frame.world(at: position))) else { continue }
                drawnWidth = visible.2 - visible.0
            }
            let textWidth = Double(country.name.count) * fontSize * 0.58
            let isReport = reportCountries.contains(country.code)
            guard textWidth <= drawnWidth * 1.15 || (isReport && textWidth <= drawnWidth * 2) else { continue }
            candidates.append((Label(text: country.name, position: position, isReportCountry: isReport), drawnWidth))
        }
        candidates.sort { ($0.label.isReportCountry ? 1 : 0, $0.width, $1.label.text) > ($1.label.isReportCountry ? 1 : 0, $1.width, $0.label.text) }
        var placed: [(label: Label, box: (Double, Double, Double, Double))] = []
        for candidate in candidates {
            let half = Double(candidate.label.text.count) * fontSize * 0.3
            let box = (candidate.label.position.x - half, candidate.label.position.y - fontSize, candidate.label.position.x + half, candidate.label.position.y + 4)
            guard box.0 >= 2, box.2 <= frame.width - 2, box.1 >= 2, box.3 <= frame.height - 2 else { continue }
            let overlaps = placed.contains { other in box.0 < other.box.2 && other.box.0 < box.2 && box.1 < other.box.3 && other.box.1 < box.3 }
            if !overlaps { placed.append((candidate.label, box)) }
        }
        return placed.map(\.label).sorted { ($0.position.y, $0.position.x) < ($1.position.y, $1.position.x) }
    }
}

/// The shape of a type's markers: colour alone must not tell types apart (colour-blind
/// readers, print in black and white), so each type also gets a shape, in site.yaml's order.
enum MarkerShape: String, Sendable, CaseIterable {
    case circle, square, diamond, triangle, invertedTriangle, hexagon

    static func forType(at index: Int) -> MarkerShape { allCases[index % allCases.count] }

    /// The shape centred on (x, y), about `r` across from its centre, as an SVG element.
    func element(x: Double, y: Double, r: Double, attributes: String) -> String {
        let n = SVGNumber.self
        switch self {
        case .circle:
            return "<circle cx=\"\(n.text(x))\" cy=\"\(n.text(y))\" r=\"\(n.text(r))\"\(attributes)/>"
        case .square:
            let side = r * 1.8
            return "<rect x=\"\(n.text(x - side / 2))\" y=\"\(n.text(y - side / 2))\" width=\"\(n.text(side))\" height=\"\(n.text(side))\"\(attributes)/>"
        default:
            let points = corners.map { (dx, dy) in "\(n.text(x + dx * r)),\(n.text(y + dy * r))" }.joined(separator: " ")
            return "<polygon points=\"\(points)\"\(attributes)/>"
        }
    }

    /// Corners on a unit circle (y down), for the polygon shapes.
    private var corners: [(Double, Double)] {
        switch self {
        case .diamond: return [(0, -1.25), (1.25, 0), (0, 1.25), (-1.25, 0)]
        case .triangle: return [(0, -1.3), (1.2, 0.85), (-1.2, 0.85)]
        case .invertedTriangle: return [(0, 1.3), (1.2, -0.85), (-1.2, -0.85)]
        case .hexagon: return (0..<6).map { step in let angle = Double(step) * .pi / 3; return (1.12 * cos(angle), 1.12 * sin(angle)) }
        case .circle, .square: return []
        }
    }
}

/// Numbers as SVG writes them: one decimal, no trailing `.0`, no exponent; fast (a map of
/// thousands of markers writes tens of thousands of numbers, and `String(format:)` is slow).
enum SVGNumber {
    static func text(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((value * 10).rounded())
        let whole = tenths / 10, fraction = abs(tenths % 10)
        let sign = tenths < 0 && whole == 0 ? "-" : ""
        return fraction == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}
