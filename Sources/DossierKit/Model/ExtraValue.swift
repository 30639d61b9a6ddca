/// A value an author adds under `extra:` to an event, an actor or a topic, as Zola's `extra` and
/// Hugo's params: Dossier does not read it, the theme's templates show it (`{{extra.key}}`), and
/// the JSON download carries an event's. Every value is text, or a list or mapping of them (YAML
/// gives no types Dossier could keep: `false` is the word, which a Mustache section treats as
/// present, so a flag is a key given or left out).
public enum ExtraValue: Sendable, Hashable, Encodable {
    case text(String)
    case list([ExtraValue])
    case map([String: ExtraValue])

    /// The values of an `extra:` mapping, by key (`[:]` when there is none).
    public typealias Fields = [String: ExtraValue]

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .list(let items): try container.encode(items)
        case .map(let entries): try container.encode(entries)
        }
    }

    /// As a template reads it: text, a list, an object with a field per key.
    var templateValue: Any {
        switch self {
        case .text(let text): return text.isEmpty ? TemplateText.missing : TemplateText(text)
        case .list(let items): return items.map(\.templateValue)
        case .map(let entries): return TemplateObject(entries.mapValues(\.templateValue))
        }
    }

    /// Every key of these fields and of the mappings in them, as a template names it
    /// (`links`, `links.source`): what `check` compares the theme's `extra.*` names with.
    static func paths(_ fields: Fields, prefix: String = "") -> Set<String> {
        var paths = Set<String>()
        for (key, value) in fields {
            paths.insert(prefix + key)
            switch value {
            case .map(let entries): paths.formUnion(Self.paths(entries, prefix: prefix + key + "."))
            case .list(let items):
                for case .map(let entries) in items { paths.formUnion(Self.paths(entries, prefix: prefix + key + ".")) }
            case .text: break
            }
        }
        return paths
    }
}
