import Mustache
import NIOConcurrencyHelpers

/// Which engine fills the templates: the compiled programs (the default) or swift-mustache, the
/// reference they are tested against (`dossier build --template-engine reference`).
public enum TemplateEngine: String, Sendable, CaseIterable {
    case compiled
    case reference
}

/// The theme's templates as programs (`TemplateProgram`), made once when the theme is loaded,
/// and the renderer over them. A template this form leaves out, or a value it cannot render,
/// renders through swift-mustache; which ones did is kept for `--timings`.
final class TemplatePrograms: Sendable {
    let library: MustacheLibrary
    private let programs: [String: TemplateProgram]
    /// Templates of the theme that have no program (swift-mustache renders them).
    let unsupported: Set<String>
    private let fellBack = NIOLockedValueBox<Set<String>>([])
    /// Copies of `programs` that no page is being rendered with. A page takes one for its
    /// rendering and gives it back: each thread then walks a tree of its own. Walking the
    /// nodes retains and releases each one, and on one tree shared by both cores every node's
    /// count moved between them at each step: those atomic operations were the largest part of
    /// filling the templates (`TemplateProgram.copied`).
    private let spareCopies = NIOLockedValueBox<[[String: TemplateProgram]]>([])

    init(library: MustacheLibrary, names: some Sequence<String>) {
        self.library = library
        var programs: [String: TemplateProgram] = [:], unsupported = Set<String>()
        for name in names {
            guard let template = library.getTemplate(named: name) else { continue }
            if let program = TemplateProgram(template) {
                programs[name] = program
            } else {
                unsupported.insert(name)
            }
        }
        self.programs = programs
        self.unsupported = unsupported
    }

    /// The program of a partial or parent: nil when the theme has no such template (it renders
    /// as nothing, as in swift-mustache); throws when the theme has it without a program.
    func program(
        named name: String, in copy: [String: TemplateProgram]
    ) throws(ProgramRenderer.Unsupported)
        -> TemplateProgram?
    {
        if let program = copy[name] { return program }
        if library.getTemplate(named: name) != nil {
            fellBack.withLockedValue { _ = $0.insert(name) }
            throw ProgramRenderer.Unsupported()
        }
        return nil
    }

    /// The page, or nil when swift-mustache must render it (no such template, or a construct or
    /// value this form leaves out).
    func render(_ value: Any, template name: String) -> String? {
        guard let program = programs[name] else {
            if library.getTemplate(named: name) != nil { fellBack.withLockedValue { _ = $0.insert(name) } }
            return nil
        }
        let copy = spareCopies.withLockedValue { $0.popLast() } ?? programs.mapValues { $0.copied() }
        defer { spareCopies.withLockedValue { $0.append(copy) } }
        do {
            return try ProgramRenderer(programs: self, copy: copy).render(copy[name] ?? program, object: value)
        } catch {
            fellBack.withLockedValue { _ = $0.insert(name) }
            return nil
        }
    }

    /// Templates some page of this build was rendered through swift-mustache for.
    var renderedByReference: Set<String> { fellBack.withLockedValue { $0 } }
}

/// What filled a build's templates, for `--timings`.
public struct TemplateEngineUse: Sendable, Equatable {
    public var engine: TemplateEngine
    /// Templates the compiled form left to swift-mustache: it has no program for them (a
    /// construct it leaves out), or some page's values needed swift-mustache.
    public var renderedByReference: [String] = []

    init(engine: TemplateEngine, renderedByReference: [String] = []) {
        self.engine = engine
        self.renderedByReference = renderedByReference
    }

    init(_ templates: TemplateSet) {
        engine = templates.engine
        if engine == .compiled, let programs = templates.programs {
            renderedByReference = programs.unsupported.union(programs.renderedByReference).sorted()
        }
    }

    /// One line: "templates: compiled", with what swift-mustache rendered.
    public var line: String {
        switch engine {
        case .reference: return "  templates: swift-mustache (--template-engine reference)"
        case .compiled where renderedByReference.isEmpty: return "  templates: compiled (every template)"
        case .compiled:
            return "  templates: compiled, but swift-mustache rendered \(renderedByReference.joined(separator: ", "))"
                + " (a construct the compiled form leaves out: a dynamic partial name or a lambda)"
        }
    }
}
