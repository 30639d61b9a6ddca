import Mustache

/// View models reach the template engine as nested `TemplateObject`s, made from each view
/// model's declared fields (`TemplateModel`).
///
/// swift-mustache looks names up by reflection on plain structs, which builds a `Mirror` (boxing
/// every field) for each lookup, and a lookup that misses walks the whole context stack that way.
/// Converting a page's view model once, up front, into objects of fields and arrays makes each
/// lookup a hash, and keeps the view models themselves plain structs.
enum TemplateValue {}

/// A value that is already in template form (converted once, reused on many pages).
protocol TemplateConvertible {
    var templateFields: TemplateObject { get }
}

/// A view model's fields, as templates look names up in them.
///
/// A struct around the fields rather than a dictionary itself: swift-mustache tests every
/// object on the context stack with protocol casts, and a dictionary's conformance is
/// conditional (`where Key == String`), which is slower to check. In a micro-benchmark a tag
/// looked up in this costs a sixth less than in a `[String: Any]`; it adds up over the
/// hundred-odd tags of each of tens of thousands of pages. Transforms (`{{#empty(x)}}`,
/// `{{count(x)}}`) are the dictionary's.
///
/// A declared view model's fields (`TemplateFieldList.values`) are its values in the order of
/// the declaration, with one table of names to positions for every object of that model: a
/// page's dozens of views no longer each hash and insert every field's name into a dictionary
/// of their own. Other objects (the page's top, an author's `extra:` values) keep a dictionary.
struct TemplateObject: MustacheParent, MustacheTransformable {
    /// Field names and their positions, shared by the objects of one declared view model.
    ///
    /// Made once per declared view model (`TemplateFieldList`, always a `static let`) and
    /// never freed: objects hold it unmanaged. Every copy of an object on either core would
    /// otherwise count a reference to the same table, and those atomic counts, moving between
    /// the cores, cost more than the lookup.
    final class Names: Sendable {
        let names: [String]
        let positions: [String: Int]

        init(_ names: [String]) {
            self.names = names
            var positions: [String: Int] = [:]
            // A name declared twice is the later declaration's, as it was in a dictionary.
            for (position, name) in names.enumerated() { positions[name] = position }
            self.positions = positions
        }
    }

    private let names: Unmanaged<Names>?
    private let values: [Any]
    private let dictionary: [String: Any]

    init(_ fields: [String: Any]) {
        names = nil
        values = []
        dictionary = fields
    }

    /// Keeps `names` for good (see `Names`).
    static func keep(_ names: Names) -> Unmanaged<Names> { Unmanaged.passRetained(names) }

    init(names: Unmanaged<Names>, values: [Any]) {
        self.names = names
        self.values = values
        dictionary = [:]
    }

    /// Every field by name (made afresh for a declared view model: not for the lookups of rendering).
    var fields: [String: Any] {
        guard let names else { return dictionary }
        var fields: [String: Any] = [:]
        for (name, position) in names.takeUnretainedValue().positions { fields[name] = values[position] }
        return fields
    }

    func child(named name: String) -> Any? {
        guard let names else { return dictionary[name] }
        guard let position = names._withUnsafeGuaranteedRef({ $0.positions[name] }) else { return nil }
        return values[position]
    }

    func transform(_ name: String) -> Any? { fields.transform(name) }
}
