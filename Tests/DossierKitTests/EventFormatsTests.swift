import Foundation
import Testing
@testable import DossierKit

/// Events can be written as YAML (one or a list), JSON or CSV, and mean the same.
@Suite struct EventFormatsTests {
    static let actor = "---\nname: Militia\nkind: armed-group\n---\nA group.\n"

    func build(_ file: String, _ text: String) throws -> (TestSite, Report) {
        let site = try TestSite()
        try site.write("actors/militia.md", Self.actor)
        try site.write("events/\(file)", text)
        try site.build()
        let report = try #require(SiteBuilder(options: site.options).validate().report)
        return (site, report)
    }

    func expectTheSameEvent(_ report: Report) throws {
        let event = try #require(report.event("camp-raid"))
        #expect(event.title == "Raid on a camp, near the border")
        #expect(event.date.iso == "2024-01-28")
        #expect(event.location?.formatted == "Camp, Syria")
        #expect(event.location?.latitude == 33.5)
        #expect(event.actors.map(\.actorID) == ["militia"])
        #expect(event.actors.map(\.role) == [.perpetrator])
        #expect(event.casualties.map(DisplayText.builtIn.casualty) == ["2–4 killed (fighters)"])
        #expect(event.sources.map(\.url) == ["https://example.org/raid"])
        #expect(event.tags == ["raids", "border"])
        #expect(event.confidence == "claimed")
    }

    @Test func yaml() throws {
        let (_, report) = try build(
            "raid.yaml",
            """
            id: camp-raid
            date: 2024-01-28
            title: Raid on a camp, near the border
            type: attack
            location: { name: Camp, country: Syria, lat: 33.5, lon: 36.3 }
            actors: [{ id: militia, role: perpetrator }]
            casualties: [{ kind: killed, min: 2, max: 4, who: fighters }]
            sources: [{ publisher: Wire, url: "https://example.org/raid" }]
            confidence: claimed
            tags: [raids, border]
            """)
        try expectTheSameEvent(report)
    }

    @Test func json() throws {
        let (_, report) = try build(
            "raid.json",
            """
            [{"id": "camp-raid", "date": "2024-01-28", "title": "Raid on a camp, near the border", "type": "attack",
              "location": {"name": "Camp", "country": "Syria", "lat": 33.5, "lon": 36.3},
              "actors": [{"id": "militia", "role": "perpetrator"}],
              "casualties": [{"kind": "killed", "min": 2, "max": 4, "who": "fighters"}],
              "sources": [{"publisher": "Wire", "url": "https://example.org/raid"}],
              "confidence": "claimed", "tags": ["raids", "border"]}]
            """)
        try expectTheSameEvent(report)
    }

