import Foundation

/// The country outlines maps are drawn on, read from the theme's `map/countries.txt`: by default
/// Natural Earth's 1:110m countries (public domain), derived by `scripts/derive-map-data`, which
/// also documents the file's format. A theme may bring its own file in the same format.
struct Geography: Sendable {
    struct Country: Sendable {
        /// ISO 3166-1 alpha-3 (Natural Earth's code, or one made from the name where it has none).
        var code: String
        var name: String
        /// A point well inside the country's largest part, where its name is written.
        var label: GeoPoint
        /// Closed rings of points: outer boundaries and holes alike (drawn with the even-odd rule).
        var rings: [[GeoPoint]]
        /// The rings' bounds, to skip most countries quickly when looking a point up.
        var west, south, east, north: Double
        /// The same bounds and the label point in Web Mercator world units, projected once (each
        /// of 10,000 locator maps looks at every country).
        var worldBounds = (minX: 0.0, minY: 0.0, maxX: 0.0, maxY: 0.0)
        var worldLabel = WebMercator.Point(x: 0, y: 0)

        func contains(_ point: GeoPoint) -> Bool {
            guard point.longitude >= west, point.longitude <= east, point.latitude >= south, point.latitude <= north
            else { return false }
            var inside = false
            for ring in rings where Self.ring(ring, contains: point) { inside.toggle() }
            return inside
        }

        private static func ring(_ ring: [GeoPoint], contains point: GeoPoint) -> Bool {
            var inside = false
            var previous = ring[ring.count - 1]
            for current in ring {
                if (current.latitude > point.latitude) != (previous.latitude > point.latitude) {
                    let crossing =
                        current.longitude + (point.latitude - current.latitude)
                        * (previous.longitude - current.longitude) / (previous.latitude - current.latitude)
                    if point.longitude < crossing { inside.toggle() }
                }
                previous = current
            }
            return inside
        }
    }

    struct FormatError: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    let countries: [Country]
    /// Each country's bounds in world units, in the order of `countries`: plain numbers, so that
    /// a map can skip the countries outside its window without copying each `Country` (its
    /// names and rings are reference-counted: 10,000 locator maps looking at 177 countries each
    /// spent 2 % of a build retaining and releasing them).
    let worldBoxes: [MapFrame.Bounds]
    private let byName: [String: Int]
    /// Names and codes as written in the file: most reports write them so, and folding case and
    /// accents for each of 50,000 events cost more than the rest of a map.
    private let byExactName: [String: Int]
    /// Tells two sets of outlines apart cheaply (a hash of the text they were read from).
    let fingerprint: Int

    init(countries: [Country], fingerprint: Int = 0) {
        self.countries = countries.map { country in
            var country = country
            let corners = [
                GeoPoint(longitude: country.west, latitude: country.north),
                GeoPoint(longitude: country.east, latitude: country.south),
            ].map(WebMercator.project)
            country.worldBounds = (corners[0].x, corners[0].y, corners[1].x, corners[1].y)
            country.worldLabel = WebMercator.project(country.label)
            return country
        }
        self.worldBoxes = self.countries.map(MapFrame.Bounds.init)
        self.fingerprint = fingerprint
        var byName: [String: Int] = [:], byExactName: [String: Int] = [:]
        for (index, country) in self.countries.enumerated() {
            byName[Self.key(country.name)] = index
            byName[Self.key(country.code)] = index
            byExactName[country.name] = index
            byExactName[country.code] = index
        }
        self.byName = byName
        self.byExactName = byExactName
    }

