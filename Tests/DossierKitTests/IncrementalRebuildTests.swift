import Foundation
import Testing
@testable import DossierKit

/// The preview's incremental rebuilds render only the pages an edit of events touches, and the
/// site they give is the same, byte for byte, as building everything again.
@Suite struct IncrementalRebuildTests {
    final class Fixture {
        let root: URL
        let options: BuildOptions
        let server: PreviewServer

        /// - Parameter ownTheme: a copy of the default theme that the test may change.
        /// - Parameter prepare: changes to the content before the first build.
        init(ownTheme: Bool = false, prepare: (URL) throws -> Void = { _ in }) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent(
                "dossier-incremental-\(UUID().uuidString)")
            try SyntheticReport(events: 300, actors: 40, seed: 11).write(to: root)
            try prepare(root.appendingPathComponent("Content"))
            var options = BuildOptions(root: root)
            options.templates = TestSite.repository.appendingPathComponent("Templates")
            if ownTheme {
                try FileManager.default.copyItem(at: options.templates, to: root.appendingPathComponent("Templates"))
                options.templates = root.appendingPathComponent("Templates")
            }
            self.options = options
            server = PreviewServer(build: options, serve: ServeOptions(port: 0), say: { _ in })
            #expect(server.rebuild().succeeded)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        var eventsFile: URL { root.appendingPathComponent("Content/events/events-0000.yaml") }

        func edit(_ file: URL, _ change: (String) -> String) throws -> PreviewServer.Rebuild {
            let text = try String(contentsOf: file, encoding: .utf8)
            let changed = change(text)
            #expect(changed != text)
            try Data(changed.utf8).write(to: file)
            return server.rebuild(changed: [file.path])
        }

        /// The served site against a complete build of the same content.
        func expectSameAsFullBuild() throws {
            let full = SiteBuilder(options: options).check()
            var expected: [String: Data] = [:]
            for file in full.files { expected[file.path] = file.data }
            let served = server.snapshot.get().files.mapValues(\.data)
            #expect(served.keys.sorted() == expected.keys.sorted())
            for (path, data) in expected where served[path] != data {
                Issue.record("\(path) differs from a full build")
            }
        }
    }

