import Foundation
import Testing
@testable import DossierKit

/// The preview parses a saved events file again only where its items changed; what it loads must
/// be exactly what a build loads from the same files, events and messages alike.
@Suite struct EventItemCacheTests {
    let root: URL
    let file: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-items-\(UUID().uuidString)")
        try SyntheticReport(events: 300, actors: 20, seed: 5).write(to: root)
        file = root.appendingPathComponent("Content/events/events-0000.yaml")
    }

    /// Events and diagnostics as text, to compare two loads.
    static func describe(_ loader: ContentLoader) -> (events: [String], diagnostics: [String]) {
        let log = DiagnosticLog()
        let events = loader.load(log: log)?.events ?? []
        return (events.map(Self.describe), log.diagnostics.map(\.description))
    }

    /// Every field of the event and where each part of it was written.
    static func describe(_ event: Event) -> String {
        let markdown = [event.summary, event.body].map { $0.map { "\($0.text) at \($0.location)" } ?? "none" }
        let references = event.referenceLocations.sorted { $0.key < $1.key }.map { "\($0.key) at \($0.value)" }
        return [
            event.id, "\(event.date)", event.title, event.type, String(describing: event.location), "\(event.actors)",
            "\(event.casualties)", markdown[0], markdown[1], "\(event.sources)", event.confidence, "\(event.tags)",
            String(describing: event.highlight), "\(event.origin)", "\(references)",
        ].joined(separator: " | ")
    }

    /// Loads with the cache and without; they must agree.
    func expectSameAsBuild(_ cache: ContentCache, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let folder = root.appendingPathComponent("Content")
        let cached = Self.describe(ContentLoader(folder: folder, displayName: "Content", cache: cache))
        let built = Self.describe(ContentLoader(folder: folder, displayName: "Content"))
        #expect(cached.events.count == built.events.count, sourceLocation: sourceLocation)
        let differing = zip(cached.events, built.events).first { $0 != $1 }
        #expect(
            differing == nil, "first event that differs: \(differing.map { "\($0.0)\nbuilt: \($0.1)" } ?? "")",
            sourceLocation: sourceLocation)
        #expect(cached.diagnostics == built.diagnostics, sourceLocation: sourceLocation)
    }

    func edit(_ old: String, _ new: String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func anEditedEventIsTheOnlyItemParsedAgain() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = ContentCache()
        expectSameAsBuild(cache)
        let first = cache.eventItems.itemsParsed
        #expect(first == 300)  // the two files' items, parsed one by one on the first load
        try edit("- id: event-000120\n", "- id: event-000120\n  highlight: Edited by hand\n")
        expectSameAsBuild(cache)
        // The edited item and every item below it (its events' lines moved).
        #expect(cache.eventItems.itemsParsed - first == 250 - 120)
        let second = cache.eventItems.itemsParsed
        try edit("highlight: Edited by hand", "highlight: Edited again")
        expectSameAsBuild(cache)
        #expect(cache.eventItems.itemsParsed - second == 1)
    }

    @Test func warningsAndErrorsAreThoseOfABuild() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = ContentCache()
        expectSameAsBuild(cache)
        // A warning decoded from one item, kept in its place among the file's messages.
        try edit("- id: event-000200\n", "- id: event-000200\n  colour: red\n")
        expectSameAsBuild(cache)
        // A syntax error: the file is parsed whole, as a build parses it.
        try edit("- id: event-000210\n", "- id: event-000210\n  note: Talks: day one\n")
        expectSameAsBuild(cache)
        try edit("  note: Talks: day one\n", "")
        expectSameAsBuild(cache)
    }

    @Test func anAliasToAnotherItemIsReadAsABuildReadsIt() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = ContentCache()
        expectSameAsBuild(cache)
        try edit("- id: event-000010\n", "- id: event-000010\n  tags: &shared [shared-tag]\n")
        try edit("- id: event-000240\n", "- id: event-000240\n  tags: *shared\n")
        expectSameAsBuild(cache)
        try edit("&shared [shared-tag]", "&shared [changed-tag]")
        expectSameAsBuild(cache)
    }
}
