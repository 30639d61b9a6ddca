import Foundation
import Testing
@testable import DossierKit

/// The words written around a report (dates, casualty figures, kinds of actor, roles, counts,
/// page titles) come from the theme's `text.yaml`: a report can change or translate them key by key.
@Suite struct DisplayTextTests {
    static let french = """
        months: [janvier, février, mars, avril, mai, juin, juillet, août, septembre, octobre, novembre, décembre]
        casualty.killed: "{figure} tués"
        casualty.range: "de {low} à {high}"
        casualty.injured: "{figure} blessés"
        role.perpetrator: Auteur
        page.timeline: Chronologie
        events.other: "{count} événements"
        """

    @Test func aReportsTextFileReplacesTheWordsItNames() throws {
        let site = try ThemeOverrideTests.site(theme: ["text.yaml": Self.french])
        let summary = try site.build()
        #expect(summary.warnings.isEmpty, "\(summary.warnings)")
        let event = try site.html("events/first-attack/index.html")
        #expect(event.contains(">28 janvier 2024</time>"))
        #expect(event.contains("3 tués (soldiers)"))
        #expect(event.contains("de 30 à 40 blessés"))
        #expect(event.contains("Auteur"))
        #expect(event.contains(">Chronologie</a>"), "the navigation and breadcrumbs use the page title")
        // What it does not name stays English.
        #expect(event.contains("Target"))
        let timeline = try site.html("timeline/index.html")
        #expect(timeline.contains("<title>Chronologie — "))
        #expect(timeline.contains("janvier 2024"))
    }

    /// CLDR's plural categories, from the platform's ICU: Arabic has six, Persian and English two.
    @Test func countsTakeTheirLanguagesPluralCategory() {
        let arabic = [0, 1, 2, 3, 11, 100, 101].map { PluralCategory.of($0, language: "ar").rawValue }
        #expect(arabic == ["zero", "one", "two", "few", "many", "other", "other"])
        #expect(PluralCategory.of(102, language: "ar") == .two || PluralCategory.of(102, language: "ar") == .other)
        #expect(PluralCategory.of(103, language: "ar") == .few && PluralCategory.of(111, language: "ar") == .many)
        let persian = [0, 1, 2, 5].map { PluralCategory.of($0, language: "fa").rawValue }
        #expect(persian == ["one", "one", "other", "other"])
        let english = [0, 1, 2].map { PluralCategory.of($0, language: "en").rawValue }
        #expect(english == ["other", "one", "other"])
    }

    /// A theme's text gives a count's forms by category, for the site's language; a form it
    /// does not give is `other`'s.
    @Test func anArabicSiteWritesEachCountInItsForm() throws {
        let arabic = """
            events.zero: "لا أحداث"
            events.one: "حدث واحد"
            events.two: "حدثان"
            events.few: "{count} أحداث"
            events.other: "{count} حدث"
            figure.events.few: أحداث
            """
        let site = try ThemeOverrideTests.site(theme: ["text.yaml": arabic])
        try site.write(
            "site.yaml", TestSite.minimalConfig.replacingOccurrences(of: "language: en", with: "language: ar"))
        let summary = try site.build()
        #expect(summary.warnings.isEmpty, "\(summary.warnings)")
        // The topic has 2 events: Arabic's dual.
        let topics = HTMLInspection.text(of: try site.html("topics/index.html"))
        #expect(topics.contains("حدثان") && !topics.contains("2 events"), "\(topics)")
        // The home page's figures: 4 events is `few` (the report's text); 2 actors, a form the
        // report's text does not give, comes from the built-in theme's Arabic.
        let home = HTMLInspection.text(of: try site.html("index.html"))
        #expect(home.contains("4 أحداث") && home.contains("2 جهات فاعلة"), "\(home)")
    }

