import Foundation
import Testing
@testable import DossierKit

/// Settings from site.yaml and the command line that end up in every page: checked before use.
@Suite struct SiteSettingsTests {
    static func config(_ extra: String) -> String {
        TestSite.minimalConfig + "\n" + extra
    }

    @Test(arguments: [
        "en", "en-GB", "ar", "fa-IR", "zh-Hant-TW", "es-419", "de-CH-1901", "sr-Latn-RS", "en-US-x-twain", "x-private",
        "EN-gb",
    ])
    func languageTagsThatAreAccepted(tag: String) {
        #expect(LanguageTag.isWellFormed(tag), "\(tag)")
    }

    @Test(arguments: [
        "English", "e", "en_GB", "en-", "-en", "en--GB", "123", "en-GB-", "x", "en-x", "fa IR", "\"><script>", "ar-٣",
    ])
    func languageTagsThatAreRefused(tag: String) {
        #expect(!LanguageTag.isWellFormed(tag), "\(tag)")
    }

    /// A report without authors has no byline (it printed "By ." on every page); one with them has.
    @Test(arguments: ["authors: []", "", "authors: [A. Writer, B. Editor]"])
    func theBylineIsThereOnlyWithAuthors(line: String) throws {
        let site = try TestSite(
            config: TestSite.minimalConfig.split(separator: "\n").filter { !$0.hasPrefix("authors:") }.joined(
                separator: "\n") + "\n" + line + "\n")
        try SampleContent.write(to: site)
        try site.build()
        for page in ["index.html", "timeline/index.html", "events/first-attack/index.html"] {
            let html = try site.html(page)
            #expect(!html.contains("By ."), "\(page)")
            #expect(html.contains("<p>By A. Writer, B. Editor.</p>") == line.contains("Writer"), "\(page)")
        }
    }

