/// A person, group, state or body that takes part in events.
public struct Actor: Sendable, Identifiable {
    public var id: String
    public var name: String
    public var kind: Kind
    public var aliases: [String]
    public var country: String?
    /// A short line under the name ("Iranian general").
    public var description: String?
    /// "killed January 2020", "active".
    public var status: String?
    public var affiliations: [Affiliation]
    public var profile: MarkdownText
    public var origin: SourceLocation

    public enum Kind: String, Sendable, CaseIterable {
        case person
        case armedGroup = "armed-group"
        case state
        case governmentBody = "government-body"
        case military
        case coalition
        case organisation

        public var plural: String {
            switch self {
            case .person: return "People"
            case .armedGroup: return "Armed groups"
            case .state: return "States"
            case .governmentBody: return "Government bodies"
            case .military: return "Military forces"
            case .coalition: return "Coalitions"
            case .organisation: return "Organisations"
            }
        }

        public var label: String {
            switch self {
            case .person: return "Person"
            case .armedGroup: return "Armed group"
            case .state: return "State"
            case .governmentBody: return "Government body"
            case .military: return "Military force"
            case .coalition: return "Coalition"
            case .organisation: return "Organisation"
            }
        }
    }
}

/// A relation from one actor to another: "commander of", "member of", "successor of".
public struct Affiliation: Sendable, Hashable {
    public var actorID: String
    public var relation: String
    public var since: PartialDate?
    public var until: PartialDate?
    public var location: SourceLocation
}
