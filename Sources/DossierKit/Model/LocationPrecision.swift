/// How closely a place is known, from a point on a building to a whole country (after ACLED's
/// `geo_precision`). Maps draw each differently, and never draw a country-wide place as a point.
public enum LocationPrecision: String, Sendable, CaseIterable, Comparable {
    /// The coordinates are the place itself.
    case exact
    /// Somewhere in or near a town or city; the point is the town's.
    case town
    /// Somewhere in a district; the point is the district's centre.
    case district
    /// Somewhere in a region, a province or a border area; the point stands for the area.
    case region
    /// Only the country is known: no point.
    case country

    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}