    @Test func csv() throws {
        let (site, report) = try build(
            "raid.csv",
            """
            id,date,title,type,place,country,lat,lon,actors,killed_min,killed_max,killed_who,source_publisher,source_url,confidence,tags
            camp-raid,2024-01-28,"Raid on a camp, near the border",attack,Camp,Syria,33.5,36.3,militia:perpetrator,2,4,fighters,Wire,https://example.org/raid,claimed,raids; border
            """)
        try expectTheSameEvent(report)
        #expect(
            try site.html("events/camp-raid/index.html").contains(
                #"<h1 data-pagefind-weight="10">Raid on a camp, near the border</h1>"#))
    }

    /// A column named twice was read as its first, silently (on main before).
    @Test func aColumnNamedTwiceIsAnError() throws {
        let site = try TestSite()
        try site.write("events/twice.csv", "id,date,title,type,title\nraid,2024-01-28,First,attack,Second\n")
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.description)
        #expect(
            errors == [
                "Content/events/twice.csv:1:20: error: the column `title` is named twice (columns 3 and 5); which one holds the values cannot be told\n    hint: rename or remove one of them"
            ], "\(errors)")
    }

    @Test func theCSVDownloadReadsBackAsContent() throws {
        let site = try TestSite()
        try SampleContent.write(to: site)
        try site.build()
        let csv = try String(contentsOf: site.output.appendingPathComponent("data/events.csv"), encoding: .utf8)
        let again = try TestSite()
        try again.write("events/all.csv", csv)
        for (name, text) in [("militia", SampleContent.militia), ("army", SampleContent.army)] {
            try again.write("actors/\(name).md", text)
        }
        let original = try #require(SiteBuilder(options: site.options).validate().report)
        let reread = try #require(SiteBuilder(options: again.options).validate().report)
        #expect(reread.events.map(\.id) == original.events.map(\.id))
        #expect(reread.events.map(\.date) == original.events.map(\.date))
        #expect(
            reread.events.map { $0.casualties.first.map(DisplayText.builtIn.casualty) }
                == original.events.map { $0.casualties.first.map(DisplayText.builtIn.casualty) })
    }

    /// On c5ad4ae a formula in a title reached data/events.csv as it was: a spreadsheet opening
    /// the download would run it.
    @Test func theCSVDownloadCarriesNoFormulasAndReadsBackExactly() throws {
        let titles = [
            "=HYPERLINK(\"https://evil.example\",\"Source\")", "+1+1", "-2+3", "@SUM(A1)", "\tTabbed", "'=quoted",
            "''twice", "'Tis the season", "'", "-", "Plain",
        ]
        let site = try TestSite()
        let events = titles.enumerated().map { index, title in
            "- { id: event-\(index), date: 2024-01-\(String(format: "%02d", index + 1)), title: \(String(decoding: try! JSONEncoder().encode(title), as: UTF8.self)), type: attack, location: { name: Spot, lat: -33.5, lon: 151.2 }, sources: [{ publisher: \"-Wire\", url: \"https://example.org/\" }] }"
        }
        try site.write("events/formulas.yaml", events.joined(separator: "\n"))
        try site.build()
        let csv = try String(contentsOf: site.output.appendingPathComponent("data/events.csv"), encoding: .utf8)
        for line in csv.split(separator: "\n").dropFirst() {
            for cell in line.split(separator: ",", omittingEmptySubsequences: false) {
                let text = cell.hasPrefix("\"") ? cell.dropFirst() : cell
                #expect(!["=", "+", "@", "\t", "\r"].contains(text.first.map(String.init) ?? ""), "\(cell)")
                #expect(!(text.hasPrefix("-") && Double(text) == nil), "\(cell)")
            }
        }
        #expect(csv.contains(",-33.5,151.2,"), "numbers stay numbers")
        let again = try TestSite()
        try again.write("events/all.csv", csv)
        let reread = try #require(SiteBuilder(options: again.options).validate().report)
        #expect(reread.events.map(\.title) == titles)
        #expect(reread.events.allSatisfy { $0.sources.first?.publisher == "-Wire" })
    }

    /// On c5ad4ae an unclosed quote made the rest of the file one field, with no syntax error.
    @Test func anUnclosedQuoteIsReportedWhereItOpens() throws {
        let site = try TestSite()
        try site.write(
            "events/bad.csv",
            "id,date,title,type\nok-one,2024-01-01,\"Fine, \"\"quoted\"\"\",attack\nbad-two,2024-01-02,\"Never closed,attack\nthree,2024-01-03,Three,attack\n"
        )
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.description)
        #expect(
            errors == [
                "Content/events/bad.csv:3:20: error: this quote opens a field that is never closed, so the rest of the file would be one field\n    hint: close the field with a quote; a quote inside a field is written twice: \"He said \"\"no\"\"\""
            ], "\(errors)")
        #expect(CSVTableReader.unclosedQuote(in: "a,b\n\"x\"\"y\",\"z\"\n") == nil)
        #expect(CSVTableReader.unclosedQuote(in: "a,b\né,\"x\n") ?? (0, 0) == (2, 3))
    }

    @Test func csvErrorsPointAtRowAndColumn() throws {
        let site = try TestSite()
        try site.write(
            "events/bad.csv", "id,date,title,type\nok-one,2024-01-01,Fine,attack\nbad-two,2024-13-01,Bad month,attack\n"
        )
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.description)
        #expect(
            errors == [
                "Content/events/bad.csv:3:9: error: `2024-13-01` is not a real date: there is no month 13\n    hint: write a day as 2024-01-28, a month as 2023-10, a year as 2014"
            ])
    }

    @Test func yamlSyntaxErrorsPointAtTheLine() throws {
        let site = try TestSite()
        try site.write("events/bad.yaml", "id: x\ndate: 2024-01-01\ntitle: Talks: day one\ntype: attack\n")
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.location == SourceLocation(file: "Content/events/bad.yaml", line: 3, column: 13))
        #expect(errors.first?.message.hasPrefix("invalid YAML") == true)
    }

    /// The JSON download is written record by record, one a line; it must hold exactly what
    /// encoding the whole document gives (600 events cross the writer's chunks of 256).
    @Test(arguments: [0, 1, 600]) func theJSONDownloadIsTheWholeDocumentEncoded(events: Int) throws {
        let site = try TestSite()
        if events > 0 { try SyntheticReport(events: events, actors: 20, seed: 11).write(to: site.root) }
        let report = try #require(SiteBuilder(options: site.options).validate().report)
        #expect(report.events.count == events)
        guard case .data(let streamed) = DataExport.json(report).contents else { Issue.record("not data"); return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let whole = try encoder.encode(
            DataExport.Document(title: report.config.title, events: report.events.map(DataExport.Record.init)))
        let parse = { (data: Data) in try JSONSerialization.jsonObject(with: data) as? NSDictionary }
        #expect(try parse(streamed) == parse(whole))
        // One event a line, between the opening line and the closing one.
        let lines = String(decoding: streamed, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == (events == 0 ? 1 : events + 2))
        if events > 0 {
            #expect(lines.first == #"{"events":["# && lines.last?.hasPrefix(#"],"schema_version":1,"title":"#) == true)
            #expect(
                lines.dropFirst().dropLast().allSatisfy {
                    $0.hasPrefix(#"{""#) && ($0.hasSuffix("},") || $0 == lines[lines.count - 2])
                })
        }
    }
}