    /// Rebuilds called from several threads at once (a watcher and a test, two watchers) run one
    /// at a time: the site they leave is a full build's, and each counted its own generation.
    @Test func rebuildsCalledAtOnceRunOneAtATime() throws {
        let fixture = try Fixture()
        let text = try String(contentsOf: fixture.eventsFile, encoding: .utf8)
        let edited = text.replacingOccurrences(
            of: "- id: event-000010\n", with: "- id: event-000010\n  display_date: At once\n")
        #expect(edited != text)
        try Data(edited.utf8).write(to: fixture.eventsFile)
        let results = Locked<[PreviewServer.Rebuild]>([])
        let server = fixture.server, changed = [fixture.eventsFile.path]
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let rebuild = server.rebuild(changed: changed)
            results.update { $0.append(rebuild) }
        }
        let all = results.get()
        #expect(all.count == 4 && all.allSatisfy(\.succeeded))
        // Each started from the state the one before left: four generations after the first
        // build's, none taken twice (two rebuilds at once would read the same generation).
        #expect(fixture.server.state.get().generation == 5 && fixture.server.state.get().failure == nil)
        try fixture.expectSameAsFullBuild()
    }

    @Test func aTitleEditRendersFewPagesAndMatchesAFullBuild() throws {
        let fixture = try Fixture()
        let rebuild = try fixture.edit(fixture.eventsFile) {
            $0.replacingOccurrences(
                of: "- id: event-000010\n", with: "- id: event-000010\n  display_date: Edited date\n")
        }
        #expect(rebuild.succeeded)
        #expect(rebuild.renderedPages > 5 && rebuild.renderedPages < 60, "rendered \(rebuild.renderedPages) pages")
        #expect(rebuild.changedPaths.contains("events/event-000010/index.html"))
        try fixture.expectSameAsFullBuild()
    }

    /// A topic's first page draws a map and a chart of all its events: after an edit of events
    /// it is made when first asked for (like the lists of every event), and then shows the edit.
    /// An edit of the topic itself renders it with the rebuild, where its links are checked.
    @Test func topicPagesArePutOffAfterAnEventEditAndShowItWhenAskedFor() throws {
        let fixture = try Fixture()
        guard let report = SiteBuilder(options: fixture.options).check().report,
            let (index, topics) = report.eventTopics.first(where: { !$0.value.isEmpty }),
            let topic = topics.first
        else { Issue.record("the synthetic report has an event in a topic"); return }
        let event = report.events[index]
        let topicPage = ListPaging.path("topics", subject: topic)
        let rebuild = try fixture.edit(fixture.root.appendingPathComponent(event.origin.file)) {
            $0.replacingOccurrences(of: "title: \"\(event.title)\"", with: "title: \"Retitled for the test\"")
        }
        #expect(rebuild.succeeded)
        #expect(rebuild.changedPaths.contains(topicPage))
        let served = try #require(fixture.server.snapshot.get().files[topicPage])
        #expect(served.isDeferred, "\(topicPage) is made when asked for")
        try fixture.expectSameAsFullBuild()

        let topicFile = fixture.root.appendingPathComponent("Content/topics/\(topic).md")
        let topicEdit = try fixture.edit(topicFile) {
            $0.replacingOccurrences(of: "summary: \"", with: "summary: \"Edited. ")
        }
        #expect(topicEdit.succeeded)
        #expect(
            fixture.server.snapshot.get().files[topicPage]?.isDeferred == false,
            "an edit of the topic renders its page with the rebuild")
        try fixture.expectSameAsFullBuild()
    }

    /// A list put off by an edit, once made (asked for by the browser or by the search index),
    /// records what it read: a later edit of an event it does not show leaves it as it was
    /// made, and an edit of one it shows puts it off again. (Before, every edit put off every
    /// list put off before, and the preview's search index made them all again.)
    @Test func aPutOffListOnceMadeWaitsOnlyForEditsOfWhatItRead() throws {
        let fixture = try Fixture()
        guard let report = SiteBuilder(options: fixture.options).check().report,
            let (index, topics) = report.eventTopics.first(where: { !$0.value.isEmpty }),
            let topic = topics.first,
            let other = report.events.indices.first(where: { !(report.eventTopics[$0] ?? []).contains(topic) })
        else { Issue.record("the synthetic report has an event in a topic and one outside it"); return }
        let topicPage = ListPaging.path("topics", subject: topic)
        func retitle(_ index: Int, _ title: String) throws -> PreviewServer.Rebuild {
            let event = report.events[index]
            return try fixture.edit(fixture.root.appendingPathComponent(event.origin.file)) {
                $0.replacingOccurrences(of: "title: \"\(event.title)\"", with: "title: \"\(title)\"")
            }
        }
        let first = try retitle(index, "Retitled for the test")
        #expect(first.succeeded && first.changedPaths.contains(topicPage))
        let putOff = try #require(fixture.server.snapshot.get().files[topicPage])
        #expect(putOff.isDeferred)
        #expect(String(decoding: putOff.data, as: UTF8.self).contains("Retitled for the test"))

        let elsewhere = try retitle(other, "Retitled outside the topic")
        #expect(elsewhere.succeeded)
        #expect(!elsewhere.changedPaths.contains(topicPage), "an edit of an event the list does not show")
        try fixture.expectSameAsFullBuild()

        let again = try fixture.edit(fixture.root.appendingPathComponent(report.events[index].origin.file)) {
            $0.replacingOccurrences(of: "title: \"Retitled for the test\"", with: "title: \"Retitled twice\"")
        }
        #expect(again.succeeded && again.changedPaths.contains(topicPage), "an edit of an event it shows")
        try fixture.expectSameAsFullBuild()
    }

    /// A source that changes its publisher moves in the sources index, and every row between its
    /// old place and its new one moves by one: index pages that show none of its events change
    /// too (they read the index, `.sources`, not the event).
    @Test func aSourceMovedInTheIndexRendersThePagesItShifts() throws {
        let fixture = try Fixture()
        guard let report = SiteBuilder(options: fixture.options).check().report,
            let last = report.sources.last, let index = last.eventIndexes.first
        else { Issue.record("the synthetic report cites sources"); return }
        #expect(
            ListPaging.pageCount(report.sources.count, report.config.eventsPerPage) > 2,
            "the index has pages that do not show the edited event")
        let event = report.events[index]
        let rebuild = try fixture.edit(fixture.root.appendingPathComponent(event.origin.file)) { text in
            guard let block = IncrementalPropertyTests.block(of: event.id, in: text),
                let publisher = text.range(of: "publisher: \(last.source.publisher),", range: block)
            else { return text }
            return text.replacingCharacters(in: publisher, with: "publisher: Aardvark Agency,")
        }
        #expect(rebuild.succeeded)
        #expect(rebuild.changedPaths.contains("sources/page/2/index.html"))
        try fixture.expectSameAsFullBuild()
    }

    /// A page put off by one rebuild and again by a later one is the later one's: the earlier
    /// copy, made late (a search index still running, a browser on an older page), records
    /// nothing, since what it read may no longer be what the site's copy reads.
    @Test func aPutOffPageMadeAfterALaterRebuildRecordsNothing() {
        let book = PageReadBook()
        let page = "topics/a/index.html"
        let earlier = book.nextPutOff()
        book.putOff(page, as: earlier)
        let later = book.nextPutOff()
        book.putOff(page, as: later)
        book.recordMade([.event("e1")], for: page, putOff: earlier)
        #expect(book.unread == [page], "the earlier copy made late")
        #expect(book.pages(reading: [.event("e1")]).isEmpty)
        book.recordMade([.event("e2")], for: page, putOff: later)
        #expect(book.unread.isEmpty)
        #expect(book.pages(reading: [.event("e2")]) == [page])
        book.markUnread(page)
        book.recordMade([.event("e2")], for: page, putOff: later)
        #expect(book.unread == [page], "a page marked unread waits for a rebuild that renders it")
    }

    /// The preview renders each card once and keeps it across rebuilds; an edit drops the cards
    /// of the edited event only (this is most of what makes a rebuild fast).
    @Test func cardsAreKeptAcrossRebuildsExceptTheEditedEvents() throws {
        let fixture = try Fixture()
        let before = fixture.server.cards.eventIDs
        #expect(before.count > 250, "the first build fills the preview's card cache")
        let rebuild = try fixture.edit(fixture.eventsFile) {
            $0.replacingOccurrences(
                of: "- id: event-000010\n", with: "- id: event-000010\n  display_date: Edited date\n")
        }
        #expect(rebuild.succeeded)
        let after = fixture.server.cards.eventIDs
        #expect(before.subtracting(after).isSubset(of: ["event-000010"]))
        #expect(after.count > 250)
    }

    @Test func movingAnEventInTimeMatchesAFullBuild() throws {
        let fixture = try Fixture()
        // Event 5 moves from 2014 to mid-2023: neighbours change at both places.
        let rebuild = try fixture.edit(fixture.eventsFile) { text in
            guard let block = text.range(of: "- id: event-000005\n"),
                let date = text.range(of: "  date: ", range: block.upperBound..<text.endIndex),
                let end = text.range(of: "\n", range: date.upperBound..<text.endIndex)
            else { return text }
            return text.replacingCharacters(in: date.upperBound..<end.lowerBound, with: "2023-06-15")
        }
        #expect(rebuild.succeeded)
        #expect(rebuild.renderedPages < 120, "rendered \(rebuild.renderedPages) pages")
        try fixture.expectSameAsFullBuild()
    }

    @Test func changingAnEventsActorsMatchesAFullBuild() throws {
        let fixture = try Fixture()
        // Event 40 gains a busy actor and its other actors become passing mentions: related
        // events change on the pages near it in both actors' lists (and only there).
        let rebuild = try fixture.edit(fixture.eventsFile) { text in
            guard let block = text.range(of: "- id: event-000040\n"), let end = text.range(of: "- id: event-000041\n")
            else { return text }
            var event = String(text[block.lowerBound..<end.lowerBound])
            for role in ["perpetrator", "target", "participant"] {
                event = event.replacingOccurrences(of: "role: \(role) }", with: "role: mentioned }")
            }
            event = event.replacingOccurrences(
                of: "  actors:\n", with: "  actors:\n    - { id: actor-00000, role: perpetrator }\n")
            return text.replacingCharacters(in: block.lowerBound..<end.lowerBound, with: event)
        }
        #expect(rebuild.succeeded)
        #expect(rebuild.renderedPages < 80, "rendered \(rebuild.renderedPages) pages")
        try fixture.expectSameAsFullBuild()
    }

    @Test func aSourcesAuthorEditMatchesAFullBuild() throws {
        let fixture = try Fixture()
        // The same document (publisher, title, address) with an author now: the sources index,
        // which lists each document once, must show it.
        let rebuild = try fixture.edit(fixture.eventsFile) { text in
            guard let block = text.range(of: "- id: event-000012\n"),
                let source = text.range(of: "    - { publisher: ", range: block.upperBound..<text.endIndex)
            else { return text }
            return text.replacingCharacters(in: source, with: "    - { author: Jane Doe, publisher: ")
        }
        #expect(rebuild.succeeded)
        // (On whichever of the index's numbered pages the source falls.)
        let index = fixture.server.snapshot.get().files.filter {
            $0.key == "sources/index.html" || $0.key.hasPrefix("sources/page/")
        }
        #expect(
            !index.isEmpty && index.values.contains { String(decoding: $0.data, as: UTF8.self).contains("Jane Doe") })
        try fixture.expectSameAsFullBuild()
    }

    @Test func aBrokenCrossReferenceInAnEditedTextIsStillReported() throws {
        let fixture = try Fixture()
        // A text edit keeps the report's indexes, so the unchanged events are not checked again;
        // the edited one is.
        let rebuild = try fixture.edit(fixture.eventsFile) { text in
            guard let block = text.range(of: "- id: event-000030\n"),
                let summary = text.range(of: "  summary: \"", range: block.upperBound..<text.endIndex)
            else { return text }
            return text.replacingCharacters(in: summary, with: "  summary: \"See [the ghost](actor:nobody-here). ")
        }
        #expect(!rebuild.succeeded)
        #expect(rebuild.diagnostics.contains { $0.severity == .error && $0.message == "unknown actor `nobody-here`" })
    }

    @Test func actorsNothingMentionsAreWarnedAboutAsInAFullBuild() throws {
        // `quoted` is named only by a cross-reference in an event the edit leaves alone (which
        // an incremental rebuild does not check again); `forgotten` by nothing at all.
        let fixture = try Fixture { content in
            for id in ["quoted", "forgotten"] {
                try Data("---\nname: \(id.capitalized)\nkind: person\n---\nA profile.\n".utf8).write(
                    to: content.appendingPathComponent("actors/\(id).md"))
            }
            let other = content.appendingPathComponent("events/events-0001.yaml")
            let text = try String(contentsOf: other, encoding: .utf8)
            guard let block = text.range(of: "- id: event-000299\n"),
                let summary = text.range(of: "  summary: \"", range: block.upperBound..<text.endIndex)
            else {
                Issue.record("the synthetic report changed shape")
                return
            }
            try Data(text.replacingCharacters(in: summary, with: "  summary: \"With [Quoted](actor:quoted). ").utf8)
                .write(to: other)
        }
        let rebuild = try fixture.edit(fixture.eventsFile) {
            $0.replacingOccurrences(
                of: "- id: event-000010\n", with: "- id: event-000010\n  display_date: Edited date\n")
        }
        #expect(rebuild.succeeded)
        #expect(rebuild.renderedPages < 100, "rendered \(rebuild.renderedPages) pages: not an incremental rebuild")
        let unmentioned = { (diagnostics: [Diagnostic]) in
            diagnostics.filter { $0.message.contains("is not mentioned") }.map(\.message)
        }
        #expect(unmentioned(rebuild.diagnostics) == ["actor `forgotten` is not mentioned by any event or page"])
        #expect(
            unmentioned(rebuild.diagnostics) == unmentioned(SiteBuilder(options: fixture.options).check().diagnostics))
    }

    @Test func anEventEditAfterAFailedTemplateEditDoesNotUseTheOldTheme() throws {
        let fixture = try Fixture(ownTheme: true)
        let template = fixture.options.templates.appendingPathComponent("event.mustache")
        let original = try String(contentsOf: template, encoding: .utf8)
        #expect(!(try fixture.edit(template) { $0.replacingOccurrences(of: "{{/content}}", with: "") }).succeeded)
        // Only an event file changes now, but the theme is still broken: the build must say so.
        #expect(
            !(try fixture.edit(fixture.eventsFile) {
                $0.replacingOccurrences(of: "  title: \"", with: "  title: \"Edited ")
            }).succeeded)
        let fixed = try fixture.edit(template) { _ in
            original.replacingOccurrences(of: "<article", with: "<!-- theme 2 -->\n<article")
        }
        #expect(fixed.succeeded)
        try fixture.expectSameAsFullBuild()
        #expect(
            String(
                decoding: try #require(fixture.server.snapshot.get().files["events/event-000001/index.html"]).data,
                as: UTF8.self
            ).contains("theme 2"))
    }

    @Test func removingAnEventMatchesAFullBuild() throws {
        let fixture = try Fixture()
        // The last event: no other event refers to it (cross-references point to earlier events).
        let lastFile = fixture.root.appendingPathComponent("Content/events/events-0001.yaml")
        let rebuild = try fixture.edit(lastFile) { text in
            guard let start = text.range(of: "- id: event-000299\n") else { return text }
            return String(text[..<start.lowerBound])
        }
        #expect(rebuild.succeeded)
        #expect(fixture.server.snapshot.get().files["events/event-000299/index.html"] == nil)
        try fixture.expectSameAsFullBuild()
    }

    /// An actor's file is content like events: the pages that show the actor are rendered again.
    @Test func anActorEditRendersThePagesThatShowTheActor() throws {
        let fixture = try Fixture()
        let actor = fixture.root.appendingPathComponent("Content/actors/actor-00003.md")
        let rebuild = try fixture.edit(actor) {
            $0.replacingOccurrences(of: "name: \"Actor 3", with: "name: \"Actor Three")
        }
        #expect(rebuild.succeeded)
        #expect(rebuild.renderedPages > 3 && rebuild.renderedPages < 300, "rendered \(rebuild.renderedPages) pages")
        #expect(rebuild.changedPaths.contains("actors/actor-00003/index.html"))
        let report = try #require(fixture.server.state.get().lastGood?.report)
        for involvement in (report.involvements["actor-00003"] ?? []).filter({ $0.role != .mentioned }).prefix(5) {
            #expect(rebuild.changedPaths.contains("events/\(report.events[involvement.event].id)/index.html"))
        }
        try fixture.expectSameAsFullBuild()
    }

    /// A theme file can change anything on any page: everything is rendered again.
    @Test func aThemeEditRendersEverything() throws {
        let fixture = try Fixture(ownTheme: true)
        let card = fixture.root.appendingPathComponent("Templates/partials/event-card.mustache")
        let rebuild = try fixture.edit(card) { $0 + "<!-- edited -->\n" }
        // Every page: as many as a full build makes.
        #expect(rebuild.renderedPages == SiteBuilder(options: fixture.options).check().pageCount)
        #expect(rebuild.renderedPages > 300 + 40 + 7 + SyntheticReport(events: 300, actors: 40).topicCount)
        try fixture.expectSameAsFullBuild()
    }
}