    /// Reads the text format of `scripts/derive-map-data`. Byte by byte: splitting 21,000 number
    /// pairs as Substrings took most of a small report's build.
    init(text: String) throws {
        var countries: [Country] = []
        let bytes = Array(text.utf8)
        var lineNumber = 0
        var lineStart = 0
        while lineStart < bytes.count {
            lineNumber += 1
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            defer { lineStart = lineEnd + 1 }
            let line = bytes[lineStart..<lineEnd]
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
            guard fields.count == 4 else {
                throw FormatError(
                    line: lineNumber,
                    message: "expected 4 tab-separated fields (code, name, label point, rings), found \(fields.count)")
            }
            var labelReader = NumberReader(fields[2])
            guard let x = labelReader.next(), let y = labelReader.next() else {
                throw FormatError(
                    line: lineNumber, message: "the label point is not `longitude,latitude` in hundredths of a degree")
            }
            var rings: [[GeoPoint]] = []
            for ring in fields[3].split(separator: UInt8(ascii: "|")) {
                var reader = NumberReader(ring)
                var (longitude, latitude) = (0, 0)
                var points: [GeoPoint] = []
                while let dx = reader.next() {
                    guard let dy = reader.next() else {
                        throw FormatError(line: lineNumber, message: "a ring ends inside a pair of numbers")
                    }
                    longitude += dx
                    latitude += dy
                    points.append(GeoPoint(longitude: Double(longitude) / 100, latitude: Double(latitude) / 100))
                }
                if let bad = reader.error { throw FormatError(line: lineNumber, message: bad) }
                guard points.count >= 3 else {
                    throw FormatError(line: lineNumber, message: "a ring has fewer than three points")
                }
                rings.append(points)
            }
            var (west, south, east, north) = (Double.infinity, Double.infinity, -Double.infinity, -Double.infinity)
            for ring in rings {
                for point in ring {
                    west = min(west, point.longitude); east = max(east, point.longitude)
                    south = min(south, point.latitude); north = max(north, point.latitude)
                }
            }
            countries.append(
                Country(
                    code: String(decoding: fields[0], as: UTF8.self), name: String(decoding: fields[1], as: UTF8.self),
                    label: GeoPoint(longitude: Double(x) / 100, latitude: Double(y) / 100), rings: rings,
                    west: west, south: south, east: east, north: north
                ))
        }
        self.init(countries: countries, fingerprint: text.hashValue)
    }

    /// Whole numbers separated by commas and spaces, read from bytes.
    private struct NumberReader {
        let bytes: ArraySlice<UInt8>
        var position: Int
        var error: String?

        init(_ bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            position = bytes.startIndex
        }

        mutating func next() -> Int? {
            while position < bytes.endIndex,
                bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: ",")
            { position += 1 }
            guard position < bytes.endIndex else { return nil }
            var negative = false
            if bytes[position] == UInt8(ascii: "-") {
                negative = true
                position += 1
            }
            var value = 0, digits = 0
            while position < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
                position += 1
                digits += 1
                if digits > 9 { break }
            }
            if digits == 0
                || (position < bytes.endIndex && bytes[position] != UInt8(ascii: " ")
                    && bytes[position] != UInt8(ascii: ","))
            {
                error =
                    "`\(String(decoding: bytes[bytes.startIndex..<min(position + 1, bytes.endIndex)].suffix(12), as: UTF8.self))` is not a list of whole numbers"
                position = bytes.endIndex
                return nil
            }
            return negative ? -value : value
        }
    }

    private static func key(_ name: some StringProtocol) -> String {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).trimmingCharacters(
            in: .whitespaces)
    }

    /// The country a report names, by its name or its code (`Iraq`, `irq`).
    func country(named name: String) -> Country? {
        (byExactName[name] ?? byName[Self.key(name)]).map { countries[$0] }
    }

    /// The country a point lies in, if any (a point at sea lies in none).
    func country(containing point: GeoPoint) -> Country? {
        countries.first { $0.contains(point) }
    }

    /// The built-in theme's outlines, read once per process.
    static let builtIn: Geography = {
        // The file is generated and tested (GeographyTests); a broken one is a bug in the repository.
        (try? Geography(text: BuiltInTheme.files[path] ?? "")) ?? Geography(countries: [])
    }()

    /// Where a theme keeps its outlines.
    static let path = "map/countries.txt"
}
