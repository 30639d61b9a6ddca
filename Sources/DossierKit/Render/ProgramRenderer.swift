import Mustache

/// Renders a `TemplateProgram` as swift-mustache renders the template it came from, byte for
/// byte, with less work per tag.
///
/// Every rule below is swift-mustache 2.1's (`Template+Render.swift`), in its order: how a name
/// is looked up (the top of the stack down, `MustacheCustomRepresentation`, `MustacheParent`,
/// else a `Mirror`), how a value renders (a template, a `MustacheCustomRenderable`, else its
/// description; escaped by the content type in force), how a section treats lists, flags,
/// null values and objects, how partials indent and inherit blocks. What differs is only how:
/// names come split (`TemplateProgram.Name`), Dossier's own values (`TemplateObject`,
/// `TemplateText`, cards) are recognised by their concrete type before any protocol cast, the
/// context stack grows and shrinks in place instead of being copied for each section, and the
/// output goes into one string. A lambda (which Dossier's values never are) stops the program:
/// the page is then rendered by swift-mustache (`TemplatePrograms.render` returns nil).
///
/// `TemplateEngineTests` holds it to that: the Mustache spec's suites, and whole sites built
/// both ways compared file by file.
struct ProgramRenderer {
    /// A construct left to swift-mustache, met while rendering.
    struct Unsupported: Error {}

    /// How variables are escaped: swift-mustache's default for a template without a
    /// `{{% CONTENT_TYPE}}` pragma (and for every partial), or the content type a pragma names.
    enum Escaping {
        case mustacheHTML
        case custom(any MustacheContentType)

        func escape(_ text: String) -> String {
            switch self {
            case .custom(let contentType): return contentType.escapeText(text)
            case .mustacheHTML: return Self.mustacheEscape(text)
            }
        }

        /// swift-mustache's `htmlEscape`, which compares `Character`s: a `<` that starts a
        /// cluster with a combining mark is left as it is, so the same is done here.
        static func mustacheEscape(_ text: String) -> String {
            guard
                text.utf8.contains(where: {
                    $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&")
                        || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'")
                })
            else { return text }
            var escaped = ""
            escaped.reserveCapacity(text.count)
            for character in text {
                switch character {
                case "<": escaped += "&lt;"
                case ">": escaped += "&gt;"
                case "&": escaped += "&amp;"
                case "\"": escaped += "&quot;"
                case "'": escaped += "&#39;"
                default: escaped.append(character)
                }
            }
            return escaped
        }
    }

    /// The position in the list a section is rendering: what `{{first()}}`, `{{index()}}` and
    /// the like read (swift-mustache's `MustacheSequenceContext`).
    struct SequencePosition: MustacheTransformable {
        var first: Bool
        var last = false
        var index = 0

        func transform(_ name: String) -> Any? {
            switch name {
            case "first": return first
            case "last": return last
            case "index": return index
            case "even": return (index & 1) == 0
            case "odd": return (index & 1) == 1
            default: return nil
            }
        }
    }

    /// Everything of swift-mustache's context but its stack, which is passed along in place.
    struct Frame {
        var sequence: SequencePosition?
        var indentation: String?
        var inherited: [String: TemplateProgram]?
        var escaping: Escaping
    }

    /// The theme's other templates, for partials and parents.
    let programs: TemplatePrograms
    /// The programs this rendering walks: a copy no other thread is walking.
    let copy: [String: TemplateProgram]

    /// Renders `program` over `object`, as `MustacheLibrary.render(_:withTemplate:)` does.
    func render(_ program: TemplateProgram, object: Any) throws(Unsupported) -> String {
        var stack: [Any] = [object]
        stack.reserveCapacity(8)
        var output = ""
        try render(
            program, Frame(sequence: nil, indentation: nil, inherited: nil, escaping: .mustacheHTML), &stack, &output)
        return output
    }

    private func render(
        _ program: TemplateProgram, _ frame: Frame, _ stack: inout [Any], _ output: inout String
    )
        throws(Unsupported)
    {
        var frame = frame
        if let indentation = frame.indentation, !indentation.isEmpty {
            // A partial's lines are indented as its tag was: the indentation goes before what
            // a tag renders at the start of a line of this template's own output.
            var local = ""
            for node in program.nodes {
                var piece = ""
                try render(node, &frame, &stack, &piece)
                if !piece.isEmpty, local.last == "\n" { local += indentation }
                local += piece
            }
            output += local
        } else {
            for node in program.nodes { try render(node, &frame, &stack, &output) }
        }
    }

