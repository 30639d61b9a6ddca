import Foundation
import Testing
@testable import DossierKit

/// `dossier import timelinejs`: a timeline made for the purpose (HTML text with scripts, handlers
/// and styles, year- and month-only dates, a period, a time of day, an era, a title slide,
/// media kept in the site and elsewhere, two slides sharing a headline, two bad slides), as
/// JSON and as the Google Sheet template's CSV, into a new report.
@Suite struct TimelineJSImportTests {
    static let fixtures = ACLEDImportTests.fixtures

    /// A report made by `dossier new` without a title or description (so the title slide gives
    /// them), with the picture one slide shows in its static folder, and the file imported.
    static func imported(
        _ name: String = "timelinejs-iraq.json", into existing: TestSite? = nil, fresh: Bool = true,
        options: Importer.Options = Importer.Options()
    ) throws -> (TestSite, Importer.Result) {
        let site = try existing ?? TestSite()
        if fresh {
            try FileManager.default.removeItem(at: site.content)
            try NewReport.create(in: site.root.appendingPathComponent("new"), shownAs: "new")
            try FileManager.default.moveItem(at: site.root.appendingPathComponent("new/Content"), to: site.content)
            let config = site.content.appendingPathComponent("site.yaml")
            let lines = try String(contentsOf: config, encoding: .utf8).components(separatedBy: "\n")
            try lines.filter { !$0.hasPrefix("title:") && !$0.hasPrefix("description:") }.joined(separator: "\n").write(
                to: config, atomically: true, encoding: .utf8)
            try site.write("static/media/qaani-visit.png", "not really a PNG, but a file of the site")
        }
        let result = try Importer.run(
            .timelinejs, file: fixtures.appendingPathComponent(name), shownAs: name, content: site.content,
            contentName: "Content", dryRun: false, options: options)
        return (site, result)
    }

    /// What no file of the site may contain: the fixture's scripts' payloads, handlers and styles.
    static let hostile = [
        "alert(", "injected", "onmouseover", "onclick", "steal()", "javascript:", "display:none", "evil.example",
        "document.cookie",
    ]

    /// Nothing of the fixture's scripts, handlers and styles in any page or download, and no
    /// script element but the theme's own (its files in assets/, the 404 page's inline one).
    static func expectNothingHostile(in site: TestSite) throws {
        let files =
            FileManager.default.enumerator(at: site.output, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }
            ?? []
        let themeScript = try Regex(#"^<script src="(\.\./)*assets/[a-z]+\.js" defer>$"#)
        for file in files where ["html", "json", "csv", "xml", "ics"].contains(file.pathExtension) {
            let text = try String(contentsOf: file, encoding: .utf8)
            for word in hostile {
                #expect(!text.contains(word), "\(file.path) contains \(word)")
            }
            for match in text.matches(of: try Regex("<script[^>]*>").ignoresCase())
            where file.lastPathComponent != "404.html" {
                #expect(
                    String(text[match.range]).wholeMatch(of: themeScript) != nil, "\(file.path): \(text[match.range])")
            }
        }
    }

