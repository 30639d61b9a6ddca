/// A place on the Earth in WGS 84 degrees, longitude first as GeoJSON writes it (RFC 7946).
public struct GeoPoint: Sendable, Hashable {
    public var longitude: Double
    public var latitude: Double

    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }

    public var isValid: Bool {
        longitude.isFinite && latitude.isFinite && (-180...180).contains(longitude) && (-90...90).contains(latitude)
    }
}