    /// The tests' sample report, its site.yaml set to `language`.
    static func sample(in language: String) throws -> TestSite {
        let site = try TestSite()
        try SampleContent.write(to: site)
        let config = try String(contentsOf: site.content.appendingPathComponent("site.yaml"), encoding: .utf8)
        try #require(config.contains("language: en"))
        try site.write("site.yaml", config.replacingOccurrences(of: "language: en", with: "language: \(language)"))
        return site
    }

    /// The sample built as an Arabic report: the words its cards, their facts, source lines,
    /// charts, page steps, footer, actor and list pages write are the built-in Arabic's, and the
    /// default confidence grades are named in Arabic; the English ones they replace are gone.
    @Test func anArabicReportsCardsChartsAndFooterAreInArabic() throws {
        let site = try Self.sample(in: "ar")
        let summary = try site.build()
        #expect(summary.warnings.isEmpty, "\(summary.warnings)")
        let home = try site.html("index.html")
        #expect(home.contains("<dt>المكان</dt>") && home.contains("<dt>الجهات الفاعلة</dt>"))
        #expect(!home.contains("<dt>Place</dt>") && !home.contains("<dt>Actors</dt>"))
        #expect(home.contains("أُنشئ باستخدام Dossier.") && !home.contains("Built with Dossier"))
        #expect(home.contains("<summary>بيانات الرسم البياني</summary>") && !home.contains("The chart"))
        #expect(home.contains(#"title="درجة الثقة">منقول</span>"#) && !home.contains(">Reported</span>"))
        let actor = try site.html("actors/militia/index.html")
        #expect(actor.contains("<h3>الدور: ") && !actor.contains("<h3>As "))
        #expect(actor.contains("في التسلسل الزمني</a>، لتصفيتها") && !actor.contains("to filter by type"))
        let country = try site.html("countries/jordan/index.html")
        #expect(country.contains("، الأقدم أولًا.") && !country.contains("oldest first"))
        #expect(!country.contains("(with other facets"))
        // Sentences with links inside: the link falls where the Arabic sentence puts it.
        let timeline = try site.html("timeline/index.html")
        #expect(timeline.contains("الأقدم أولًا") && !timeline.contains("oldest first"))
        #expect(timeline.contains(#"<a href="../actors/index.html">جميع الجهات الفاعلة</a>"#))
        let map = try site.html("map/index.html")
        #expect(map.contains(#">للتنزيل بصيغة GeoJSON</a>"#) && !map.contains("Each marker links"))
        // The downloads page: code spans and a link inside an Arabic sentence.
        let downloads = try site.html("downloads/index.html")
        #expect(
            downloads.contains("التقرير: <code>id</code>؛ و<code>date</code>") && !downloads.contains("Every event"))
        #expect(
            downloads.contains(
                #"ويصفه <a href="../data/events.schema.json">\#u{2068}data/events.schema.json\#u{2069}</a>"#))
    }

