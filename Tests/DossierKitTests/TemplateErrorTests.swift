import Foundation
import Testing
@testable import DossierKit

@Suite struct TemplateErrorTests {
    /// A copy of the default theme that a test may break.
    func siteWithOwnTheme() throws -> TestSite {
        try TestSite.sampleWithOwnTheme()
    }

    func replace(_ old: String, with new: String, in file: String, of site: TestSite) throws {
        let url = site.templates.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old))
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
    }

    @Test func syntaxErrorsNameTheTemplateAndLine() throws {
        let site = try siteWithOwnTheme()
        try replace("{{/empty(sources)}}", with: "{{/sources}}", in: "event.mustache", of: site)
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.location.file == "Templates/event.mustache")
        #expect(error.location.line > 1)
        #expect(error.message.hasPrefix("template syntax error: a section is closed with a different name"))
    }

    @Test func missingPartialsAreErrors() throws {
        let site = try siteWithOwnTheme()
        try replace("{{> partials/page-steps}}", with: "{{> partials/page-step}}", in: "sources.mustache", of: site)
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.description)
        let lines = try String(contentsOf: site.templates.appendingPathComponent("sources.mustache"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("partials/page-step}") }) + 1
        let column = try #require(lines[line - 1].range(of: "{{>")).lowerBound.utf16Offset(in: lines[line - 1]) + 1
        #expect(
            errors == [
                "Templates/sources.mustache:\(line):\(column): error: the template uses the partial `partials/page-step`, which does not exist\n    hint: did you mean `partials/page-steps`?"
            ])
    }

    /// A source's line is rendered once by the theme's `partials/source-line` (`SourceLines`) and
    /// placed under the event, on the sources index and on the source's own list; it sees the
    /// source's fields only, so a page's field there is an error at its tag.
    @Test func aThemesSourceLineShowsWhereverTheSourceIsAndSeesOnlyTheSource() throws {
        let site = try siteWithOwnTheme()
        try Data("{{% CONTENT_TYPE: HTML}}\n<p class=\"own-line\">{{publisher}} / {{linkText}}</p>\n".utf8)
            .write(to: site.templates.appendingPathComponent("partials/source-line.mustache"))
        try site.build()
        let report = try #require(SiteBuilder(options: site.options).check().report)
        let cited = try #require(report.sources.first { $0.eventIndexes.count > 0 })
        let line = "<p class=\"own-line\">\(HTMLEscaping().escapeText(cited.source.publisher)) / "
        let event = report.events[cited.eventIndexes[0]]
        #expect(try site.html("events/\(event.id)/index.html").contains(line))
        #expect(try site.html("sources/index.html").contains(line))
        #expect(!(try site.html("sources/index.html").contains("class=\"source-line\"")))
        #expect(
            try site.html("sources/index.html").contains("class=\"own-line\""), "the report's partial, not the theme's")

        try Data("{{% CONTENT_TYPE: HTML}}\n<p>{{publisher}} {{card.title}}</p>\n".utf8)
            .write(to: site.templates.appendingPathComponent("partials/source-line.mustache"))
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.description)
        #expect(
            errors.contains {
                $0.hasPrefix("Templates/partials/source-line.mustache:2:") && $0.contains("`card.title`")
            }, "\(errors)")
    }

    @Test func aTemplateTheThemeLacksComesFromTheBuiltInTheme() throws {
        let site = try siteWithOwnTheme()
        try FileManager.default.removeItem(at: site.templates.appendingPathComponent("topic.mustache"))
        try site.build()
        #expect(try site.html("topics/the-conflict/index.html").contains("<h1>The conflict</h1>"))
    }
}
