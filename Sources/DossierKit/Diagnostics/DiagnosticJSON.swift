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
    }

    public static func encode(_ diagnostics: [Diagnostic], summary: String) throws -> String {
        let document = Document(
            diagnostics: diagnostics.map {
                Entry(file: $0.location.file, line: $0.location.line, column: $0.location.column, severity: $0.severity.rawValue, message: $0.message, hint: $0.hint)
            },
            errors: diagnostics.filter { $0.severity == .error }.count,
            warnings: diagnostics.filter { $0.severity == .warning }.count,
            summary: summary
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }
}