    @Test func aLanguageThatIsNotATagIsALocatedError() throws {
        let site = try TestSite(
            config: TestSite.minimalConfig.replacingOccurrences(of: "language: en", with: "language: English"))
        let errors = site.failingBuild().map(\.description)
        #expect(
            errors == [
                "Content/site.yaml:4:11: error: `English` is not a language tag\n    hint: use a BCP 47 tag such as en, en-GB, ar or fa"
            ], "\(errors)")
    }

    /// CIEDE2000 as Sharma, Wu and Dalal's test data give it (pairs 1, 4 and 17 of their 34).
    @Test func colourDifferenceIsCIEDE2000() {
        let pairs: [(ColourDifference.Lab, ColourDifference.Lab, Double)] = [
            (.init(lightness: 50, a: 2.6772, b: -79.7751), .init(lightness: 50, a: 0, b: -82.7485), 2.0425),
            (.init(lightness: 50, a: -1.3802, b: -84.2814), .init(lightness: 50, a: 0, b: -82.7485), 1.0),
            (.init(lightness: 50, a: 2.5, b: 0), .init(lightness: 73, a: 25, b: -18), 27.1492),
        ]
        for (one, two, expected) in pairs {
            #expect(abs(ColourDifference.ciede2000(one, two) - expected) < 0.0001, "\(one) \(two)")
            #expect(abs(ColourDifference.ciede2000(two, one) - expected) < 0.0001, "symmetric")
        }
        #expect(abs(ColourDifference.lab(TypeColours.RGB(hex: "#ffffff")!).lightness - 100) < 0.01)
    }

    /// Dossier's palette stays apart as pages draw it, in both modes (the sample's Vote, Political
    /// and Report were all slate greys: ΔE 1.1 in dark mode); every type of the sample, of a new
    /// report and of the generator is from it; `check` warns of two types that look alike.
    @Test func thePaletteIsDistinctInBothModesAndCheckWarnsOfTwoTypesAlike() throws {
        let types = TypeColours.palette.enumerated().map {
            SiteConfig.EventType(id: "type-\($0.offset)", label: "Type", colour: $0.element, description: nil)
        }
        for (index, one) in types.enumerated() {
            for two in types[(index + 1)...] {
                for (a, b) in [
                    (TypeColours.light(one), TypeColours.light(two)), (TypeColours.dark(one), TypeColours.dark(two)),
                ] {
                    let difference = ColourDifference.ciede2000(
                        try #require(TypeColours.RGB(hex: a)), try #require(TypeColours.RGB(hex: b)))
                    #expect(difference >= 17.8, "\(one.colour) \(two.colour): \(a) and \(b), ΔE \(difference)")
                }
            }
        }
        #expect(TypeColours.lookAlike(types).isEmpty)
        let sample = try #require(SiteBuilder(options: BuildOptions(root: TestSite.repository)).validate().report)
        #expect(sample.config.eventTypes.allSatisfy { TypeColours.palette.contains($0.colour) })
        #expect(
            SyntheticReport(events: 10, actors: 2, seed: 1).siteYAML().components(separatedBy: "colour: \"").dropFirst()
                .allSatisfy { TypeColours.palette.contains(String($0.prefix(7))) })

        let site = try TestSite(
            config: TestSite.minimalConfig
                + "\n  - { id: vote, label: Vote, colour: \"#798591\" }\n  - { id: protest, label: Protest, colour: \"#78828d\" }\n"
        )
        let warnings = try site.build().warnings.map(\.description)
        #expect(
            warnings.count == 1
                && warnings[0].hasPrefix(
                    "Content/site.yaml:10:44: warning: event types `vote` and `protest` look alike in light mode (CIEDE2000 ΔE 0.5 between their colours as drawn"
                ), "\(warnings)")
    }

    /// `Character.isHexDigit` accepts full-width digits; a colour goes into a style attribute.
    @Test func onlyASCIIHexColoursAreColours() {
        #expect(SiteConfigDecoder.isSafeColour("#a93226"))
        #expect(SiteConfigDecoder.isSafeColour("#ABC"))
        #expect(!SiteConfigDecoder.isSafeColour("#１２３"))
        #expect(!SiteConfigDecoder.isSafeColour("#ｆｆｆｆｆｆ"))
        #expect(!SiteConfigDecoder.isSafeColour("#12345g"))
    }

    /// On c5ad4ae `--base-url 'javascript:alert(1)//'` reached the 404 page's <base> and canonical links.
    /// Spaces, quotes and `user:pw@` were accepted (on main before #29's work).
    @Test(arguments: [
        "javascript:alert(1)//", "data:text/html,x", "https://example.org/?x=1", "https://example.org/#top",
        "example.org", "https:///nohost",
        "https://example.org/my report/", "https://example.org/\"onmouseover=x/", "https://user:pw@example.org/",
        "https://example.org/<x>/",
    ])
    func aBaseURLFromTheCommandLineIsCheckedLikeTheSetting(url: String) throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        let errors: [String]
        do {
            try site.build(baseURL: url)
            errors = []
        } catch let failure as BuildFailure {
            errors = failure.diagnostics.map(\.description)
        }
        #expect(errors.count == 1 && errors[0].hasPrefix("--base-url: error: invalid base URL: "), "\(errors)")
        #expect(!site.exists("404.html"))
    }

    @Test func aGoodBaseURLFromTheCommandLineIsUsed() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try site.build(baseURL: "https://example.org/report")
        #expect(try site.html("404.html").contains(#"href="/report/timeline/index.html""#))
        #expect(try site.html("index.html").contains(#"<link rel="canonical" href="https://example.org/report/">"#))
    }

    /// On c5ad4ae a line break in a file name split a diagnostic into two lines.
    @Test func aDiagnosticIsOneLineWhateverTheFileIsCalled() throws {
        let site = try TestSite()
        try site.write("events/bad\nname.yaml", "- { id: bad, date: 2024-02-30, title: Bad, type: attack }\n")
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.count == 1)
        let line = try #require(errors.first?.description.split(separator: "\n").first)
        #expect(
            line.hasPrefix("Content/events/bad\\nname.yaml:1:20: error: `2024-02-30` is not a real date"), "\(line)")
    }
}
