/// Ids name files and appear in URLs, so they are restricted to what is safe everywhere:
/// lowercase ASCII letters, digits and single hyphens, e.g. `kataib-hezbollah`.
enum Identifier {
    /// Names that would collide with the site's own folders or with reserved device names on Windows.
    static let reserved: Set<String> = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "lpt1", "lpt2", "lpt3",
        "index", "assets", "data",
    ]

    /// Why `id` is not acceptable, or nil when it is fine.
    public static func problem(with id: String) -> String? {
        if id.isEmpty { return "the id is empty" }
        if id.count > 100 { return "the id is longer than 100 characters" }
        let allowed = id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        if !allowed { return "`\(id)` may contain only lowercase letters a–z, digits and hyphens" }
        if id.hasPrefix("-") || id.hasSuffix("-") || id.contains("--") {
            return "`\(id)` must not start or end with a hyphen or contain two in a row"
        }
        if reserved.contains(id) { return "`\(id)` is a reserved name" }
        return nil
    }

    /// A safe id made from a title or file name, as a suggestion in error messages.
    public static func suggestion(from text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty, !result.hasSuffix("-") {
                result += "-"
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        let id = result.isEmpty ? "item" : String(result.prefix(96))
        return reserved.contains(id) ? id + "-1" : id
    }
}
