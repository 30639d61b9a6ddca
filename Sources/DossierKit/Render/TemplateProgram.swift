import Mustache

/// A theme's template as a tree the build renders directly (`ProgramRenderer`): swift-mustache's
/// own parse of it, with each name split once into its parts.
///
/// swift-mustache stays the reference engine: it parses every template (so the whitespace and
/// standalone-tag rules are its own, not a second reading of the spec), and it renders whatever
/// this form does not cover. What it spends at a build's scale is the lookups of rendering:
/// each tag splits its name again, climbs the context stack asking each object a series of
/// protocol casts, and copies the stack on every section. The program keeps the parse and does
/// those lookups with the names split ahead and concrete types first (`ProgramRenderer`).
///
/// The parse is read from the template's value (`Mirror`): swift-mustache keeps its tokens
/// internal. A version whose tokens read differently gives no program (`init?` fails) and the
/// template renders through swift-mustache, as a theme using a construct this form leaves
/// out does (dynamic partial names, `{{>*name}}`); `TemplateEngineTests` pins both.
struct TemplateProgram: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case variable(Name, escaped: Bool)
        case section(Name, TemplateProgram, inverted: Bool)
        case partial(String, indentation: String?, overrides: [String: TemplateProgram]?)
        case block(String, defaultProgram: TemplateProgram, indentation: String?)
        case contentType(any MustacheContentType)
    }

    /// A tag's name as written (`card.date.text`, `.`, `empty(tags)`), split once.
    struct Name: Sendable {
        enum Start: Sendable {
            /// `{{.}}`: the object on top of the stack.
            case top
            /// `{{first()}}`: a transform of the position in the list being rendered.
            case sequence
            /// `{{.name}}`: looked up on the top object only.
            case topOnly
            /// Looked up from the top of the stack down.
            case stack
        }
        var start: Start
        var parts: [String]
        /// Outermost last, as written: `uppercased(empty(x))` is `["uppercased", "empty"]`.
        var transforms: [String]

        init(_ name: String, transforms: [String]) {
            self.transforms = transforms
            if name == "." {
                start = .top
                parts = []
            } else if name.isEmpty, !transforms.isEmpty {
                start = .sequence
                parts = []
            } else {
                start = name.first == "." ? .topOnly : .stack
                parts = name.split(separator: ".").map(String.init)
            }
        }
    }

    let nodes: [Node]

    private init(nodes: [Node]) { self.nodes = nodes }

    /// The same program in storage of its own (nodes, names and texts), shared with no other copy.
    func copied() -> TemplateProgram {
        func own(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }
        func own(_ name: Name) -> Name {
            var copy = name
            copy.parts = name.parts.map(own)
            copy.transforms = name.transforms.map(own)
            return copy
        }
        return TemplateProgram(
            nodes: nodes.map { node in
                switch node {
                case .text(let text): .text(own(text))
                case .variable(let name, let escaped): .variable(own(name), escaped: escaped)
                case .section(let name, let body, let inverted): .section(own(name), body.copied(), inverted: inverted)
                case .partial(let name, let indentation, let overrides):
                    .partial(
                        own(name), indentation: indentation.map(own), overrides: overrides?.mapValues { $0.copied() })
                case .block(let name, let body, let indentation):
                    .block(own(name), defaultProgram: body.copied(), indentation: indentation.map(own))
                case .contentType(let contentType): .contentType(contentType)
                }
            })
    }

    /// The program of a parsed template, or nil when it holds a construct this form leaves to
    /// swift-mustache.
    init?(_ template: MustacheTemplate) {
        guard let tokens = Mirror(reflecting: template).descendant("tokens") as? [Any] else { return nil }
        var nodes: [Node] = []
        nodes.reserveCapacity(tokens.count)
        for token in tokens {
            guard let node = Self.node(token) else { return nil }
            nodes.append(node)
        }
        self.nodes = nodes
    }

    private static func node(_ token: Any) -> Node? {
        let mirror = Mirror(reflecting: token)
        guard mirror.displayStyle == .enum, let token = mirror.children.first, let kind = token.label else {
            return nil
        }
        let payload = token.value
        let fields = Mirror(reflecting: payload).children
        func field(_ label: String) -> Any? {
            fields.first { $0.label == label }?.value
        }
        func name() -> Name? {
            guard let name = field("name") as? String, let transforms = field("transforms") as? [String] else {
                return nil
            }
            return Name(name, transforms: transforms)
        }
        func program(_ value: Any?) -> TemplateProgram? {
            (value as? MustacheTemplate).flatMap(TemplateProgram.init)
        }
        func indentation(_ value: Any?) -> String?? {
            // `String?` read through `Any`: nil stays a value (no indentation), any other type fails.
            guard let value else { return .none }
            if let text = value as? String { return .some(.some(text)) }
            if Mirror(reflecting: value).displayStyle == .optional, Mirror(reflecting: value).children.isEmpty {
                return .some(nil)
            }
            return .none
        }
        switch kind {
        case "text":
            return (payload as? String).map(Node.text)
        case "variable", "unescapedVariable":
            return name().map { .variable($0, escaped: kind == "variable") }
        case "section", "invertedSection":
            guard let name = name(), let body = program(field("template")) else { return nil }
            return .section(name, body, inverted: kind == "invertedSection")
        case "blockExpansion":
            guard let name = field("name") as? String, let body = program(field("default")),
                let indent = indentation(field("indentation"))
            else { return nil }
            return .block(name, defaultProgram: body, indentation: indent)
        case "partial":
            guard let name = fields.first?.value as? String, let indent = indentation(field("indentation")) else {
                return nil
            }
            let inherits = field("inherits")
            if let templates = inherits as? [String: MustacheTemplate] {
                var overrides: [String: TemplateProgram] = [:]
                for (block, template) in templates {
                    guard let body = TemplateProgram(template) else { return nil }
                    overrides[block] = body
                }
                return .partial(name, indentation: indent, overrides: overrides)
            }
            guard let inherits, Mirror(reflecting: inherits).displayStyle == .optional,
                Mirror(reflecting: inherits).children.isEmpty
            else { return nil }
            return .partial(name, indentation: indent, overrides: nil)
        case "contentType":
            return (payload as? any MustacheContentType).map(Node.contentType)
        default:
            // `dynamicNamePartial` (`{{>*name}}`), and anything a later swift-mustache adds.
            return nil
        }
    }
}
