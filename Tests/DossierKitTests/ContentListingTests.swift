import Foundation
import Testing
@testable import DossierKit

/// Which files of the content folder are read, and in what order: the loader and the preview's
/// watcher share this listing.
@Suite struct ContentListingTests {
    @Test func listsContentFilesInPathOrderAndSkipsHiddenFilesAndBackups() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-listing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = [
            "b.yaml", "a.YML", "nested/deeper/c.json", "nested/d.csv", "notes.txt", "e.yaml~",
            ".hidden.yaml", ".git/config.yaml", "nested/.cache/f.yaml", "café/g.yaml",
        ]
        for file in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x: 1\n".utf8).write(to: url)
        }
        // A link back up is a loop, skipped with a warning; a link to a file is listed under its own name.
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("loop").path, withDestinationPath: root.path)
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("linked.yaml").path,
            withDestinationPath: root.appendingPathComponent("b.yaml").path)

        let (listed, skipped) = ContentFile.listStamped(root, extensions: ["yaml", "yml", "json", "csv"])
        #expect(
            listed.map { ContentFile.relativePath(of: $0.url, in: root) } == [
                "a.YML", "b.yaml", "café/g.yaml", "linked.yaml", "nested/d.csv", "nested/deeper/c.json",
            ])
        #expect(listed.allSatisfy { $0.stamp.size == 5 })
        #expect(listed.first { $0.url.lastPathComponent == "linked.yaml" }?.source.lastPathComponent == "b.yaml")
        #expect(skipped.map(\.path) == [root.appendingPathComponent("loop").path])
        #expect(ContentFile.list(root, extensions: nil).count == 7, "every extension, with notes.txt")
    }

    @Test func aMissingFolderListsNothing() {
        #expect(ContentFile.walk("/nonexistent/dossier-\(UUID().uuidString)").files.isEmpty)
    }

    @Test(arguments: [("events/a.yaml", "yaml"), ("a.tar.gz", "gz"), ("README", ""), ("dir.d/file", ""), ("x.", "")])
    func fileExtensions(path: String, expected: String) {
        #expect(ContentFile.fileExtension(ContentFile.fileName(path)) == expected)
    }
}
