import Foundation

/// A map of some events as a template sees it: the drawing (inline SVG), its legend, the list
/// of places where several events are grouped (the target of their markers), and the events it
/// cannot place. Used by the map page, home, event, actor and topic pages.
struct MapView: Sendable {
    struct LegendEntry: Sendable {
        var typeID: String
        var label: String
        var colour: String
        /// The type's marker shape, as a small inline SVG (colour alone does not tell types apart).
        var keyHTML: String
        var count: Int
        /// `count` in the site's digits, to read (`count` itself is for attributes and scripts).
        var countText: String
    }

    struct PrecisionEntry: Sendable {
        var label: String
        var keyHTML: String
    }

    struct PlaceEntry: Sendable {
        var id: String
        var label: String
        var events: [CardValue]
        var moreText: String?
        /// For an area (a place of the phone's drawing that holds several of the page drawing's):
        /// its places of several events, each an entry of its own (its `events` are the places of one).
        var parts: [Part] = []

        /// An area's place: an entry without parts (a type of its own: a template shape that held
        /// itself would be declared without end).
        struct Part: Sendable { var entry: PlaceEntry }
    }

    var id: String
    var svgHTML: String
    var caption: String
    var placedCount: Int
    var legend: [LegendEntry]
    var precisions: [PrecisionEntry]
    var places: [PlaceEntry]
    var unplacedText: String?
    var unplaced: [CardValue]
    var unplacedMoreText: String?
    /// The script holding the places' unlisted events (`MapPlacesData`; the map page only),
    /// and the way from the page to the site root its links start from.
    var placesDataHref: String?
    var root: String
    /// The words of the button that loads them, and of its failure.
    var showMoreLabel: String
    var showMoreFailedText: String

    /// Lists on a map of many events stay short: a map page of 50,000 events stays small.
    /// `listedEventLimit` is the map page's; pages that list their events anyway (actor,
    /// topic) name fewer under each place.
    /// Kilometres as a reader takes them in: two significant digits, at least 1.
    static func roundedKilometres(_ kilometres: Double) -> Int {
        guard kilometres.isFinite, kilometres >= 1 else { return 1 }
        let step = kilometres >= 100 ? pow(10, log10(kilometres).rounded(.down) - 1) : 1
        return Int((kilometres / step).rounded() * step)
    }

    static let listedEventLimit = 12, listedUnplacedLimit = 50, listedPlaceLimit = 300