    private func render(
        _ node: TemplateProgram.Node, _ frame: inout Frame, _ stack: inout [Any], _ output: inout String
    )
        throws(Unsupported)
    {
        switch node {
        case .text(let text):
            output += text
        case .variable(let name, let escaped):
            guard let child = try lookUp(name, frame, stack) else { return }
            if let text = child as? TemplateText {
                output += escaped ? frame.escaping.escape(text.text) : text.text
            } else if escaped {
                if let template = child as? MustacheTemplate {
                    guard let program = TemplateProgram(template) else { throw Unsupported() }
                    try render(program, frame, &stack, &output)
                } else if let renderable = child as? MustacheCustomRenderable {
                    output += frame.escaping.escape(renderable.renderText)
                } else if child is MustacheLambda {
                    throw Unsupported()
                } else {
                    output += frame.escaping.escape(String(describing: Self.unwrapped(child)))
                }
            } else {
                if let renderable = child as? MustacheCustomRenderable {
                    output += renderable.renderText
                } else if child is MustacheLambda {
                    throw Unsupported()
                } else {
                    output += String(describing: Self.unwrapped(child))
                }
            }
        case .section(let name, let body, let inverted):
            let child = try lookUp(name, frame, stack)
            if inverted {
                try renderInverted(child, body, frame, &stack, &output)
            } else {
                if child is MustacheLambda { throw Unsupported() }
                try renderSection(child, body, frame, &stack, &output)
            }
        case .partial(let name, let indentation, let overrides):
            guard let program = try programs.program(named: name, in: copy) else { return }
            var inherited = frame.inherited
            if let overrides {
                // The outer template's blocks win over the ones this tag gives.
                inherited = frame.inherited.map { $0.merging(overrides) { outer, _ in outer } } ?? overrides
            }
            let inner = Frame(
                sequence: nil, indentation: indentation.map { (frame.indentation ?? "") + $0 } ?? frame.indentation,
                inherited: inherited, escaping: .mustacheHTML)
            try render(program, inner, &stack, &output)
        case .block(let name, let defaultProgram, let indentation):
            let inner = Frame(
                sequence: nil, indentation: indentation.map { (frame.indentation ?? "") + $0 } ?? frame.indentation,
                inherited: frame.inherited, escaping: frame.escaping)
            try render(frame.inherited?[name] ?? defaultProgram, inner, &stack, &output)
        case .contentType(let contentType):
            // For the rest of this template, as a pragma is in swift-mustache.
            frame.escaping = .custom(contentType)
        }
    }

    private func renderSection(
        _ child: Any?, _ body: TemplateProgram, _ frame: Frame, _ stack: inout [Any], _ output: inout String
    ) throws(Unsupported) {
        if let child, let kind = OwnKind(child) {
            switch kind {
            case .objects:
                try renderList(child as! [TemplateObject], body, frame, &stack, &output)
            case .flag:
                if child as! Bool { try render(body, frame, &stack, &output) }
            case .text where (child as! TemplateText).isNull:
                return
            case .object, .text, .card:
                stack.append(child)
                defer { stack.removeLast() }
                var inner = frame
                inner.sequence = nil
                try render(body, inner, &stack, &output)
            }
            return
        }
        switch child {
        case let list as any MustacheSequence:
            try renderList(list, body, frame, &stack, &output)
        case let flag as Bool:
            if flag { try render(body, frame, &stack, &output) }
        case let null as MustacheCustomRenderable where null.isNull:
            return
        case .some(let value):
            stack.append(value)
            defer { stack.removeLast() }
            var inner = frame
            inner.sequence = nil
            try render(body, inner, &stack, &output)
        case .none:
            return
        }
    }

    private func renderList<List: Sequence>(
        _ list: List, _ body: TemplateProgram, _ frame: Frame, _ stack: inout [Any], _ output: inout String
    ) throws(Unsupported) {
        var iterator = list.makeIterator()
        guard var current = iterator.next() else { return }
        var inner = frame
        var position = SequencePosition(first: true)
        while true {
            let next = iterator.next()
            if next == nil { position.last = true }
            inner.sequence = position
            stack.append(current)
            do {
                try render(body, inner, &stack, &output)
            } catch {
                stack.removeLast()
                throw error
            }
            stack.removeLast()
            guard let next else { return }
            current = next
            position.first = false
            position.index += 1
        }
    }

    private func renderInverted(
        _ child: Any?, _ body: TemplateProgram, _ frame: Frame, _ stack: inout [Any], _ output: inout String
    ) throws(Unsupported) {
        if let child, let kind = OwnKind(child) {
            let isFalse =
                switch kind {
                case .objects: (child as! [TemplateObject]).isEmpty
                case .flag: !(child as! Bool)
                case .text: (child as! TemplateText).isNull
                case .object, .card: false
                }
            guard isFalse else { return }
            if kind == .objects {
                // swift-mustache puts the empty list on the stack.
                stack.append(child)
                defer { stack.removeLast() }
                var inner = frame
                inner.sequence = nil
                try render(body, inner, &stack, &output)
            } else {
                try render(body, frame, &stack, &output)
            }
            return
        }
        switch child {
        case let list as any MustacheSequence:
            guard Self.isEmpty(list) else { return }
            // swift-mustache puts the empty list on the stack.
            stack.append(list)
            defer { stack.removeLast() }
            var inner = frame
            inner.sequence = nil
            try render(body, inner, &stack, &output)
        case let flag as Bool:
            if !flag { try render(body, frame, &stack, &output) }
        case let null as MustacheCustomRenderable where null.isNull:
            try render(body, frame, &stack, &output)
        case .some:
            return
        case .none:
            try render(body, frame, &stack, &output)
        }
    }

