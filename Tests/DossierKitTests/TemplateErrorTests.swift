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
        try replace("{{> partials/source-line}}", with: "{{> partials/source-lines}}", in: "event.mustache", of: site)
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.description)
        let lines = try String(contentsOf: site.templates.appendingPathComponent("event.mustache"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("partials/source-lines") }) + 1
        let column = try #require(lines[line - 1].range(of: "{{>")).lowerBound.utf16Offset(in: lines[line - 1]) + 1
        #expect(errors == ["Templates/event.mustache:\(line):\(column): error: the template uses the partial `partials/source-lines`, which does not exist\n    hint: did you mean `partials/source-line`?"])
    }

    @Test func aTemplateTheThemeLacksComesFromTheBuiltInTheme() throws {
        let site = try siteWithOwnTheme()
        try FileManager.default.removeItem(at: site.templates.appendingPathComponent("topic.mustache"))
        try site.build()
        #expect(try site.html("topics/the-conflict/index.html").contains("<h1>The conflict</h1>"))
    }
}
