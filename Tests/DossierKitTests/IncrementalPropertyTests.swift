import Foundation
import Testing
@testable import DossierKit

/// Random edits of a synthetic report, one after another, each followed by the preview's
/// rebuild: after every one the site served is the same, byte for byte, as a clean build.
///
/// CI runs a bounded number of edits; set `DOSSIER_INCREMENTAL_EDITS` (e.g. 500) to run more
/// locally, and `DOSSIER_INCREMENTAL_SEED` to replay a sequence.
@Suite struct IncrementalPropertyTests {
    /// One kind of edit a writer makes, as a change to one file.
    enum Edit: CaseIterable {
        case title, dateAcrossYears, addActor, tags, actorRename, topicEvents, typeColour, template, type, country
        case sourceTitle
    }

    static let eventCount = 80, actorCount = 12

    /// Makes the edit on the report at `root`; returns the file it changed.
    static func apply(_ edit: Edit, root: URL, random: inout SplitMix64, step: Int) throws -> URL {
        let content = root.appendingPathComponent("Content")
        let eventsFile = content.appendingPathComponent("events/events-0000.yaml")
        let event = String(format: "event-%06d", random.next(below: eventCount))
        let actor = String(format: "actor-%05d", random.next(below: actorCount))
        switch edit {
        case .title:
            try rewrite(eventsFile) { replaceField("title", of: event, in: $0, with: "\"Edited title \(step)\"") }
            return eventsFile
        case .dateAcrossYears:
            let date = String(
                format: "%04d-%02d-%02d", 2014 + random.next(below: 11), 1 + random.next(below: 12),
                1 + random.next(below: 28))
            try rewrite(eventsFile) { text in
                // Ranges (`start:`/`end:`) become single dates, so no end comes before its start.
                var text = removeField("end", of: event, in: text)
                text = text.replacingOccurrences(
                    of: blockStart(event) + "  start: ", with: blockStart(event) + "  date: ")
                return replaceField("date", of: event, in: text, with: date)
            }
            return eventsFile
        case .addActor:
            try rewrite(eventsFile) { text in
                guard let block = Self.block(of: event, in: text),
                    let actors = text.range(of: "  actors:\n", range: block)
                else { return missing("\(event)'s actors", in: text) }
                let role = ["perpetrator", "target", "participant", "mentioned"][random.next(below: 4)]
                return text.replacingCharacters(in: actors, with: "  actors:\n    - { id: \(actor), role: \(role) }\n")
            }
            return eventsFile
        case .tags:
            let tags = ["attacks", "strikes", "talks", "convoys", "arrests"].filter { _ in random.next(below: 2) == 0 }
            try rewrite(eventsFile) {
                replaceField("tags", of: event, in: $0, with: "[\(tags.joined(separator: ", "))]")
            }
            return eventsFile
        case .actorRename:
            let file = content.appendingPathComponent("actors/\(actor).md")
            try rewrite(file) { text in
                guard let name = text.range(of: "name: \""),
                    let end = text.range(of: "\"\n", range: name.upperBound..<text.endIndex)
                else { return missing("the name of \(actor)", in: text) }
                return text.replacingCharacters(in: name.upperBound..<end.lowerBound, with: "Renamed \(step)")
            }
            return file
        case .topicEvents:
            let file = content.appendingPathComponent(String(format: "topics/topic-%03d.md", random.next(below: 3)))
            try rewrite(file) { text in
                if let line = text.range(of: "events: [") {
                    return text.replacingCharacters(in: line, with: "events: [\(event), ")
                }
                guard let tags = text.range(of: "tags: [") else { return missing("a topic's tags", in: text) }
                return text.replacingCharacters(in: tags, with: "events: [\(event)]\ntags: [")
            }
            return file
        case .typeColour:
            let file = content.appendingPathComponent("site.yaml")
            let colour = String(format: "#%06x", random.next(below: 0xFFFFFF))
            try rewrite(file) { text in
                guard let type = text.range(of: "{ id: strike, label: Strike, colour: \""),
                    let end = text.range(of: "\"", range: type.upperBound..<text.endIndex)
                else { return missing("the strike type's colour", in: text) }
                return text.replacingCharacters(in: type.upperBound..<end.lowerBound, with: colour)
            }
            return file
        case .type:
            // Type and country decide pages of their own (`IncrementalBuild.samePages`).
            let type = ["attack", "strike", "statement", "visit"][random.next(below: 4)]
            try rewrite(eventsFile) { replaceField("type", of: event, in: $0, with: type) }
            return eventsFile
        case .country:
            let country = ["Iraq", "Syria", "Iran", "Yemen", "Jordan"][random.next(below: 5)]
            try rewrite(eventsFile) { text in
                // In the event's own block, not the next event's.
                guard let block = Self.block(of: event, in: text),
                    let field = text.range(of: "country: ", range: block),
                    let end = text.range(of: ",", range: field.upperBound..<block.upperBound)
                else { return missing("\(event)'s country", in: text) }
                return text.replacingCharacters(in: field.upperBound..<end.lowerBound, with: country)
            }
            return eventsFile
        case .sourceTitle:
            // A source's title names its row in the sources index and decides its place there.
            let title = ["Aardvark notes", "Middle report", "Zulu dispatch"][random.next(below: 3)]
            try rewrite(eventsFile) { text in
                guard let block = Self.block(of: event, in: text),
                    let sources = text.range(of: "  sources:\n", range: block),
                    let field = text.range(of: "title: \"", range: sources.upperBound..<block.upperBound),
                    let end = text.range(of: "\"", range: field.upperBound..<block.upperBound)
                else { return missing("\(event)'s first source", in: text) }
                return text.replacingCharacters(in: field.upperBound..<end.lowerBound, with: "\(title) \(step)")
            }
            return eventsFile
        case .template:
            let file = root.appendingPathComponent("Templates/partials/event-card.mustache")
            try rewrite(file) { $0 + "<!-- edit \(step) -->\n" }
            return file
        }
    }

