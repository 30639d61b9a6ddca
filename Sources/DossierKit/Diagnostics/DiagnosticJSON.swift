import Foundation

/// Diagnostics as JSON, for editors and CI:
/// `{"diagnostics": [{"file", "line", "column", "severity", "message", "hint"}], "errors": N, "warnings": N, "summary": "…"}`.
public enum DiagnosticJSON {
    struct Document: Encodable {
        var diagnostics: [Entry]
        var errors: Int
        var warnings: Int
        var summary: String
    }

    struct Entry: Encodable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var message: String
        var hint: String?

        init(_ diagnostic: Diagnostic) {
            file = diagnostic.location.file
            line = diagnostic.location.line
            column = diagnostic.location.column
            severity = diagnostic.severity.rawValue
            message = diagnostic.message
            hint = diagnostic.hint
        }
    }

    /// Compact, sorted-key JSON for machines (the preview's event stream).
    static func compact(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    public static func encode(_ diagnostics: [Diagnostic], summary: String) throws -> String {
        let document = Document(
            diagnostics: diagnostics.map(Entry.init),
            errors: diagnostics.filter { $0.severity == .error }.count,
            warnings: diagnostics.filter { $0.severity == .warning }.count,
            summary: summary
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }
}
