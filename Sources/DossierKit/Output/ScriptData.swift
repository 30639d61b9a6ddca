import Foundation

/// Data for the site's scripts, written as a script rather than JSON: a page opened from
/// `file://` may load a script but not fetch a file. Each file calls one global function with
/// a name and the value (`dossierData("facets", {…});`), which `assets/dossier.js` defines.
enum ScriptData {
    /// `/* comment */\n<call>(<name>, <value>);\n`, the value already written as JavaScript.
    static func file(
        _ path: String, comment: String, call: String = "dossierData", name: String?, value: String
    ) -> OutputFile {
        let arguments = (name.map { string($0) + ", " } ?? "") + value
        return OutputFile(path: path, text: "/* \(comment) */\n\(call)(\(arguments));\n")
    }

    /// A JavaScript string literal. `<` is escaped too, so no text can close a script element,
    /// and U+2028/2029, which end a line in older JavaScript.
    static func string(_ value: String) -> String {
        var literal = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": literal += "\\\""
            case "\\": literal += "\\\\"
            case "<": literal += "\\u003c"
            case "\u{2028}": literal += "\\u2028"
            case "\u{2029}": literal += "\\u2029"
            case _ where scalar.value < 0x20: literal += String(format: "\\u%04x", scalar.value)
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "\""
    }

    /// `["a","b"]`
    static func strings(_ values: [String]) -> String { "[" + values.map(string).joined(separator: ",") + "]" }

    /// `[1,2,3]`
    static func numbers(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ",") + "]" }
}
