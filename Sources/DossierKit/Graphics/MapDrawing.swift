/// Draws an `EventMap` as inline SVG: the shared country outlines (`WorldOutline`, one file
/// the whole site references), the names that fit, and the markers, each a link to its event
/// (or, for several events, to the map's list of places) with a tooltip.
///
/// Everything from content is escaped; the drawing is deterministic (same report, same bytes).
struct MapDrawing {
    let map: EventMap
    let report: Report
    let text: DisplayText
    /// From the page to the site root (`PageLinks.root`).
    let root: String
    /// A name for the map unique on its page: the prefix of its element ids.
    let id: String
    /// Where a marker of several events leads when the page does not list the map's places
    /// (the home page's map leads to the map page); nil: to the place's entry in the list.
    var groupHref: String? = nil
    /// A locator on the event's own page: its marker is not a link to the page it is on, and
    /// the map's title says what it shows (10,000 event pages each carry one: every byte counts).
    var isLocator = false
    /// Where each place of several events leads, when not to `placeID` (a phone's drawing: its
    /// places are unions of the page drawing's, listed as those or as areas of them).
    var placeAnchors: [String] = []
    let eventHref: (Int) -> String

    /// The id of the list entry for a place of several events (`EventMap.places`).
    func placeID(_ place: Int) -> String { "\(id)-place-\(place)" }

    /// The id of the list entry that a phone drawing's place of several places leads to.
    func areaID(_ place: Int) -> String { "\(id)-area-\(place)" }

    private func anchor(_ place: Int) -> String { placeAnchors.isEmpty ? placeID(place) : placeAnchors[place] }

