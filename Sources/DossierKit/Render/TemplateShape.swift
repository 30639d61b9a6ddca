import Mustache

/// A view model whose template fields are declared once, in `shape`: each field's name, what it
/// holds, and how to read it. The values templates render (`templateFields`), the reference of
/// fields in `docs/template-fields.md` (`dossier fields`) and `check`'s test of every name a
/// template uses (`TemplateFieldCheck`) all come from that one list.
protocol TemplateModel: TemplateConvertible, SendableMetatype {
    static var shape: TemplateFieldList<Self> { get }
}

extension TemplateModel {
    var templateFields: TemplateObject { Self.shape.values(of: self) }
}

/// The declared fields of one view model type.
struct TemplateFieldList<Model>: Sendable {
    struct Field: Sendable {
        var name: String
        var summary: String
        var kind: TemplateShape.Kind
        var value: @Sendable (Model) -> Any
    }

    let name: String
    let summary: String
    let fields: [Field]
    /// The fields' names, shared by every object this list makes.
    private let names: Unmanaged<TemplateObject.Names>

    init(_ name: String, _ summary: String, _ fields: [Field]) {
        self.name = name
        self.summary = summary
        self.fields = fields
        names = TemplateObject.keep(TemplateObject.Names(fields.map(\.name)))
    }

    func values(of model: Model) -> TemplateObject {
        var values: [Any] = []
        values.reserveCapacity(fields.count)
        for field in fields { values.append(field.value(model)) }
        return TemplateObject(names: names, values: values)
    }

    /// The declaration without its values: what the docs and `check` read.
    var shape: TemplateShape {
        TemplateShape(
            name: name, summary: summary,
            fields: fields.map { TemplateShape.Field(name: $0.name, summary: $0.summary, kind: $0.kind) })
    }
}

/// The fields a template can read from one view model, without their values.
struct TemplateShape: Sendable {
    struct Field: Sendable {
        var name: String
        var summary: String
        var kind: Kind
    }

    indirect enum Kind: Sendable {
        /// Text, HTML-escaped by `{{name}}`.
        case text
        /// HTML made by Dossier (cmark, or a rendered partial): placed with `{{{name}}}`.
        case html
        case flag
        case number
        case texts
        /// Free-form values from content (`extra:`): any name under it is the author's.
        case extra
        case object(TemplateShape)
        case list(TemplateShape)
    }

    var name: String
    var summary: String
    var fields: [Field]
    /// Inside a section of the author's values (`{{#extra.links}}`): any name may be theirs.
    var isOpen = false

    func field(_ name: String) -> Field? {
        isOpen ? Field(name: name, summary: "", kind: .extra) : fields.first { $0.name == name }
    }

    /// What a section over the author's values puts on the stack.
    static let open = TemplateShape(name: "Extra", summary: "", fields: [], isOpen: true)
}

extension TemplateFieldList.Field {
    /// Text, absent when empty: Mustache treats any string, even "", as present, so `{{#authors}}By
    /// {{authors}}.{{/authors}}` printed "By ." for a report without authors.
    static func text(_ name: String, _ summary: String, _ get: @escaping @Sendable (Model) -> String?) -> Self {
        Self(name: name, summary: summary, kind: .text) { model in
            guard let text = get(model), !text.isEmpty else { return TemplateText.missing }
            return TemplateText(text)
        }
    }

    static func html(_ name: String, _ summary: String, _ get: @escaping @Sendable (Model) -> String?) -> Self {
        Self(name: name, summary: summary, kind: .html) { model in
            get(model).map(TemplateText.init) ?? TemplateText.missing
        }
    }

    static func flag(_ name: String, _ summary: String, _ get: @escaping @Sendable (Model) -> Bool) -> Self {
        Self(name: name, summary: summary, kind: .flag) { get($0) }
    }

    static func number(_ name: String, _ summary: String, _ get: @escaping @Sendable (Model) -> Int) -> Self {
        Self(name: name, summary: summary, kind: .number) { get($0) }
    }

    static func texts(_ name: String, _ summary: String, _ get: @escaping @Sendable (Model) -> [String]) -> Self {
        Self(name: name, summary: summary, kind: .texts) { get($0).map(TemplateText.init) }
    }

    static func object<Value: TemplateModel>(
        _ name: String, _ summary: String, _ get: @escaping @Sendable (Model) -> Value?
    ) -> Self {
        Self(name: name, summary: summary, kind: .object(Value.shape.shape)) { model -> Any in
            // (Spelled out: `?? TemplateText.missing` would box the optional itself, which is truthy.)
            if let value = get(model) { return value.templateFields }
            return TemplateText.missing
        }
    }

    static func list<Value: TemplateModel>(
        _ name: String, _ summary: String, _ get: @escaping @Sendable (Model) -> [Value]
    ) -> Self {
        Self(name: name, summary: summary, kind: .list(Value.shape.shape)) { model in get(model).map(\.templateFields) }
    }

    /// The author's free-form values (`extra:`), a field per key.
    static func extra(
        _ name: String, _ summary: String, _ get: @escaping @Sendable (Model) -> ExtraValue.Fields
    )
        -> Self
    {
        Self(name: name, summary: summary, kind: .extra) { model -> Any in
            // Most content has none: nothing to make for every page then.
            let fields = get(model)
            return fields.isEmpty ? TemplateText.missing : ExtraValue.map(fields).templateValue
        }
    }

    /// Event cards rendered once and shared (`CardCache`): `{{{html}}}` places the card, and
    /// its fields are there for themes that lay cards out themselves.
    static func cards(_ name: String, _ summary: String, _ get: @escaping @Sendable (Model) -> [CardValue]) -> Self {
        Self(name: name, summary: summary, kind: .list(CardValue.shape)) { get($0) }
    }

    /// Lines of related events (`partials/related-event`), rendered once and shared.
    static func relatedEvents(
        _ name: String, _ summary: String, _ get: @escaping @Sendable (Model) -> [CardValue]
    ) -> Self {
        Self(name: name, summary: summary, kind: .list(CardValue.relatedShape)) { get($0) }
    }

    /// One-line links to events (`partials/event-link`), rendered once and shared.
    static func eventLinks(_ name: String, _ summary: String, _ get: @escaping @Sendable (Model) -> [CardValue]) -> Self
    {
        Self(name: name, summary: summary, kind: .list(CardValue.linkShape)) { get($0) }
    }
}
