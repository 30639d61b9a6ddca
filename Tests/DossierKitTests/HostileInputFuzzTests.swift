import Foundation
import PropertyBased
import Testing
@testable import DossierKit

/// Fuzzing what the loader fuzz missed (issue 10): YAML anchors and aliases, numbers at the
/// integer limits, and content trees with links and odd kinds of file. Each input either builds
/// or fails with diagnostics; none traps, hangs, or takes memory beyond the documented bounds.
/// (Random `Range` and `Host` headers against the preview are in `PreviewHardeningTests`.)
@Suite struct HostileInputFuzzTests {
    static let iterations = LoaderFuzzTests.iterations

    /// YAML made from random instructions: anchored lists, maps and scalars, lists of aliases to
    /// earlier anchors (nesting them makes expansion exponential), merge keys, undefined aliases.
    static func yamlWithAliases(_ instructions: [UInt32]) -> String {
        var lines: [String] = []
        var anchors: [String] = []
        func anchor(_ instruction: UInt32) -> String {
            anchors.isEmpty || instruction & 0x8000_0000 != 0 && instruction & 0x7 == 7
                ? "undefined" : anchors[Int(instruction >> 8) % anchors.count]
        }
        for (index, instruction) in instructions.enumerated() {
            let indent = String(repeating: "  ", count: Int(instruction >> 29) % 3)
            let name = "a\(index)"
            switch instruction & 0x7 {
            case 0:
                lines.append("\(indent)k\(index): &\(name) [x, 1, -2]")
            case 1:
                lines.append("\(indent)k\(index): &\(name) {p: 1, q: [2, 3]}")
            case 2:
                let count = Int((instruction >> 3) & 0xF) + 2
                lines.append(
                    "\(indent)k\(index): &\(name) [\(Array(repeating: "*\(anchor(instruction))", count: count).joined(separator: ", "))]"
                )
            case 3:
                lines.append("\(indent)k\(index):\n\(indent)  <<: *\(anchor(instruction))\n\(indent)  own: value")
            case 4:
                lines.append("\(indent)k\(index): &\(name) scalar")
            case 5:
                lines.append("\(indent)k\(index): *\(anchor(instruction))")
            case 6:
                lines.append("\(indent)- *\(anchor(instruction))")
            default:
                lines.append(
                    "\(indent)k\(index): &\(name) {m: *\(anchor(instruction)), n: [*\(anchor(instruction >> 1)), *\(anchor(instruction >> 2))]}"
                )
            }
            if instruction & 0x7 != 3 && instruction & 0x7 != 5 && instruction & 0x7 != 6 { anchors.append(name) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func count(_ node: DataNode) -> Int {
        switch node {
        case .list(let items, _): return 1 + items.reduce(0) { $0 + count($1) }
        case .map(let entries, _): return 1 + entries.reduce(0) { $0 + count($1.value) }
        default: return 1
        }
    }

    @Test func yamlWithAnchorsAndAliasesStaysWithinTheExpansionLimit() async {
        let limit = 5_000
        await propertyCheck(
            count: max(100, Self.iterations / 3), input: Gen<UInt32>.value(in: 0...UInt32.max).array(of: 1...40)
        ) { instructions in
            let text = Self.yamlWithAliases(instructions)
            let log = DiagnosticLog()
            if let node = YAMLReader.parse(text, file: "aliases.yaml", log: log, aliasLimit: limit) {
                // What the file says itself, plus at most `limit` values through aliases.
                #expect(Self.count(node) <= limit + 4 * text.utf8.count, "\(text)")
                #expect(!log.hasErrors)
            } else {
                #expect(log.hasErrors, "no node and no error for:\n\(text)")
            }
            LoaderFuzzTests.exercise(text)
        }
    }

    /// Number texts at and beyond the limits of Int and Double, and forms a parser might half-accept.
    static let numbers = [
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "99999999999999999999999",
        "100000000", "100000001", "0", "-0", "+5", "1_000", "1,000", "1e308", "1e309", "-1e309", "NaN", "inf", "-inf",
        "0x10",
        "١٢٣", "１２３", "4.5", "-90.0000001", "180.0000001", "", "   ", "1 000", "0.000000000000000000001",
    ]

    /// Every numeric field of an event and of site.yaml, through the whole pipeline.
    @Test func numbersAtTheIntegerLimitsNeverTrapTheBuild() async throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        let numbers = Self.numbers
        await propertyCheck(
            count: max(40, Self.iterations / 20), input: Gen<Int>.int(in: 0...(numbers.count - 1)).array(of: 6)
        ) { picks in
            let value = picks.map { String(decoding: try! JSONEncoder().encode(numbers[$0]), as: UTF8.self) }
            try? site.write(
                "events/numbers.yaml",
                """
                - id: numbers
                  date: 2024-01-05
                  title: Numbers
                  type: attack
                  location: { name: Somewhere, lat: \(value[0]), lon: \(value[1]) }
                  casualties:
                    - { kind: killed, min: \(value[2]), max: \(value[3]) }
                    - { kind: injured, count: \(value[4]) }
                  sources: [{ publisher: X, url: "https://example.org/n" }]
                - id: numbers-too
                  date: 2024-01-06
                  title: More numbers
                  type: attack
                  casualties: [{ kind: killed, count: \(value[3]) }]
                  sources: [{ publisher: X, url: "https://example.org/n" }]
                """)
            try? site.write("site.yaml", TestSite.minimalConfig + "\nhome: { latest: \(value[5]) }\n")
            let result = SiteBuilder(options: site.options).check(keepingFiles: false)
            #expect(result.report != nil || !result.errors.isEmpty)
            if let report = result.report {
                for casualty in report.events.flatMap(\.casualties) {
                    #expect(
                        [casualty.minimum, casualty.maximum].allSatisfy {
                            ($0 ?? 0) >= 0 && ($0 ?? 0) <= Casualty.largestFigure
                        })
                }
            }
        }
    }

    /// Random content trees: links inside and out of the report, dangling links, loops, named
    /// pipes, empty folders, odd names, in every folder the loader reads.
    @Test func oddContentTreesNeverTrapHangOrPublishALink() async throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dossier-secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: secret, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: secret) }
        try Data("TOP SECRET".utf8).write(to: secret.appendingPathComponent("secret.yaml"))
        let folders = ["events", "events/sub", "static", "static/deep", "actors", "pages", "topics"]
        let names = ["x.yaml", "y.md", "z.txt", "line\nbreak.yaml", "é.csv", "a b.json"]
        await propertyCheck(
            count: max(30, Self.iterations / 40), input: Gen<UInt32>.value(in: 0...UInt32.max).array(of: 1...6)
        ) { instructions in
            guard let site = try? TestSite() else { return }
            try? SampleContent.write(to: site)
            let manager = FileManager.default
            for instruction in instructions {
                let folder = site.content.appendingPathComponent(folders[Int(instruction >> 8) % folders.count])
                try? manager.createDirectory(at: folder, withIntermediateDirectories: true)
                let path = folder.appendingPathComponent(names[Int(instruction >> 16) % names.count]).path
                switch instruction & 0x7 {
                case 0:
                    try? manager.createSymbolicLink(
                        atPath: path, withDestinationPath: secret.appendingPathComponent("secret.yaml").path)
                case 1: try? manager.createSymbolicLink(atPath: path, withDestinationPath: secret.path)
                case 2: try? manager.createSymbolicLink(atPath: path, withDestinationPath: "missing-\(instruction)")
                case 3: try? manager.createSymbolicLink(atPath: path, withDestinationPath: "..")
                case 4: mkfifo(path, 0o644)
                case 5: try? manager.createDirectory(atPath: path, withIntermediateDirectories: true)
                case 6:
                    try? manager.createSymbolicLink(
                        atPath: path, withDestinationPath: site.content.appendingPathComponent("actors/army.md").path)
                default:
                    // Never write into a named pipe an earlier instruction made: opening it to
                    // write blocks until a reader comes, which held a thread of the test pool for
                    // good (and with it every test waiting for that thread).
                    var info = stat()
                    if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFIFO { continue }
                    try? Data("- { id: odd-\(instruction), date: 2024, title: Odd, type: attack }\n".utf8).write(
                        to: URL(fileURLWithPath: path))
                }
            }
            do {
                try site.build()
            } catch let failure as BuildFailure {
                #expect(failure.diagnostics.contains { $0.severity == .error })
                #expect(failure.diagnostics.allSatisfy { !$0.description.split(separator: "\n").first!.contains("\n") })
            } catch {
                Issue.record("unexpected error \(error)")
            }
            // Nothing published is a link, and nothing from outside the report is published.
            for relative in manager.subpaths(atPath: site.output.path) ?? [] {
                let path = site.output.appendingPathComponent(relative).path
                #expect((try? manager.destinationOfSymbolicLink(atPath: path)) == nil, "\(relative) is a link")
                #expect(
                    !(manager.contents(atPath: path).map { String(decoding: $0, as: UTF8.self).contains("TOP SECRET") }
                        ?? false), "\(relative)")
            }
        }
    }
}
