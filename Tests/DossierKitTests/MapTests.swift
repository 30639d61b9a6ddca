import Foundation
import Testing
@testable import DossierKit

/// Maps drawn at build time: the projection, the window a map shows, grouping of markers, the
/// country outlines, the GeoJSON download, and the maps of the sample report's pages.
@Suite struct MapTests {
    // MARK: Projection

    @Test func webMercatorRoundTrips() {
        var random = SplitMix64(seed: 12)
        for _ in 0..<2_000 {
            let point = GeoPoint(
                longitude: Double(random.next(below: 360_001)) / 1_000 - 180,
                latitude: Double(random.next(below: 170_001)) / 1_000 - 85)
            let back = WebMercator.unproject(WebMercator.project(point))
            #expect(
                abs(back.longitude - point.longitude) < 1e-9 && abs(back.latitude - point.latitude) < 1e-9,
                "\(point) → \(back)")
        }
    }

    @Test func webMercatorPutsKnownPointsWhereTheyBelong() {
        let origin = WebMercator.project(GeoPoint(longitude: 0, latitude: 0))
        #expect(abs(origin.x - 500) < 1e-9 && abs(origin.y - 500) < 1e-9)
        #expect(abs(WebMercator.project(GeoPoint(longitude: 180, latitude: 0)).x - 1_000) < 1e-9)
        #expect(abs(WebMercator.project(GeoPoint(longitude: 0, latitude: WebMercator.maximumLatitude)).y) < 1e-6)
        // Beyond the square's edge latitudes are clamped, never infinite.
        #expect(WebMercator.project(GeoPoint(longitude: 0, latitude: 90)).y.isFinite)
        // North is up: Baghdad is above the equator, and east of Greenwich.
        let baghdad = WebMercator.project(GeoPoint(longitude: 44.4, latitude: 33.34))
        #expect(baghdad.y < 500 && baghdad.x > 500)
    }

    // MARK: The window

    static func frame(_ points: [GeoPoint], minimumSpan: Double = 20) -> MapFrame {
        MapFrame(
            width: 640, height: 420, fitting: MapFrame.Bounds(points.map(WebMercator.project))!,
            minimumSpan: minimumSpan)
    }

    static func spanInDegrees(_ frame: MapFrame) -> Double {
        let west = WebMercator.unproject(frame.world(at: .init(x: 0, y: 0))).longitude
        let east = WebMercator.unproject(frame.world(at: .init(x: frame.width, y: 0))).longitude
        return east - west
    }

    @Test func oneEventShowsItsRegionNotOneCity() {
        let baghdad = GeoPoint(longitude: 44.4, latitude: 33.34)
        let frame = Self.frame([baghdad])
        #expect(abs(Self.spanInDegrees(frame) - 20) < 1e-6, "the minimum span, \(Self.spanInDegrees(frame))°")
        let placed = frame.place(baghdad)
        #expect(abs(placed.x - 320) < 1e-6 && abs(placed.y - 210) < 1e-6, "in the middle: \(placed)")
    }

    @Test func theWindowFitsEveryPointWithPaddingInTheFramesProportions() {
        let points = [
            GeoPoint(longitude: 35.5, latitude: 33.9), GeoPoint(longitude: 51.4, latitude: 35.7),
            GeoPoint(longitude: 44.2, latitude: 15.4),
        ]
        let frame = Self.frame(points)
        for point in points {
            let placed = frame.place(point)
            #expect(frame.contains(placed, margin: -20), "\(point) is inside with padding: \(placed)")
        }
        // The frame's proportions: 640 wide, 420 high, in world units too.
        let corner = frame.world(at: .init(x: frame.width, y: frame.height)), origin = frame.origin
        #expect(abs((corner.x - origin.x) / (corner.y - origin.y) - 640.0 / 420.0) < 1e-9)
    }

    @Test func aWindowNeverWidensBeyondTheWorld() {
        let frame = Self.frame([GeoPoint(longitude: -179, latitude: 0), GeoPoint(longitude: 179, latitude: 10)])
        #expect(frame.origin.x >= 0 && frame.world(at: .init(x: frame.width, y: 0)).x <= WebMercator.size + 1e-9)
    }

    // MARK: Grouping

    @Test func markersNearerThanTheRadiusGroupAndOthersDoNot() {
        let points = [
            WebMercator.Point(x: 100, y: 100), .init(x: 104, y: 103), .init(x: 300, y: 100), .init(x: 108, y: 100),
            .init(x: 120, y: 100),
        ]
        let groups = MarkerGrouping.group(points, radius: 9)
        #expect(groups.map(\.members) == [[0, 1, 3], [2], [4]])
        #expect(abs(groups[0].centre.x - 104) < 1e-9 && abs(groups[0].centre.y - 101) < 1e-9)
        // The same input groups the same way (the drawing is deterministic).
        #expect(MarkerGrouping.group(points, radius: 9).map(\.members) == groups.map(\.members))
    }

    /// The names on an Arabic or Persian report's maps are the locale data's (CLDR); an English
    /// report keeps the outlines file's own (Natural Earth's).
    @Test func countriesAreNamedOnMapsInTheReportsLanguage() {
        #expect(CountryNames.names(in: "ar")["IRQ"] == "العراق")
        #expect(CountryNames.names(in: "ar-IQ")["JOR"] == "الأردن")
        #expect(CountryNames.names(in: "fa")["SYR"] == "سوریه")
        #expect(CountryNames.names(in: "en").isEmpty && CountryNames.names(in: "en-GB").isEmpty)
        let frame = Self.frame([GeoPoint(longitude: 44.4, latitude: 33.3)])
        let arabic = EventMap.labels(
            frame, .builtIn, ["IRQ"], names: CountryNames.names(in: "ar")
        ).map(\.text)
        #expect(arabic.contains("العراق") && !arabic.contains("Iraq"), "\(arabic)")
        #expect(EventMap.labels(frame, .builtIn, ["IRQ"]).map(\.text).contains("Iraq"))
    }

    /// Events group by kilometres on the ground, whatever their latitude: on a frame from the
    /// equator to 60° N a frame unit at 60° stands for half the ground it does at the equator,
    /// so grouping by frame units would join pairs in the south it leaves apart in the north.
    @Test func markersGroupByDistanceOnTheGroundAtEveryLatitude() {
        let frame = Self.frame([GeoPoint(longitude: 0, latitude: 0), GeoPoint(longitude: 40, latitude: 60)])
        // Two events 50 km apart east to west at a latitude.
        func pair(at latitude: Double) -> [WebMercator.Point] {
            let degrees = 50 / (111.32 * cos(latitude * .pi / 180))
            return [
                frame.place(GeoPoint(longitude: 10, latitude: latitude)),
                frame.place(GeoPoint(longitude: 10 + degrees, latitude: latitude)),
            ]
        }
        for latitude in [0.0, 30, 60] {
            let points = pair(at: latitude)
            #expect(MarkerGrouping.group(points, within: .onTheGround(kilometres: 55, frame: frame)).count == 1)
            #expect(MarkerGrouping.group(points, within: .onTheGround(kilometres: 45, frame: frame)).count == 2)
        }
        let equator = pair(at: 0), north = pair(at: 60)
        let unitsAtEquator = equator[1].x - equator[0].x
        #expect(
            abs((north[1].x - north[0].x) / unitsAtEquator - 2) < 0.01,
            "a 50 km pair at 60° is twice as long on the frame")
        #expect(abs(unitsAtEquator * frame.kilometresPerUnitAtEquator - 50) < 0.5)
        #expect(MarkerGrouping.group(north, radius: unitsAtEquator * 1.1).count == 2, "frame units: what changed")
    }

    @Test func aCrowdedMapGroupsWiderUntilItHoldsFewMarkers() {
        var random = SplitMix64(seed: 3)
        let points = (0..<50_000).map { _ in
            WebMercator.Point(
                x: Double(random.next(below: 640_000)) / 1_000, y: Double(random.next(below: 420_000)) / 1_000)
        }
        let (groups, radius) = MarkerGrouping.group(points, radius: 9, atMost: 1_500)
        #expect(groups.count <= 1_500 && radius > 9)
        #expect(groups.reduce(0) { $0 + $1.members.count } == 50_000, "every event is in one group")
    }

    @Test func groupsNeverHoldPointsOfTwoKeys() {
        let points = [
            WebMercator.Point(x: 100, y: 100), .init(x: 102, y: 100), .init(x: 104, y: 100), .init(x: 106, y: 100),
        ]
        let groups = MarkerGrouping.group(points, radius: 9, apart: [0, 1, 0, 1])
        #expect(groups.map(\.members) == [[0, 2], [1, 3]])
    }

    /// On a report of 3,000 events in seven neighbouring countries, every marker of several
    /// events is named only by what all its events share, and none holds two countries. (On
    /// 06a6392, 19 % of grouped events were listed under a place they are not at, 5 % under
    /// another country: "38 events (Arrest) at or near Amman, Jordan" held 16 in Damascus.)
    @Test func everyGroupIsNamedByWhatAllItsEventsShare() throws {
        let site = try TestSite()
        try SyntheticReport(events: 3_000, actors: 150, seed: 7).write(to: site.root)
        let report = try #require(SiteBuilder(options: site.options).validate().report)
        // The map of every event (its groups hold several places), and Iraq's closer map (where
        // they are drawn apart and named by their place).
        let iraq = report.events.indices.filter { report.events[$0].location?.country == "Iraq" }
        let maps = try [(Array(report.events.indices), EventMap.Size.page), (iraq, .country)].map { events, size in
            try #require(MapPlacesData.map(report, events: events, size: size, geography: .builtIn))
        }
        var groups = 0, byPlace = 0, byRegionOrCountry = 0
        for map in maps {
            let drawing = MapDrawing(map: map, report: report, text: .builtIn, root: "", id: "map") { _ in "" }
            for marker in map.places where marker.events.count > 1 {
                groups += 1
                let places = marker.events.map { report.events[$0].location ?? Place() }
                let title = drawing.tooltip(marker)
                #expect(Set(places.map { $0.country ?? "" }).count == 1, "\(title): \(Set(places.map(\.formatted)))")
                // A place of several types ends with them ("…: Attack 3, Strike 2").
                let named =
                    marker.typeCounts.count > 1
                    ? String(title[..<(title.range(of: ": ", options: .backwards)?.lowerBound ?? title.endIndex)])
                    : title
                if let range = named.range(of: " at several places in ") {
                    byRegionOrCountry += 1
                    let area = String(named[range.upperBound...])
                    #expect(
                        places.allSatisfy {
                            [$0.region, $0.country].compactMap { $0 }.joined(separator: ", ") == area
                                || $0.country == area
                        }, "\(title)")
                    #expect(
                        Set(places.map(\.formatted)).count > 1,
                        "\(title): they share a place, which the title should name")
                } else {
                    let at = try #require(named.range(of: " at "), "\(title)")
                    let place = String(named[at.upperBound...].prefix { $0 != "(" }).trimmingCharacters(
                        in: .whitespaces)
                    byPlace += 1
                    #expect(places.allSatisfy { $0.formatted == place }, "\(title): \(Set(places.map(\.formatted)))")
                    // The precision named is the marker's, as drawn: the least precise of its events'.
                    #expect(
                        named.hasSuffix("(\(DisplayText.builtIn("map.precision.\(marker.precision.rawValue)")))"),
                        "\(title)")
                }
                // Its types add up to its events.
                #expect(marker.typeCounts.reduce(0) { $0 + $1.count } == marker.events.count)
            }
        }
        #expect(
            groups > 15 && byPlace > 0 && byRegionOrCountry > 0,
            "\(groups) groups, \(byPlace) by place, \(byRegionOrCountry) by region or country")
    }

    /// One marker per place, whatever its types, and no marker over another: places in one
    /// country that would overlap become one, across a border they are moved apart (with a line
    /// back to where they belong). (On 06a6392 a place of eight types drew eight markers on
    /// each other, and 133 of 175 markers overlapped another.)
    @Test(arguments: [3_000, 20_000])
    func noPlaceCoversAnother(events: Int) throws {
        let site = try TestSite()
        try SyntheticReport(events: events, actors: 100, seed: 11).write(to: site.root)
        let report = try #require(SiteBuilder(options: site.options).validate().report)
        let page = try #require(
            EventMap.make(Array(report.events.indices), report: report, geography: .builtIn, size: .page))
        let phone = try #require(page.phone.first, "a page's map is drawn for phones too")
        #expect(page.phonePlaceOfPlace.count == page.places.count)
        // A phone's place is whole places of the page's drawing (each listed once), in one country.
        for (index, place) in phone.places.enumerated() {
            let parts = page.places.indices.filter { page.phonePlaceOfPlace[$0] == index }
            #expect(Set(place.events) == Set(parts.flatMap { page.places[$0].events }))
            #expect(
                Set(place.events.compactMap { report.events[$0].location?.country }).count <= 1,
                "\(place.common) crosses a border")
        }
        #expect(phone.places.count < page.places.count)
        for map in [page, phone] {
            #expect(map.places.count > 4)
            #expect(
                map.placedCount == report.events.filter { $0.location?.point != nil }.count,
                "every placed event is in one place")
            // On a phone every marker takes up at least its tap radius: a finger's width (24 px) apart.
            func radius(_ place: EventMap.Marker) -> Double { max(place.drawnRadius, map.size.tapRadius) }
            for (index, place) in map.places.enumerated() {
                for other in map.places[(index + 1)...] {
                    let distance =
                        ((place.position.x - other.position.x) * (place.position.x - other.position.x)
                        + (place.position.y - other.position.y) * (place.position.y - other.position.y)).squareRoot()
                    #expect(distance >= radius(place) + radius(other), "\(place.common) and \(other.common) overlap")
                }
                #expect(
                    place.position.x >= 0 && place.position.x <= map.frame.width && place.position.y >= 0
                        && place.position.y <= map.frame.height)
            }
            #expect(map.places.contains { $0.typeCounts.count > 1 }, "places of several types are one marker")
            // Country names are written clear of the markers: moved within their country where
            // needed; only a report's country with no clear spot near its label point keeps its place.
            func covered(_ label: EventMap.Label) -> Bool {
                let half = Double(label.text.count) * (label.isReportCountry ? 12 * 0.34 : 11 * 0.3)
                let box = (
                    label.position.x - half, label.position.y - 11, label.position.x + half, label.position.y + 4
                )
                return map.places.contains { place in
                    let x = min(max(place.position.x, box.0), box.2), y = min(max(place.position.y, box.1), box.3)
                    return (x - place.position.x) * (x - place.position.x) + (y - place.position.y)
                        * (y - place.position.y) < place.drawnRadius * place.drawnRadius
                }
            }
            #expect(map.labels.filter { !$0.isReportCountry }.allSatisfy { !covered($0) })
            let reportLabels = map.labels.filter(\.isReportCountry)
            // A report's country with no clear spot (the crowded Levant of these reports) is written
            // over the markers, never under.
            #expect(
                reportLabels.filter { !covered($0) }.count >= 2, "\(reportLabels.filter(covered).map(\.text)) covered")
            #expect(
                reportLabels.allSatisfy { !covered($0) || $0.isOverMarkers },
                "\(reportLabels.filter(covered).map(\.text)) under markers")
            #expect(map.layers.isEmpty, "the types alone are drawn only when asked (the map page)")
        }
    }

    // MARK: Outlines

    @Test func theOutlinesKnowCountriesByNameCodeAndPoint() throws {
        let world = Geography.builtIn
        #expect(world.countries.count > 170)
        #expect(world.country(named: "Iraq")?.code == "IRQ")
        #expect(world.country(named: "irq")?.name == "Iraq")
        #expect(world.country(named: "Cote d'Ivoire")?.name == "Côte d'Ivoire", "accents are not required")
        #expect(world.country(containing: GeoPoint(longitude: 44.4, latitude: 33.34))?.name == "Iraq")
        #expect(world.country(containing: GeoPoint(longitude: 36.3, latitude: 33.5))?.name == "Syria")
        #expect(world.country(containing: GeoPoint(longitude: -30, latitude: 30)) == nil, "the Atlantic")
        let iraq = try #require(world.country(named: "Iraq"))
        #expect(iraq.contains(iraq.label), "the label point lies inside the country")
    }

    @Test func aBrokenOutlineFileIsALocatedError() {
        #expect(throws: Geography.FormatError.self) {
            try Geography(text: "# comment\nIRQ\tIraq\t4319,3324\t3920,3216 x,1 2,2\n")
        }
        do {
            _ = try Geography(text: "# one\n# two\nIRQ\tIraq\n")
        } catch let error as Geography.FormatError {
            #expect(error.line == 3)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    // MARK: Locations in content

    static func event(_ location: String) throws -> (Event?, [Diagnostic]) {
        let log = DiagnosticLog()
        let yaml =
            "id: e\ndate: 2024-01-28\ntitle: T\ntype: attack\nlocation: \(location)\nsources: [{ publisher: X, url: \"https://example.org\" }]\n"
        let node = try #require(YAMLReader.parse(yaml, file: "events.yaml", log: log))
        return (EventDecoder(log: log).decode(node, flat: false), log.diagnostics)
    }

    @Test(arguments: [
        ("{ country: Iraq }", LocationPrecision.country),
        ("{ lat: 33.3, lon: 44.4 }", .exact),
        ("{ lat: 33.3, lon: 44.4, precision: town }", .town),
        ("{ lat: 33.3, lon: 44.4, precision: Region }", .region),
    ])
    func precisionIsReadOrFollowsFromTheCoordinates(location: String, precision: LocationPrecision) throws {
        let (event, diagnostics) = try Self.event(location)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(event?.location?.precision == precision)
        #expect(
            (event?.location?.point == nil) == (precision == .country),
            "only a place with a point below country level is drawn")
    }

    // MARK: Downloads and pages

    @Test func theGeoJSONDownloadIsAFeatureCollectionOfTheLocatedEvents() throws {
        let (output, files) = try SampleReportTests.buildSample(baseURL: "https://example.org/report/")
        defer { try? FileManager.default.removeItem(at: output) }
        let data = try #require(files["data/events.geojson"])
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(document["type"] as? String == "FeatureCollection")
        let features = try #require(document["features"] as? [[String: Any]])
        let report = try #require(SiteBuilder(options: BuildOptions(root: TestSite.repository)).validate().report)
        #expect(features.count == report.events.filter { $0.location?.point != nil }.count)
        let strike = try #require(
            features.first { ($0["properties"] as? [String: Any])?["id"] as? String == "baghdad-drone-strike" })
        let geometry = try #require(strike["geometry"] as? [String: Any])
        #expect(geometry["type"] as? String == "Point")
        #expect(geometry["coordinates"] as? [Double] == [44.40088, 33.34058], "longitude first (RFC 7946)")
        let properties = try #require(strike["properties"] as? [String: Any])
        #expect(properties["precision"] as? String == "town")
        #expect(properties["url"] as? String == "https://example.org/report/events/baghdad-drone-strike/")
        #expect(properties["date"] as? String == "2024-02-07")
    }

    @Test func theSampleSitesMapsPlaceWhatTheArticlePlaces() throws {
        let (output, files) = try SampleReportTests.buildSample()
        defer { try? FileManager.default.removeItem(at: output) }
        let html = { (path: String) in String(decoding: files[path] ?? Data(), as: UTF8.self) }
        let map = html("map/index.html")
        // Two events have a point: Baghdad (a town) and the Jordan–Syria border area (a region).
        func drawing(_ start: String) -> Substring? {
            guard let from = map.range(of: start)?.lowerBound, let to = map[from...].range(of: "</svg>")?.lowerBound
            else { return nil }
            return map[from..<to]
        }
        let svg = try #require(drawing("<svg class=\"map map-wide\" id=\"map\""))
        // The same window for phones: its own drawing, its own ids, markers a tap wide.
        let phone = try #require(drawing("<svg class=\"map map-phone\" id=\"map-phone\" viewBox=\"0 0 320 210\""))
        #expect(
            phone.components(separatedBy: "class=\"map-marker").count - 1 == 4
                && phone.contains(#"<title id="map-phone-title">"#))
        #expect(
            phone.components(separatedBy: "class=\"map-hit\"").count - 1 == 4,
            "a one-event marker is smaller than a finger: tapped within 13.5 units")
        // One marker per place (`map-all`); each type alone too, shown while the legend hides a type.
        let places = try #require(
            svg.range(of: #"<g class="map-all">"#).map { svg[$0.lowerBound...] }.map {
                $0[..<($0.range(of: #"<g class="map-layer""#)?.lowerBound ?? $0.endIndex)]
            })
        #expect(places.components(separatedBy: "class=\"map-marker").count - 1 == 2)
        #expect(svg.components(separatedBy: "class=\"map-marker").count - 1 == 4)
        #expect(
            svg.contains(#"<a href="../events/baghdad-drone-strike/index.html"><title>"#)
                && svg.contains(#"<a href="../events/jordan-drone-attack/index.html"><title>"#))
        #expect(
            map.contains("precision-town") && map.contains("precision-region") && map.contains("class=\"map-area\""))
        #expect(map.contains(#"<image class="map-base" href="../map/world.svg""#), "the shared outlines, not a copy")
        #expect(map.contains("13 events are not on the map"))
        #expect(map.contains(#"<title id="map-title">"#) && map.contains("<desc id=\"map-desc\">"))
        #expect(
            map.contains(
                "<title>US drone strike in Baghdad kills a senior Kataib Hezbollah commander, 7 February 2024, Baghdad, Iraq</title>"
            ))
        // Labels: the countries of the events stand out.
        #expect(map.contains(#"class="map-label-report">Iraq<"#) && map.contains(#"class="map-label-report">Jordan<"#))
        // The island is named Cyprus, not after its northern part (on 06a6392: "N. Cyprus" only).
        #expect(map.contains("<text x=") && map.contains(">Cyprus</text>") && !map.contains("N. Cyprus"))
        // The legend toggles a type without JavaScript.
        #expect(map.contains(#"<link rel="stylesheet" href="../map/filter.css">"#))
        #expect(
            html("map/filter.css").contains(
                #"input[data-map-type="strike"]:not(:checked)) .map-layer[data-type="strike"] { display: none; }"#))
        #expect(
            html("map/filter.css").contains(
                #".map-page:has(.map-filter input:not(:checked)) .map-all { display: none; }"#))
        #expect(html("map/world.svg").contains(#"<path class="report" d="#))
        // Home, event, actor and topic pages carry their maps.
        #expect(
            html("index.html").contains(#"<svg class="map map-wide" id="home-map""#)
                && html("index.html").contains(#"<svg class="map map-phone" id="home-map-phone""#))
        let strike = html("events/baghdad-drone-strike/index.html")
        #expect(
            strike.contains(
                #"<svg class="map map-small" viewBox="0 0 320 220" role="img" aria-label="Map: Baghdad, Iraq (in or near a town)">"#
            )
                && strike.contains(
                    "Coordinates: <a href=\"https://www.geonames.org/98182/baghdad.html\">GeoNames, Baghdad</a>")
        )
        let visit = html("events/qaani-visits-iraq/index.html")
        #expect(
            visit.contains(#"class="map-focus""#) && !visit.contains("map-marker"),
            "a country-level place is shaded, never a point")
        #expect(html("actors/kataib-hezbollah/index.html").contains(#"id="actor-map""#))
        #expect(html("topics/the-pause-in-attacks/index.html").contains(#"id="topic-map""#))
        #expect(!html("events/gaza-truce-pause/index.html").contains("<svg class=\"map"), "no place, no map")
        #expect(
            html("events/baghdad-drone-strike/index.html").contains("<svg class=\"map map-small\""), "a place, a map")
    }

    @Test func textInMapsIsEscaped() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try site.write(
            "events/hostile.yaml",
            """
            - id: hostile
              date: 2024-02-01
              title: "Strike <script>alert(1)</script> & \\"quotes\\""
              type: attack
              location: { name: "<b>Town</b>", country: Iraq, lat: 33.3, lon: 44.4, precision: town }
              sources: [{ publisher: X, url: "https://example.org/x" }]
            """)
        try site.build()
        let map = try site.html("map/index.html")
        #expect(!map.contains("<script>alert") && !map.contains("<b>Town"))
        #expect(map.contains("Strike &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
        // The event's own locator names the place beside its marker, escaped.
        let event = try site.html("events/hostile/index.html")
        #expect(
            event.contains(#"<text class="map-place-name""#) && event.contains("&lt;b&gt;Town&lt;/b&gt;</text>")
                && !event.contains("<b>Town"))
    }

    /// A map whose markers hold several events says, under it, how far apart on the ground
    /// those events may be; two events 8 km apart in Iraq share one marker there.
    @Test func theCaptionSaysHowNearTheEventsOfAMarkerAre() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try site.write(
            "events/near.yaml",
            """
            - id: near-one
              date: 2024-02-01
              title: Near one
              type: attack
              location: { name: Near One, country: Iraq, lat: 33.00, lon: 44.00, precision: exact }
              sources: [{ publisher: X, url: "https://example.org/x" }]
            - id: near-two
              date: 2024-02-02
              title: Near two
              type: attack
              location: { name: Near Two, country: Iraq, lat: 33.07, lon: 44.02, precision: exact }
              sources: [{ publisher: X, url: "https://example.org/y" }]
            """)
        try site.build()
        let map = try site.html("map/index.html")
        let caption = try #require(
            map.firstMatch(of: /lie within (\d+) km of one of them \((\d+) km on a narrow screen\)/))
        let (page, phone) = (try #require(Int(caption.1)), try #require(Int(caption.2)))
        #expect(page >= 8 && page < 500 && phone > page, "\(caption.0)")
        #expect(map.contains(#"<li id="map-place-"#) && map.contains("Near one") && map.contains("Near two"))
        // A locator (one event) says nothing of it.
        #expect(!(try site.html("events/near-one/index.html")).contains("km of one of them"))
    }

    /// Event pages' locators are drawn once per place (`LocatorCache`): events at the same
    /// point, of one type, share the drawing; another type or another place gets its own.
    @Test func eventsAtOnePlaceShareTheirLocatorAndOthersDoNot() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        func event(_ id: String, type: String, lat: Double, killed: Int? = nil, town: String = "Town") -> String {
            """
            - id: \(id)
              date: 2024-02-01
              title: "Event \(id)"
              type: \(type)
              location: { name: \(town), country: Iraq, lat: \(lat), lon: 44.4, precision: town }
              sources: [{ publisher: X, url: "https://example.org/\(id)" }]
            \(killed.map { "  casualties: [{ kind: killed, count: \($0) }]\n" } ?? "")
            """
        }
        try site.write(
            "events/places.yaml",
            event("first", type: "attack", lat: 33.3) + event("second", type: "attack", lat: 33.3)
                + event("third", type: "statement", lat: 33.3) + event("fourth", type: "attack", lat: 31.0)
                + event("few", type: "attack", lat: 33.3, killed: 2)
                + event("many", type: "attack", lat: 33.3, killed: 120)
                + event("more", type: "attack", lat: 33.3, killed: 300)
                + event("renamed", type: "attack", lat: 33.3, town: "Other Town"))
        try site.build()
        func locator(_ id: String) throws -> String {
            let html = try site.html("events/\(id)/index.html")
            guard let start = html.range(of: "<figure class=\"map-figure map-locator\""),
                let end = html[start.upperBound...].range(of: "</figure>")
            else {
                Issue.record("\(id) has a locator map")
                return ""
            }
            return String(html[start.lowerBound..<end.upperBound])
        }
        let first = try locator("first")
        #expect(first.contains("data-type=\"attack\""))
        #expect(try locator("second") == first)
        #expect(try locator("third").contains("data-type=\"statement\""))
        #expect(try locator("fourth") != first)
        // A marker grows with its figure, up to a size that both larger figures reach.
        let few = try locator("few"), many = try locator("many")
        #expect(few != first && few != many)
        #expect(try locator("more") == many)
        // A locator names its place, the city, not only the country: another name, another map.
        #expect(first.contains(#">Town</text>"#))
        let renamed = try locator("renamed")
        #expect(renamed != first && renamed.contains(">Other Town</text>"))
    }

    @Test func aPlacesUnlistedEventsWaitInTheirScriptUnderTheEntrysID() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        // Fifteen strikes at one place: its entry names twelve; the script holds the other three.
        let strikes = (1...15).map { day in
            """
            - id: strike-\(day)
              date: 2024-03-\(day < 10 ? "0" : "")\(day)
              title: "Strike \(day) </script> \\"quoted\\""
              type: strike
              location: { name: Town, country: Iraq, lat: 33.3, lon: 44.4 }
              sources: [{ publisher: X, url: "https://example.org/x" }]
            """
        }
        try site.write("events/strikes.yaml", strikes.joined(separator: "\n"))
        try site.build()
        let page = try site.html("map/index.html")
        let script = try site.html("map/places.js")
        #expect(page.contains(#"<details class="map-places" data-places-src="../map/places.js" data-root="../""#))
        let entryID = try #require(page.firstMatch(of: /<li id="(map-place-\d+)">15 events/).map { String($0.1) })
        let entry = try #require(
            page.range(of: "<li id=\"\(entryID)\">").map { page[$0.lowerBound...] }.flatMap {
                $0.range(of: "</li>\n").map {
                    page[page.range(of: "<li id=\"\(entryID)\">")!.lowerBound..<$0.upperBound]
                }
            })
        #expect(entry.components(separatedBy: "<li><a href").count - 1 == 12)
        #expect(entry.contains("<p class=\"muted\" data-more>and 3 more events</p>"))
        #expect(script.hasPrefix("/* Written by Dossier"))
        #expect(
            script.contains(
                "\"\(entryID)\":[[\"events/strike-13/index.html\",\"Strike 13 \\u003c/script> \\\"quoted\\\"\",\"13 March 2024\"],"
            ))
        #expect(
            script.components(separatedBy: "events/strike-").count - 1 == 3, "only the events the page does not name")
        // The sample report names every event of its places: the page asks for no script.
        let sample = try TestSite()
        try SampleContent.write(to: sample)
        try sample.build()
        #expect(!(try sample.html("map/index.html")).contains("data-places-src"))
        #expect(
            try sample.html("map/index.html").contains(#"<li><a href="../events/"#),
            "the page names the events itself")
        #expect(try sample.html("map/places.js").hasSuffix("dossierData(\"map-places\", {\n});\n"))
    }

    /// A country whose events are at several places gets a closer map (`map/iraq/`), a plain
    /// page: places the map of every event groups are drawn apart on it, and the map page and
    /// the country's list of events link to it. A country with one place gets none.
    @Test func aCountryOfSeveralPlacesGetsACloserMap() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        func event(_ id: String, town: String, country: String, lat: Double, lon: Double) -> String {
            """
            - id: \(id)
              date: 2024-03-01
              title: "Event \(id)"
              type: attack
              location: { name: \(town), country: \(country), lat: \(lat), lon: \(lon), precision: town }
              sources: [{ publisher: X, url: "https://example.org/\(id)" }]

            """
        }
        // Basra and Az Zubayr are 15 km apart: one marker at the world view, two up close.
        try site.write(
            "events/south.yaml",
            event("in-basra", town: "Basra", country: "Iraq", lat: 30.508, lon: 47.783)
                + event("in-zubayr", town: "Az Zubayr", country: "Iraq", lat: 30.389, lon: 47.708)
                + event("in-deir", town: "Deir ez-Zor", country: "Syria", lat: 35.336, lon: 40.140)
                + event("in-deir-again", town: "Deir ez-Zor", country: "Syria", lat: 35.336, lon: 40.140))
        try site.build()
        let world = try site.html("map/index.html"), iraq = try site.html("map/iraq/index.html")
        // The page drawings (the phone's, a finger's width apart, may join them again).
        func pageDrawing(_ html: String) -> Substring {
            guard let start = html.range(of: "map-wide"), let end = html[start.upperBound...].range(of: "</svg>") else {
                return ""
            }
            return html[start.lowerBound..<end.upperBound]
        }
        #expect(pageDrawing(world).contains("<title>2 events (Attack) at several places in Iraq</title>"))
        #expect(!pageDrawing(iraq).contains("at several places in Iraq"))
        #expect(
            pageDrawing(iraq).contains("<title>Event in-basra, 1 March 2024, Basra, Iraq</title>")
                && pageDrawing(iraq).contains("<title>Event in-zubayr, 1 March 2024, Az Zubayr, Iraq</title>"))
        #expect(
            iraq.contains("<title>Map: Iraq — Test report</title>")
                && iraq.contains(#"<a href="../../map/index.html">map of every event</a>"#))
        // Syria's events, at one place: no closer map, and no link to one.
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("map/syria").path))
        #expect(
            world.contains(#"<li><a href="../map/iraq/index.html">Iraq</a> <span class="muted">(2 events)</span></li>"#)
                && !world.contains("syria/index.html"))
        #expect(
            try site.html("countries/iraq/index.html").contains(
                #"<a href="../../map/iraq/index.html">See them on a map</a>"#))
        #expect(!(try site.html("countries/syria/index.html")).contains("See them on a map"))
    }

    /// The map page's zoom reads each event's point from `data/filter/points.js`, in the facets'
    /// order (the events' date order): Web Mercator hundredths, and how precisely it is known;
    /// -1 for an event without a point. The page names both files for its script.
    @Test func theZoomReadsEachEventsPointInTheFacetsOrder() throws {
        let site = try Self.sampleWithAnEventInBaghdad(on: "1990-01-01")
        let script = try site.html("data/filter/points.js")
        let x = Int((WebMercator.project(GeoPoint(longitude: 44.4, latitude: 33.34)).x * 100).rounded())
        let y = Int((WebMercator.project(GeoPoint(longitude: 44.4, latitude: 33.34)).y * 100).rounded())
        #expect(
            script.contains(#"dossierData("points", {"precisions":["exact","town","district","region","country"],"#))
        // The earliest event first, as in facets.js; the sample's events have no point.
        #expect(
            script.contains("\"x\":[\(x),-1,") && script.contains("\"y\":[\(y),-1,")
                && script.contains("\"precision\":[1,-1,"))
        let map = try site.html("map/index.html")
        #expect(
            map.contains(
                #"data-map-zoom="../data/filter/facets.js" data-map-points="../data/filter/points.js" data-timeline="../timeline/index.html""#
            ))
    }

    /// An event's locator shows the tiles of the outlines its window needs (`map/tiles/`), not
    /// the whole world: the Baghdad strike's window is two tiles, under a quarter of world.svg.
    @Test func locatorsLoadOnlyTheTilesOfTheirWindow() throws {
        let site = try Self.sampleWithAnEventInBaghdad(on: "2024-02-07")
        let page = try site.html("events/in-baghdad/index.html")
        let tiles = page.matches(of: /<image class="map-base" href="\.\.\/\.\.\/(map\/tiles\/\d-\d\.svg)"/).map {
            String($0.1)
        }
        #expect(tiles == ["map/tiles/4-3.svg", "map/tiles/5-3.svg"])
        #expect(!page.contains("map/world.svg"))
        #expect(try site.html("map/index.html").contains(#"href="../map/world.svg""#), "the map page draws the world")
        let world = try site.html("map/world.svg").utf8.count
        let loaded = try tiles.reduce(0) { $0 + (try site.html($1)).utf8.count }
        #expect(loaded * 4 < world, "\(loaded) bytes of tiles, \(world) of the world")
        // A tile's picture is its square and an overlap; its outlines are cut a little further out.
        let tile = try site.html("map/tiles/4-3.svg")
        #expect(
            tile.contains(#"viewBox="499 374 127 127""#) && tile.contains("<title>Iraq</title>")
                && !tile.contains("<title>Brazil</title>"))
        // Every tile is written, ocean ones too: a window's tiles are known without the map data.
        #expect(WorldOutline.tilePaths.count == 64 && WorldOutline.tilePaths.allSatisfy { site.exists($0) })
    }

    @Test func aRingIsCutToItsWindow() {
        let square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)].map { WebMercator.Point(x: $0.0, y: $0.1) }
        let cut = WorldOutline.clip(square, to: MapFrame.Bounds(minX: 5, minY: -1, maxX: 20, maxY: 4))
        // Shoelace area: the 5 × 4 part of the square inside the window.
        let area =
            abs(zip(cut, cut.dropFirst() + cut.prefix(1)).reduce(0.0) { $0 + $1.0.x * $1.1.y - $1.1.x * $1.0.y }) / 2
        #expect(abs(area - 20) < 1e-9 && cut.allSatisfy { $0.x >= 5 && $0.y <= 4 })
        #expect(WorldOutline.clip(square, to: MapFrame.Bounds(minX: 20, minY: 20, maxX: 30, maxY: 30)).isEmpty)
    }

    /// A marker moved aside so as not to cover another is not pushed off the coast into the
    /// sea by one of its own country: the two are joined instead. (On the 3,000-event report,
    /// Aden's group sat in the Gulf of Aden.) Across a border, where two may not be joined, one
    /// is brought back to land where there is room, else it keeps its line to its place: every
    /// marker left at sea has a marker of another country beside it.
    @Test func noMarkerIsPushedFromLandIntoTheSeaByItsOwnCountry() throws {
        let site = try TestSite()
        try SyntheticReport(events: 3_000, actors: 60, seed: 1).write(to: site.root)
        let report = try #require(SiteBuilder(options: site.options).validate().report)
        let iraq = report.events.indices.filter { report.events[$0].location?.country == "Iraq" }
        var moved = 0
        for (events, size) in [(Array(report.events.indices), EventMap.Size.page), (iraq, .country)] {
            let map = try #require(MapPlacesData.map(report, events: events, size: size, geography: .builtIn))
            func onLand(_ point: WebMercator.Point) -> Bool {
                Geography.builtIn.country(containing: WebMercator.unproject(map.frame.world(at: point))) != nil
            }
            func country(_ marker: EventMap.Marker) -> String? { report.events[marker.events[0]].location?.country }
            let displaced = map.places.filter { $0.home != nil }
            moved += displaced.count
            for marker in displaced where onLand(marker.home!) && !onLand(marker.position) {
                let foreignNeighbour = map.places.contains { other in
                    let distance =
                        ((other.position.x - marker.position.x) * (other.position.x - marker.position.x)
                        + (other.position.y - marker.position.y) * (other.position.y - marker.position.y)).squareRoot()
                    return country(other) != country(marker) && distance < marker.reach + other.reach + 3
                }
                #expect(
                    foreignNeighbour,
                    "\(marker.common) (\(marker.events.count) events) pushed into the sea by its own country's markers")
            }
        }
        #expect(moved > 10, "markers were moved aside: the rule was tried")
    }

    /// The sample report and one more event, `in-baghdad`, at Baghdad's point, built.
    static func sampleWithAnEventInBaghdad(on date: String) throws -> TestSite {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try site.write(
            "events/placed.yaml",
            """
            - id: in-baghdad
              date: \(date)
              title: "Strike in Baghdad"
              type: attack
              location: { name: Baghdad, country: Iraq, lat: 33.34, lon: 44.4, precision: town }
              sources: [{ publisher: X, url: "https://example.org/x" }]
            """)
        try site.build()
        return site
    }
}
