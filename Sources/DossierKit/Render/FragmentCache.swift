import Foundation
import NIOConcurrencyHelpers
import Mustache

/// Parts of the layout that are the same on many pages (the header's navigation for a section,
/// the footer), rendered once per variant by the theme's own partial.
///
/// A fragment sees only the chrome fields its variant decides (`allowed`): a header shared by
/// every event page cannot show one event's title, whatever the theme asks for. What it asks for
/// beyond that is recorded (`FragmentReads`) and reported as an error at the template's tag.
final class FragmentCache: Sendable {
    private let rendered = NIOLockedValueBox<[String: String]>([:])
    let templates: TemplateSet
    let reads: FragmentReads

    init(templates: TemplateSet, reads: FragmentReads = FragmentReads()) {
        self.templates = templates
        self.reads = reads
    }

    func render(_ template: String, chrome: Chrome, variant: String, allowed: Set<String>) -> String {
        let key = template + "|" + variant
        if let cached = rendered.withLockedValue({ $0[key] }) { return cached }
        let fields = FragmentFields(chrome.templateFields, allowed: allowed, template: template, reads: reads)
        let html = templates.renderConverted(["chrome": fields], template: template)
        return rendered.withLockedValue { rendered in
            if let raced = rendered[key] { return raced }
            rendered[key] = html
            return html
        }
    }
}

/// The chrome as a cached fragment sees it: only the fields its cache key covers; asking for
/// another chrome field is recorded, and answered with nothing.
final class FragmentFields: MustacheParent {
    let fields: TemplateObject
    let allowed: Set<String>
    let template: String
    let reads: FragmentReads

    init(_ fields: TemplateObject, allowed: Set<String>, template: String, reads: FragmentReads) {
        self.fields = fields
        self.allowed = allowed
        self.template = template
        self.reads = reads
    }

    func child(named name: String) -> Any? {
        if allowed.contains(name) { return fields.child(named: name) }
        if fields.child(named: name) != nil { reads.record(template: template, field: name) }
        return nil
    }
}

/// Chrome fields that cached fragments asked for but may not read, by template, for `check`.
final class FragmentReads: Sendable {
    private let refused = NIOLockedValueBox<[String: Set<String>]>([:])

    func record(template: String, field: String) {
        refused.withLockedValue { _ = $0[template, default: []].insert(field) }
    }

    /// One error per field, at the first tag of the template that names it.
    func diagnostics(_ templates: TemplateSet, allowed: [String: Set<String>]) -> [Diagnostic] {
        let refused = refused.withLockedValue { $0 }
        var diagnostics: [Diagnostic] = []
        for (template, fields) in refused.sorted(by: { $0.key < $1.key }) {
            for field in fields.sorted() {
                let may = (allowed[template] ?? []).sorted().joined(separator: ", ")
                diagnostics.append(
                    .error(
                        templates.location(of: "chrome." + field, in: template),
                        "`chrome.\(field)` differs from page to page, but \(template) is rendered once and shared by many pages, so it cannot show it",
                        hint:
                            "use it in layout.mustache, which is rendered for each page; \(template) may read chrome.{\(may)}"
                    ))
            }
        }
        return diagnostics
    }
}
