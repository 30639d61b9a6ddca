import Foundation
import Testing

@testable import DossierKit

/// docs/ and the README point readers to the code by name (`ContentImport.write(_:in:to:)`,
/// `PreviewState`): every such name must exist, so that a rename that forgets the map fails here
/// rather than misleading the next engineer.
@Suite struct DocumentedNamesTests {
    /// Names the docs take from the platform (Foundation) and from dependencies (Hummingbird, NIO).
    static let platformNames: Set<String> = [
        "DateFormatter", "JSONEncoder", "NSString", "FileMiddleware", "NIOLockedValueBox",
    ]
    /// A file's name is not code (`Package.swift`, `Config.yaml`).
    static let fileExtensions: Set<String> = [
        "swift", "md", "yaml", "yml", "json", "csv", "js", "css", "html", "txt", "svg", "resolved",
    ]

    /// A backticked name: a type (two capitals at least, or followed by a member: single words such
    /// as `Report` are also plain English in the docs), its members, and an argument list.
    static let name = try! NSRegularExpression(
        pattern: #"`([A-Z][A-Za-z0-9]*)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)(\([^`]*\))?`"#)

    static func swiftText(under folder: URL) -> String {
        var text = ""
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            text += (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        }
        return text
    }

    @Test func everyNameTheDocsGiveExists() throws {
        let repository = TestSite.repository
        let code = ["Sources", "Tests"].map {
            Self.swiftText(under: repository.appendingPathComponent($0))
        }
        .joined(separator: "\n")
        let modules = Set(
            try FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("Sources").path))
        // Every type declared or extended, and every word of the code (a member is checked by name).
        let declaration = try NSRegularExpression(
            pattern: #"\b(?:struct|class|enum|protocol|typealias|actor|extension)\s+([A-Za-z0-9_]+)"#)
        let types = Set(
            declaration.matches(in: code, range: NSRange(code.startIndex..., in: code)).compactMap { match in
                Range(match.range(at: 1), in: code).map { String(code[$0]) }
            })
        let words = Set(code.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
        var documents = try FileManager.default.contentsOfDirectory(
            atPath: repository.appendingPathComponent("docs").path
        )
        .filter { $0.hasSuffix(".md") }.map { "docs/\($0)" }
        documents.append("README.md")
        var missing: [String] = []
        var checked = 0
        for document in documents.sorted() {
            let text = try String(contentsOf: repository.appendingPathComponent(document), encoding: .utf8)
            for match in Self.name.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let typeRange = Range(match.range(at: 1), in: text),
                    let membersRange = Range(match.range(at: 2), in: text)
                else { continue }
                let type = String(text[typeRange])
                let members = text[membersRange].split(separator: ".").map(String.init)
                // Words in capitals (`TMPDIR`, `CNAME`) are not code; nor single words alone.
                guard type.contains(where: \.isLowercase), type.filter(\.isUppercase).count >= 2 || !members.isEmpty,
                    !modules.contains(type), !Self.platformNames.contains(type),
                    !(members.count == 1 && Self.fileExtensions.contains(members[0]))
                else { continue }
                checked += 1
                if !types.contains(type) {
                    missing.append("\(document): `\(type)`")
                    continue
                }
                for member in members where !words.contains(member) {
                    missing.append("\(document): `\(type).\(members.joined(separator: "."))`")
                }
            }
        }
        #expect(checked > 150, "the docs name the code less than they did: \(checked) names")
        #expect(missing.isEmpty, "named in the docs, found nowhere in the code:\n\(missing.joined(separator: "\n"))")
    }
}
