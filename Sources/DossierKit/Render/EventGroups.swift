/// The report's events grouped as the list pages show them, worked out once per build and
/// shared by every page that needs them (`RenderContext.groups`): each of the hundreds of year,
/// month, type and country pages of a large report going over every event again is quadratic.
final class EventGroups: Sendable {
    let timeline: TimelineParts
    /// Indexes of each type's events, in date order.
    let byType: [String: [Int]]
    /// The countries events name (`EventListPage.countryGroups`), and each one's events by its id.
    let countries: [(slug: String, name: String, count: Int, names: Set<String>)]
    let byCountry: [String: [Int]]
    /// The countries with a closer map (`MapPage.closerMaps`), worked out once per build.
    let closerMaps: [(slug: String, name: String, count: Int)]
    /// Each cited source's place in `Report.sources`, by its id.
    private let sourcePositions: [String: Int]
    private let sources: [Report.CitedSource]

    init(_ report: Report) {
        timeline = TimelineParts(report.events, perPage: report.config.eventsPerPage)
        var byType: [String: [Int]] = [:], byName: [String: [Int]] = [:]
        for (index, event) in report.events.enumerated() {
            byType[event.type, default: []].append(index)
            if let country = event.location?.country, !country.isEmpty { byName[country, default: []].append(index) }
        }
        self.byType = byType
        countries = EventListPage.countryGroups(byName.mapValues(\.count))
        var byCountry: [String: [Int]] = [:]
        for group in countries {
            byCountry[group.slug] = group.names.flatMap { byName[$0] ?? [] }.sorted()
        }
        self.byCountry = byCountry
        closerMaps = MapPage.closerMaps(report)
        sources = report.sources
        sourcePositions = Dictionary(
            report.sources.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func source(_ id: String) -> Report.CitedSource? { sourcePositions[id].map { sources[$0] } }
}
