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

    @Test func mistakesInTheTextFileAreReportedAtTheirLine() throws {
        let site = try ThemeOverrideTests.site(theme: ["text.yaml": "page.timelin: Chronologie\ncasualty.killed: \"tués\"\nmonths: [janvier]\n"])
        let result = SiteBuilder(options: site.options).check(keepingFiles: false)
        let messages = result.diagnostics.map(\.description)
        #expect(messages.contains { $0.hasPrefix("Templates/text.yaml:1:1: warning: unknown text `page.timelin`; it is not used") && $0.contains("did you mean `page.timeline`?") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("Templates/text.yaml:2:18: warning: the text `casualty.killed` should use {figure}") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("Templates/text.yaml:3:9: error: `months` must be a list of the twelve month names") }, "\(messages)")
    }

    /// Only files inside the theme folder are read: a text.yaml that links out of it is refused.
    @Test func aTextFileLinkingOutOfTheThemeIsNotRead() throws {
        let site = try ThemeOverrideTests.site(theme: ["page.mustache": BuiltInTheme.files["page.mustache"]!])
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-outside-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("page.timeline: Leaked\n".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(at: site.templates.appendingPathComponent("text.yaml"), withDestinationURL: outside)
        let log = DiagnosticLog()
        let theme = try #require(TemplateSet.load(from: site.templates, displayName: "Templates", log: log))
        #expect(log.diagnostics.contains { $0.severity == .error && $0.location.file == "Templates/text.yaml" }, "\(log.diagnostics.map(\.description))")
        #expect(theme.text("page.timeline") == "Timeline")
    }

    @Test func theBuiltInTextsAreEnglishAndComplete() {
        let text = DisplayText.builtIn
        #expect(text.months.count == 12)
        #expect(text.date(EventDate(start: try! PartialDate.parse("2024-01-28").get())) == "28 January 2024")
        for kind in Actor.Kind.allCases {
            #expect(text.optional("actor.\(kind.rawValue)") != nil && text.optional("actor.\(kind.rawValue).plural") != nil)
        }
        for role in Involvement.Role.allCases { #expect(text.optional("role.\(role.rawValue)") != nil) }
        for kind in Casualty.Kind.allCases { #expect(text.optional("casualty.\(kind.rawValue)") != nil) }
        for kind in PageKinds.builtIn where kind.navigationLabel != nil {
            #expect(text.optional("page.\(kind.name)") == kind.navigationLabel)
        }
    }
}