/// The downloads are the content formats: a report whose events are another's `data/events.json`
/// or `data/events.csv` has the same events, so its own downloads are the same to the byte
/// (every source, casualty figure, author, quote and location source included).
@Suite struct DownloadRoundTripTests {
    /// A report's content copied, built; then again with its events replaced by one download.
    static func roundTrip(
        _ write: (TestSite) throws -> Void, through download: String
    ) throws -> (original: TestSite, again: TestSite) {
        let original = try TestSite()
        try write(original)
        try original.build()
        let again = try TestSite()
        try FileManager.default.removeItem(at: again.content)
        try FileManager.default.copyItem(at: original.content, to: again.content)
        try FileManager.default.removeItem(at: again.content.appendingPathComponent("events"))
        try again.write("events/" + (download as NSString).lastPathComponent, try original.html(download))
        try again.build()
        return (original, again)
    }

    static func sample(_ site: TestSite) throws {
        try FileManager.default.removeItem(at: site.content)
        try FileManager.default.copyItem(at: TestSite.repository.appendingPathComponent("Content"), to: site.content)
    }

    static func synthetic(_ site: TestSite) throws {
        try SyntheticReport(events: 300, actors: 20, seed: 3).write(to: site.root)
    }

    @Test(arguments: ["data/events.json", "data/events.csv"])
    func theSampleReportReadsBackFromItsDownload(download: String) throws {
        let (original, again) = try Self.roundTrip(Self.sample, through: download)
        for file in ["data/events.json", "data/events.csv", "data/events.geojson"] {
            #expect(try again.html(file) == original.html(file), "\(file)")
        }
        let json = try original.html("data/events.json")
        // What the downloads lost before: authors, every source after the first, the location's source.
        #expect(json.contains(#""author":""#))
        #expect(json.contains(#""schema_version":1"#))
        let csv = try original.html("data/events.csv")
        #expect(csv.split(separator: "\n").first?.contains("source_2_url") == true)
        #expect(csv.contains("Natural Earth"))
    }

    @Test(arguments: ["data/events.json", "data/events.csv"])
    func aSyntheticReportReadsBackFromItsDownload(download: String) throws {
        let (original, again) = try Self.roundTrip(Self.synthetic, through: download)
        for file in ["data/events.json", "data/events.csv"] {
            #expect(try again.html(file) == original.html(file), "\(file)")
        }
    }

