import Foundation
import Testing
@testable import DossierKit

/// Input that would exhaust memory or time is refused with a located error: alias bombs, deep
/// nesting, files too large to read.
@Suite struct InputLimitsTests {
    /// Nine levels of ten aliases: a billion values from 500 bytes.
    static let billionLaughs = """
        - id: lol
          date: 2024-01-01
          title: Laughs
          type: attack
          a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]
          b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
          c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
          d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
          e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
          f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
          g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]
          h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]
          i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]

        """

    /// One bad date in an anchor that ten events merge (`<<: *base`) was reported ten times at
    /// the same line (on main before): each located message is reported once.
    @Test func anErrorInAValueReusedThroughAnAliasIsReportedOnce() throws {
        let site = try TestSite()
        let reuses = (2...10).map { "- <<: *base\n  id: e\($0)\n" }.joined()
        try site.write(
            "events/reused.yaml", "- &base\n  id: e1\n  date: 2024-13-01\n  title: A\n  type: attack\n" + reuses)
        let errors = SiteBuilder(options: site.options).check().errors
        #expect(
            errors.map(\.description) == [
                "Content/events/reused.yaml:3:9: error: `2024-13-01` is not a real date: there is no month 13\n    hint: write a day as 2024-01-28, a month as 2023-10, a year as 2014"
            ])
    }

    /// On c5ad4ae this took gigabytes (the conversion expanded every alias): here `dossier check`
    /// runs with 3 GB of address space at most and must answer with the error.
    @Test func anAliasBombIsRefusedWithinAMemoryLimit() throws {
        let site = try TestSite()
        try site.write("events/lol.yaml", Self.billionLaughs)
        let dossier = CommandLineTests.executable.path
        let result = try CommandLineTests.run(
            ["-c", "ulimit -v 3000000; exec \"$0\" check --templates \"$1\"", dossier, site.templates.path],
            in: site.root, executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix(
                """
                Content/events/lol.yaml:5:6: error: the aliases (`*name`) to this value expand the file to more than 2000000 values
                    hint: this is how a "billion laughs" file exhausts memory
                """), "\(result.stderr)")
    }

    @Test func anchorsAndMergeKeysStillWork() throws {
        let site = try TestSite()
        try site.write(
            "events/merged.yaml",
            """
            - id: first
              date: 2024-01-01
              title: First
              type: attack
              sources:
                - &wire { publisher: The Wire, url: "https://example.org/wire" }
              tags: &tags [one, two]
            - id: second
              date: 2024-01-02
              title: Second
              type: attack
              sources:
                - <<: *wire
                  title: A later report
              tags: *tags
            """)
        try site.build()
        let page = try site.html("events/second/index.html")
        #expect(page.contains("The Wire"))
        #expect(page.contains("A later report"))
        #expect(page.contains("two"))
    }

    @Test func expansionJustBelowTheLimitIsAccepted() {
        // 10 × 10 × 10 × 10 × 10 = 100,000 values through aliases: large, but allowed.
        let yaml = """
            a: &a [1,2,3,4,5,6,7,8,9,10]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
            """
        let log = DiagnosticLog()
        #expect(YAMLReader.parse(yaml, file: "x.yaml", log: log) != nil)
        #expect(log.diagnostics.isEmpty)
    }

    @Test func deepNestingIsALocatedErrorInPlainWords() {
        let log = DiagnosticLog()
        #expect(YAMLReader.parse("- " + String(repeating: "[", count: 2000), file: "deep.yaml", log: log) == nil)
        #expect(
            log.diagnostics.map(\.description) == [
                """
                deep.yaml:1:3: error: invalid YAML: values are nested more than 1000 levels deep
                    hint: a report needs a few levels at most; look for brackets that are never closed or indentation that runs away
                """
            ])
    }

    @Test func aFileTooLargeToReadIsRefusedUnread() throws {
        let site = try TestSite()
        try site.write("events/huge.yaml", "")
        // Sparse: 200 MiB that take no disk space.
        let handle = try FileHandle(forWritingTo: site.content.appendingPathComponent("events/huge.yaml"))
        try handle.truncate(atOffset: 200 * 1024 * 1024)
        try handle.close()
        let errors = site.failingBuild().map(\.description)
        #expect(
            errors.contains {
                $0.hasPrefix(
                    "Content/events/huge.yaml: error: the file is 200 MiB; Dossier reads content and template files of up to 100 MiB"
                )
            }, "\(errors)")
    }
}
