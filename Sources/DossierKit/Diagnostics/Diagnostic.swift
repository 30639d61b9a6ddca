import NIOConcurrencyHelpers

/// One problem found in the input, with where it is and how to fix it.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
        /// Something to know that is not a problem (what a report in two languages has not
        /// translated yet): `check` lists it; it is not counted as a warning, and `build` and
        /// the preview leave it out.
        case note
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// How to fix it, when we can tell ("did you mean `kataib-hezbollah`?").
    public var hint: String?

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    public static func error(_ location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, location, message, hint: hint)
    }

    public static func warning(_ location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, location, message, hint: hint)
    }

    /// `path:line:column: error: message` — the format compilers use, so editors can jump to it.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }
}

/// Collects diagnostics while a stage runs, so the user sees every problem at once, not only the first.
///
/// Stages may log from several threads (the loader parses files on every core), so the list is
/// kept under a lock.
public final class DiagnosticLog: Sendable {
    private let items = NIOLockedValueBox<[Diagnostic]>([])

    public init() {}

    public func add(_ diagnostic: Diagnostic) { items.withLockedValue { $0.append(diagnostic) } }
    public func error(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        add(.error(location, message, hint: hint))
    }
    public func warning(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        add(.warning(location, message, hint: hint))
    }
    public func note(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        add(Diagnostic(.note, location, message, hint: hint))
    }

    /// Every diagnostic once, by file and line. A value reused through a YAML alias (`<<: *base`
    /// in ten events) is decoded at each use, and its error would otherwise be listed ten times
    /// at the same line.
    public var diagnostics: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return items.withLockedValue { $0 }.filter { seen.insert($0).inserted }.sorted {
            ($0.location, $0.message) < ($1.location, $1.message)
        }
    }
    public var hasErrors: Bool { items.withLockedValue { $0.contains { $0.severity == .error } } }

    /// How many were logged so far (repeats included): a mark for `logged(since:)`.
    var loggedCount: Int { items.withLockedValue { $0.count } }
    /// What was logged after the mark, in the order it was logged.
    func logged(since mark: Int) -> [Diagnostic] { items.withLockedValue { Array($0.dropFirst(mark)) } }
}

/// Thrown when a stage found errors: carries all of them, sorted by file and line.
public struct BuildFailure: Error, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let listing = diagnostics.map(\.description).joined(separator: "\n")
        return "\(listing)\n\(errors) error\(errors == 1 ? "" : "s"); nothing was written."
    }
}