    /// `dossier import dossier`: a download imported into an empty report (`dossier new` without
    /// its examples) gives the same events, with stubs for the actors, types, topics and pages
    /// they name.
    /// - Parameter languages: the empty report's `languages`, when it names them.
    static func importedIntoAnEmptyReport(
        _ write: (TestSite) throws -> Void, from download: String, languages: String? = nil
    ) throws -> (original: TestSite, again: TestSite, result: Importer.Result) {
        let original = try TestSite()
        try write(original)
        try original.build()
        let again = try TestSite()
        try FileManager.default.removeItem(at: again.content)
        try NewReport.create(in: again.root.appendingPathComponent("new"), shownAs: "new")
        try FileManager.default.moveItem(at: again.root.appendingPathComponent("new/Content"), to: again.content)
        for folder in ["events", "actors", "topics", "pages"] {
            let url = again.content.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
                try FileManager.default.removeItem(at: url.appendingPathComponent(name))
            }
        }
        if let languages {
            let config = try String(contentsOf: again.content.appendingPathComponent("site.yaml"), encoding: .utf8)
            try again.write("site.yaml", config + "\nlanguages: \(languages)\n")
        }
        let file = original.output.appendingPathComponent(download)
        let result = try Importer.run(
            .dossier, file: file, shownAs: download, content: again.content, contentName: "Content", dryRun: false)
        try again.build()
        return (original, again, result)
    }

    @Test(arguments: ["data/events.json", "data/events.csv"])
    func aDownloadImportedIntoAnEmptyReportGivesTheSameEvents(download: String) throws {
        // The sample is published in English and Arabic: so is the report it goes into.
        for (write, languages) in [(Self.sample, "[en, ar]"), (Self.synthetic, nil)] {
            let (original, again, result) = try Self.importedIntoAnEmptyReport(
                write, from: download, languages: languages)
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
            let check = SiteBuilder(options: again.options).check()
            #expect(!check.diagnostics.contains { $0.severity == .error }, "\(check.diagnostics)")
            // The same events: the downloads are equal but for the report's own title.
            let withoutTitle = { (text: String) in
                text.replacingOccurrences(of: #","title":"[^\n]*\}\n$"#, with: "", options: .regularExpression)
            }
            #expect(
                withoutTitle(try again.html("data/events.json")) == withoutTitle(try original.html("data/events.json")))
            #expect(try again.html("data/events.csv") == original.html("data/events.csv"))
            #expect(
                result.outcome?.notes.first?.hasPrefix(
                    "the download names actors, event types, topics and pages by id only") == true)
        }
        // Into a report in English alone: every event, its Arabic left out, and the import says so.
        let (_, again, result) = try Self.importedIntoAnEmptyReport(Self.sample, from: download)
        #expect(result.outcome?.summary == "15 events, 15 new actors, 8 new event types, 1 new topic")
        #expect(
            result.outcome?.notes.contains {
                $0.hasPrefix("the translations of 15 events into ar were left out: the report is not published in ar")
            } == true, "\(result.outcome?.notes ?? [])")
        #expect(!(try again.html("data/events.json")).contains(#""translations""#))
        #expect(
            try again.html("actors/kataib-hezbollah/index.html").contains(
                #"<h1 data-pagefind-weight="4">Kataib Hezbollah</h1>"#))
    }

    @Test func aFileThatIsNotADownloadIsRefused() throws {
        let site = try TestSite()
        try site.write("other.csv", "name,when\nx,2024\n")
        let result = try Importer.run(
            .dossier, file: site.content.appendingPathComponent("other.csv"), shownAs: "other.csv",
            content: site.content, contentName: "Content", dryRun: true)
        #expect(result.outcome == nil)
        #expect(
            result.diagnostics.first?.message
                == "this is not a Dossier events download: it has no `id`, `title` and `type` columns")
    }

    /// Every source of every event is in the CSV, in numbered columns after the first.
    @Test func theCSVHasEveryFigureAndSource() throws {
        let site = try TestSite()
        try site.write("actors/militia.md", EventFormatsTests.actor)
        try site.write(
            "events/raid.yaml",
            """
            id: camp-raid
            date: 2024-01-28
            title: Raid
            type: attack
            casualties: [{ kind: killed, count: 2, who: fighters }, { kind: injured, min: 3 }, { kind: killed, count: 1, who: civilians }]
            sources:
              - { publisher: Wire, url: "https://example.org/1", author: A. Writer }
              - { publisher: Daily, url: "https://example.org/2", quote: "They said so." }
              - { publisher: Weekly, url: "https://example.org/3", via: Wire }
            """)
        try site.build()
        let csv = try site.html("data/events.csv")
        let header = try #require(csv.split(separator: "\n").first).split(separator: ",").map(String.init)
        #expect(header.contains("source_3_via") && !header.contains("source_4_url"))
        #expect(header.contains("killed_2_who") && !header.contains("injured_2_min"))
        #expect(header.firstIndex(of: "source_2_publisher") == (header.firstIndex(of: "source_via") ?? 0) + 1)
        for text in ["A. Writer", "https://example.org/2", "They said so.", "Weekly", "civilians"] {
            #expect(csv.contains(text), "\(text)")
        }
    }
}

