import Foundation
import PropertyBased
import Testing
@testable import DossierKit

/// The loaders never trap, whatever bytes they are given: random bytes, and real content
/// mutated the way hand edits go wrong. Each input either loads or produces diagnostics.
///
/// The iteration count is bounded for CI; `DOSSIER_FUZZ_ITERATIONS=20000 swift test --filter Fuzz`
/// runs a longer campaign.
@Suite struct LoaderFuzzTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["DOSSIER_FUZZ_ITERATIONS"] ?? "") ?? 3000

    /// Real content of every kind, from the sample report and the broken corpus.
    static let seeds: [(name: String, text: String)] = {
        var seeds: [(String, String)] = []
        let roots = [
            TestSite.repository.appendingPathComponent("Content"),
            TestSite.repository.appendingPathComponent("Tests/Fixtures"),
        ]
        for root in roots {
            for url in ContentFile.list(root, extensions: ["yaml", "json", "csv", "md"]) {
                if let text = try? String(contentsOf: url, encoding: .utf8) {
                    seeds.append((url.lastPathComponent, text))
                }
            }
        }
        return seeds
    }()

    /// Tokens that matter to the formats, inserted by mutations.
    static let tokens = [
        ":", ": ", "- ", "-", "---\n", "\n", "\t", "  ", "\"", "'", "{", "}", "[", "]", ",", "#", "&a", "*a", "<<: *a",
        "!!binary ", "|\n", ">-\n",
        "[x](actor:", "](event:", "(topic:x)", "`", "<script>", "\u{0}", "\u{202E}", "\u{FEFF}", "é", "ك", "\r\n",
        "2024-02-30", "-1", "99999999999999999999",
    ]

    /// Applies mutations described by random numbers: delete, duplicate, insert a token, flip a byte.
    static func mutate(_ text: String, _ instructions: [UInt32]) -> String {
        var bytes = Array(text.utf8)
        for instruction in instructions {
            let position = bytes.isEmpty ? 0 : Int(instruction >> 8) % (bytes.count + 1)
            let length = Int((instruction >> 4) & 0xF) + 1
            switch instruction & 0x3 {
            case 0:
                bytes.removeSubrange(position..<min(bytes.count, position + length))
            case 1:
                let slice = Array(bytes[position..<min(bytes.count, position + length * 4)])
                bytes.insert(contentsOf: slice, at: position)
            case 2:
                bytes.insert(contentsOf: Array(tokens[Int(instruction >> 3) % tokens.count].utf8), at: position)
            default:
                if position < bytes.count { bytes[position] = UInt8(truncatingIfNeeded: instruction >> 16) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Runs every loader on the text, as each kind of file it could be.
    static func exercise(_ text: String) {
        let log = DiagnosticLog()
        let events = EventDecoder(log: log)
        if let node = YAMLReader.parse(text, file: "fuzz.yaml", log: log) {
            switch node {
            case .list(let items, _): _ = items.compactMap { events.decode($0, flat: false) }
            default: _ = events.decode(node, flat: false)
            }
            _ = SiteConfigDecoder(log: log).decode(node)
        }
        if case .list(let rows, _)? = CSVTableReader.parse(text, file: "fuzz.csv", log: log) {
            _ = rows.compactMap { events.decode($0, flat: true) }
        }
        if let document = FrontMatterDocument.split(text),
            let node = YAMLReader.parse(document.yaml, file: "fuzz.md", lineOffset: 1, log: log)
        {
            let file = ContentFile.MarkdownDocument(
                stem: "fuzz", frontMatter: node,
                body: MarkdownText(document.body, at: SourceLocation(file: "fuzz.md", line: document.bodyFirstLine)))
            let decoders = MarkdownFileDecoders(log: log)
            _ = decoders.actor(file)
            _ = decoders.topic(file)
            _ = decoders.page(file)
        }
        let markdown = CommonMark()
        _ = markdown.links(in: MarkdownText(text, at: SourceLocation(file: "fuzz.md", line: 1)))
        _ = markdown.html(text) { CrossReference(url: $0).map { SitePaths.path(for: $0) } }
        _ = markdown.plainText(text)
        _ = PartialDate.parse(text)
        let scan = HTMLScan(text)
        for link in scan.links { _ = LinkChecker.resolve(link.value, from: "events/a/index.html") }
        _ = TemplateSet.partialReferences(in: text, file: "fuzz.mustache")
        // What loads without errors must be valid: ids safe for URLs, dates real.
        if !log.hasErrors, case .list(let items, _)? = YAMLReader.parse(text, file: "again.yaml", log: DiagnosticLog())
        {
            let check = DiagnosticLog()
            for event in items.compactMap({ EventDecoder(log: check).decode($0, flat: false) }) where !check.hasErrors {
                #expect(Identifier.problem(with: event.id) == nil, "accepted the unsafe id \(event.id)")
            }
        }
    }

    @Test func randomBytesNeverTrapTheLoaders() async {
        await propertyCheck(count: Self.iterations, input: Gen<UInt8>.value(in: 0...255).array(of: 0...400)) { bytes in
            Self.exercise(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func mutatedContentNeverTrapsTheLoaders() async {
        let seeds = Self.seeds
        #expect(seeds.count > 30)
        await propertyCheck(
            count: Self.iterations * 2,
            input: Gen<Int>.int(in: 0...(seeds.count - 1)), Gen<UInt32>.value(in: 0...UInt32.max).array(of: 1...12)
        ) { seed, instructions in
            Self.exercise(Self.mutate(seeds[seed].text, instructions))
        }
    }

    /// The whole pipeline, files on disk included, on a report with one file mutated: the
    /// build either succeeds or fails with diagnostics, and never leaves a half-written site.
    @Test func mutatedReportsNeverTrapTheBuild() async throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        let files = [
            "events/events.yaml", "actors/militia.md", "topics/the-conflict.md", "pages/about.md", "site.yaml",
        ]
        let originals = try files.map {
            try String(contentsOf: site.content.appendingPathComponent($0), encoding: .utf8)
        }
        await propertyCheck(
            count: max(20, Self.iterations / 8),
            input: Gen<Int>.int(in: 0...(files.count - 1)), Gen<UInt32>.value(in: 0...UInt32.max).array(of: 1...6)
        ) { index, instructions in
            let url = site.content.appendingPathComponent(files[index])
            try? Data(Self.mutate(originals[index], instructions).utf8).write(to: url)
            defer { try? Data(originals[index].utf8).write(to: url) }
            do {
                try site.build()
                #expect(site.exists("index.html"))
            } catch let failure as BuildFailure {
                #expect(failure.diagnostics.contains { $0.severity == .error })
            } catch {
                Issue.record("unexpected error \(error)")
            }
            #expect(SiteWriter(output: site.output).leftovers().isEmpty)
        }
    }
}
