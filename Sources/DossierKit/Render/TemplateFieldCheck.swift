/// Checks every name a theme's templates use against the fields the view models declare
/// (`TemplateModel`), before anything is rendered: Mustache renders a misspelt name such as
/// `{{card.titel}}` as nothing, and the reader would see a gap where the title should be.
///
/// Each template is walked from the values it is rendered with (a page kind's template with
/// `chrome` and `content`, the event card with a card, the feed with the feed, …) through its
/// sections, partials and parent templates, keeping the stack of view models a name is looked
/// up in, as swift-mustache does. Cached fragments (header, footer) see only the chrome fields
/// their cache key covers, and are told so.
struct TemplateFieldCheck {
    let templates: TemplateSet
    let kinds: [PageKind]

    /// A fragment rendered once for many pages, and the chrome fields it may read.
    struct Fragment {
        var template: String
        var allowed: Set<String>
    }

    /// What one level of the context stack holds: a view model's fields, or a value without
    /// fields (text, a number, a flag), which lookups pass through.
    typealias Frame = TemplateShape?

    private var seen = Set<String>()
    private var found: [Diagnostic] = []
    /// The names the templates read under `extra` (`colour`, `links.source`), and where: what
    /// `extraDiagnostics` compares with the report's own `extra:` keys.
    private(set) var extraUses: [TemplateSet.ExtraUse] = []

    init(templates: TemplateSet, kinds: [PageKind]) {
        self.templates = templates
        self.kinds = kinds
    }

    /// A template and the values it is rendered with.
    struct Root {
        var template: String
        var shape: TemplateShape
        /// Set for a cached fragment (header, footer).
        var fragment: Fragment?
        /// Set for a page kind's template.
        var kind: PageKind?
    }

    /// What a page kind's template is rendered with: `chrome` and the kind's `content`.
    static func pageShape(_ kind: PageKind) -> TemplateShape {
        TemplateShape(
            name: "Page", summary: "",
            fields: [
                .init(name: "chrome", summary: "", kind: .object(Chrome.shape.shape)),
                .init(name: "content", summary: "", kind: .object(kind.fields)),
            ])
    }

    /// The values each template is rendered with (also the rows of the template reference).
    static func roots(kinds: [PageKind]) -> [Root] {
        var roots = kinds.map { kind in Root(template: kind.template, shape: pageShape(kind), kind: kind) }
        for (template, allowed) in Chrome.fragmentFields.sorted(by: { $0.key < $1.key }) {
            var chrome = Chrome.shape.shape
            chrome.fields.removeAll { !allowed.contains($0.name) }
            roots.append(
                Root(
                    template: template,
                    shape: TemplateShape(
                        name: "Fragment", summary: "",
                        fields: [.init(name: "chrome", summary: "", kind: .object(chrome))]),
                    fragment: Fragment(template: template, allowed: allowed)))
        }
        var link = CardValue.linkShape, related = CardValue.relatedShape, source = EventPage.SourceView.shape.shape
        link.fields.removeAll { $0.name == "html" }
        related.fields.removeAll { $0.name == "html" }
        source.fields.removeAll { $0.name == "html" }
        for (template, shape) in [
            (CardCache.template, EventCard.shape.shape), (CardCache.linkTemplate, link),
            (CardCache.relatedTemplate, related),
            (SourceLines.template, source),
            (AtomFeed.template, AtomFeed.shape.shape), (Sitemap.template, Sitemap.shape.shape),
        ] {
            roots.append(Root(template: template, shape: shape))
        }
        return roots
    }

    /// One error per misspelt or unknown name, at its tag, with the names it might have meant.
    mutating func diagnostics() -> [Diagnostic] {
        for kind in kinds where templates.sources[kind.template] == nil {
            found.append(
                .error(
                    SourceLocation(file: "\(templates.displayName)/\(kind.template).mustache"),
                    "the page kind `\(kind.name)` needs the template \(kind.template).mustache, which neither the theme nor the built-in theme has",
                    hint: "create \(templates.displayName)/\(kind.template).mustache"))
        }
        for root in Self.roots(kinds: kinds) {
            walk(root.template, stack: [root.shape], fragment: root.fragment, depth: 0)
        }
        var unique = Set<String>()
        return found.filter { unique.insert("\($0.location)|\($0.message)").inserted }
    }

    /// The templates that pages of `Content/pages/` name (`template:`), checked as the plain
    /// page kind's: one that the theme lacks is an error at the page's `template:`. (Apart
    /// from `diagnostics()`, which the preview skips while the theme is unchanged: a page may
    /// name another template without a template being edited.)
    mutating func diagnostics(pageTemplates pages: [Page]) -> [Diagnostic] {
        for page in pages {
            guard let template = page.template else { continue }
            guard templates.sources[template] != nil else {
                let names = templates.sources.keys.filter { !$0.hasPrefix("partials/") }
                found.append(
                    .error(
                        page.templateLocation ?? page.origin,
                        "the page `\(page.id)` names the template `\(template)`, which neither the theme nor the built-in theme has",
                        hint: Suggestion.hint(for: template, in: Array(names))
                            ?? "create \(templates.displayName)/\(template).mustache"))
                continue
            }
            walk(template, stack: [Self.pageShape(PlainPage.kind)], fragment: nil, depth: 0)
        }
        var unique = Set<String>()
        return found.filter { unique.insert("\($0.location)|\($0.message)").inserted }
    }

