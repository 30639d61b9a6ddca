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
/// A struct around the dictionary rather than the dictionary itself: swift-mustache tests every
/// object on the context stack with protocol casts, and a dictionary's conformance is
/// conditional (`where Key == String`), which is slower to check. In a micro-benchmark a tag
/// looked up in this costs a sixth less than in a `[String: Any]`; it adds up over the
/// hundred-odd tags of each of tens of thousands of pages. Transforms (`{{#empty(x)}}`,
/// `{{count(x)}}`) are the dictionary's.
struct TemplateObject: MustacheParent, MustacheTransformable {
    let fields: [String: Any]

    init(_ fields: [String: Any]) {
        self.fields = fields
    }

    func child(named name: String) -> Any? { fields[name] }

    func transform(_ name: String) -> Any? { fields.transform(name) }
}
