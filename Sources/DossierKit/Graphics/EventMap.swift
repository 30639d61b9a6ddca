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
        /// How many of its events are of each type (indexes into `EventMap.types`), in site.yaml's order.
        var typeCounts: [(type: Int, count: Int)] = []

        /// The radius it is drawn at, in frame units: by its people killed or injured, large
        /// enough for its count, with a ring when it holds several types.
        var drawnRadius: Double {
            var radius = Self.radius(casualties: casualties)
            if events.count > 1 {
                var digits = 1, rest = events.count
                while rest >= 10 { digits += 1; rest /= 10 }
                radius = max(radius, 6 + 2.4 * Double(digits))
            }
            return radius + (typeCounts.count > 1 ? 3 : 0)
        }

        /// How far its shape reaches from its centre: a disc (several types) its radius; one
        /// type's shape (a triangle's tip, a square's corner) up to half as far again. Markers
        /// are kept apart by it, so no shape's point lies over another marker.
        var reach: Double {
            guard typeCounts.count == 1 else { return drawnRadius }
            return drawnRadius * MarkerShape.forType(at: typeCounts[0].type).reach
        }

        /// A marker's size by the people it counts (its events' largest figures): the area grows
        /// with the count, up to a cap that any count past about 57 reaches.
        static func radius(casualties: Int) -> Double {
            min(4.5 + 1.4 * Double(casualties).squareRoot(), 15)
        }
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
        /// A report's country whose name found no spot clear of the markers: written over them
        /// (it does not take their clicks), not under.
        var isOverMarkers = false
    }

    let frame: MapFrame
    let size: Size
    /// Every placed event, grouped across types: one marker per place, none over another.
    let places: [Marker]
    /// The report's event types (what `Marker.typeCounts` counts).
    let types: [SiteConfig.EventType]
    /// The same events by type, grouped type by type (the map page's, for its legend filter;
    /// empty unless asked for).
    let layers: [Layer]
    let labels: [Label]
    /// Events with no point to draw (no coordinates, or known only to their country), report order.
    let unplaced: [Int]
    /// The country to single out when the map shows one event known only to its country.
    let focusCountry: Geography.Country?
    /// How far apart on the ground (km) events may be and share a marker of this drawing (the
    /// page says so; 0 for a map drawn from its places alone).
    var groupKilometres = 0.0
    /// How many events have a marker.
    var placedCount: Int { places.reduce(0) { $0 + $1.events.count } }
    /// The same window drawn for a phone (`Size.phone`): fewer places, each a union of whole
    /// places of this map, kept a finger's width apart. Empty, or one map (an array because a
    /// struct cannot hold itself).
    var phone: [EventMap] = []
    /// For each of `places`, the phone map's place that holds it.
    var phonePlaceOfPlace: [Int] = []

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
        /// Also draw the window for a phone (`phone`).
        var hasPhoneDrawing = false
        /// The least radius a marker takes up (frame units): markers are kept this far apart, and
        /// one drawn smaller is tapped within it. 0: as drawn.
        var tapRadius = 0.0

        static let page = Size(
            width: 640, height: 420, minimumSpan: 20, groupRadius: 9, markerLimit: 1_500, className: "map",
            hasPhoneDrawing: true)
        /// A page's map on a phone: half the frame units, shown 0.9–1.75 times its size (columns of
        /// 288–560 px), so text of 11 units stays ≥ 10 px and a tap radius of 13.5 units is ≥ 24 px
        /// across (WCAG 2.5.8) in the narrowest column. Places that would touch in one country are one.
        static let phone = Size(
            width: 320, height: 210, minimumSpan: 20, groupRadius: 12, markerLimit: 400, className: "map map-phone",
            comfortableMarkers: 80, tapRadius: 13.5)
        /// A country's closer map (`map/iraq/`): the page's, in a window as close as its events allow.
        static let country = Size(
            width: 640, height: 420, minimumSpan: 4, groupRadius: 9, markerLimit: 1_500, className: "map",
            hasPhoneDrawing: true)
        static let locator = Size(
            width: 320, height: 220, minimumSpan: 18, groupRadius: 9, markerLimit: 10, className: "map map-small",
            onlyOwnCountryLabels: true)
    }

    /// A map of `events` (indexes into the report), or nil when none of them has a place a map
    /// can show; the countries the events name are the map's own.
    static func make(
        _ events: [Int], report: Report, geography: Geography, size: Size, byType: Bool = false
    ) -> EventMap? {
        var countries = Set<String>()
        for index in events {
            if let name = report.events[index].location?.country, let country = geography.country(named: name) {
                countries.insert(country.code)
            }
        }
        return make(events, report: report, geography: geography, mapCountries: countries, size: size, byType: byType)
    }

    /// A map of `events` (indexes into the report), or nil when none of them has a place a map can show.
    /// - Parameter mapCountries: codes of the countries the events name: their names are written first and stronger.
    /// - Parameter byType: also group each type alone (`layers`: the map page's legend filter).
    static func make(
        _ events: [Int], report: Report, geography: Geography, mapCountries: Set<String>, size: Size,
        byType: Bool = false
    ) -> EventMap? {
        var placed: [(event: Int, point: GeoPoint)] = [], unplaced: [Int] = []
        for index in events {
            if let point = report.events[index].location?.point {
                placed.append((index, point))
            } else {
                unplaced.append(index)
            }
        }
        let projected = placed.map { WebMercator.project($0.point) }
        var bounds = MapFrame.Bounds(projected)
        var focus: Geography.Country?
        if bounds == nil {
            // Nothing to point at: show the countries the events name, if the map data knows them.
            let named = unplaced.compactMap { report.events[$0].location?.country }.compactMap(
                geography.country(named:))
            for country in named {
                if bounds == nil {
                    bounds = MapFrame.Bounds(country)
                } else {
                    bounds?.include(MapFrame.Bounds(country))
                }
            }
            if events.count == 1 { focus = named.first }
        }
        guard let bounds else { return nil }
        let frame = MapFrame(width: size.width, height: size.height, fitting: bounds, minimumSpan: size.minimumSpan)
        // The names written on the map, in the report's language.
        let countryNames = CountryNames.names(in: report.config.language)

        // Groups never cross a country (a group is named after what its events share): each
        // event's country as a key, each name looked up once, not once per event (50,000 events).
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
        let typeOfPosition = placed.map { typeIndex[report.events[$0.event].type] }
        for (position, type) in typeOfPosition.enumerated() {
            if let type { members[type].append(position) }
        }

        /// One drawing of the window: its frame, each placed event's position on it, its size.
        struct Drawing {
            var frame: MapFrame
            var positions: [WebMercator.Point]
            var size: Size
        }
        // A crowded map groups more widely: up to four times the radius to stay readable
        // (`comfortableMarkers`), and as widely as it takes to stay small (`markerLimit`).
        // Events group by their distance on the ground: the size's radius is the kilometres it
        // stands for in the frame's middle, and the same kilometres hold at every latitude.
        func grouping(
            _ points: [[WebMercator.Point]], countries: [[Int]], size: Size, frame: MapFrame
        ) -> (groups: [[MarkerGrouping.Group]], radius: Double, kilometres: Double) {
            var radius = size.groupRadius
            while true {
                let kilometres = radius * frame.kilometresPerUnitAtMiddle
                let grouped = zip(points, countries).map {
                    MarkerGrouping.group($0, within: .onTheGround(kilometres: kilometres, frame: frame), apart: $1)
                }
                let count = grouped.reduce(0) { $0 + $1.count }
                let crowded = count > size.comfortableMarkers && radius < size.groupRadius * 4
                guard (crowded || count > size.markerLimit) && radius < 2_000 else {
                    return (grouped, radius, kilometres)
                }
                radius *= 2
            }
        }
        /// The marker of these events (positions in `placed`, ascending), drawn at `centre` unless they share a place.
        func marker(_ indexes: [Int], centre: WebMercator.Point?, drawsAreas: Bool, on drawing: Drawing) -> Marker {
            let events = indexes.map { placed[$0].event }
            let precision = events.compactMap { report.events[$0].location?.precision }.max() ?? .exact
            let casualties = events.reduce(0) { $0 + largestFigure(report.events[$1]) }
            var areaRadius = 0.0
            // Region areas are drawn while the map is not crowded: overlapping areas would hide the markers.
            if precision == .region, drawsAreas, let first = indexes.first {
                // A region stands for an area about 150 km across.
                let point = placed[first].point
                let north = drawing.frame.place(
                    GeoPoint(longitude: point.longitude, latitude: min(point.latitude + 0.7, 85)))
                areaRadius = abs(drawing.positions[first].y - north.y)
            }
            let common = CommonPlace(events.map { report.events[$0].location })
            // Events at one named place are drawn at it (their first event's point), others at their centre.
            let position: WebMercator.Point
            if case .place = common, let first = indexes.first {
                position = drawing.positions[first]
            } else if let centre {
                position = centre
            } else {
                let sum = indexes.reduce((x: 0.0, y: 0.0)) {
                    ($0.x + drawing.positions[$1].x, $0.y + drawing.positions[$1].y)
                }
                position = WebMercator.Point(x: sum.x / Double(indexes.count), y: sum.y / Double(indexes.count))
            }
            var counts = Array(repeating: 0, count: types.count)
            for index in indexes { if let type = typeOfPosition[index] { counts[type] += 1 } }
            return Marker(
                events: events, position: position, precision: precision, casualties: casualties,
                areaRadius: areaRadius, common: common,
                typeCounts: counts.enumerated().filter { $0.element > 0 }.map { (type: $0.offset, count: $0.element) })
        }
        /// One layer per type (the map page's, shown while its legend hides a type), each grouped
        /// alone, in the order of site.yaml.
        func layers(on drawing: Drawing) -> [Layer] {
            let (grouped, radius, _) = grouping(
                members.map { $0.map { drawing.positions[$0] } },
                countries: members.map { $0.map { countryOfPosition[$0] } }, size: drawing.size, frame: drawing.frame)
            let markerCount = grouped.reduce(0) { $0 + $1.count }
            var layers: [Layer] = []
            for (type, groups) in grouped.enumerated() where !groups.isEmpty {
                let markers = groups.map { group in
                    marker(
                        group.members.map { members[type][$0] }, centre: group.centre, drawsAreas: markerCount <= 60,
                        on: drawing)
                }
                layers.append(Layer(type: types[type], shape: MarkerShape.forType(at: type), markers: markers))
            }
            spreadOverlapping(&layers, distance: max(radius / 2, 10, drawing.size.tapRadius * 2))
            return layers
        }

        // The places: every event grouped across types (what the map shows), then markers that
        // would overlap merged (in one country) or moved apart (across a border, with a line back).
        let wide = Drawing(frame: frame, positions: projected.map(frame.place), size: size)
        let all = grouping([wide.positions], countries: [countryOfPosition], size: size, frame: frame)
        var places = all.groups[0].map {
            (
                members: $0.members,
                marker: marker($0.members, centre: $0.centre, drawsAreas: all.groups[0].count <= 60, on: wide)
            )
        }
        /// Whether a point of a frame is on land (in a country of the map data).
        func onLand(_ frame: MapFrame) -> (WebMercator.Point) -> Bool {
            { geography.country(containing: WebMercator.unproject(frame.world(at: $0))) != nil }
        }
        separate(&places, countryOf: { countryOfPosition[$0] }, frame: frame, size: size, onLand: onLand(frame)) {
            marker($0.sorted(), centre: nil, drawsAreas: false, on: wide)
        }

        // The phone's drawing of the same window: this map's places grouped again, whole, where
        // they are (not where they were moved to), then kept a finger's width apart.
        var phone: [EventMap] = [], phonePlaceOfPlace: [Int] = []
        if size.hasPhoneDrawing {
            let small = Size.phone
            // The same window as the page's: as close as a country's map, where it is one.
            let smallFrame = MapFrame(
                width: small.width, height: small.height, fitting: bounds,
                minimumSpan: min(small.minimumSpan, size.minimumSpan))
            let drawing = Drawing(frame: smallFrame, positions: projected.map(smallFrame.place), size: small)
            let homes = places.map { smallFrame.place(frame.world(at: $0.marker.home ?? $0.marker.position)) }
            let phoneGrouping = grouping(
                [homes], countries: [places.map { countryOfPosition[$0.members[0]] }], size: small, frame: smallFrame)
            let grouped = phoneGrouping.groups[0]
            var phonePlaces = grouped.map { group -> (members: [Int], marker: Marker) in
                (
                    group.members,
                    marker(
                        group.members.flatMap { places[$0].members }.sorted(), centre: nil, drawsAreas: false,
                        on: drawing)
                )
            }
            separate(
                &phonePlaces, countryOf: { countryOfPosition[places[$0].members[0]] }, frame: smallFrame, size: small
            ) {
                marker($0.flatMap { places[$0].members }.sorted(), centre: nil, drawsAreas: false, on: drawing)
            }
            phonePlaceOfPlace = Array(repeating: 0, count: places.count)
            for (index, place) in phonePlaces.enumerated() {
                for member in place.members { phonePlaceOfPlace[member] = index }
            }
            var phoneMap = EventMap(
                frame: smallFrame, size: small, places: phonePlaces.map(\.marker), types: types,
                layers: byType ? layers(on: drawing) : [],
                labels: labels(
                    smallFrame, geography, mapCountries,
                    avoiding: phonePlaces.map {
                        (x: $0.marker.position.x, y: $0.marker.position.y, radius: $0.marker.drawnRadius)
                    }, names: countryNames),
                unplaced: unplaced, focusCountry: focus)
            // Places are grouped again, so its events are at most the page's reach plus the phone's apart.
            phoneMap.groupKilometres = all.kilometres + phoneGrouping.kilometres
            phone = [phoneMap]
        }
        var map = EventMap(
            frame: frame, size: size, places: places.map(\.marker), types: types,
            layers: byType ? layers(on: wide) : [],
            labels: labels(
                frame, geography, mapCountries, onlyThose: size.onlyOwnCountryLabels,
                avoiding: places.map {
                    (x: $0.marker.position.x, y: $0.marker.position.y, radius: $0.marker.drawnRadius)
                }, names: countryNames),
            unplaced: unplaced, focusCountry: focus, phone: phone, phonePlaceOfPlace: phonePlaceOfPlace)
        map.groupKilometres = all.kilometres
        return map
    }

    /// Places whose markers would overlap: in one country they become one place (named by what
    /// all its events share), across a border they are moved apart, each remembering where it
    /// belongs (`Marker.home`). Markers are compared by the size they are drawn at, or their
    /// size's `tapRadius` where that is larger; on a map with a tap radius (a phone's) places of
    /// one country that touch are merged, elsewhere only those mostly over each other, or those
    /// that a push would move from land into the sea (`onLand`, a point of the frame).
    static func separate(
        _ places: inout [(members: [Int], marker: Marker)], countryOf: (Int) -> Int, frame: MapFrame, size: Size,
        onLand: ((WebMercator.Point) -> Bool)? = nil, remake: ([Int]) -> Marker
    ) {
        let gap = 2.0
        func radius(_ marker: Marker) -> Double { max(marker.reach, size.tapRadius) }
        for _ in 0..<60 {
            var changed = false
            let radii = places.map { radius($0.marker) }
            let cellSize = 2 * (radii.max() ?? 10) + gap
            struct Cell: Hashable { var x: Int, y: Int }
            var cells: [Cell: [Int]] = [:]
            for (index, place) in places.enumerated() {
                cells[
                    Cell(
                        x: Int((place.marker.position.x / cellSize).rounded(.down)),
                        y: Int((place.marker.position.y / cellSize).rounded(.down))), default: []
                ].append(index)
            }
            var removed = Set<Int>()
            for index in places.indices where !removed.contains(index) {
                let here = places[index].marker.position
                let cell = Cell(x: Int((here.x / cellSize).rounded(.down)), y: Int((here.y / cellSize).rounded(.down)))
                for dx in -1...1 {
                    for dy in -1...1 {
                        for other in cells[Cell(x: cell.x + dx, y: cell.y + dy)] ?? []
                        where other > index && !removed.contains(other) && !removed.contains(index) {
                            let a = places[index].marker.position, b = places[other].marker.position
                            let distance = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
                            let needed = radius(places[index].marker) + radius(places[other].marker) + gap
                            guard distance < needed else { continue }
                            changed = true
                            // Merged only when one is mostly over the other: places that merely touch are
                            // moved apart (a merge grows the marker, and merges would cascade across a country).
                            var heavy =
                                size.tapRadius > 0
                                || distance < max(radius(places[index].marker), radius(places[other].marker))
                            let (ux, uy) =
                                distance > 0.01 ? ((b.x - a.x) / distance, (b.y - a.y) / distance) : (1.0, 0.0)
                            let shift = (needed - distance) / 2 + 0.05
                            if !heavy, let onLand {
                                // A push that would carry a marker off the coast into the sea joins the two
                                // instead (within a country): a marker at sea reads as an event at sea.
                                // (Its place on land, where it is now: one a border push left at sea is not
                                // pushed further out by its own country's markers either.)
                                heavy = [(index, -1.0), (other, 1.0)].contains { item, sign in
                                    let position = places[item].marker.position
                                    return onLand(places[item].marker.home ?? position)
                                        && !onLand(
                                            WebMercator.Point(
                                                x: position.x + sign * ux * shift, y: position.y + sign * uy * shift))
                                }
                            }
                            if heavy, let first = places[index].members.first, let second = places[other].members.first,
                                countryOf(first) == countryOf(second)
                            {
                                let members = places[index].members + places[other].members
                                places[index] = (members, remake(members))
                                removed.insert(other)
                            } else {
                                // Across a border (they may not be joined): one that a push would carry into
                                // the sea stays, and the other moves the whole way, if that keeps it on land.
                                var shares = [(index, -1.0, shift), (other, 1.0, shift)]
                                if let onLand {
                                    let seaward = shares.map { item, sign, shift in
                                        let position = places[item].marker.position
                                        return onLand(position)
                                            && !onLand(
                                                WebMercator.Point(
                                                    x: position.x + sign * ux * shift, y: position.y + sign * uy * shift
                                                ))
                                    }
                                    if seaward[0] != seaward[1] {
                                        let stays = seaward[0] ? 0 : 1, moves = 1 - stays
                                        let (item, sign, _) = shares[moves], position = places[item].marker.position
                                        if onLand(
                                            WebMercator.Point(
                                                x: position.x + sign * ux * 2 * shift,
                                                y: position.y + sign * uy * 2 * shift))
                                        {
                                            shares[stays].2 = 0
                                            shares[moves].2 = 2 * shift
                                        }
                                    }
                                }
                                for (item, sign, shift) in shares where shift > 0 {
                                    let position = places[item].marker.position
                                    if places[item].marker.home == nil { places[item].marker.home = position }
                                    let edge = radius(places[item].marker)
                                    places[item].marker.position = WebMercator.Point(
                                        x: min(max(position.x + sign * ux * shift, edge), frame.width - edge),
                                        y: min(max(position.y + sign * uy * shift, edge), frame.height - edge))
                                }
                            }
                        }
                    }
                }
            }
            if !removed.isEmpty { places = places.enumerated().filter { !removed.contains($0.offset) }.map(\.element) }
            guard changed else { break }
        }
        guard let onLand else { return }
        // Pushed across a border (where two may not be joined), a marker can still end at sea:
        // it is brought back towards its place to the first point on land where it covers no
        // other marker, if there is one.
        for index in places.indices {
            guard let home = places[index].marker.home, onLand(home), !onLand(places[index].marker.position) else {
                continue
            }
            let from = places[index].marker.position, own = radius(places[index].marker)
            for step in 1...10 {
                let t = Double(step) / 10
                let candidate = WebMercator.Point(x: from.x + (home.x - from.x) * t, y: from.y + (home.y - from.y) * t)
                guard onLand(candidate) else { continue }
                let clear = places.indices.allSatisfy { other in
                    let position = places[other].marker.position
                    return other == index
                        || ((position.x - candidate.x) * (position.x - candidate.x) + (position.y - candidate.y)
                            * (position.y - candidate.y))
                            .squareRoot()
                            >= own + radius(places[other].marker) + gap
                }
                if clear {
                    places[index].marker.position = candidate
                    break
                }
            }
        }
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
                let cell = Cell(
                    x: Int((marker.position.x / distance).rounded()), y: Int((marker.position.y / distance).rounded()))
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
                layers[item.layer].markers[item.marker].position = WebMercator.Point(
                    x: centre.x + ring * cos(angle), y: centre.y + ring * sin(angle))
                layers[item.layer].markers[item.marker].home = home
            }
        }
    }

    /// The largest figure an event gives for people killed or injured (the top of each range).
    static func largestFigure(_ event: Event) -> Int {
        event.casualties.reduce(0) { $0 + ($1.maximum ?? $1.minimum ?? 0) }
    }

    /// Outlines the map data draws as countries of their own, but whose names would stand for
    /// more than their part (Natural Earth's "N. Cyprus" was the only name written on Cyprus,
    /// and won the island's label over "Cyprus"): left unnamed unless the report's events name them.
    static let unnamedOnMaps: Set<String> = ["CYN"]

    /// Country names whose label point is in the window and whose name fits across the country
    /// as drawn, without overlapping a name already placed: the report's countries first, then
    /// larger countries before smaller ones.
    ///
    /// - Parameter markers: discs (centre, radius) a name must not be written over: a name that
    ///   would be is moved to a nearby point of its country where it is clear of them, and
    ///   left out (other countries) or kept over them (the report's, where their counts stay
    ///   clear) where there is none.
    static func labels(
        _ frame: MapFrame, _ geography: Geography, _ reportCountries: Set<String>, onlyThose: Bool = false,
        avoiding markers: [(x: Double, y: Double, radius: Double)] = [], names: [String: String] = [:]
    ) -> [Label] {
        let fontSize = 11.0
        var candidates: [(label: Label, width: Double, country: Geography.Country)] = []
        // The window in world units: a country wholly outside it has no name on this map.
        let topLeft = frame.world(at: WebMercator.Point(x: 0, y: 0)),
            bottomRight = frame.world(at: WebMercator.Point(x: frame.width, y: frame.height))
        for (index, bounds) in geography.worldBoxes.enumerated()
        where bounds.maxX >= topLeft.x && bounds.minX <= bottomRight.x && bounds.maxY >= topLeft.y
            && bounds.minY <= bottomRight.y
        {
            let country = geography.countries[index]
            if onlyThose, !reportCountries.contains(country.code) { continue }
            if unnamedOnMaps.contains(country.code), !reportCountries.contains(country.code) { continue }
            var position = frame.place(country.worldLabel)
            var drawnWidth = (bounds.maxX - bounds.minX) * frame.scale
            if !frame.contains(position, margin: -8) {
                // The country's own label point is out of the window: if a good part of it is in
                // view, write its name in the middle of that part, when that point is on land.
                let topLeft = frame.place(WebMercator.Point(x: bounds.minX, y: bounds.minY))
                let bottomRight = frame.place(WebMercator.Point(x: bounds.maxX, y: bounds.maxY))
                let visible = (
                    max(topLeft.x, 0), max(topLeft.y, 0), min(bottomRight.x, frame.width),
                    min(bottomRight.y, frame.height)
                )
                guard visible.2 - visible.0 > 90, visible.3 - visible.1 > 40 else { continue }
                position = WebMercator.Point(x: (visible.0 + visible.2) / 2, y: (visible.1 + visible.3) / 2)
                guard country.contains(WebMercator.unproject(frame.world(at: position))) else { continue }
                drawnWidth = visible.2 - visible.0
            }
            let name = names[country.code] ?? country.name
            let textWidth = Double(name.count) * fontSize * 0.58
            let isReport = reportCountries.contains(country.code)
            guard textWidth <= drawnWidth * 1.15 || (isReport && textWidth <= drawnWidth * 2) else { continue }
            candidates.append(
                (Label(text: name, position: position, isReportCountry: isReport), drawnWidth, country))
        }
        candidates.sort {
            ($0.label.isReportCountry ? 1 : 0, $0.width, $1.label.text) > (
                $1.label.isReportCountry ? 1 : 0, $1.width, $0.label.text
            )
        }
        var placed: [(label: Label, box: (Double, Double, Double, Double))] = []
        /// Whether the box is over a marker; `core`: over the middle of one, where its count is.
        func covered(_ box: (Double, Double, Double, Double), core: Bool = false) -> Bool {
            markers.contains { marker in
                // The nearest point of the box to the disc's centre is inside the disc.
                let x = min(max(marker.x, box.0), box.2), y = min(max(marker.y, box.1), box.3)
                let radius = core ? min(marker.radius, 10) : marker.radius + 2
                return (x - marker.x) * (x - marker.x) + (y - marker.y) * (y - marker.y) < radius * radius
            }
        }
        // Where a name may go instead of its country's label point, nearest first.
        // Rings of eight directions, wider than high (a name is), out to about a third of the map.
        let offsets: [(Double, Double)] =
            [(0, 0), (0, -16), (0, 16), (-36, 0), (36, 0), (0, -30), (0, 30)]
            + [14.0, 22, 30, 42, 56, 70, 90, 110].flatMap { step in
                (0..<8).map { direction in
                    let angle = Double(direction) * .pi / 4
                    return ((cos(angle) * step * 2).rounded(), (sin(angle) * step).rounded())
                }
            }
        for candidate in candidates {
            // The report's countries are written larger and bold (the stylesheet: 12 px, 700).
            let half =
                Double(candidate.label.text.count) * (candidate.label.isReportCountry ? 12 * 0.34 : fontSize * 0.3)
            var kept: (label: Label, box: (Double, Double, Double, Double))?
            var fallback: (label: Label, box: (Double, Double, Double, Double), countsClear: Bool)?
            for (dx, dy) in offsets {
                let position = WebMercator.Point(x: candidate.label.position.x + dx, y: candidate.label.position.y + dy)
                let box = (position.x - half, position.y - fontSize, position.x + half, position.y + 4)
                guard box.0 >= 2, box.2 <= frame.width - 2, box.1 >= 2, box.3 <= frame.height - 2 else { continue }
                guard
                    !placed.contains(where: { other in
                        box.0 < other.box.2 && other.box.0 < box.2 && box.1 < other.box.3 && other.box.1 < box.3
                    })
                else { continue }
                // Moved, a name stays on its country.
                guard dx == 0 && dy == 0 || candidate.country.contains(WebMercator.unproject(frame.world(at: position)))
                else { continue }
                var label = candidate.label
                label.position = position
                if !covered(box) { kept = (label, box); break }
                // A report's country keeps a name where no spot is clear: over the markers, at its
                // label point, or at the nearest spot that leaves their counts readable.
                if label.isReportCountry, fallback == nil || fallback?.countsClear == false && !covered(box, core: true)
                {
                    label.isOverMarkers = true
                    fallback = (label, box, !covered(box, core: true))
                }
            }
            // Over the markers only where their counts stay readable: a count is data, a name
            // context (the country is shaded, and the list of places names it).
            if let kept = kept ?? fallback.flatMap({ $0.countsClear ? ($0.label, $0.box) : nil }) {
                placed.append(kept)
            }
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
            return
                "<rect x=\"\(n.text(x - side / 2))\" y=\"\(n.text(y - side / 2))\" width=\"\(n.text(side))\" height=\"\(n.text(side))\"\(attributes)/>"
        default:
            let points = corners.map { (dx, dy) in "\(n.text(x + dx * r)),\(n.text(y + dy * r))" }.joined(
                separator: " ")
            return "<polygon points=\"\(points)\"\(attributes)/>"
        }
    }

    /// How far the shape drawn at `r` reaches from its centre, as a multiple of `r`.
    var reach: Double {
        switch self {
        case .circle: return 1
        case .square: return 0.9 * 2.0.squareRoot()
        default: return corners.map { ($0.0 * $0.0 + $0.1 * $0.1).squareRoot() }.max() ?? 1
        }
    }

    /// Corners on a unit circle (y down), for the polygon shapes.
    private var corners: [(Double, Double)] {
        switch self {
        case .diamond: return [(0, -1.25), (1.25, 0), (0, 1.25), (-1.25, 0)]
        case .triangle: return [(0, -1.3), (1.2, 0.85), (-1.2, 0.85)]
        case .invertedTriangle: return [(0, 1.3), (1.2, -0.85), (-1.2, -0.85)]
        case .hexagon:
            return (0..<6).map { step in
                let angle = Double(step) * .pi / 3; return (1.12 * cos(angle), 1.12 * sin(angle))
            }
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
