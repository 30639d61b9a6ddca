import Foundation
import Testing
@testable import DossierKit

/// Every name a template uses is checked against the declared fields before anything is
/// rendered: a typo is an error at its tag, with the field it probably meant.
@Suite struct TemplateFieldCheckTests {
    static func errors(theme files: [String: String]) throws -> [String] {
        let site = try ThemeOverrideTests.site(theme: files)
        return SiteBuilder(options: site.options).check(keepingFiles: false).errors.map(\.description)
    }

    @Test func aMisspeltFieldIsReportedWithFileLineAndDidYouMean() throws {
        let event = try #require(BuiltInTheme.files["event.mustache"]).replacingOccurrences(
            of: "{{card.title}}</h1>", with: "{{card.titel}}</h1>")
        let lines = event.split(separator: "\n", omittingEmptySubsequences: false)
        let index = try #require(lines.firstIndex { $0.contains("card.titel") })
        let column = try #require(lines[index].range(of: "{{card.titel}}")).lowerBound.utf16Offset(in: lines[index]) + 1
        let errors = try Self.errors(theme: ["event.mustache": event])
        #expect(
            errors == [
                """
                Templates/event.mustache:\(index + 1):\(column): error: unknown field `titel` in `card.titel`: the template would show nothing here
                    hint: did you mean `title`?
                """
            ], "\(errors)")
    }

    @Test func namesInsideSectionsAreLookedUpInTheSectionsValue() throws {
        // Inside {{#related}} a neighbour's fields are known, and the page's too (Mustache
        // looks outward); a name neither has is not.
        let event = BuiltInTheme.files["event.mustache"]!.replacingOccurrences(
            of: "{{/content}}", with: "{{#related}}{{title}} {{citation}} {{typeColor}}{{/related}}{{/content}}")
        let errors = try Self.errors(theme: ["event.mustache": event])
        #expect(errors.count == 1)
        #expect(
            errors.first?.contains("unknown field `typeColor`") == true
                && errors.first?.contains("did you mean `typeColour`?") == true, "\(errors)")
    }

    @Test func partialsAreCheckedWithTheValuesTheyAreRenderedWith() throws {
        let card = BuiltInTheme.files["partials/event-card.mustache"]!.replacingOccurrences(
            of: "{{title}}", with: "{{pageTitle}}")
        let errors = try Self.errors(theme: ["partials/event-card.mustache": card])
        #expect(
            !errors.isEmpty
                && errors.allSatisfy {
                    $0.hasPrefix("Templates/partials/event-card.mustache:") && $0.contains("unknown field `pageTitle`")
                }, "\(errors)")
    }

    @Test func theFeedIsCheckedToo() throws {
        let feed = BuiltInTheme.files["feed.mustache"]!.replacingOccurrences(of: "{{subtitle}}", with: "{{subtitel}}")
        let errors = try Self.errors(theme: ["feed.mustache": feed])
        #expect(errors.count == 1 && errors[0].contains("did you mean `subtitle`?"), "\(errors)")
    }

    @Test func theBuiltInThemeUsesOnlyDeclaredFields() throws {
        #expect(try Self.errors(theme: [:]).isEmpty)
    }

    /// A declared field that is empty on some page makes an empty link there: the link check
    /// reports it (once, with the number of other pages), where a reader would find a dead link.
    @Test func anEmptyLinkIsAnError() throws {
        let layout = BuiltInTheme.files["layout.mustache"]!.replacingOccurrences(
            of: "<main id=\"main\"", with: "<a href=\"{{chrome.canonical}}\">here</a><main id=\"main\"")
        let errors = try Self.errors(theme: ["layout.mustache": layout])
        #expect(
            errors.count == 1 && errors[0].contains("error: an empty link (`href=\"\"` or `src=\"\"`)")
                && errors[0].contains("other pages"), "\(errors)")
    }

    /// docs/template-fields.md is `dossier fields`' output.
    @Test func theReferenceInTheDocsIsGeneratedFromTheDeclarations() throws {
        let docs = try String(
            contentsOf: TestSite.repository.appendingPathComponent("docs/template-fields.md"), encoding: .utf8)
        #expect(docs == TemplateReference.markdown(), "run: swift run dossier fields > docs/template-fields.md")
        // Every page kind and every field of its content is in it.
        for kind in PageKinds.builtIn {
            #expect(docs.contains("`\(kind.template).mustache`"))
            for field in kind.fields.fields { #expect(docs.contains("| `\(field.name)` |")) }
        }
    }
}
