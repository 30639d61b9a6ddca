/// Groups events drawn at the same or nearly the same place into one marker, so a map stays
/// readable (and small) however many events share a town.
///
/// Greedy and deterministic: events are taken in the order given (the report's), and each joins
/// the first group whose first event lies within `radius` frame units of it, or starts a group.
/// A grid of cells one radius wide finds the candidates, so grouping 50,000 events is linear.
enum MarkerGrouping {
    struct Group: Sendable {
        /// Indexes into the input, in input order.
        var members: [Int]
        /// Where the group's first event lies: what later events are compared with.
        var anchor: WebMercator.Point
        /// The mean position of the members: where the marker is drawn.
        var centre: WebMercator.Point
    }

    static func group(_ points: [WebMercator.Point], radius: Double) -> [Group] {
        struct Cell: Hashable { var x: Int, y: Int }
        func cell(_ point: WebMercator.Point) -> Cell {
            Cell(x: Int((point.x / radius).rounded(.down)), y: Int((point.y / radius).rounded(.down)))
        }
        var groups: [Group] = []
        var sums: [(x: Double, y: Double)] = []
        var cells: [Cell: [Int]] = [:]
        let limit = radius * radius
        for (index, point) in points.enumerated() {
            let home = cell(point)
            var joined: Int?
            search: for dx in -1...1 {
                for dy in -1...1 {
                    for candidate in cells[Cell(x: home.x + dx, y: home.y + dy)] ?? [] {
                        let anchor = groups[candidate].anchor
                        let (ax, ay) = (anchor.x - point.x, anchor.y - point.y)
                        if ax * ax + ay * ay <= limit, joined.map({ candidate < $0 }) ?? true { joined = candidate }
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

    /// Groups as `group(_:radius:)` does, but only points of the same key together: a group never
    /// holds events of two countries, so it is never named after a place some of them are not in.
    /// Groups are in the order of their first members.
    static func group(_ points: [WebMercator.Point], radius: Double, apart keys: [Int]) -> [Group] {
        var partitions: [Int: [Int]] = [:], order: [Int] = []
        for (index, key) in keys.enumerated() {
            if partitions[key] == nil { order.append(key) }
            partitions[key, default: []].append(index)
        }
        guard order.count > 1 else { return group(points, radius: radius) }
        var groups: [Group] = []
        for key in order {
            let indexes = partitions[key] ?? []
            for var found in group(indexes.map { points[$0] }, radius: radius) {
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