    /// A name the templates read under `extra` that no event, actor or topic of the report gives:
    /// a warning at the tag, since a theme may serve reports that do give it.
    static func extraDiagnostics(_ uses: [TemplateSet.ExtraUse], report: Report) -> [Diagnostic] {
        guard !uses.isEmpty else { return [] }
        var given = Set<String>()
        for event in report.events where !event.extra.isEmpty { given.formUnion(ExtraValue.paths(event.extra)) }
        for actor in report.actors where !actor.extra.isEmpty { given.formUnion(ExtraValue.paths(actor.extra)) }
        for topic in report.topics where !topic.extra.isEmpty { given.formUnion(ExtraValue.paths(topic.extra)) }
        var reported = Set<String>()
        return uses.compactMap { use in
            guard !given.contains(use.path), reported.insert("\(use.location)|\(use.path)").inserted else {
                return nil
            }
            let key = use.path.split(separator: ".").first.map(String.init) ?? use.path
            return .warning(
                use.location,
                "no event, actor or topic gives `extra.\(use.path)`: the template shows nothing here",
                hint: Suggestion.hint(for: use.path, in: given.sorted())
                    ?? "give `\(key)` under `extra:` in the content that should show it")
        }
    }

    private mutating func walk(_ template: String, stack start: [Frame], fragment: Fragment?, depth: Int) {
        // (A template that did not parse was reported as such; its tags mean nothing yet.)
        guard depth < 16, let source = templates.sources[template],
            templates.library.getTemplate(named: template) != nil,
            let tags = TemplateTag.scan(source.text)
        else { return }
        let signature =
            template + "|" + start.map { $0?.name ?? "-" }.joined(separator: ",") + "|" + (fragment?.template ?? "")
        guard seen.insert(signature).inserted else { return }
        var stack = start
        // How many frames each open section pushed, to pop them at its close.
        var pushed: [Int] = []
        for tag in tags {
            let location = SourceLocation(file: source.display, line: tag.line, column: tag.column)
            switch tag.kind {
            case .variable:
                _ = resolve(tag, in: stack, at: location, fragment: fragment)
            case .section(let inverted):
                let kind = resolve(tag, in: stack, at: location, fragment: fragment)
                if inverted {
                    pushed.append(0)
                } else {
                    stack.append(Self.frame(entering: kind, transform: tag.lookup.transform))
                    pushed.append(1)
                }
            case .block, .parent:
                if case .parent = tag.kind { walk(tag.name, stack: stack, fragment: fragment, depth: depth + 1) }
                pushed.append(0)
            case .close:
                let count = pushed.popLast() ?? 0
                stack.removeLast(min(count, max(0, stack.count - 1)))
            case .partial:
                walk(tag.name, stack: stack, fragment: fragment, depth: depth + 1)
            }
        }
    }

    /// What a section over a value of `kind` puts on the stack.
    private static func frame(entering kind: TemplateShape.Kind?, transform: String?) -> Frame {
        switch (kind, transform) {
        case (.extra, _):
            return TemplateShape.open
        case (.object(let shape), nil), (.list(let shape), nil), (.list(let shape), "first"?),
            (.list(let shape), "last"?),
            (.list(let shape), "reversed"?), (.list(let shape), "sorted"?):
            return shape
        default:
            return nil
        }
    }

    /// The kind of value a name leads to; nil when it cannot be known (the dot, a name inside
    /// text) or is unknown (then reported).
    private mutating func resolve(
        _ tag: TemplateTag, in stack: [Frame], at location: SourceLocation, fragment: Fragment?
    ) -> TemplateShape.Kind? {
        let name = tag.lookup.name
        if name == "." || name.isEmpty { return nil }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        // The first part is looked up from the innermost level out, like swift-mustache does.
        var kind: TemplateShape.Kind?
        for frame in stack.reversed() {
            if let field = frame?.field(parts[0]) {
                kind = field.kind
                break
            }
        }
        guard var current = kind else {
            let visible = stack.compactMap { $0 }.flatMap { $0.fields.map(\.name) }
            report(parts[0], in: name, at: location, among: visible, fragment: nil)
            return nil
        }
        for (index, part) in parts.enumerated().dropFirst() {
            if case .extra = current {
                // (A name within a section of extra values, `{{#extra}}{{colour}}`, is not recorded:
                // only `extra.` written out says which key is meant.)
                if parts[index - 1] == "extra" {
                    extraUses.append(.init(path: parts[index...].joined(separator: "."), location: location))
                }
                return .extra
            }
            guard case .object(let shape) = current else {
                report(part, in: name, at: location, among: [], fragment: nil)
                return nil
            }
            guard let field = shape.field(part) else {
                report(
                    part, in: name, at: location, among: shape.fields.map(\.name),
                    fragment: index == 1 && parts[0] == "chrome" ? fragment : nil)
                return nil
            }
            current = field.kind
        }
        return current
    }

    private mutating func report(
        _ part: String, in name: String, at location: SourceLocation, among names: [String], fragment: Fragment?
    ) {
        if let fragment, Chrome.shape.shape.field(part) != nil {
            found.append(
                .error(
                    location,
                    "`chrome.\(part)` differs from page to page, but \(fragment.template) is rendered once and shared by many pages, so it cannot show it",
                    hint:
                        "use it in layout.mustache, which is rendered for each page; \(fragment.template) may read chrome.{\(fragment.allowed.sorted().joined(separator: ", "))}"
                ))
            return
        }
        let subject = part == name ? "`\(name)`" : "`\(part)` in `\(name)`"
        let unique = Array(Set(names)).sorted()
        found.append(
            .error(
                location, "unknown field \(subject): the template would show nothing here",
                hint: Suggestion.hint(for: part, in: unique)
                    ?? (unique.isEmpty
                        ? "this value has no fields"
                        : "fields here: \(unique.prefix(12).joined(separator: ", "))\(unique.count > 12 ? ", …" : "") (see docs/template-fields.md)")
            ))
    }
}