    /// - Parameter svgID: the element id of the SVG (its title's and description's start with it).
    func svg(title: String, description: String, svgID: String? = nil, extraClass: String = "") -> String {
        let frame = map.frame, n = SVGNumber.self, id = svgID ?? self.id
        var svg = ""
        svg.reserveCapacity(1_024 + map.placedCount * 160)
        let viewBox = "viewBox=\"0 0 \(n.text(frame.width)) \(n.text(frame.height))\""
        if isLocator {
            // No links inside: an image, named by its title.
            svg +=
                "<svg class=\"\(map.size.className)\(extraClass)\" \(viewBox) role=\"img\" aria-label=\"\(HTMLEscaping().escapeText(title))\">"
        } else {
            svg +=
                "<svg class=\"\(map.size.className)\(extraClass)\" id=\"\(id)\" \(viewBox) aria-labelledby=\"\(id)-title \(id)-desc\">"
            svg +=
                "<title id=\"\(id)-title\">\(HTMLEscaping().escapeText(title))</title><desc id=\"\(id)-desc\">\(HTMLEscaping().escapeText(description))</desc>"
        }
        if isLocator {
            // A small window: the tiles of the outlines it shows, not the world (`WorldOutline`).
            let window = MapFrame.Bounds(
                minX: frame.origin.x, minY: frame.origin.y,
                maxX: frame.origin.x + frame.width / frame.scale, maxY: frame.origin.y + frame.height / frame.scale)
            for tile in WorldOutline.tiles(covering: window) {
                let square = tile.square
                svg +=
                    "<image class=\"map-base\" href=\"\(root)\(WorldOutline.tilePath(column: tile.column, row: tile.row))\" x=\"\(n.text((square.minX - frame.origin.x) * frame.scale))\" y=\"\(n.text((square.minY - frame.origin.y) * frame.scale))\" width=\"\(n.text((square.maxX - square.minX) * frame.scale))\" height=\"\(n.text((square.maxY - square.minY) * frame.scale))\"/>"
            }
        } else {
            let world = WebMercator.size * frame.scale
            svg +=
                "<image class=\"map-base\" href=\"\(root)\(WorldOutline.path)\" x=\"\(n.text(-frame.origin.x * frame.scale))\" y=\"\(n.text(-frame.origin.y * frame.scale))\" width=\"\(n.text(world))\" height=\"\(n.text(world))\"/>"
        }
        if let country = map.focusCountry {
            svg += "<path class=\"map-focus\" d=\"\(Self.path(country, in: frame))\"/>"
        }
        func labels(_ labels: [EventMap.Label], className: String) {
            guard !labels.isEmpty else { return }
            svg += "<g class=\"\(className)\" aria-hidden=\"true\">"
            for label in labels {
                svg +=
                    "<text x=\"\(n.text(label.position.x))\" y=\"\(n.text(label.position.y))\"\(label.isReportCountry ? " class=\"map-label-report\"" : "")>\(HTMLEscaping().escapeText(label.text))</text>"
            }
            svg += "</g>"
        }
        labels(map.labels.filter { !$0.isOverMarkers }, className: "map-labels")
        // Every place once, whatever its types; then, on the map page, each type alone (shown
        // by its stylesheet while the legend hides a type), its groups leading to the place that
        // holds their first event.
        svg += "<g class=\"map-all\">"
        for (index, place) in map.places.enumerated() { svg += self.place(place, anchor: anchor(index)) }
        svg += "</g>"
        if !map.layers.isEmpty {
            var placeOfEvent: [Int: Int] = [:]
            for (index, place) in map.places.enumerated() { for event in place.events { placeOfEvent[event] = index } }
            for layer in map.layers {
                svg += "<g class=\"map-layer\" data-type=\"\(HTMLEscaping().escapeText(layer.type.id))\">"
                for marker in layer.markers {
                    // A group leads to the listed place (of several events) that holds most of its events.
                    var shares: [Int: Int] = [:]
                    for event in marker.events {
                        if let place = placeOfEvent[event], map.places[place].events.count > 1 {
                            shares[place, default: 0] += 1
                        }
                    }
                    let place = shares.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
                    svg += self.marker(
                        marker, shape: layer.shape, type: layer.type, anchor: place.map(anchor) ?? "",
                        listed: place != nil)
                }
                svg += "</g>"
            }
        }
        // The report's countries whose names found no clear spot: over the markers.
        labels(map.labels.filter(\.isOverMarkers), className: "map-labels map-labels-over")
        if isLocator { svg += placeName() }
        svg += "</svg>"
        return svg
    }

    /// A locator names its event's place beside its marker (the country's name alone does not
    /// say where in it): to the right, or to the left where the right has no room.
    private func placeName() -> String {
        guard map.places.count == 1, let marker = map.places.first, marker.events.count == 1,
            let name = report.events[marker.events[0]].location?.name, !name.isEmpty
        else { return "" }
        let n = SVGNumber.self
        let radius = marker.drawnRadius, width = Double(name.count) * 7.4
        let right = marker.position.x + radius + 4 + width <= map.frame.width - 4
        let x = right ? marker.position.x + radius + 4 : marker.position.x - radius - 4
        return
            "<text class=\"map-place-name\" x=\"\(n.text(x))\" y=\"\(n.text(marker.position.y + 4))\"\(right ? "" : " text-anchor=\"end\"")>\(HTMLEscaping().escapeText(name))</text>"
    }

    /// - Parameter listed: whether `anchor` names an entry of the map's list; a group with
    ///   none leads to its first event.
    private func marker(
        _ marker: EventMap.Marker, shape: MarkerShape, type: SiteConfig.EventType, anchor: String, listed: Bool = true
    ) -> String {
        let n = SVGNumber.self
        let (x, y) = (marker.position.x, marker.position.y)
        let count = marker.events.count
        let radius = marker.drawnRadius
        // Drawn away from its place so as not to hide another marker: a line leads back to it.
        var out = leader(marker)
        out +=
            isLocator
            ? ""
            : "<a\(count > 1 ? " class=\"map-group\"" : "") href=\"\(count == 1 || (!listed && groupHref == nil) ? eventHref(marker.events[0]) : groupHref ?? "#" + anchor)\"><title>\(HTMLEscaping().escapeText(tooltip(marker, type: type)))</title>"
        out += hitArea(marker)
        if marker.areaRadius > radius {
            out +=
                "<circle class=\"map-area\" cx=\"\(n.text(x))\" cy=\"\(n.text(y))\" r=\"\(n.text(marker.areaRadius))\"/>"
        }
        out += shape.element(
            x: x, y: y, r: radius, attributes: " class=\"map-marker precision-\(marker.precision.rawValue)\"")
        if count > 1 {
            out += "<text class=\"map-count\" x=\"\(n.text(x))\" y=\"\(n.text(y + 3.5))\">\(text.number(count))</text>"
        }
        return out + (isLocator ? "" : "</a>")
    }

    /// A place on the map: the marker of its one type (in its colour and shape), or, for several
    /// types, a disc in the colour of the most frequent one ringed by every type's share. Its
    /// count is written on it; its tooltip names it and its types.
    private func place(_ marker: EventMap.Marker, anchor: String) -> String {
        let n = SVGNumber.self
        guard marker.typeCounts.count > 1, let dominant = marker.typeCounts.max(by: { $0.count < $1.count }) else {
            let type = marker.typeCounts.first.map { map.types[$0.type] } ?? map.types.first
            guard let type else { return "" }
            return "<g data-type=\"\(HTMLEscaping().escapeText(type.id))\">"
                + self.marker(
                    marker, shape: MarkerShape.forType(at: marker.typeCounts.first?.type ?? 0), type: type,
                    anchor: anchor) + "</g>"
        }
        let (x, y) = (marker.position.x, marker.position.y)
        let radius = marker.drawnRadius - 3
        var out = leader(marker)
        out +=
            isLocator
            ? ""
            : "<a class=\"map-group\" href=\"\(groupHref ?? "#" + anchor)\" data-type=\"\(HTMLEscaping().escapeText(map.types[dominant.type].id))\"><title>\(HTMLEscaping().escapeText(tooltip(marker)))</title>"
        out += hitArea(marker)
        out += MarkerShape.circle.element(
            x: x, y: y, r: radius, attributes: " class=\"map-marker precision-\(marker.precision.rawValue)\"")
        // The ring: each type's share of the circumference, in site.yaml's order from the top.
        let ring = radius + 1.75, circumference = 2 * Double.pi * ring, total = Double(marker.events.count)
        var start = 0.0
        for (type, count) in marker.typeCounts {
            let length = circumference * Double(count) / total
            out +=
                "<circle class=\"map-ring\" data-type=\"\(HTMLEscaping().escapeText(map.types[type].id))\" cx=\"\(n.text(x))\" cy=\"\(n.text(y))\" r=\"\(n.text(ring))\""
                + " stroke-dasharray=\"\(n.text(length)) \(n.text(circumference - length))\" stroke-dashoffset=\"\(n.text(circumference / 4 - start))\"/>"
            start += length
        }
        out +=
            "<text class=\"map-count\" x=\"\(n.text(x))\" y=\"\(n.text(y + 3.5))\">\(text.number(marker.events.count))</text>"
        return out + (isLocator ? "" : "</a>")
    }

    /// On a map with a tap radius (a phone's), an unseen disc of that radius under a marker drawn
    /// smaller, so that a finger finds it (the places are kept that far apart).
    private func hitArea(_ marker: EventMap.Marker) -> String {
        guard !isLocator, map.size.tapRadius > marker.drawnRadius else { return "" }
        let n = SVGNumber.self
        return
            "<circle class=\"map-hit\" cx=\"\(n.text(marker.position.x))\" cy=\"\(n.text(marker.position.y))\" r=\"\(n.text(map.size.tapRadius))\"/>"
    }

    /// The line from a marker drawn beside its place back to the place.
    private func leader(_ marker: EventMap.Marker) -> String {
        guard let home = marker.home else { return "" }
        let n = SVGNumber.self
        return
            "<g class=\"map-leader\" aria-hidden=\"true\"><line x1=\"\(n.text(home.x))\" y1=\"\(n.text(home.y))\" x2=\"\(n.text(marker.position.x))\" y2=\"\(n.text(marker.position.y))\"/>"
            + "<circle cx=\"\(n.text(home.x))\" cy=\"\(n.text(home.y))\" r=\"1.5\"/></g>"
    }

    /// A place's tooltip and list entry: for one type, as that type's marker says it; for
    /// several, how many events, where (named only by what all of them share), and of which types.
    func tooltip(_ marker: EventMap.Marker) -> String {
        guard marker.typeCounts.count > 1 else {
            return tooltip(marker, type: marker.typeCounts.first.map { map.types[$0.type] } ?? map.types[0])
        }
        let types = marker.typeCounts.map { "\(map.types[$0.type].label) \($0.count)" }.joined(separator: ", ")
        return named(marker, key: "map.place", ("types", types))
    }

    /// "Title, 28 January 2024, Baghdad, Iraq (town or city)"; for several events, how many and
    /// where, named only by what all of them share: their place, their region, their country.
    func tooltip(_ marker: EventMap.Marker, type: SiteConfig.EventType) -> String {
        let first = report.events[marker.events[0]]
        if marker.events.count == 1 {
            // The place's name only: the marker's look says how precisely it is known.
            let place = first.location?.formatted ?? ""
            return text(
                "map.marker", ["title": first.title, "type": type.label, "date": text.date(first.date), "place": place])
        }
        return named(marker, key: "map.group", ("type", type.label))
    }

    /// Several events named by what all of them share: `key` for a place, `key.region`,
    /// `key.country` or `key.area`, with how many and `extra` (their type, or their types).
    private func named(_ marker: EventMap.Marker, key: String, _ extra: (name: String, value: String)) -> String {
        let events = text.count("events", marker.events.count)
        switch marker.common {
        case let .place(name, region, country):
            // The marker's precision, the least precise of its events': as it is drawn.
            let place = text.place(Place(name: name, region: region, country: country, precision: marker.precision))
            return text(key, ["events": events, extra.name: extra.value, "place": place])
        case let .region(region, country):
            return text(
                key + ".region",
                [
                    "events": events, extra.name: extra.value,
                    "region": [region, country].compactMap { $0 }.joined(separator: ", "),
                ])
        case let .country(country):
            return text(key + ".country", ["events": events, extra.name: extra.value, "country": country])
        case .none:
            return text(key + ".area", ["events": events, extra.name: extra.value])
        }
    }

    /// A country's outline in frame units (even-odd rule: holes stay holes).
    static func path(_ country: Geography.Country, in frame: MapFrame) -> String {
        var d = ""
        for ring in country.rings {
            var previous = ""
            for (index, point) in ring.enumerated() {
                let placed = frame.place(point)
                let pair = "\(SVGNumber.text(placed.x)) \(SVGNumber.text(placed.y))"
                if pair == previous { continue }
                d += (index == 0 ? "M" : "L") + pair
                previous = pair
            }
            d += "Z"
        }
        return d
    }
}
