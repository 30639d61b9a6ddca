import Foundation
import PropertyBased
import Testing
@testable import DossierKit

/// The three importers fed files whose ids, types, names and links are built to escape the
/// report or inject into what it writes: path pieces, YAML syntax, line breaks, control and
/// bidirectional characters, script-bearing links. Whatever the file, an import writes only files
/// of the shapes an import writes, inside `Content/`; `site.yaml` keeps every setting it had (only
/// `event_types` grows, and a timeline may give a missing title); and the report it leaves checks.
@Suite struct ImportFuzzTests {
    /// Each import builds a report: fewer iterations than the loader's fuzz.
    static let iterations = max(60, LoaderFuzzTests.iterations / 25)

    static let pieces = [
        "../", "..", "/", "%2F", "..%2F", "/etc/passwd", "\n", "\r\n", "\r", "key: value", "{", "}", "[", "]", "#",
        "&a", "*a",
        "!!python/object", "'", "\"", "\u{1}", "\u{202E}", "\u{2028}", "javascript:alert(1)", "page:../../x",
        "actor:../x", "topic:x",
        "<script>alert(1)</script>", "`", ":", "- ", "%", " ", "ok", "a-b", "Kataib Hezbollah", "كتائب", "\\", ",", ";",
        "|", ">",
        "markdown: { unsafe_html: true }", "\t", "---", "...", "~", "null", "true", "0x10", "1e300",
    ]

    /// A value made of 1 to 4 pieces, chosen by the instruction's bits.
    static func value(_ instruction: UInt32) -> String {
        (0..<Int(1 + instruction % 4)).map { pieces[Int((instruction >> (5 + 6 * UInt32($0))) % UInt32(pieces.count))] }
            .joined()
    }

    static func json(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }

    static func csv(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func dossierFile(_ words: [UInt32]) -> String {
        let events = words.enumerated().map { index, word -> String in
            let hostile = value(word)
            let id = word & 1 == 0 ? json(hostile) : "\"event-\(index)\""
            let type = word & 2 == 0 ? json(hostile) : "\"attack\""
            let link = ["page", "actor", "topic", "event"][Int(word >> 2) % 4]
            return """
                {"id": \(id), "date": "2024-01-\(String(format: "%02d", 1 + index % 28))", "title": \(json("T " + hostile)), "type": \(type),
                 "actors": [{"id": \(word & 4 == 0 ? json(hostile) : "\"kataib-hezbollah\""), "role": "perpetrator"}],
                 "summary": \(json("[x](\(link):\(hostile)) and [y](\(hostile))")), "sources": [{"publisher": \(json(hostile)), "url": "https://x.example/"}]}
                """
        }
        return "{\"events\": [\n" + events.joined(separator: ",\n") + "\n]}\n"
    }

    static func acledFile(_ words: [UInt32]) -> String {
        var lines = [
            "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,inter1,actor2,inter2,assoc_actor_1,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities,tags,timestamp"
        ]
        for (index, word) in words.enumerated() {
            let hostile = value(word), other = value(word >> 3)
            let fields = [
                word & 1 == 0 ? hostile : "IRQ\(index)", "2024-01-\(String(format: "%02d", 1 + index % 28))", "1",
                word & 2 == 0 ? hostile : "Battles", other,
                hostile, "3", other, "1", hostile, word & 8 == 0 ? hostile : "Iraq", other, hostile, "33.3", "44.4",
                "1", hostile, "\(hostile) [a](javascript:x) \(other)",
                word & 16 == 0 ? "2" : hostile, other, word & 32 == 0 ? "1706745600" : hostile,
            ]
            lines.append(fields.map(csv).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func timelineFile(_ words: [UInt32]) -> String {
        let events = words.enumerated().map { index, word -> String in
            let hostile = value(word)
            return """
                {"start_date": {"year": "2024", "month": "\(1 + index % 12)"}, "unique_id": \(word & 1 == 0 ? json(hostile) : "\"slide-\(index)\""), "group": \(json(hostile)),
                 "text": {"headline": \(json(hostile)), "text": \(json("<p>\(hostile) <a href=\"\(hostile)\">l</a> <a href=\"javascript:\(hostile)\">j</a></p>"))},
                 "media": {"url": \(json(word & 2 == 0 ? hostile : "https://x.example/p.jpg")), "caption": \(json(hostile))}}
                """
        }
        let era =
            words.first.map {
                #"{"start_date": {"year": "2024"}, "end_date": {"year": "2024"}, "text": {"headline": \#(json(value($0)))}}"#
            } ?? ""
        return "{\"title\": {\"text\": {\"headline\": \(json(value(words.first ?? 0)))}}, \"events\": [\n"
            + events.joined(separator: ",\n") + "\n], \"eras\": [\(era)]}\n"
    }

    @Test(arguments: [Importer.Format.dossier, .acled, .timelinejs])
    func hostileFilesNeitherEscapeNorInject(format: Importer.Format) async throws {
        await propertyCheck(count: Self.iterations, input: Gen<UInt32>.value(in: 0...UInt32.max).array(of: 1...6)) {
            words in
            do {
                try Self.importAndInspect(format, words)
            } catch {
                Issue.record("\(format): \(error)")
            }
        }
    }

    static func importAndInspect(_ format: Importer.Format, _ words: [UInt32]) throws {
        let site = try ImportSafetyTests.newReport()
        let text: String
        switch format {
        case .dossier: text = dossierFile(words)
        case .acled: text = acledFile(words)
        case .timelinejs: text = timelineFile(words)
        }
        let file = site.root.appendingPathComponent(format == .acled ? "export.csv" : "export.json")
        try Data(text.utf8).write(to: file)
        let outside = ImportSafetyTests.snapshot(site.root).filter { !$0.key.hasPrefix("Content/") }
        let before = ImportSafetyTests.snapshot(site.content)
        let configBefore = try #require(SiteBuilder(options: site.options).validate().report?.config)
        let options = Importer.Options(eventType: value(words[0] >> 1), groupsAsTopics: words[0] & 1 == 0)
        let result = try Importer.run(
            format, file: file, shownAs: file.lastPathComponent, content: site.content, contentName: "Content",
            dryRun: false, options: options)
        // Nothing outside Content/, and inside it only the shapes an import writes.
        #expect(ImportSafetyTests.snapshot(site.root).filter { !$0.key.hasPrefix("Content/") } == outside, "\(text)")
        let after = ImportSafetyTests.snapshot(site.content)
        for (path, bytes) in after where before[path] != bytes {
            #expect(ContentPath.problem(with: path) == nil, "\(format) wrote \(path) for:\n\(text)")
        }
        guard result.outcome != nil else {
            #expect(after == before, "\(format): an import that failed changed the report for:\n\(text)")
            return
        }
        // The report checks, and site.yaml kept every setting it had.
        let check = SiteBuilder(options: site.options).validate()
        #expect(
            !check.diagnostics.contains { $0.severity == .error },
            "\(format): \(check.diagnostics.filter { $0.severity == .error }.prefix(3)) for:\n\(text)")
        if let config = check.report?.config {
            #expect(
                config.id == configBefore.id && config.language == configBefore.language
                    && config.allowRawHTML == configBefore.allowRawHTML
                    && config.baseURL == configBefore.baseURL, "\(format): site.yaml's settings changed for:\n\(text)")
            #expect(
                Array(config.eventTypes.prefix(configBefore.eventTypes.count)).map(\.id)
                    == configBefore.eventTypes.map(\.id))
        }
    }
}
