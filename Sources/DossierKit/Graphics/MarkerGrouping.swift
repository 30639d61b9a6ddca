import Foundation

/// Groups events drawn at the same or nearly the same place into one marker, so a map stays
/// readable (and small) however many events share a town.
///
/// Greedy and deterministic: events are taken in the order given (the report's), and each joins
/// the first group whose first event lies within the distance of it, or starts a group. A grid
/// of cells as wide as the distance finds the candidates, so grouping 50,000 events is linear.
enum MarkerGrouping {
    struct Group: Sendable {
        /// Indexes into the input, in input order.
        var members: [Int]
        /// Where the group's first event lies: what later events are compared with.
        var anchor: WebMercator.Point
        /// The mean position of the members: where the marker is drawn.
        var centre: WebMercator.Point
    }

    /// How near two events must be to share a marker.
    enum Distance: Sendable {
        /// Frame units on the drawing, the same everywhere on it.
        case onTheFrame(Double)
        /// Kilometres on the ground, between points of this frame: what a reader is told ("events
        /// within 40 km of each other"), and true at every latitude of the map, where a frame unit
        /// stands for fewer kilometres the further the map reaches from the equator.
        case onTheGround(kilometres: Double, frame: MapFrame)

        func times(_ factor: Double) -> Distance {
            switch self {
            case .onTheFrame(let radius): return .onTheFrame(radius * factor)
            case .onTheGround(let kilometres, let frame):
                return .onTheGround(kilometres: kilometres * factor, frame: frame)
            }
        }

        /// The test for two points (indexes) at a squared frame distance, and the widest frame
        /// distance it accepts (the grid's cell).
        fileprivate func measure(_ points: [WebMercator.Point]) -> (cell: Double, near: (Int, Int, Double) -> Bool) {
            switch self {
            case .onTheFrame(let radius):
                return (radius, { _, _, squared in squared <= radius * radius })
            case .onTheGround(let kilometres, let frame):
                // Web Mercator keeps shapes: near a point a frame unit has one length in every
                // direction, the equator's times the cosine of the latitude.
                let perUnit = frame.kilometresPerUnitAtEquator
                let cosines = points.map { cos(WebMercator.unproject(frame.world(at: $0)).latitude * .pi / 180) }
                let least = max(cosines.min() ?? 1, cos(85 * Double.pi / 180))
                return (
                    kilometres / (perUnit * least),
                    { first, second, squared in
                        let scale = perUnit * (cosines[first] + cosines[second]) / 2
                        return squared * scale * scale <= kilometres * kilometres
                    }
                )
            }
        }
    }

    static func group(_ points: [WebMercator.Point], radius: Double) -> [Group] {
        group(points, within: .onTheFrame(radius))
    }

    static func group(_ points: [WebMercator.Point], within distance: Distance) -> [Group] {
        struct Cell: Hashable { var x: Int, y: Int }
        let (size, near) = distance.measure(points)
        func cell(_ point: WebMercator.Point) -> Cell {
            Cell(x: Int((point.x / size).rounded(.down)), y: Int((point.y / size).rounded(.down)))
        }
        var groups: [Group] = []
        var sums: [(x: Double, y: Double)] = []
        var cells: [Cell: [Int]] = [:]
        for (index, point) in points.enumerated() {
            let home = cell(point)
            var joined: Int?
            search: for dx in -1...1 {
                for dy in -1...1 {
                    for candidate in cells[Cell(x: home.x + dx, y: home.y + dy)] ?? [] {
                        let anchor = groups[candidate].anchor
                        let (ax, ay) = (anchor.x - point.x, anchor.y - point.y)
                        if near(groups[candidate].members[0], index, ax * ax + ay * ay),
                            joined.map({ candidate < $0 }) ?? true
                        {
                            joined = candidate
                        }
                    }
                }
            }
            if let joined {
                groups[joined].members.append(index)
                sums[joined].x += point.x
                sums[joined].y += point.y
            } else {
                cells[home, default: []].append(groups.count)
                groups.append(Group(members: [index], anchor: point, centre: point))
                sums.append((point.x, point.y))
            }
        }
        for index in groups.indices {
            let count = Double(groups[index].members.count)
            groups[index].centre = WebMercator.Point(x: sums[index].x / count, y: sums[index].y / count)
        }
        return groups
    }

    static func group(_ points: [WebMercator.Point], radius: Double, apart keys: [Int]) -> [Group] {
        group(points, within: .onTheFrame(radius), apart: keys)
    }

    /// Groups as `group(_:within:)` does, but only points of the same key together: a group never
    /// holds events of two countries, so it is never named after a place some of them are not in.
    /// Groups are in the order of their first members.
    static func group(_ points: [WebMercator.Point], within distance: Distance, apart keys: [Int]) -> [Group] {
        var partitions: [Int: [Int]] = [:], order: [Int] = []
        for (index, key) in keys.enumerated() {
            if partitions[key] == nil { order.append(key) }
            partitions[key, default: []].append(index)
        }
        guard order.count > 1 else { return group(points, within: distance) }
        var groups: [Group] = []
        for key in order {
            let indexes = partitions[key] ?? []
            for var found in group(indexes.map { points[$0] }, within: distance) {
                found.members = found.members.map { indexes[$0] }
                groups.append(found)
            }
        }
        return groups.sorted { $0.members[0] < $1.members[0] }
    }

    /// Groups with a radius grown (doubled) until there are at most `limit` of them: a map of
    /// 50,000 events shows a few thousand markers with counts, not 50,000 dots.
    static func group(
        _ points: [WebMercator.Point], radius: Double, atMost limit: Int
    ) -> (groups: [Group], radius: Double) {
        var radius = radius
        var groups = group(points, radius: radius)
        while groups.count > limit, radius < 1_000 {
            radius *= 2
            groups = group(points, radius: radius)
        }
        return (groups, radius)
    }
}
