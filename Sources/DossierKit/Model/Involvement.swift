/// An actor's part in an event.
public struct Involvement: Sendable, Hashable {
    public var actorID: String
    public var role: Role
    public var location: SourceLocation

    public enum Role: String, Sendable, CaseIterable, Comparable {
        case perpetrator, target, participant, mediator, mentioned

        /// Most significant first: perpetrator, target, participant, mediator, mentioned.
        var rank: Int {
            switch self {
            case .perpetrator: return 0
            case .target: return 1
            case .participant: return 2
            case .mediator: return 3
            case .mentioned: return 4
            }
        }

        public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
    }
}