/// The Downloads page lists every data file with the size of the file published with it.
@Suite struct DownloadsPageTests {
    @Test func everyFileIsListedWithItsSize() throws {
        let site = try TestSite()
        try SyntheticReport(events: 120, actors: 10, seed: 4).write(to: site.root)
        try site.build()
        let html = try site.html("downloads/index.html")
        for path in DataDownloads.paths {
            let bytes = try Data(contentsOf: site.output.appendingPathComponent(path)).count
            #expect(html.contains("<a href=\"../\(path)\" download>\(path)</a> <span class=\"muted\">"), "\(path)")
            #expect(html.contains(DisplayText.builtIn.fileSize(bytes)), "\(path): \(bytes) bytes")
        }
        #expect(html.contains("<a href=\"../data/events.schema.json\">data/events.schema.json</a>"))
        #expect(html.contains("The report states no licence"))
        #expect(try site.html("index.html").contains("<a href=\"downloads/index.html\">All downloads</a>"))
        #expect(DisplayText.builtIn.fileSize(999) == "999 bytes")
        #expect(DisplayText.builtIn.fileSize(28_049) == "28.0 kB")
        #expect(DisplayText.builtIn.fileSize(1_240_000) == "1.2 MB")
        #expect(html.contains("The 50 events most recently published or changed"))
    }

    /// The page says how many events the feeds carry: the sample's feeds hold its 15 events, not
    /// "the 50" it claimed.
    @Test func theFeedsAreDescribedWithTheEventsTheyCarry() throws {
        let (output, files) = try SampleReportTests.buildSample()
        defer { try? FileManager.default.removeItem(at: output) }
        let page = String(decoding: files["downloads/index.html"] ?? Data(), as: UTF8.self)
        let entries =
            String(decoding: files["feed.xml"] ?? Data(), as: UTF8.self).components(separatedBy: "<entry>").count - 1
        #expect(entries == 15)
        #expect(page.contains("The \(entries) events most recently published or changed, newest first."))
    }
}

/// A dataset such as ACLED names its sources' publishers without addresses: an imported event
/// (one with `external_id`) may cite them, shown as unlinked; a source written by hand needs one.
@Suite struct UnlinkedSourceTests {
    @Test func anImportedEventMayCiteASourceWithoutAnAddress() throws {
        let site = try TestSite()
        try site.write(
            "events/imported.yaml",
            """
            - id: acled-irq1234
              external_id: IRQ1234
              date: 2024-01-28
              title: An imported clash
              type: attack
              sources:
                - { publisher: Al Mada }
                - { publisher: ACLED, title: "ACLED event IRQ1234", url: "https://acleddata.com/" }
            """)
        try site.build()
        let page = try site.html("events/acled-irq1234/index.html")
        #expect(
            page.contains(#"<span class="publisher">Al Mada</span> <span class="muted">(no address given)</span>."#))
        #expect(page.contains(#"<a href="https://acleddata.com/">“ACLED event IRQ1234”</a>"#))
        let json = try site.html("data/events.json")
        #expect(json.contains(#""external_id":"IRQ1234""#))
        // Read back from the CSV download, the same.
        let again = try TestSite()
        try again.write("events/all.csv", try site.html("data/events.csv"))
        let event = try #require(SiteBuilder(options: again.options).validate().report?.event("acled-irq1234"))
        #expect(event.externalID == "IRQ1234")
        #expect(event.sources.map(\.url) == [nil, "https://acleddata.com/"])
    }

    @Test func aSourceWrittenByHandNeedsAnAddress() throws {
        let site = try TestSite()
        try site.write(
            "events/own.yaml",
            "- { id: own, date: 2024-01-28, title: Own, type: attack, sources: [{ publisher: Al Mada }] }\n")
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.message)
        #expect(errors == ["the source has no `url`"])
    }
}