    /// The map of `events` (indexes into the report), or nil when none has a place a map can show.
    /// What it shows of each event is recorded as read.
    /// - Parameters:
    ///   - readEach: record a read of each event (pages that read `.everyEvent` need not).
    ///   - groupHref: for a page that shows the map alone, where markers of several events lead
    ///     (instead of the map's list of places, which it then leaves out).
    ///   - eventsPerPlace: how many of a place's events its list entry links to.
    ///   - isLocator: the map of one event on its own page (`MapDrawing.isLocator`).
    ///   - placesDataHref: where the script with the places' unlisted events is (`MapPlacesData`).
    ///   - byType: also draw each type alone, for a legend that hides types (`EventMap.layers`).
    static func make(
        _ events: [Int], links: PageLinks, id: String, size: EventMap.Size, title: String, readEach: Bool = true,
        groupHref: String? = nil, eventsPerPlace: Int = 3, isLocator: Bool = false, placesDataHref: String? = nil,
        byType: Bool = false
    ) -> MapView? {
        let report = links.report, text = links.text
        if readEach { for index in events { links.reads.read(.event(report.events[index].id)) } }
        links.reads.read(.config)
        guard
            let map = EventMap.make(
                events, report: report, geography: links.site.templates.geography, size: size, byType: byType)
        else { return nil }
        let drawing = MapDrawing(
            map: map, report: report, text: text, root: links.siteRoot, id: id, groupHref: groupHref,
            isLocator: isLocator
        ) { links.event(report.events[$0].id) }
        let placed = map.placedCount
        var description = text(
            "map.description", ["placed": text.count("events", placed), "unplaced": String(map.unplaced.count)])
        // How far apart the events of one marker may be, where a marker holds several.
        if !isLocator, map.places.contains(where: { $0.events.count > 1 }) {
            let kilometres = text.number(Self.roundedKilometres(map.groupKilometres))
            if let phone = map.phone.first {
                description +=
                    " "
                    + text(
                        "map.grouping.phone",
                        [
                            "kilometres": kilometres,
                            "phoneKilometres": text.number(Self.roundedKilometres(phone.groupKilometres)),
                        ])
            } else {
                description += " " + text("map.grouping", ["kilometres": kilometres])
            }
        }
        // Places of several events are listed in the page drawing's order (`MapPlacesData` names
        // the rest of each place's events in that order too).
        var ordinal = Array(repeating: -1, count: map.places.count), severalCount = 0
        for (index, marker) in map.places.enumerated() where marker.events.count > 1 {
            ordinal[index] = severalCount
            severalCount += 1
        }
        func entry(_ index: Int) -> PlaceEntry {
            let marker = map.places[index]
            let listed = marker.events.prefix(listedCount(place: ordinal[index], eventsPerPlace: eventsPerPlace))
            let more = marker.events.count - listed.count
            return PlaceEntry(
                id: drawing.placeID(index),
                label: drawing.tooltip(marker),
                // Events that share no place are each listed with theirs.
                events: listed.map { links.eventLink($0, withPlace: !marker.sharesAPlace) },
                moreText: more > 0 ? text.count("map.more", more) : nil
            )
        }
        var places: [PlaceEntry] = []
        var svgHTML: String
        if let phone = map.phone.first {
            // A phone's place of one page place leads to that place's entry; of several, to an
            // area's entry, which holds theirs: every place is listed once, in the phone's order.
            var inside = Array(repeating: [Int](), count: phone.places.count)
            for (place, phonePlace) in map.phonePlaceOfPlace.enumerated() { inside[phonePlace].append(place) }
            var anchors: [String] = []
            let phoneDrawing = MapDrawing(
                map: phone, report: report, text: text, root: links.siteRoot, id: id, groupHref: groupHref
            ) { links.event(report.events[$0].id) }
            for (index, marker) in phone.places.enumerated() {
                let parts = inside[index]
                if parts.count == 1 {
                    anchors.append(drawing.placeID(parts[0]))
                    if groupHref == nil, map.places[parts[0]].events.count > 1 { places.append(entry(parts[0])) }
                } else {
                    anchors.append(phoneDrawing.areaID(index))
                    guard groupHref == nil else { continue }
                    let singles = parts.filter { map.places[$0].events.count == 1 }.map { map.places[$0].events[0] }
                        .sorted()
                    places.append(
                        PlaceEntry(
                            id: phoneDrawing.areaID(index), label: phoneDrawing.tooltip(marker),
                            events: singles.map { links.eventLink($0, withPlace: true) }, moreText: nil,
                            parts: parts.filter { map.places[$0].events.count > 1 }.map {
                                PlaceEntry.Part(entry: entry($0))
                            }))
                }
            }
            var drawn = phoneDrawing
            drawn.placeAnchors = anchors
            svgHTML =
                drawing.svg(title: title, description: description, extraClass: " map-wide")
                + drawn.svg(title: title, description: description, svgID: id + "-phone")
        } else {
            for index in map.places.indices where map.places[index].events.count > 1 && groupHref == nil {
                places.append(entry(index))
            }
            svgHTML = drawing.svg(title: title, description: description)
        }
        let unplacedListed = map.unplaced.prefix(listedUnplacedLimit)
        var byTypeCount = Array(repeating: 0, count: map.types.count)
        for place in map.places { for (type, count) in place.typeCounts { byTypeCount[type] += count } }
        let legend = map.types.enumerated().filter { byTypeCount[$0.offset] > 0 }.map { index, type in
            LegendEntry(
                typeID: type.id, label: type.label, colour: type.colour,
                keyHTML: key(MarkerShape.forType(at: index), colour: type.colour, precision: .exact, type: type.id),
                count: byTypeCount[index], countText: text.number(byTypeCount[index]))
        }
        let shown = Set(map.places.map(\.precision))
        let precisions = LocationPrecision.allCases.filter { $0 != .country && shown.contains($0) }.map { precision in
            PrecisionEntry(
                label: text("map.precision.\(precision.rawValue)"),
                keyHTML: key(.circle, colour: "currentColor", precision: precision))
        }
        return MapView(
            id: id,
            svgHTML: svgHTML,
            caption: description,
            placedCount: placed,
            legend: legend,
            precisions: precisions,
            places: places,
            unplacedText: map.unplaced.isEmpty ? nil : text.count("map.unplaced", map.unplaced.count),
            unplaced: unplacedListed.map { links.eventLink($0) },
            unplacedMoreText: map.unplaced.count > unplacedListed.count
                ? text.count("map.more", map.unplaced.count - unplacedListed.count) : nil,
            // An area's places are listed inside it: their unlisted events need the script too.
            placesDataHref: places.contains { $0.moreText != nil || $0.parts.contains { $0.entry.moreText != nil } }
                ? placesDataHref : nil,
            root: links.root,
            showMoreLabel: text("map.showMore"),
            showMoreFailedText: text("map.showMoreFailed")
        )
    }

    /// How many events the list entry of the map's `place`-th place of several events names.
    static func listedCount(place: Int, eventsPerPlace: Int) -> Int {
        place < listedPlaceLimit ? eventsPerPlace : 0
    }