    private static func isEmpty<List: Sequence>(_ list: List) -> Bool {
        var iterator = list.makeIterator()
        return iterator.next() == nil
    }

    // MARK: Looking names up

    private func lookUp(_ name: TemplateProgram.Name, _ frame: Frame, _ stack: [Any]) throws(Unsupported) -> Any? {
        var child: Any?
        switch name.start {
        case .top: child = stack.last
        case .sequence: child = frame.sequence
        case .topOnly: child = try self.child(name.parts[...], from: stack[stack.count - 1])
        case .stack: child = try childInStack(name.parts, stack)
        }
        guard var value = child else { return nil }
        if OwnKind(value) == nil, let custom = value as? MustacheCustomRepresentation {
            guard let representation = custom.representation else { return nil }
            value = representation
        }
        for transform in name.transforms.reversed() {
            guard let transformable = value as? MustacheTransformable,
                let transformed = transformable.transform(transform)
            else { return nil }
            value = transformed
        }
        return value
    }

    private func childInStack(_ parts: [String], _ stack: [Any]) throws(Unsupported) -> Any? {
        guard let first = parts.first else { return stack.last }
        for object in stack.reversed() {
            if let found = Self.immediateChild(first, of: object) {
                return try child(parts[1...], from: found)
            }
        }
        return nil
    }

    private func child(_ parts: ArraySlice<String>, from object: Any) throws(Unsupported) -> Any? {
        guard let name = parts.first else { return object }
        if !(object is TemplateObject), object is MustacheLambda { throw Unsupported() }
        guard let found = Self.immediateChild(name, of: object) else { return nil }
        return try child(parts.dropFirst(), from: found)
    }

    /// A field of one object: Dossier's own kinds first, by their concrete type (what the
    /// protocol casts below would find for them), then swift-mustache's rules for anything else.
    private static func immediateChild(_ name: String, of object: Any) -> Any? {
        if let fields = object as? TemplateObject { return fields.child(named: name) }
        if object is TemplateText { return nil }
        if let card = object as? CardValue { return card.child(named: name) }
        let represented: Any? =
            if let custom = object as? MustacheCustomRepresentation { custom.representation } else { object }
        if let parent = represented as? MustacheParent { return parent.child(named: name) }
        guard let represented else { return nil }
        guard let match = Mirror(reflecting: represented).children.first(where: { $0.label == name }) else {
            return nil
        }
        let mirror = Mirror(reflecting: match.value)
        guard mirror.displayStyle == .optional else { return match.value }
        return mirror.children.first?.value
    }

    /// A value whose `Any` holds an optional, unwrapped for its description (an absent one is kept).
    private static func unwrapped(_ value: Any) -> Any {
        guard let optional = value as? OptionalValue else { return value }
        return optional.wrappedAny ?? value
    }
}

/// The kinds of value Dossier's view models hold, told apart by the identity of their type:
/// `type(of:)` reads it from the value, where each of swift-mustache's protocol casts (is it a
/// sequence? custom renderable? a custom representation?) looks a conformance up in the
/// runtime's tables, which cost more than the rest of a tag. What swift-mustache's rules give
/// for each kind is known, so the renderer applies them without asking. Any other value (a
/// theme's `extra:`, an `Int`) takes the general path.
private enum OwnKind: Equatable {
    case object, text, objects, card, flag

    private static let objectType = ObjectIdentifier(TemplateObject.self)
    private static let textType = ObjectIdentifier(TemplateText.self)
    private static let objectsType = ObjectIdentifier([TemplateObject].self)
    private static let cardType = ObjectIdentifier(CardValue.self)
    private static let flagType = ObjectIdentifier(Bool.self)

    init?(_ value: Any) {
        switch ObjectIdentifier(type(of: value)) {
        case Self.objectType: self = .object
        case Self.textType: self = .text
        case Self.objectsType: self = .objects
        case Self.cardType: self = .card
        case Self.flagType: self = .flag
        default: return nil
        }
    }
}

private protocol OptionalValue {
    var wrappedAny: Any? { get }
}

extension Optional: OptionalValue {
    fileprivate var wrappedAny: Any? { self }
}
