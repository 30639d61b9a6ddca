import Foundation
import Testing

@testable import DossierKit

/// A report in two languages (`languages: [en, ar]`): translations are read beside their
/// originals (`actors/militia.ar.md`) and inside events (`translations:`), carried by the JSON
/// download, and checked: a translation of nothing, or into a language the report does not
/// name, is an error at its place; what is not translated is one line per language.
@Suite struct TranslationsTests {
    static func bilingualSite() throws -> TestSite {
        let site = try TestSite(
            config: TestSite.minimalConfig.replacingOccurrences(of: "language: en", with: "languages: [en, ar]"))
        try SampleContent.write(to: site)
        try site.write(
            "actors/militia.ar.md",
            """
            ---
            name: الميليشيا
            kind: armed-group
            ---
            ميليشيا في التقرير التجريبي.
            """)
        let events = SampleContent.events.replacingOccurrences(
            of: "  title: Drone attack on a base\n",
            with: """
                  title: Drone attack on a base
                  translations:
                    ar: { title: هجوم بطائرة مسيّرة على قاعدة, summary: "هاجمت [الميليشيا](actor:militia) قاعدة." }

                """)
        try #require(events != SampleContent.events)
        try site.write("events/events.yaml", events)
        return site
    }

    @Test func translationsAreReadBesideTheirOriginalsAndInsideEvents() throws {
        let site = try Self.bilingualSite()
        let log = DiagnosticLog()
        let content = try #require(ContentLoader(folder: site.content).load(log: log))
        #expect(log.diagnostics.filter { $0.severity == .error }.isEmpty, "\(log.diagnostics)")
        #expect(content.config.languages == ["en", "ar"] && content.config.language == "en")
        #expect(content.actors.map(\.id).sorted() == ["army", "militia"], "the translation is not a third actor")
        let militia = try #require(content.translations.actors["ar"]?["militia"])
        #expect(militia.name == "الميليشيا" && militia.profile.text.contains("ميليشيا"))
        let event = try #require(content.events.first { $0.id == "first-attack" })
        #expect(event.translations["ar"]?.title == "هجوم بطائرة مسيّرة على قاعدة")
        // The JSON download carries them, so the data says what the site says in each language.
        try site.build()
        let json = try String(contentsOf: site.output.appendingPathComponent("data/events.json"), encoding: .utf8)
        #expect(json.contains(#""translations":{"ar":{"#) && json.contains("هجوم بطائرة مسيّرة على قاعدة"))
    }

    @Test func aTranslationOfNothingOrIntoAnotherLanguageIsAnErrorAndWhatIsMissingIsOneLine() throws {
        let site = try Self.bilingualSite()
        try site.write("actors/nobody.ar.md", "---\nname: لا أحد\nkind: person\n---\n")
        try site.write(
            "events/more.yaml",
            """
            - id: translated-wrongly
              date: 2024-03-01
              title: Translated into a language the report does not name
              type: statement
              sources: [{ publisher: X, url: "https://example.org/x" }]
              translations:
                fr: { title: Traduit }
            """)
        let diagnostics = SiteBuilder(options: site.options).check(keepingFiles: false).diagnostics
        let messages = diagnostics.map(\.description)
        #expect(
            messages.contains {
                $0.hasPrefix("Content/actors/nobody.ar.md:1: error: a translation into ar of `actors/nobody.md`")
            }, "\(messages)")
        #expect(
            messages.contains {
                $0.hasPrefix("Content/events/more.yaml:7:") && $0.contains("`fr` is not one of the report's languages")
            }, "\(messages)")
        // One line for what is not translated into Arabic, whatever the number of fields.
        let untranslated = messages.filter { $0.contains("not yet translated into ar") }
        #expect(untranslated.count == 1, "\(untranslated)")
        #expect(
            untranslated.first?.contains(
                "4 of 5 events, 1 of 5 events in part, 1 of 2 actors, 1 of 1 topics, 1 of 1 pages") == true,
            "\(untranslated)")
    }

    @Test func aSingleLanguageReportSaysWhereTranslationsGo() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try site.write(
            "events/more.yaml",
            """
            - id: translated
              date: 2024-03-01
              title: Translated
              type: statement
              sources: [{ publisher: X, url: "https://example.org/x" }]
              translations: { ar: { title: مترجم } }
            """)
        let messages = SiteBuilder(options: site.options).check(keepingFiles: false).diagnostics.map(\.description)
        #expect(
            messages.contains {
                $0.contains("`ar` is not one of the report's languages") && $0.contains("languages: [en, ar]")
            },
            "\(messages)")
    }

    @Test func languagesAreTagsEachOnceTheReportsOwnFirst() throws {
        for (line, expected) in [
            ("languages: [en, ar, en]", "`en` is in `languages` twice"),
            ("language: en\nlanguages: [ar, en]", "the report's `language` (en) must come first in `languages`"),
            ("languages: [en, \"not a tag\"]", "not a language tag in `languages`"),
            ("languages: en", "`languages` must be a list of language tags"),
        ] {
            let site = try TestSite(
                config: TestSite.minimalConfig.replacingOccurrences(of: "language: en", with: line))
            let messages = SiteBuilder(options: site.options).check(keepingFiles: false).diagnostics.map(\.description)
            #expect(
                messages.contains { $0.contains("Content/site.yaml:") && $0.contains(expected) }, "\(line): \(messages)"
            )
        }
    }
}