    /// A legend key: the marker as the map draws it, 16 units square.
    static func key(_ shape: MarkerShape, colour: String, precision: LocationPrecision, type: String? = nil) -> String {
        "<svg class=\"map-key\" viewBox=\"0 0 16 16\" aria-hidden=\"true\""
            + (type.map { " data-type=\"\(HTMLEscaping().escapeText($0))\"" }
                ?? " style=\"--type-colour: \(HTMLEscaping().escapeText(colour))\"") + ">"
            + shape.element(x: 8, y: 8, r: 5, attributes: " class=\"map-marker precision-\(precision.rawValue)\"")
            + "</svg>"
    }
}

extension MapView: TemplateModel {
    static let shape = TemplateFieldList<MapView>(
        "MapView", "A map of events, drawn at build time.",
        [
            .text("id", "The map's element id on its page.") { $0.id },
            .html(
                "svgHTML",
                "The map as inline SVG: outlines (the shared `map/world.svg`), country names, one marker per place (`.map-all`) and, on the map page, one layer per type (`.map-layer`, shown while the legend hides a type)."
            ) { $0.svgHTML },
            .text("caption", "What the map shows, in words.") { $0.caption },
            .number("placedCount", "How many events have a marker.") { $0.placedCount },
            .list("legend", "The event types on the map, in site.yaml's order.") { $0.legend },
            .list("precisions", "How precisely the markers' places are known, for those on the map.") { $0.precisions },
            .list("places", "Markers that stand for several events: their list entries.") { $0.places },
            .text(
                "unplacedText",
                "How many events are not on the map (no coordinates, or only a country), when some are not."
            ) { $0.unplacedText },
            .eventLinks("unplaced", "Links to those events (the first 50).") { $0.unplaced },
            .text("unplacedMoreText", "How many more are not listed.") { $0.unplacedMoreText },
            .text(
                "placesDataHref",
                "The script with the events the places' entries do not list, loaded when a reader asks for them (the map page only, when some are not listed)."
            ) { $0.placesDataHref },
            .text("root", "From the page to the site's root: the links in that script start there.") { $0.root },
            .text("showMoreLabel", "The words of the button that loads them (`map.showMore`).") { $0.showMoreLabel },
            .text("showMoreFailedText", "What the page says when they could not be loaded (`map.showMoreFailed`).") {
                $0.showMoreFailedText
            },
        ])
}

extension MapView.LegendEntry: TemplateModel {
    static let shape = TemplateFieldList<MapView.LegendEntry>(
        "MapLegendEntry", "An event type on a map.",
        [
            .text("typeID", "The type's id (for the legend's show/hide control).") { $0.typeID },
            .text("label", "The type's label.") { $0.label },
            .text("colour", "The type's colour.") { $0.colour },
            .html("keyHTML", "The type's marker, as a small SVG.") { $0.keyHTML },
            .number("count", "How many of the map's events are of this type.") { $0.count },
            .text("countText", "The count in the site's digits (`digits:`), to show; `count` is for attributes.") {
                $0.countText
            },
        ])
}

extension MapView.PrecisionEntry: TemplateModel {
    static let shape = TemplateFieldList<MapView.PrecisionEntry>(
        "MapPrecisionEntry", "How precisely a marker's place is known.",
        [
            .text("label", "The precision, in words.") { $0.label },
            .html("keyHTML", "How the map draws it, as a small SVG.") { $0.keyHTML },
        ])
}

extension MapView.PlaceEntry: TemplateModel {
    static let entryFields: [TemplateFieldList<MapView.PlaceEntry>.Field] = [
        .text("id", "The entry's element id (its marker links here).") { $0.id },
        .text("label", "How many events, of which type, where.") { $0.label },
        .eventLinks("events", "Links to its events (the first 12 on the map page, 3 elsewhere).") { $0.events },
        .text("moreText", "How many more are not listed.") { $0.moreText },
    ]
    static let shape = TemplateFieldList<MapView.PlaceEntry>(
        "MapPlaceEntry", "Several events at one place on a map.",
        entryFields + [
            .list(
                "parts",
                "For an area (a marker of the phone's drawing that stands for several places): its places of several events, each an entry like this one without parts; `events` then lists its places of one event."
            ) { $0.parts }
        ])
}

extension MapView.PlaceEntry.Part: TemplateModel {
    static let shape = TemplateFieldList<MapView.PlaceEntry.Part>(
        "MapPlacePart", "A place of several events within an area of a phone's map.",
        MapView.PlaceEntry.entryFields.map { field in
            .init(name: field.name, summary: field.summary, kind: field.kind) { field.value($0.entry) }
        })
}
