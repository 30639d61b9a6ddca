/// Checks events' coordinates against the map's country outlines: a point that lies in another
/// country than the one the location names, or at sea although it names a country, is most
/// likely a slip (latitude and longitude swapped, a sign lost). Warnings, since borders in
/// 1:110m outlines are approximate: a town on a border may fall a few kilometres across it.
struct LocationCheck {
    let geography: Geography

    func diagnostics(_ report: Report) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for event in report.events {
            guard let place = event.location, let point = place.point, let name = place.country,
                let named = geography.country(named: name), !named.contains(point)
            else { continue }
            let location = event.referenceLocations["location"] ?? event.origin
            let coordinates = "\(place.latitude ?? 0), \(place.longitude ?? 0)"
            if let actual = geography.country(containing: point) {
                found.append(
                    .warning(
                        location,
                        "event `\(event.id)`: the coordinates (\(coordinates)) lie in \(actual.name), but the location names \(named.name)",
                        hint:
                            "check the coordinates (latitude first, then longitude; west and south are negative), or the country"
                    ))
            } else if !Self.isNear(point, named) {
                found.append(
                    .warning(
                        location,
                        "event `\(event.id)`: the coordinates (\(coordinates)) lie in no country of the map, but the location names \(named.name)",
                        hint: "check the coordinates (latitude first, then longitude; west and south are negative)"))
            }
        }
        return found
    }

    /// A point just off a coast in 1:110m outlines (a port, an island too small to draw) is not a slip.
    static func isNear(_ point: GeoPoint, _ country: Geography.Country) -> Bool {
        let margin = 0.5
        return point.longitude >= country.west - margin && point.longitude <= country.east + margin
            && point.latitude >= country.south - margin && point.latitude <= country.north + margin
    }
}