    @Test func aTimelineBecomesContentThatChecksAndBuilds() throws {
        let (site, result) = try Self.imported()
        let outcome = try #require(result.outcome)
        #expect(
            outcome.summary
                == "8 events, 0 new actors, 1 new event type, 1 new topic, 2 slides skipped (see the errors above)")
        #expect(
            result.diagnostics.map(\.description) == [
                "timelinejs-iraq.json:99:31: error: year `twenty twenty-four` is not a number\n    hint: TimelineJS writes date parts as numbers: year 2024, month 1 to 12, day 1 to 31",
                "timelinejs-iraq.json:103:46: error: there is no month 13\n    hint: TimelineJS numbers months from 1 (January) to 12 (December)",
            ])
        #expect(
            outcome.notes == [
                "1 slide gave a time of day, not kept: Dossier dates events to the day (write it in the text, or in display_date)"
            ])
        // The only findings left are the sources a timeline does not have.
        let check = SiteBuilder(options: site.options).check()
        #expect(check.diagnostics.filter { !$0.message.hasSuffix("cites no source") }.isEmpty, "\(check.diagnostics)")
        try site.build()
        try Self.expectNothingHostile(in: site)

        // The title slide: the report's title and description.
        let home = try site.html("index.html")
        #expect(home.contains("<title>Iraq’s militias and US forces</title>"))
        #expect(
            home.contains(
                "How the attacks on US troops in Iraq and Syria paused after a visit by Iranian general Esmail Qaani."))
        // Dates at the slide's precision; a period; the display date kept.
        #expect(
            try site.html("events/the-popular-mobilization-forces-are-formed/index.html").contains(
                #"data-precision="year" data-pagefind-meta="date">2014</time>"#))
        let killed = try site.html("events/soleimani-muhandis-killed/index.html")
        #expect(killed.contains(#"data-precision="month" data-pagefind-meta="date">January 2020</time>"#))
        #expect(
            try site.html("events/over-170-attacks-on-us-troops-in-iraq-and-syria/index.html").contains(
                ">October 2023 – 4 February 2024</time>"))
        // The HTML as Markdown: paragraphs, emphasis, line breaks, lists, safe links; a javascript: link's words only.
        #expect(
            killed.contains(
                "<p>The Iraqi parliament voted unanimously for an end to the US military presence; the US refused to leave.</p>"
            ))
        let visit = try site.html("events/qaani-visit/index.html")
        #expect(visit.contains("a heavy American response.<br />\nHe said the groups should lie low:"))
        #expect(visit.contains("<li>to avoid being <em>targeted</em>,</li>"))
        #expect(visit.contains(#"<a href="https://www.reuters.com/">Reuters</a>, citing Iranian and Iraqi sources."#))
        #expect(
            try site.html("events/kataib-hezbollah-suspends-attacks/index.html").contains(
                "<p>1. Not a list: *stars* and [brackets] stay as they are.</p>"))
        // Media: a picture of the site shown; media elsewhere linked, not loaded.
        #expect(
            visit.contains(
                #"<img src="../../media/qaani-visit.png" alt="A map of Iraq with Baghdad marked" loading="lazy">"#))
        let jordan = try site.html("events/three-us-troops-killed-in-a-drone-attack-in-jordan/index.html")
        #expect(
            jordan.contains(
                #"<a href="https://www.reuters.com/world/middle-east/">View the media on www.reuters.com</a>"#))
        #expect(jordan.contains("Credit: Reuters"))
        #expect(!jordan.contains("<img src=\"https://"))
        // Two slides with one headline: two events.
        #expect(
            FileManager.default.fileExists(
                atPath: site.output.appendingPathComponent("events/us-strikes-in-iraq-2/index.html").path))
        // The era: a topic with its own period, holding the events it spans.
        let era = try site.html("topics/era-attacks-on-us-forces/index.html")
        #expect(era.contains("Topic · October 2023 – 4 February 2024"))
        #expect(era.contains("<strong>over 170 times</strong>"))
        let report = try #require(SiteBuilder(options: site.options).validate().report)
        #expect(
            report.topicEvents["era-attacks-on-us-forces"]?.map { report.events[$0].id } == [
                "over-170-attacks-on-us-troops-in-iraq-and-syria", "three-us-troops-killed-in-a-drone-attack-in-jordan",
                "qaani-visit",
                "kataib-hezbollah-suspends-attacks", "us-strikes-in-iraq",
            ])
        // Groups are tags; unique_id is the id and the external id.
        #expect(report.event("soleimani-muhandis-killed")?.tags == ["background"])
        #expect(report.event("qaani-visit")?.externalID == "qaani-visit")
        #expect(report.event("us-strikes-in-iraq")?.externalID == nil)
    }

    @Test func theSheetReadsAsTheTemplateWritesIt() throws {
        let (site, result) = try Self.imported("timelinejs-iraq-sheet.csv")
        #expect(
            result.outcome?.summary
                == "4 events, 0 new actors, 1 new event type, 1 new topic, 1 row skipped (see the errors above)")
        #expect(
            result.diagnostics.map(\.description) == [
                "timelinejs-iraq-sheet.csv:8:8: error: `2024-02-31` is not a real date: February 2024 has 29 days\n    hint: a day runs from 1 to the month's length"
            ])
        let check = SiteBuilder(options: site.options).check()
        #expect(check.diagnostics.filter { !$0.message.hasSuffix("cites no source") }.isEmpty, "\(check.diagnostics)")
        try site.build()
        try Self.expectNothingHostile(in: site)
        #expect(try site.html("index.html").contains("<title>Iraq&#39;s militias and US forces</title>"))
        #expect(
            try site.html("events/the-popular-mobilization-forces-are-formed/index.html").contains(
                #"data-precision="year" data-pagefind-meta="date">2014</time>"#))
        let killed = try site.html("events/soleimani-and-al-muhandis-killed/index.html")
        #expect(killed.contains(#"data-precision="month" data-pagefind-meta="date">January 2020</time>"#))
        #expect(killed.contains("Killed by a US drone strike, in Baghdad."))
        #expect(
            try site.html("events/esmail-qaani-visits-iraq/index.html").contains(
                "He warned of a heavy American response;<br />\nthe groups should lie low."))
        #expect(
            try site.html("topics/era-attacks-on-us-forces/index.html").contains(
                "Topic · October 2023 – 4 February 2024"))
    }

    /// A new report's placeholder title is no title of the author's: the title slide replaces
    /// it. A title the author wrote stays, and the import says so.
    @Test func theTitleSlideReplacesOnlyANewReportsPlaceholder() throws {
        let site = try TestSite()
        try FileManager.default.removeItem(at: site.content)
        try NewReport.create(in: site.root.appendingPathComponent("new"), shownAs: "new")
        try FileManager.default.moveItem(at: site.root.appendingPathComponent("new/Content"), to: site.content)
        try site.write("static/media/qaani-visit.png", "a file of the site")
        let (placeholder, result) = try Self.imported(into: site, fresh: false)
        #expect(result.outcome?.notes.count == 1)
        let config = try String(contentsOf: placeholder.content.appendingPathComponent("site.yaml"), encoding: .utf8)
        #expect(config.contains("title: Iraq’s militias and US forces\ndescription: How the attacks"))
        #expect(!config.contains("My report"))

        let own = try TestSite()
        let (_, kept) = try Self.imported(into: own, fresh: false)
        #expect(kept.outcome != nil, "\(kept.diagnostics)")
        #expect(
            kept.outcome?.notes.contains(
                "the timeline's title was not used: site.yaml has one (\"Iraq’s militias and US forces\")") == true)
        #expect(
            try String(contentsOf: own.content.appendingPathComponent("site.yaml"), encoding: .utf8).contains(
                "title: Test report"))
    }

    @Test func groupsBecomeTopicsWhenAsked() throws {
        let (site, result) = try Self.imported(options: Importer.Options(eventType: "Statement", groupsAsTopics: true))
        #expect(result.outcome?.topics == 3)
        try site.build()
        let report = try #require(SiteBuilder(options: site.options).validate().report)
        #expect(report.topicEvents["background"]?.count == 2)
        #expect(report.topicEvents["attacks"]?.count == 5)
        #expect(report.config.eventTypes.last.map { [$0.id, $0.label] } == ["statement", "Statement"])
        let imported = report.events.filter { $0.origin.file.contains("events/timelinejs/") }
        #expect(imported.count == 8 && imported.allSatisfy { $0.type == "statement" })
    }

    @Test func importingAgainChangesNothing() throws {
        let (site, _) = try Self.imported()
        let before = try FileManager.default.subpathsOfDirectory(atPath: site.content.path).sorted().map { path in
            (path, try? Data(contentsOf: site.content.appendingPathComponent(path)))
        }
        let (_, again) = try Self.imported(into: site, fresh: false)
        #expect(
            again.outcome?.summary
                == "0 events, 0 new actors, 0 new event types, 8 already in the report, left as they are, 2 slides skipped (see the errors above)"
        )
        let after = try FileManager.default.subpathsOfDirectory(atPath: site.content.path).sorted().map { path in
            (path, try? Data(contentsOf: site.content.appendingPathComponent(path)))
        }
        #expect(after.map(\.0) == before.map(\.0))
        #expect(zip(after, before).allSatisfy { $0.1 == $1.1 })
    }

    @Test(arguments: ["data/events.json", "data/events.csv"])
    func theImportedEventsReadBackFromTheDownloads(download: String) throws {
        let (original, again) = try DownloadRoundTripTests.roundTrip(
            { site in _ = try Self.imported(into: site) }, through: download)
        for file in ["data/events.json", "data/events.csv"] {
            #expect(try again.html(file) == original.html(file), "\(file)")
        }
        #expect(try original.html("data/events.json").contains(#""url":"media/qaani-visit.png""#))
        #expect(try original.html("data/events.csv").split(separator: "\n").first?.contains("media_caption") == true)
    }

    /// A slide with an error in one of its fields was reported and imported anyway, without that
    /// field ("10 error lines, 8 skipped", on main before): it is left out, and counted once
    /// however many errors it has.
    @Test func aSlideWithAnErrorIsLeftOutAndCountedOnce() throws {
        let site = try TestSite()
        try site.write(
            "t.json",
            """
            {"events": [
              {"start_date": {"year": "2024", "month": "1"}, "text": {"headline": ["not", "text"], "text": {"p": 1}}},
              {"start_date": {"year": "2024", "month": "2"}, "text": {"headline": "Fine"}}
            ]}
            """)
        let result = try Importer.run(
            .timelinejs, file: site.content.appendingPathComponent("t.json"), shownAs: "t.json", content: site.content,
            contentName: "Content", dryRun: true)
        let outcome = try #require(result.outcome, "\(result.diagnostics)")
        #expect(outcome.events == 1)
        #expect(outcome.summary.hasSuffix("1 slide skipped (see the errors above)"), "\(outcome.summary)")
        #expect(
            result.diagnostics.filter { $0.severity == .error }.count == 2
                && result.diagnostics.allSatisfy { $0.location.line == 2 || $0.severity != .error })
    }

    @Test func otherFilesAreRefusedSayingWhatWasExpected() throws {
        let site = try TestSite()
        try site.write(
            "acled.csv",
            try String(contentsOf: ACLEDImportTests.fixtures.appendingPathComponent("acled-iraq.csv"), encoding: .utf8))
        try site.write("other.json", #"{"items": [1, 2]}"#)
        let acled = try Importer.run(
            .timelinejs, file: site.content.appendingPathComponent("acled.csv"), shownAs: "acled.csv",
            content: site.content, contentName: "Content", dryRun: true)
        #expect(acled.outcome == nil)
        #expect(
            acled.diagnostics.first?.message
                == "this is not a TimelineJS sheet: it has no `Year` and `Headline` columns")
        let other = try Importer.run(
            .timelinejs, file: site.content.appendingPathComponent("other.json"), shownAs: "other.json",
            content: site.content, contentName: "Content", dryRun: true)
        #expect(
            other.diagnostics.map(\.description).first?.hasPrefix(
                "other.json:1:1: error: this is not a TimelineJS timeline: it has no `events` list") == true)
        let json = try Importer.run(
            .acled, file: Self.fixtures.appendingPathComponent("timelinejs-iraq.json"), shownAs: "t.json",
            content: site.content, contentName: "Content", dryRun: true)
        #expect(json.diagnostics.first?.message == "this file is JSON, not an ACLED export")
    }

    @Test func mediaMustBeAWebAddressOrAFileOfTheSite() throws {
        let site = try TestSite()
        try site.write(
            "events/e.yaml",
            """
            - id: a
              date: 2024-01-01
              title: A
              type: meeting
              media: { url: "javascript:alert(1)" }
              sources: [{ publisher: P, url: "https://example.org/" }]
            - id: b
              date: 2024-01-02
              title: B
              type: meeting
              media: { url: media/missing.jpg, caption: A picture }
              sources: [{ publisher: P, url: "https://example.org/" }]
            """)
        let messages = SiteBuilder(options: site.options).check().diagnostics.map(\.description)
        #expect(
            messages.contains {
                $0.hasPrefix(
                    "Content/events/e.yaml:5:17: error: the media's address `javascript:alert(1)` is neither a web address nor a path in the site"
                )
            })
        #expect(
            messages.contains {
                $0.hasPrefix(
                    "Content/events/e.yaml:11:10: error: the media `media/missing.jpg` of event `b` is not a file of the site"
                )
            })
    }
}

