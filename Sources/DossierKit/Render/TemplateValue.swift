import Mustache

/// View models as the template engine reads them fastest: nested `TemplateObject`s.
///
/// swift-mustache looks names up by reflection on plain structs, which builds a `Mirror` (boxing
/// every field) for each lookup, and a lookup that misses walks the whole context stack that way.
/// Converting a page's view model once, up front, into objects of fields and arrays makes each
/// lookup a hash, and keeps the view models themselves plain structs.
enum TemplateValue {
    static func convert(_ value: Any) -> Any? {
        switch value {
        case let convertible as TemplateConvertible: return convertible.templateFields
        case let card as CardValue: return card
        // Lists of cards (an actor's or a topic's events) can be thousands long: no reflection.
        case let cards as [CardValue]: return cards
        case let string as String: return TemplateText(string)
        case let bool as Bool: return bool
        case let int as Int: return int
        case let double as Double: return double
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first?.value else { return nil }
            return convert(wrapped)
        case .collection, .set:
            return mirror.children.compactMap { convert($0.value) }
        case .struct, .class:
            var fields: [String: Any] = [:]
            fields.reserveCapacity(Int(mirror.children.count))
            for child in mirror.children {
                guard let label = child.label else { continue }
                fields[label] = convert(child.value) ?? TemplateText.missing
            }
            return TemplateObject(fields)
        default:
            return value
        }
    }
}

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
