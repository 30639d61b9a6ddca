import Mustache

/// A string (or an absent value) as the template engine reads it fastest.
///
/// swift-mustache renders a plain `String` through several dynamic casts (template? custom
/// renderable? lambda? optional?) and then `String(describing:)`; each cast is a protocol
/// conformance lookup, and at tens of thousands of pages they cost more than the rest of
/// rendering. A `MustacheCustomRenderable` is recognised at the second cast. Transforms
/// (`{{uppercased(title)}}`) are passed on to `String`'s, so themes see no difference.
///
/// It is also a `MustacheParent` without children: inside a section on a string
/// (`{{#place}}…{{/place}}`) the string is on the context stack, and every lookup would
/// otherwise reflect on it with a `Mirror` before moving on.
///
/// `missing` stands for a field the view model does not have: it renders as nothing and is
/// false in sections, like a missing key, but stops the lookup where it is. Without it a
/// lookup of `quote` on a source without one climbs the whole context stack (more casts), and
/// could even find some outer object's `quote`.
struct TemplateText: MustacheCustomRenderable, MustacheTransformable, MustacheParent, Sendable {
    let text: String
    let isNull: Bool

    init(_ text: String) {
        self.text = text
        isNull = false
    }

    private init(null: Void) {
        text = ""
        isNull = true
    }

    static let missing = TemplateText(null: ())

    var renderText: String { text }

    func transform(_ name: String) -> Any? { isNull ? nil : text.transform(name) }

    func child(named name: String) -> Any? { nil }
}

extension TemplateText: CustomStringConvertible {
    var description: String { text }
}

extension TemplateValue {
    /// Template fields from name–value pairs: strings become `TemplateText`, absent values
    /// `TemplateText.missing`. Nested view models convert themselves (`templateFields`).
    static func fields(_ pairs: KeyValuePairs<String, Any?>) -> TemplateObject {
        var fields: [String: Any] = [:]
        fields.reserveCapacity(pairs.count)
        for (key, value) in pairs {
            switch value {
            case nil: fields[key] = TemplateText.missing
            case let text as String: fields[key] = TemplateText(text)
            case let texts as [String]: fields[key] = texts.map(TemplateText.init)
            case let value?: fields[key] = value
            }
        }
        return TemplateObject(fields)
    }
}
