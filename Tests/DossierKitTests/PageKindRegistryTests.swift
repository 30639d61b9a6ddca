import Foundation
import Testing
@testable import DossierKit

/// A page kind is one declaration plus a template: registered here, in a test, as a new feature
/// would register its own (this is the recipe of `docs/architecture.md`), it is built, linked from
/// the navigation, link-checked, listed in the sitemap and rendered again by the preview.
@Suite struct PageKindRegistryTests {
    /// One page per year: the events of that year, as cards.
    struct YearPage: TemplateModel {
        var year: String
        var events: [CardValue]

        static let shape = TemplateFieldList<YearPage>(
            "YearPage", "The events of one year.",
            [
                .text("year", "The year.") { $0.year },
                .cards("events", "The year's events.") { $0.events },
            ])

        static func years(_ contents: any SiteContents) -> [String] {
            Set(contents.events.map { String($0.date.start.year) }).sorted()
        }

        static let kind = PageKind(
            name: "year", folder: "years", section: "years", fields: shape.shape,
            subjects: years, path: { "years/\($0)/index.html" },
            view: { year, links in
                // Which events fall in the year depends on every event's date.
                links.reads.read(.everyEvent)
                let events = links.report.events.indices.filter {
                    String(links.report.events[$0].date.start.year) == year
                }
                return PageView(
                    chrome: Chrome(links: links, title: year, description: "Events of \(year)."),
                    content: YearPage(year: year, events: events.map { links.card($0) }))
            }
        )
    }

    /// The list of years, in the main navigation.
    struct YearIndex: TemplateModel {
        struct Entry: TemplateModel {
            var year: String
            var href: String
            static let shape = TemplateFieldList<Entry>(
                "YearEntry", "A year.",
                [
                    .text("year", "The year.") { $0.year },
                    .text("href", "Link to its page.") { $0.href },
                ])
        }

        var years: [Entry]

        static let shape = TemplateFieldList<YearIndex>(
            "YearIndex", "Every year.",
            [
                .list("years", "The years, oldest first.") { $0.years }
            ])

        static let kind = PageKind(
            name: "years", folder: "years", navigationLabel: "Years", fields: shape.shape,
            path: { _ in "years/index.html" },
            view: { _, links in
                links.reads.read(.everyEvent)
                let years = YearPage.years(links.report).map { Entry(year: $0, href: links.to(YearPage.kind.path($0))) }
                return PageView(
                    chrome: Chrome(links: links, title: "Years", description: "Every year."),
                    content: YearIndex(years: years))
            }
        )
    }

    static let yearTemplate = """
        {{<layout}}{{$main}}{{#content}}<h1>Events of {{year}}</h1>
        {{#events}}{{{html}}}{{/events}}{{/content}}{{/main}}{{/layout}}
        """
    static let yearsTemplate = """
        {{<layout}}{{$main}}{{#content}}<ul>{{#years}}<li><a href="{{href}}">{{year}}</a></li>{{/years}}</ul>{{/content}}{{/main}}{{/layout}}
        """

    /// A synthetic report whose theme folder holds only the two new templates.
    static func report(at root: URL, yearTemplate: String = yearTemplate) throws -> BuildOptions {
        try SyntheticReport(events: 40, actors: 8, seed: 3).write(to: root)
        let templates = root.appendingPathComponent("Templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data(yearTemplate.utf8).write(to: templates.appendingPathComponent("year.mustache"))
        try Data(yearsTemplate.utf8).write(to: templates.appendingPathComponent("years.mustache"))
        var options = BuildOptions(root: root)
        options.kinds = PageKinds.builtIn + [YearIndex.kind, YearPage.kind]
        options.baseURL = "https://example.org/report/"
        return options
    }

    @Test func aRegisteredKindIsBuiltLinkedAndInTheSitemap() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-kind-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let options = try Self.report(at: root)
        let summary = try SiteBuilder(options: options).build()
        #expect(summary.warnings.isEmpty)
        let site = root.appendingPathComponent("Site")
        let years = YearPage.years(try #require(SiteBuilder(options: options).validate().report))
        #expect(years.count > 3)
        for year in years {
            let html = try String(contentsOf: site.appendingPathComponent("years/\(year)/index.html"), encoding: .utf8)
            #expect(html.contains("<h1>Events of \(year)</h1>"))
            #expect(html.contains("class=\"event-card"), "the year's page shows its events' cards")
        }
        // Linked: the navigation of every page leads to the index, which leads to each year.
        let home = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains("href=\"years/index.html\"") && home.contains(">Years</a>"))
        let event = try String(
            contentsOf: site.appendingPathComponent("events/event-000001/index.html"), encoding: .utf8)
        #expect(event.contains("href=\"../../years/index.html\""))
        let index = try String(contentsOf: site.appendingPathComponent("years/index.html"), encoding: .utf8)
        for year in years { #expect(index.contains("href=\"../years/\(year)/index.html\"")) }
        // In the sitemap.
        let sitemap = try String(contentsOf: site.appendingPathComponent("sitemap.xml"), encoding: .utf8)
        #expect(sitemap.contains("<loc>https://example.org/report/years/</loc>"))
        for year in years { #expect(sitemap.contains("<loc>https://example.org/report/years/\(year)/</loc>")) }
    }

    @Test func aRegisteredKindsLinksAreChecked() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-kind-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let broken = Self.yearTemplate.replacingOccurrences(
            of: "<h1>", with: "<a href=\"{{chrome.root}}nowhere/index.html\">x</a><h1>")
        let options = try Self.report(at: root, yearTemplate: broken)
        let result = SiteBuilder(options: options).check(keepingFiles: false)
        #expect(result.errors.contains { $0.message.contains("nowhere/index.html") })
    }

    @Test func aRegisteredKindsFolderIsReserved() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-kind-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let options = try Self.report(at: root)
        try Data("---\ntitle: Years\n---\nText.\n".utf8).write(
            to: root.appendingPathComponent("Content/pages/years.md"))
        let result = SiteBuilder(options: options).check(keepingFiles: false)
        #expect(
            result.errors.contains {
                $0.message == "a page cannot be called `years`: the site uses that folder for its own pages"
            })
    }

    @Test func thePreviewRendersARegisteredKindAgainAfterAnEdit() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-kind-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let options = try Self.report(at: root)
        let server = PreviewServer(build: options, serve: ServeOptions(port: 0), say: { _ in })
        #expect(server.rebuild().succeeded)
        let report = try #require(SiteBuilder(options: options).validate().report)
        let year = String(report.events[10].date.start.year)
        let file = root.appendingPathComponent("Content/events/events-0000.yaml")
        try IncrementalPropertyTests.rewrite(file) {
            IncrementalPropertyTests.replaceField(
                "title", of: report.events[10].id, in: $0, with: "\"A title the year page must show\"")
        }
        let rebuild = server.rebuild(changed: [file.path])
        #expect(rebuild.succeeded)
        #expect(rebuild.renderedPages < report.events.count, "an incremental rebuild, not a full one")
        #expect(rebuild.changedPaths.contains("years/\(year)/index.html"))
        let page = try #require(server.snapshot.get().files["years/\(year)/index.html"]).data
        #expect(String(decoding: page, as: UTF8.self).contains("A title the year page must show"))
        #expect(IncrementalPropertyTests.differences(server, options).isEmpty)
    }
}
