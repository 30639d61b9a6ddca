/// Where an event took place: names from the most specific to the country, and a point when
/// the sources give one.
public struct Place: Sendable, Hashable {
    public var name: String?
    public var region: String?
    public var country: String?
    public var latitude: Double?
    public var longitude: Double?
    /// How closely the coordinates (or the names) place the event; see `LocationPrecision`.
    public var precision: LocationPrecision = .country
    /// Where the coordinates come from when the event's sources do not give them (a gazetteer).
    public var source: Source?

    public init(
        name: String? = nil, region: String? = nil, country: String? = nil, latitude: Double? = nil,
        longitude: Double? = nil,
        precision: LocationPrecision = .country, source: Source? = nil
    ) {
        self.name = name
        self.region = region
        self.country = country
        self.latitude = latitude
        self.longitude = longitude
        self.precision = precision
        self.source = source
    }

    /// The point a map draws, when the place has one (a place known only by its country has none).
    public var point: GeoPoint? {
        guard precision != .country, let latitude, let longitude else { return nil }
        return GeoPoint(longitude: longitude, latitude: latitude)
    }

    /// `Baghdad, Iraq` — the parts that are known, most specific first.
    public var formatted: String {
        [name, region, country].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
    }
}
