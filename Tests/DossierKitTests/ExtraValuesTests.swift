import Foundation
import Testing

@testable import DossierKit

/// `extra:` on events, actors and topics: the author's own values, which a theme's templates
/// show (`{{extra.key}}`) and `check` compares with what the content gives.
@Suite struct ExtraValuesTests {
    /// The sample with `extra:` on an event, an actor and a topic, and a theme that shows them.
    static func site(templateName: String = "verified") throws -> TestSite {
        let site = try TestSite.sampleWithOwnTheme()
        try site.write(
            "events/events.yaml",
            SampleContent.events.replacingOccurrences(
                of: "- id: first-attack\n",
                with: """
                    - id: first-attack
                      extra:
                        verified: "<b>desk</b>"
                        links: [{ label: Footage, url: "https://archive.example/f" }]

                    """))
        try site.write(
            "actors/militia.md",
            SampleContent.militia.replacingOccurrences(
                of: "kind: armed-group\n", with: "kind: armed-group\nextra: { colour: green }\n"))
        try site.write(
            "topics/the-conflict.md",
            SampleContent.topic.replacingOccurrences(
                of: "summary: How it went.\n", with: "summary: How it went.\nextra:\n  status: ongoing\n"))
        try edit(site, "event.mustache", after: #"{{card.title}}</h1>"#) {
            #"<p id="verified">{{extra.\#(templateName)}}</p>{{#extra.links}}<a id="extra-link" href="{{url}}">{{label}}</a>{{/extra.links}}"#
        }
        try edit(site, "actor.mustache", after: #"{{name}}</h1>"#) {
            #"<p id="colour">{{extra.colour}}</p>"#
        }
        try edit(site, "topic.mustache", after: "{{title}}</h1>") { #"<p id="status">{{extra.status}}</p>"# }
        return site
    }

    static func edit(_ site: TestSite, _ template: String, after anchor: String, _ insert: () -> String) throws {
        let url = site.templates.appendingPathComponent(template)
        let text = try String(contentsOf: url, encoding: .utf8)
        let changed = text.replacingOccurrences(of: anchor, with: anchor + insert())
        try #require(changed != text, "\(template) has \(anchor)")
        try Data(changed.utf8).write(to: url)
    }

    @Test func templatesShowTheAuthorsValuesEscapedAndTheJSONCarriesAnEventsOwn() throws {
        let site = try Self.site()
        let summary = try site.build()
        #expect(!summary.warnings.contains { $0.message.contains("extra") }, "\(summary.warnings)")
        let event = try site.html("events/first-attack/index.html")
        #expect(event.contains(#"<p id="verified">&lt;b&gt;desk&lt;/b&gt;</p>"#))
        #expect(event.contains(#"<a id="extra-link" href="https://archive.example/f">Footage</a>"#))
        // An event without `extra:` shows nothing there.
        let reply = try site.html("events/the-reply/index.html")
        #expect(reply.contains(#"<p id="verified"></p>"#) && !reply.contains("extra-link"))
        #expect(try site.html("actors/militia/index.html").contains(#"<p id="colour">green</p>"#))
        #expect(try site.html("topics/the-conflict/index.html").contains(#"<p id="status">ongoing</p>"#))

        let json = try String(contentsOf: site.output.appendingPathComponent("data/events.json"), encoding: .utf8)
        #expect(
            json.contains(
                #""extra":{"links":[{"label":"Footage","url":"https:\/\/archive.example\/f"}],"verified":"<b>desk<\/b>"}"#
            )
                || json.contains(
                    #""extra":{"links":[{"label":"Footage","url":"https://archive.example/f"}],"verified":"<b>desk</b>"}"#
                ),
            "\(json.prefix(2000))")
        let log = DiagnosticLog()
        let events = ContentLoader.decodeEvents(json, file: "events.json", isCSV: false, log: log)
        #expect(
            events.first { $0.id == "first-attack" }?.extra["verified"] == .text("<b>desk</b>"), "\(log.diagnostics)")
    }

    /// A name the theme reads under `extra` that no content gives is a warning at the tag, with
    /// the key it is nearest to; `extra:` that is not a mapping is an error at its value.
    @Test func aNameNoContentGivesIsAWarningAtTheTemplatesTag() throws {
        let site = try Self.site(templateName: "verifed")
        try site.write(
            "actors/army.md",
            SampleContent.army.replacingOccurrences(of: "kind: military\n", with: "kind: military\nextra: [a, b]\n"))
        let found = SiteBuilder(options: site.options).check().diagnostics.map(\.description)
        #expect(
            found.contains {
                $0.hasPrefix("Templates/event.mustache:12:")
                    && $0.contains("warning: no event, actor or topic gives `extra.verifed`")
                    && $0.contains("did you mean `verified`")
            }, "\(found)")
        #expect(
            found.contains { $0.hasPrefix("Content/actors/army.md:5:8: error: `extra` must be a mapping") }, "\(found)")
    }

    /// The preview: an edit of an event's `extra:` alone re-renders its page.
    @Test func anEditOfExtraAloneReRendersItsPage() throws {
        let site = try Self.site()
        let server = PreviewServer(build: site.options, serve: ServeOptions(port: 0), say: { _ in })
        #expect(server.rebuild().succeeded)
        let file = site.content.appendingPathComponent("events/events.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "<b>desk</b>", with: "night desk").utf8).write(to: file)
        let rebuild = server.rebuild(changed: [file.path])
        #expect(rebuild.succeeded && rebuild.changedPaths.contains("events/first-attack/index.html"))
        let page = try #require(server.snapshot.get().files["events/first-attack/index.html"])
        #expect(String(decoding: page.data, as: UTF8.self).contains(#"<p id="verified">night desk</p>"#))
    }
}