/// A timeline's HTML text as Markdown, through libxml2's HTML parser.
@Suite struct HTMLToMarkdownTests {
    @Test(arguments: [
        "<script>alert(1)</script>",
        "<ScRiPt SRC=//evil.example/x.js></ScRiPt>",
        "<script>alert(1)",
        "<img src=x onerror=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<style>body{display:none}</style>",
        "<svg><script>alert(1)</script></svg>",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
        "<a href=\"java&#x09;script:alert(1)\"></a>",
    ])
    func markupThatIsNotTextLeavesNothing(html: String) {
        #expect(HTMLToMarkdown.markdown(html) == "")
    }

    @Test func textKeepsItsShapeAndItsWords() {
        #expect(
            HTMLToMarkdown.markdown("<p>One <em>two</em> <b>three</b></p><p>Four<br>five</p>")
                == "One *two* **three**\n\nFour\\\nfive")
        #expect(HTMLToMarkdown.markdown("Loose text <i> spaced </i>end") == "Loose text *spaced* end")
        #expect(
            HTMLToMarkdown.markdown("<ol><li>a</li><li>b <a href=\"https://e.org/a b\">c</a></li></ol>")
                == "1. a\n2. b [c](<https://e.org/a b>)")
        #expect(HTMLToMarkdown.markdown("<blockquote><p>Said.</p></blockquote>") == "> Said.")
        #expect(HTMLToMarkdown.markdown("<h1>Title</h1><p>x</p>") == "## Title\n\nx")
        // Relative links pointed into the timeline's own site: their words stay.
        #expect(
            HTMLToMarkdown.markdown("<a href=\"page.html\">words</a> <a href=\"JAVASCRIPT:x\" onclick=\"y()\">more</a>")
                == "words more")
        // Entities decoded; characters Markdown would read as markup escaped.
        #expect(
            HTMLToMarkdown.markdown("AT&amp;T &ldquo;5 * 3&rdquo; [a](b) <code>x*y</code>")
                == "AT\\&T “5 \\* 3” \\[a\\](b) `x*y`")
        #expect(
            HTMLToMarkdown.markdown("<p>- not a list</p><p>2024. A year</p><p># not a heading</p>")
                == "\\- not a list\n\n2024\\. A year\n\n\\# not a heading")
        #expect(
            HTMLToMarkdown.plainText("<b>Esmail</b>&nbsp;Qaani <script>x()</script>visits") == "Esmail Qaani visits")
    }

    /// Whatever the HTML, the Markdown renders with cmark to HTML with no element or attribute
    /// the input smuggled in.
    @Test func renderedMarkdownCarriesNoMarkupFromTheInput() {
        let inputs = [
            "<p onclick=x()>a</p>", "<<script>script>alert(1)<</script>/script>",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "<a href='https://e.org/\" onmouseover=\"x()'>l</a>", "<div><p>a<p>b</div>", "`<script>`",
        ]
        for input in inputs {
            let html = CommonMark().html(HTMLToMarkdown.markdown(input))
            #expect(!html.contains("<script"), "\(input) → \(html)")
            #expect(!html.contains("onmouseover=\""), "\(input) → \(html)")
            #expect(!html.contains("onclick"), "\(input) → \(html)")
        }
    }
}
