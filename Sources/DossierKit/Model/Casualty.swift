/// People killed or injured, as a range because sources rarely agree on one number.
public struct Casualty: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case killed, injured
    }

    /// The largest figure an event may carry: above any single recorded event, and small enough
    /// that the sums of 50,000 events' figures stay far from `Int.max`.
    public static let largestFigure = 100_000_000

    public var kind: Kind
    public var minimum: Int?
    public var maximum: Int?
    /// The source said "about": show the figure as approximate.
    public var approximate: Bool
    /// Who they were ("US soldiers", "mostly militia members").
    public var who: String?
}