    static func blockStart(_ event: String) -> String { "- id: \(event)\n" }

    /// The event's block: from its `- id:` line to the next event's.
    static func block(of event: String, in text: String) -> Range<String.Index>? {
        guard let start = text.range(of: blockStart(event)) else { return nil }
        let end =
            text.range(of: "\n- id: ", range: start.upperBound..<text.endIndex).map { text.index(after: $0.lowerBound) }
            ?? text.endIndex
        return start.lowerBound..<end
    }

    static func replaceField(_ field: String, of event: String, in text: String, with value: String) -> String {
        guard let block = block(of: event, in: text) else { return missing(event, in: text) }
        var body = String(text[block])
        if let line = body.range(of: "\n  \(field): "),
            let end = body.range(of: "\n", range: line.upperBound..<body.endIndex)
        {
            body.replaceSubrange(line.upperBound..<end.lowerBound, with: value)
        } else {
            body.insert(contentsOf: "  \(field): \(value)\n", at: body.endIndex)
        }
        return text.replacingCharacters(in: block, with: body)
    }

    static func removeField(_ field: String, of event: String, in text: String) -> String {
        guard let block = block(of: event, in: text) else { return missing(event, in: text) }
        var body = String(text[block])
        if let line = body.range(of: "\n  \(field): "),
            let end = body.range(of: "\n", range: line.upperBound..<body.endIndex)
        {
            body.removeSubrange(body.index(after: line.lowerBound)..<end.upperBound)
        }
        return text.replacingCharacters(in: block, with: body)
    }

    /// An edit whose pattern is not in the file would test nothing: it fails the test (a change
    /// of the synthetic report's shape must be followed here), and leaves the file as it is.
    static func missing(_ what: String, in text: String) -> String {
        Issue.record("the edit found no \(what) to change: it would test nothing")
        return text
    }

