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
    /// Free-form values for the theme (`extra:`).
    public var extra: ExtraValue.Fields = [:]

    public enum Kind: String, Sendable, CaseIterable {
        case person
        case armedGroup = "armed-group"
        case state
        case governmentBody = "government-body"
        case military
        case coalition
        case organisation
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
