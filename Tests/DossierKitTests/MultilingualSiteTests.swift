import Foundation
import Testing

@testable import DossierKit

/// A report in two languages is two sites: the report's own at the root and each other
/// language under its folder (`ar/`), with the same pages at the same paths, the translated
/// words where there are some, a note where there are none, a switcher and `hreflang` links
/// between them, and the files that do not depend on the language (assets, outlines, data
/// downloads, search index) once, at the root.
@Suite struct MultilingualSiteTests {
    /// `TranslationsTests.bilingualSite`, with site.yaml's words and a page in Arabic.
    static func bilingualSite() throws -> TestSite {
        let site = try TranslationsTests.bilingualSite()
        try site.write(
            "site.yaml",
            TestSite.minimalConfig.replacingOccurrences(of: "language: en", with: "languages: [en, ar]")
                + """

                translations:
                  ar:
                    title: تقرير تجريبي
                    description: وصف التقرير بالعربية.
                    event_types:
                      attack: { label: هجوم }

                """)
        try site.write(
            "pages/about.ar.md",
            """
            ---
            title: عن التقرير
            ---
            البيانات في [JSON](/data/events.json)، والجديد في [موجز Atom](/feed.xml)، و[الميليشيا](actor:militia).
            """)
        return site
    }

    /// The file a relative link from the page at `page` leads to, from the site root.
    static func target(of href: String, from page: String) -> String {
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for part in href.split(separator: "#")[0].split(separator: "/") {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(String(part)) }
        }
        return parts.joined(separator: "/")
    }

    /// The value of `attribute` in each tag of `html` that holds `marker`.
    static func attribute(_ attribute: String, ofTagsWith marker: String, in html: String) -> [String] {
        html.components(separatedBy: "<").filter { $0.contains(marker) }.compactMap { tag in
            guard let start = tag.range(of: attribute + "=\"") else { return nil }
            return String(tag[start.upperBound...].prefix { $0 != "\"" })
        }
    }

    @Test func eachLanguageIsACompleteSiteUnderItsFolder() throws {
        let site = try Self.bilingualSite()
        let summary = try site.build()
        let files = try site.outputFiles().keys
        let english = files.filter { $0.hasSuffix(".html") && !$0.hasPrefix("ar/") && !$0.hasPrefix("pagefind/") }
        let arabic = files.filter { $0.hasPrefix("ar/") && $0.hasSuffix(".html") }
        #expect(!english.isEmpty && Set(arabic) == Set(english.map { "ar/" + $0 }), "the same pages in each language")
        #expect(summary.pages == english.count * 2)
        // The language's own files are its; the site's are shared, at the root.
        for own in ["ar/feed.xml", "ar/feed.json", "ar/data/filter/facets.js", "ar/map/places.js"] {
            #expect(files.contains(own), "\(own)")
        }
        for shared in ["ar/assets/style.css", "ar/data/events.json", "ar/map/world.svg"] {
            #expect(!files.contains(shared), "\(shared) is the site's, not the language's")
        }

        let home = try site.html("ar/index.html")
        #expect(home.contains(#"<html lang="ar" dir="rtl">"#))
        #expect(home.contains("تقرير تجريبي") && home.contains("وصف التقرير بالعربية."), "site.yaml's translated words")
        #expect(home.contains(#"href="../assets/style.css""#), "assets are the site's")
        let event = try site.html("ar/events/first-attack/index.html")
        #expect(event.contains("هجوم بطائرة مسيّرة على قاعدة") && event.contains(">هجوم</a>"), "title and type label")
        #expect(event.contains(#"href="../../../assets/style.css""#))
        #expect(event.contains(#"href="../../../ar/timeline/index.html""#), "links stay in the language")
        let englishEvent = try site.html("events/first-attack/index.html")
        #expect(englishEvent.contains("Drone attack on a base") && !englishEvent.contains("هجوم بطائرة"))
        // A source's line joins its parts in each language's way.
        #expect(
            event.contains(
                #"<span class="publisher">Example News</span>، <a href="https://example.org/a">«Attack report»</a>، "#))
        #expect(
            englishEvent.contains(
                #"<span class="publisher">Example News</span>, <a href="https://example.org/a">“Attack report”</a>, "#))
        let feed = try site.html("ar/feed.xml")
        #expect(feed.contains("هجوم بطائرة مسيّرة على قاعدة"))
    }

    @Test func theSwitcherAndHreflangLinksLeadToTheSamePageInEachLanguage() throws {
        let site = try Self.bilingualSite()
        try site.build(baseURL: "https://example.org/report/")
        let files = Set(try site.outputFiles().keys)
        for page in ["events/first-attack/index.html", "about/index.html", "timeline/index.html", "index.html"] {
            let english = try site.html(page), arabic = try site.html("ar/" + page)
            // The switcher: from English to Arabic and back.
            let toArabic = Self.attribute("href", ofTagsWith: #"hreflang="ar" lang="ar""#, in: english)
            #expect(toArabic.count == 1 && Self.target(of: toArabic[0], from: page) == "ar/" + page, "\(toArabic)")
            let back = Self.attribute("href", ofTagsWith: #"hreflang="en" lang="en""#, in: arabic)
            #expect(back.count == 1 && Self.target(of: back[0], from: "ar/" + page) == page, "\(back)")
            #expect(arabic.contains(#"<span aria-current="page" lang="ar" dir="rtl">العربية</span>"#))
            // hreflang pairs, absolute with a base URL, on both pages, and x-default.
            let clean = page.hasSuffix("index.html") ? String(page.dropLast("index.html".count)) : page
            for html in [english, arabic] {
                #expect(
                    html.contains(#"<link rel="alternate" hreflang="en" href="https://example.org/report/\#(clean)">"#))
                #expect(
                    html.contains(
                        #"<link rel="alternate" hreflang="ar" href="https://example.org/report/ar/\#(clean)">"#))
                #expect(
                    html.contains(
                        #"<link rel="alternate" hreflang="x-default" href="https://example.org/report/\#(clean)">"#
                    ))
            }
            #expect(files.contains(page) && files.contains("ar/" + page))
        }
        // One sitemap, at the root, listing the pages of both languages.
        let sitemap = try site.html("sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.org/report/ar/events/first-attack/</loc>"))
        #expect(sitemap.contains("<loc>https://example.org/report/events/first-attack/</loc>"))
        #expect(!files.contains("ar/sitemap.xml"))
        // The Arabic feed links the Arabic pages.
        #expect(try site.html("ar/feed.xml").contains("https://example.org/report/ar/events/first-attack/"))
    }

    @Test func whatIsNotTranslatedIsShownInTheReportsLanguageAndThePageSaysSo() throws {
        let site = try Self.bilingualSite()
        try site.build()
        // Not translated: the English words, marked as English, under a note.
        let untranslated = try site.html("ar/actors/army/index.html")
        #expect(untranslated.contains(#"class="untranslated-note" role="note">لم تُترجم هذه الصفحة إلى العربية"#))
        #expect(untranslated.contains("باللغة الإنجليزية"))
        #expect(untranslated.contains(#"<h1 data-pagefind-weight="4" lang="en" dir="auto">"#))
        // Translated: no note, no other language.
        let translated = try site.html("ar/actors/militia/index.html")
        #expect(!translated.contains("untranslated-note") && translated.contains("الميليشيا"))
        #expect(!translated.contains(#"lang="en" dir="auto""#))
        // An event translated in part (its title and summary, not its body) says so, without
        // marking the translated words as English.
        let partly = try site.html("ar/events/first-attack/index.html")
        #expect(partly.contains("untranslated-note") && partly.contains("هجوم بطائرة مسيّرة على قاعدة"))
        #expect(!partly.contains(#"<h1 data-pagefind-weight="10" lang="en""#))
        #expect(partly.contains(#"<div class="prose" lang="en" dir="auto">"#), "its body, not translated, is English")
        // A page in the report's own language never has the note.
        #expect(!(try site.html("actors/army/index.html")).contains("untranslated-note"))
        // Root-relative links in a translation: the language's pages and feed, the site's data.
        let about = try site.html("ar/about/index.html")
        #expect(about.contains(#"href="../../data/events.json""#), "the site's data")
        #expect(about.contains(#"href="../../ar/feed.xml""#), "the language's feed")
        #expect(about.contains(#"href="../../ar/actors/militia/index.html""#))
    }

    @Test func quotationsKeepTheSourcesWordsWithTheTranslationBeside() throws {
        let site = try Self.bilingualSite()
        try site.write(
            "topics/the-conflict.ar.md",
            """
            ---
            title: الحملة
            quotes:
              - text: "We will continue."
                translation: "«سنواصل.»"
                by: متحدث
                date: 2024-02
            ---
            نص الموضوع.
            """)
        try site.build()
        let topic = try site.html("ar/topics/the-conflict/index.html")
        #expect(topic.contains(#"<blockquote lang="en" dir="auto"><p>We will continue.</p></blockquote>"#))
        #expect(topic.contains(#"<p class="quote-translation"><span class="muted">الترجمة:</span> «سنواصل.»</p>"#))
        #expect(topic.contains("<figcaption>— متحدث، فبراير 2024</figcaption>"), "an Arabic comma between who and when")
        let english = try site.html("topics/the-conflict/index.html")
        #expect(!english.contains("«سنواصل.»"), "the translation is the Arabic page's")
    }

    /// The Arabic map page names a country as its map writes it (العراق, from the locale data),
    /// in its list of closer maps and on the closer map's page; the English keeps the content's.
    @Test func theMapPagesNameCountriesAsTheirMapsDo() throws {
        let site = try Self.bilingualSite()
        try site.write(
            "events/iraq.yaml",
            """
            - id: in-baghdad
              date: 2024-02-07
              title: In Baghdad
              type: strike
              location: { name: Baghdad, country: Iraq, lat: 33.31, lon: 44.36 }
              sources: [{ publisher: X, url: "https://example.org/b" }]
            - id: in-basra
              date: 2024-02-08
              title: In Basra
              type: strike
              location: { name: Basra, country: Iraq, lat: 30.51, lon: 47.78 }
              sources: [{ publisher: X, url: "https://example.org/c" }]
            - id: in-amman
              date: 2024-02-09
              title: In Amman
              type: strike
              location: { name: Amman, country: Jordan, lat: 31.95, lon: 35.93 }
              sources: [{ publisher: X, url: "https://example.org/d" }]
            """)
        try site.build()
        let arabic = try site.html("ar/map/index.html"), english = try site.html("map/index.html")
        #expect(arabic.contains(#"href="../../ar/map/iraq/index.html">العراق</a>"#), "the closer map's link")
        #expect(english.contains(#"href="../map/iraq/index.html">Iraq</a>"#))
        #expect(try site.html("ar/map/iraq/index.html").contains("العراق</span>"), "its breadcrumb")
    }

    @Test func aSingleLanguageReportHasNoSwitcher() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try site.build()
        let html = try site.html("index.html")
        #expect(!html.contains("language-switch") && !html.contains("hreflang"))
        #expect(!(try site.outputFiles().keys.contains { $0.hasPrefix("ar/") }))
    }

    @Test func siteYAMLTranslationsAreCheckedWhereTheyAreWritten() throws {
        for (translations, expected) in [
            ("  fr:\n    title: Rapport", "`fr` is not one of the report's languages to translate into"),
            ("  ar:\n    event_types:\n      atack: { label: هجوم }", "`atack` is not one of the report's event types"),
            ("  ar:\n    digits: roman", "unknown digits `roman`"),
        ] {
            let site = try TestSite(
                config: TestSite.minimalConfig.replacingOccurrences(of: "language: en", with: "languages: [en, ar]")
                    + "\ntranslations:\n" + translations + "\n")
            let messages = SiteBuilder(options: site.options).check(keepingFiles: false).diagnostics.map(\.description)
            #expect(
                messages.contains { $0.hasPrefix("Content/site.yaml:") && $0.contains(expected) }, "\(messages)")
        }
    }
}