    /// The words the templates write themselves are texts too (`label.*`, `{{chrome.label.…}}`):
    /// a report's text.yaml translates them, and a misspelt label is a located `check` error.
    @Test func theTemplatesOwnWordsAreTextsAndChecked() throws {
        let site = try ThemeOverrideTests.site(theme: [
            "text.yaml": "label.sources: المصادر\nlabel.cite: استشهد بهذا الحدث\nlabel.date: التاريخ\n"
        ])
        try site.build()
        let event = try site.html("events/first-attack/index.html")
        #expect(event.contains(#"<h2 id="sources-heading">المصادر</h2>"#))
        #expect(event.contains(#"<h2 id="cite-heading">استشهد بهذا الحدث</h2>"#))
        #expect(event.contains("<dt>التاريخ</dt>") && event.contains("<dt>Confidence</dt>"))

        let misspelt = try ThemeOverrideTests.site(theme: [
            "event.mustache": "{{<layout}}{{$main}}<h2>{{chrome.label.sorces}}</h2>{{/main}}{{/layout}}"
        ])
        let found = SiteBuilder(options: misspelt.options).check(keepingFiles: false).diagnostics.map(\.description)
        #expect(
            found.contains {
                $0.hasPrefix("Templates/event.mustache:1:")
                    && $0.contains("unknown field `sorces` in `chrome.label.sorces`")
                    && $0.contains("did you mean `sources`")
            }, "\(found)")
    }

    /// With Arabic-Indic digits (`ar-IQ`'s usual ones), the charts' axes, the maps' counts, the
    /// keys' and legends' counts and the home page's figures are written in them too, as the
    /// sentences around them are.
    @Test func chartAxesTakeTheSitesDigits() throws {
        let site = try Self.sample(in: "ar-IQ")
        try site.build()
        let home = try site.html("index.html")
        let grid = try #require(home.firstMatch(of: /<g class="chart-grid"[^>]*>(.*?)<\/g>/))
        let ticks = grid.1.matches(of: />([^<]+)<\/text>/).map { String($0.1) }
        #expect(
            !ticks.isEmpty && ticks.allSatisfy { $0.unicodeScalars.allSatisfy { (0x660...0x669).contains($0.value) } },
            "\(ticks)")
        // The home page's figures and the chart key's counts too.
        #expect(home.contains(#"<span class="figure-value">٤</span>"#), "four events")
        #expect(home.contains(#"<span class="muted">(٢)</span>"#) && !home.contains(#"<span class="muted">(2)</span>"#))
    }

    /// A sentence with links: `[words](name)` is a link where the page gives `name`; the theme's
    /// words and every value are escaped, a value cannot make a link, and brackets the page
    /// names no link for stay words. In Arabic, the link falls where the Arabic sentence puts it.
    @Test func aSentenceWithLinksLinksOnlyWhatThePageNames() {
        let log = DiagnosticLog()
        let text = DisplayText(
            base: .builtIn,
            yaml: """
                timeline.lede: "See [every actor](actors) & [the {count}](topics) [not a link](nowhere) or (this)."
                timeline.browse.split: "حسب الجهة الفاعلة: [جميع الجهات الفاعلة](actors)، ولكلٍّ منها أحداثها."
                """, display: "text.yaml", log: log)
        #expect(log.diagnostics.isEmpty, "\(log.diagnostics)")
        let html = text.html(
            "timeline.lede", ["count": "<b>[x](actors)</b>"],
            links: ["actors": "../actors/index.html", "topics": "a\"b"])
        #expect(DisplayText.coded("a `b` and `c` but `d") == "a <code>b</code> and <code>c</code> but `d")
        #expect(
            html
                == #"See <a href="../actors/index.html">every actor</a> &amp; <a href="a&quot;b">the &lt;b&gt;&#91;x&#93;(actors)&lt;/b&gt;</a> [not a link](nowhere) or (this)."#,
            "\(html)")
        var arabic = text
        arabic.language = "ar"
        #expect(
            arabic.html("timeline.browse.split", links: ["actors": "a.html"])
                == #"حسب الجهة الفاعلة: <a href="a.html">جميع الجهات الفاعلة</a>، ولكلٍّ منها أحداثها."#)
    }

    /// Where a name meets the theme's sentence, a name in the other direction is isolated
    /// (U+2068 … U+2069): an English actor name inside an Arabic sentence keeps the full stop at
    /// the sentence's end, and an Arabic name in an English sentence does the same; names in the
    /// sentence's own direction, digits and punctuation are left as they are.
    @Test func aNameInTheOtherDirectionIsIsolatedInTheSentence() {
        let log = DiagnosticLog()
        var arabic = DisplayText(
            base: .builtIn, yaml: "description.actorWithout: \"{name} في {site}.\"\n", display: "text.yaml", log: log)
        arabic.language = "ar"
        #expect(log.diagnostics.isEmpty, "\(log.diagnostics)")
        let sentence = arabic("description.actorWithout", ["name": "Kataib Hezbollah (KH)", "site": "التقرير"])
        #expect(sentence == "\u{2068}Kataib Hezbollah (KH)\u{2069} في التقرير.")
        // The full stop is outside the isolate, so the Arabic sentence's direction places it.
        #expect(sentence.hasSuffix("التقرير.") && !sentence.contains(")."))

        var english = DisplayText.builtIn
        english.language = "en"
        #expect(
            english("description.actorWithout", ["name": "كتائب حزب الله", "site": "The Pause"])
                == "\u{2068}كتائب حزب الله\u{2069} in The Pause.")
        #expect(
            english("description.actorWithout", ["name": "Kataib Hezbollah", "site": "The Pause"])
                == "Kataib Hezbollah in The Pause.")
        #expect(Bidi.isolated("2024–2025", within: true) == "2024–2025")
        #expect(Bidi.isolated("فارس", within: true) == "فارس" && Bidi.isolated("שלום", within: false) != "שלום")
    }

    /// A theme's words in another language are a file of their own, `text.<tag>.yaml`, used
    /// for a site in that language (`ar-IQ` takes `text.ar.yaml`), over `text.yaml`, key by key.
    @Test func aTranslationFileGivesTheWordsOfTheSitesLanguage() throws {
        let site = try ThemeOverrideTests.site(theme: [
            "text.yaml": "label.cite: Cite this entry\n",
            "text.ar.yaml": "label.sources: المصادر\nlabel.dat: التاريخ\n",
        ])
        try site.build()
        let english = try site.html("events/first-attack/index.html")
        #expect(english.contains(#"<h2 id="sources-heading">Sources</h2>"#))
        #expect(english.contains(#"<h2 id="cite-heading">Cite this entry</h2>"#))

        try site.write(
            "site.yaml", TestSite.minimalConfig.replacingOccurrences(of: "language: en", with: "language: ar-IQ"))
        let summary = try site.build()
        let arabic = try site.html("events/first-attack/index.html")
        #expect(
            arabic.contains(#"<html lang="ar-IQ" dir="rtl" data-digits="arab">"#), "Iraq's digits, for the scripts too")
        #expect(arabic.contains(#"<h2 id="sources-heading">المصادر</h2>"#))
        // What the report's translation does not give comes from its text.yaml, then from the
        // built-in theme's Arabic.
        #expect(arabic.contains(#"<h2 id="cite-heading">Cite this entry</h2>"#) && arabic.contains("<dt>التاريخ</dt>"))
        #expect(
            summary.warnings.map(\.description).contains {
                $0.hasPrefix("Templates/text.ar.yaml:2:1: warning: unknown text `label.dat`")
                    && $0.contains("label.date")
            }, "\(summary.warnings)")
    }

    /// Dates at every precision, in English, Arabic and Persian, in the language's usual digits
    /// and in the other setting: month names from the platform's locale data (Gregorian; Iraq's
    /// own in `ar-IQ`), numbers in the site's digits.
    @Test func datesAtEveryPrecisionInEnglishArabicAndPersianInEitherDigits() throws {
        let log = DiagnosticLog()
        let theme = try #require(
            TemplateSet.load(
                from: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)"), displayName: "Templates",
                mustExist: false, log: log))
        let dates = [
            EventDate(start: PartialDate(year: 2024, month: 1, day: 28)),
            EventDate(start: PartialDate(year: 2024, month: 2)),
            EventDate(start: PartialDate(year: 2014)),
            EventDate(
                start: PartialDate(year: 2023, month: 11, day: 24), end: PartialDate(year: 2023, month: 11, day: 30)),
            EventDate(start: PartialDate(year: 2023, month: 10), end: PartialDate(year: 2024, month: 2, day: 4)),
        ]
        func written(_ language: String, _ digits: Digits? = nil) -> [String] {
            let text = theme.text(for: language, digits: digits)
            return dates.map(text.date)
        }
        #expect(
            written("en") == [
                "28 January 2024", "February 2024", "2014", "24–30 November 2023", "October 2023 – 4 February 2024",
            ])
        #expect(written("en", .arab).first == "٢٨ January ٢٠٢٤")
        #expect(
            written("ar") == [
                "28 يناير 2024", "فبراير 2024", "2014", "24–30 نوفمبر 2023", "أكتوبر 2023 – 4 فبراير 2024",
            ])
        #expect(
            written("ar", .arab) == [
                "٢٨ يناير ٢٠٢٤", "فبراير ٢٠٢٤", "٢٠١٤", "٢٤–٣٠ نوفمبر ٢٠٢٣", "أكتوبر ٢٠٢٣ – ٤ فبراير ٢٠٢٤",
            ])
        #expect(written("ar-IQ").first == "٢٨ كانون الثاني ٢٠٢٤", "Iraq's month names and digits")
        #expect(written("ar-IQ", .latn).first == "28 كانون الثاني 2024")
        #expect(
            written("fa") == ["۲۸ ژانویه ۲۰۲۴", "فوریه ۲۰۲۴", "۲۰۱۴", "۲۴–۳۰ نوامبر ۲۰۲۳", "اکتبر ۲۰۲۳ – ۴ فوریه ۲۰۲۴"])
        #expect(written("fa", .latn).first == "28 ژانویه 2024")
        // Counts and figures take the digits too.
        #expect(theme.text(for: "ar", digits: .arab).count("events", 12).hasPrefix("١٢"))
    }

    @Test func unknownDigitsAreALocatedError() throws {
        let site = try TestSite(config: TestSite.minimalConfig + "\ndigits: arabic\n")
        try SampleContent.write(to: site)
        let found = SiteBuilder(options: site.options).check(keepingFiles: false).diagnostics.map(\.description)
        #expect(
            found.contains {
                $0.hasPrefix("Content/site.yaml:9:9: error: unknown digits `arabic`") && $0.contains("`arab`")
            }, "\(found)")
    }

    /// The built-in theme's Arabic and Persian: every English key translated, every counted text
    /// in each of Arabic's plural forms, placeholders as English's, and nothing the build warns about.
    @Test func theBuiltInArabicCoversEveryTextAndPluralForm() throws {
        let file = try #require(BuiltInTheme.files["text.ar.yaml"])
        guard case .map(let entries, _)? = YAMLReader.parse(file, file: "text.ar.yaml", log: DiagnosticLog()) else {
            Issue.record("text.ar.yaml is a mapping")
            return
        }
        let arabic = Set(entries.map(\.key))
        let english = Set(DisplayText.builtIn.texts.keys)
        let forms = ["one", "two", "few", "many", "other"]
        for key in english {
            if key.hasSuffix(".other") {
                let stem = key.dropLast("other".count)
                let missing = forms.filter { !arabic.contains(stem + $0) }
                #expect(missing.isEmpty, "\(stem)* lacks \(missing)")
            } else if !key.hasSuffix(".one") {
                #expect(arabic.contains(key), "\(key) is not translated")
            }
        }
        let log = DiagnosticLog()
        let theme = try #require(
            TemplateSet.load(
                from: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)"), displayName: "Templates",
                mustExist: false, log: log))
        #expect(log.diagnostics.isEmpty, "\(log.diagnostics)")
        let text = theme.text(for: "ar")
        #expect(text.count("events", 2) == "حدثان" && text.count("events", 11) == "11 حدثًا")
        // Persian: every text too (its counts have one form: the noun stays singular after a number).
        let persianFile = try #require(BuiltInTheme.files["text.fa.yaml"])
        guard case .map(let persian, _)? = YAMLReader.parse(persianFile, file: "text.fa.yaml", log: DiagnosticLog())
        else {
            Issue.record("text.fa.yaml is a mapping")
            return
        }
        let untranslated = english.subtracting(persian.map(\.key))
        #expect(untranslated.isEmpty, "\(untranslated.sorted())")
        #expect(
            theme.text(for: "fa").count("events", 3) == "۳ رویداد" && theme.text(for: "fa")("page.search") == "جست‌وجو")
        #expect(text("page.timeline") == "التسلسل الزمني" && theme.text(for: "en")("page.timeline") == "Timeline")
    }

    @Test func mistakesInTheTextFileAreReportedAtTheirLine() throws {
        let site = try ThemeOverrideTests.site(theme: [
            "text.yaml": "page.timelin: Chronologie\ncasualty.killed: \"tués\"\nmonths: [janvier]\n"
        ])
        let result = SiteBuilder(options: site.options).check(keepingFiles: false)
        let messages = result.diagnostics.map(\.description)
        #expect(
            messages.contains {
                $0.hasPrefix("Templates/text.yaml:1:1: warning: unknown text `page.timelin`; it is not used")
                    && $0.contains("did you mean `page.timeline`?")
            }, "\(messages)")
        #expect(
            messages.contains {
                $0.hasPrefix("Templates/text.yaml:2:18: warning: the text `casualty.killed` should use {figure}")
            }, "\(messages)")
        #expect(
            messages.contains {
                $0.hasPrefix("Templates/text.yaml:3:9: error: `months` must be a list of the twelve month names")
            }, "\(messages)")
    }

    /// Only files inside the theme folder are read: a text.yaml that links out of it is refused.
    @Test func aTextFileLinkingOutOfTheThemeIsNotRead() throws {
        let site = try ThemeOverrideTests.site(theme: ["page.mustache": BuiltInTheme.files["page.mustache"]!])
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dossier-outside-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("page.timeline: Leaked\n".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(
            at: site.templates.appendingPathComponent("text.yaml"), withDestinationURL: outside)
        let log = DiagnosticLog()
        let theme = try #require(TemplateSet.load(from: site.templates, displayName: "Templates", log: log))
        #expect(
            log.diagnostics.contains { $0.severity == .error && $0.location.file == "Templates/text.yaml" },
            "\(log.diagnostics.map(\.description))")
        #expect(theme.text("page.timeline") == "Timeline")
    }

    @Test func theBuiltInTextsAreEnglishAndComplete() {
        let text = DisplayText.builtIn
        #expect(text.months.count == 12)
        #expect(text.date(EventDate(start: try! PartialDate.parse("2024-01-28").get())) == "28 January 2024")
        for kind in Actor.Kind.allCases {
            #expect(
                text.optional("actor.\(kind.rawValue)") != nil && text.optional("actor.\(kind.rawValue).plural") != nil)
        }
        for role in Involvement.Role.allCases { #expect(text.optional("role.\(role.rawValue)") != nil) }
        for kind in Casualty.Kind.allCases { #expect(text.optional("casualty.\(kind.rawValue)") != nil) }
        for kind in PageKinds.builtIn where kind.navigationLabel != nil {
            #expect(text.optional("page.\(kind.name)") == kind.navigationLabel)
        }
    }

    /// Coordinates are written as `String(format: "%.4f")` would, without it: the same text for
    /// places' usual values, halfway cases (the binary value decides), carries, signs, zero.
    @Test func fixedDecimalsAreWhatPrintfWrites() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [
            0, -0.0, 1, -1, 0.5, 1.5, 2.5, -2.5, 0.00005, 1.00005, 33.31525, 44.36615, 9.99995, 99.999951,
            -179.99999, 180, 0.1, 0.2 + 0.1, 1e-7, -1e-7, 123456789.123456, 0.000049, 35.9918, 45.7236, 5e-5, -0.00012,
        ]
        for _ in 0..<20_000 {
            values.append(Double.random(in: -180...180, using: &generator))
            values.append((Double(Int.random(in: -1_800_000...1_800_000, using: &generator)) + 0.5) / 100_000)
            values.append(Double(Int.random(in: -18_000_000...18_000_000, using: &generator)) / 100_000)
        }
        for value in values {
            for places in 0...6 {
                #expect(
                    FixedDecimal.text(value, places: places) == String(format: "%.\(places)f", value),
                    "\(value) to \(places) places")
            }
        }
    }
}