    static func rewrite(_ file: URL, _ change: (String) -> String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(change(text).utf8).write(to: file)
    }

    /// A synthetic report with its own copy of the theme, served by a preview that forgets
    /// the reads `forgetting` names (none, normally).
    static func makeServer(
        at root: URL, forgetting: (@Sendable (PageInput) -> Bool)? = nil
    ) throws -> (PreviewServer, BuildOptions) {
        try SyntheticReport(events: eventCount, actors: actorCount, seed: 5).write(to: root)
        try FileManager.default.copyItem(
            at: TestSite.repository.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        let options = BuildOptions(root: root)
        let server = PreviewServer(build: options, serve: ServeOptions(port: 0), forgetting: forgetting, say: { _ in })
        #expect(server.rebuild().succeeded)
        return (server, options)
    }

    /// Paths whose served bytes differ from a clean build of the same files.
    static func differences(_ server: PreviewServer, _ options: BuildOptions) -> [String] {
        let clean = SiteBuilder(options: options).check()
        var expected: [String: Data] = [:]
        for file in clean.files { expected[file.path] = file.data }
        let served = server.snapshot.get().files.mapValues(\.data)
        var differing = Set(served.keys).symmetricDifference(expected.keys)
        for (path, data) in expected where served[path] != nil && served[path] != data { differing.insert(path) }
        return differing.sorted()
    }

    static var editCount: Int {
        ProcessInfo.processInfo.environment["DOSSIER_INCREMENTAL_EDITS"].flatMap(Int.init) ?? 24
    }
    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["DOSSIER_INCREMENTAL_SEED"].flatMap(UInt64.init) ?? 2024
    }

    @Test func everyIncrementalRebuildMatchesACleanBuild() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dossier-property-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let (server, options) = try Self.makeServer(at: root)
        var random = SplitMix64(seed: Self.seed)
        var incremental = 0
        for step in 0..<Self.editCount {
            // Every kind of edit in turn at first, then at random.
            let edit =
                step < Edit.allCases.count
                ? Edit.allCases[step] : Edit.allCases[random.next(below: Edit.allCases.count)]
            let file = try Self.apply(edit, root: root, random: &random, step: step)
            let rebuild = server.rebuild(changed: [file.path])
            #expect(rebuild.succeeded, "step \(step) (\(edit)): \(rebuild.diagnostics.map(\.description))")
            if rebuild.renderedPages < options.kinds.count + Self.eventCount { incremental += 1 }
            let differing = Self.differences(server, options)
            #expect(
                differing.isEmpty,
                "step \(step) (\(edit), seed \(Self.seed)): \(differing.prefix(5)) differ from a clean build")
            if !differing.isEmpty { break }
        }
        // The test means something only if most rebuilds were incremental.
        #expect(
            incremental >= Self.editCount / 3,
            "only \(incremental) of \(Self.editCount) rebuilds rendered less than everything")
    }

    /// The property test has teeth: with one kind of read forgotten, it finds a stale page.
    @Test(arguments: ["neighbours", "actorNeighbourhood", "topicNeighbourhood"])
    func forgettingAReadIsNoticed(_ forgotten: String) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dossier-forgetting-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let (server, options) = try Self.makeServer(at: root) { input in
            switch input {
            case .neighbours: return forgotten == "neighbours"
            case .actorNeighbourhood: return forgotten == "actorNeighbourhood"
            case .topicNeighbourhood: return forgotten == "topicNeighbourhood"
            default: return false
            }
        }
        var random = SplitMix64(seed: Self.seed)
        var noticed = false
        for step in 0..<40 where !noticed {
            let edit: Edit = [.dateAcrossYears, .addActor, .tags, .title][step % 4]
            let file = try Self.apply(edit, root: root, random: &random, step: step)
            #expect(server.rebuild(changed: [file.path]).succeeded)
            noticed = !Self.differences(server, options).isEmpty
        }
        #expect(noticed, "forgetting \(forgotten) reads went unnoticed")
    }
}
