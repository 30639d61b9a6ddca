import Foundation
import Testing
@testable import DossierKit

/// Runs every case of the broken-content corpus (`Tests/Fixtures/broken/`), comparing the exact
/// diagnostics with the case's `expected.txt`.
@Suite struct CorpusTests {
    static let fixtures = TestSite.repository.appendingPathComponent("Tests/Fixtures")

    static var cases: [String] {
        let folder = fixtures.appendingPathComponent("broken")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }
            .sorted()
    }

    /// The base report and default theme, with the case's files laid over them, checked.
    static func diagnostics(for name: String) throws -> String {
        let manager = FileManager.default
        let root = manager.temporaryDirectory.appendingPathComponent("dossier-corpus-\(name)-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: root) }
        try manager.copyItem(at: fixtures.appendingPathComponent("base"), to: root)
        try manager.copyItem(
            at: TestSite.repository.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        let overlay = fixtures.appendingPathComponent("broken/\(name)")
        for url in ContentFile.list(overlay, extensions: nil) {
            let relative = ContentFile.relativePath(of: url, in: overlay)
            guard relative != "expected.txt" else { continue }
            let destination = root.appendingPathComponent(relative)
            try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? manager.removeItem(at: destination)
            try manager.copyItem(at: url, to: destination)
        }
        let result = SiteBuilder(options: BuildOptions(root: root)).check()
        return result.diagnostics.map(\.description).joined(separator: "\n")
    }

    @Test func theCorpusIsNotEmpty() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: CorpusTests.cases)
    func brokenContentGetsExactlyTheExpectedDiagnostics(name: String) throws {
        let expected = try String(
            contentsOf: Self.fixtures.appendingPathComponent("broken/\(name)/expected.txt"), encoding: .utf8)
        #expect(try Self.diagnostics(for: name) == expected.trimmingCharacters(in: .newlines))
    }

    @Test func theBaseReportIsClean() throws {
        let manager = FileManager.default
        let root = manager.temporaryDirectory.appendingPathComponent("dossier-corpus-base-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: root) }
        try manager.copyItem(at: Self.fixtures.appendingPathComponent("base"), to: root)
        try manager.copyItem(
            at: TestSite.repository.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        #expect(SiteBuilder(options: BuildOptions(root: root)).check().diagnostics.map(\.description) == [])
    }
}
