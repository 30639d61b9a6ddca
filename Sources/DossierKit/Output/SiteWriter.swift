import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes the site atomically: into a temporary folder beside the output, swapped in at the end.
///
/// A build that fails at any point leaves the previous site exactly as it was, and the temporary
/// folders of a build that was killed are cleared by the next one.
public struct SiteWriter {
    public let output: URL
    /// Entries of the old output carried into the new one, so the output can be a checkout of a
    /// publishing branch (`.git`) and keep its placeholder (`.gitkeep`).
    static let preserved = [".git", ".gitkeep"]

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    var parent: URL { output.deletingLastPathComponent() }
    var stagingPrefix: String { ".\(output.lastPathComponent).building-" }
    var retiredPrefix: String { ".\(output.lastPathComponent).old-" }

    /// A staging folder beside the output, filled while the site is built and swapped in at the end.
    public final class Staging: @unchecked Sendable {
        public let folder: URL

        init(folder: URL) { self.folder = folder }

        /// Creates every folder the files need, once, before files are written on many threads.
        func prepareFolders(for paths: some Sequence<String>) throws {
            var folders = Set<String>()
            for path in paths {
                let folder = (path as NSString).deletingLastPathComponent
                if !folder.isEmpty { folders.insert(folder) }
            }
            // Sorted, so every parent comes before its children; mkdir(2) directly, as FileManager's
            // checks cost more than the system call itself (10,000 event folders).
            for folder in folders.sorted() {
                let path = self.folder.appendingPathComponent(folder).path
                if mkdir(path, 0o755) != 0, errno != EEXIST {
                    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
                }
            }
        }

        func write(_ file: OutputFile) throws {
            try SiteWriter.write(file, to: folder.appendingPathComponent(file.path))
        }
    }

    /// Clears what a killed build left behind and opens a new staging folder.
    public func stage() throws -> Staging {
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        removeLeftovers()
        let staging = parent.appendingPathComponent(stagingPrefix + UUID().uuidString)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        return Staging(folder: staging)
    }

    /// Makes the staged site the output, keeping `.git` and `.gitkeep` from the old one.
    public func commit(_ staging: Staging) throws {
        do {
            try swapIn(staging.folder)
        } catch {
            abandon(staging)
            throw error
        }
    }

    /// Drops a staged site: the output stays as it was.
    public func abandon(_ staging: Staging) {
        try? FileManager.default.removeItem(at: staging.folder)
    }

    /// Writes a whole site at once (staging, then swap).
    /// - Parameter failAfter: for tests, fail as if the disk broke after this many files.
    public func write(_ files: [OutputFile], failAfter: Int? = nil) throws {
        let staging = try stage()
        do {
            try staging.prepareFolders(for: files.map(\.path))
            let failures = ResultSlots<Error>(count: 1)
            DispatchQueue.concurrentPerform(iterations: files.count) { index in
                do {
                    if let failAfter, index >= failAfter { throw CocoaError(.fileWriteUnknown) }
                    try staging.write(files[index])
                } catch {
                    failures.set(0, error)
                }
            }
            if let error = failures.values.first ?? nil { throw error }
        } catch {
            abandon(staging)
            throw error
        }
        try commit(staging)
    }

    /// One file, written straight from the string's UTF-8 storage without an intermediate copy.
    static func write(_ file: OutputFile, to destination: URL) throws {
        switch file.contents {
        case .text(var text):
            let descriptor = open(destination.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: destination.path]) }
            defer { close(descriptor) }
            let complete = text.withUTF8 { buffer -> Bool in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { return false }
                    offset += written
                }
                return true
            }
            if !complete { throw CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: destination.path]) }
        case .data(let data):
            try data.write(to: destination)
        case .copy(let source):
            try FileManager.default.copyItem(at: source, to: destination)
        case .deferred(let deferred):
            try deferred.data.write(to: destination)
        }
    }

    private func swapIn(_ staging: URL) throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: output.path) else {
            try manager.moveItem(at: staging, to: output)
            return
        }
        let retired = parent.appendingPathComponent(retiredPrefix + UUID().uuidString)
        try manager.moveItem(at: output, to: retired)
        do {
            try manager.moveItem(at: staging, to: output)
        } catch {
            try? manager.moveItem(at: retired, to: output)
            throw error
        }
        for name in Self.preserved where manager.fileExists(atPath: retired.appendingPathComponent(name).path) {
            try? manager.moveItem(at: retired.appendingPathComponent(name), to: output.appendingPathComponent(name))
        }
        Self.dispose(retired)
    }

    /// Gets rid of the replaced site, which nobody sees any more. A large one (a folder per page,
    /// 10,000 of them) takes a second or two to delete on a slow disk, so it is handed to a
    /// detached `rm -rf` that finishes after this process; anything it has not removed by the
    /// next build is cleared then, as a leftover.
    static func dispose(_ folder: URL) {
        let pages = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("events").path).count) ?? 0
        let rm = URL(fileURLWithPath: "/bin/rm")
        if pages > 2000, FileManager.default.isExecutableFile(atPath: rm.path) {
            let process = Process()
            process.executableURL = rm
            process.arguments = ["-rf", folder.path]
            if (try? process.run()) != nil { return }
        }
        remove(folder)
    }

    /// Removes a folder tree, its larger sub-folders on every core (a big site has one folder per page).
    static func remove(_ folder: URL) {
        let manager = FileManager.default
        var entries: [URL] = []
        for top in (try? manager.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [] {
            let inner = (try? manager.contentsOfDirectory(at: top, includingPropertiesForKeys: nil)) ?? []
            entries += inner.isEmpty ? [top] : inner
        }
        let targets = entries
        DispatchQueue.concurrentPerform(iterations: targets.count) { try? FileManager.default.removeItem(at: targets[$0]) }
        try? manager.removeItem(at: folder)
    }

    /// Staging and retired folders left behind by a build that was killed.
    func leftovers() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        return names.filter { $0.hasPrefix(stagingPrefix) || $0.hasPrefix(retiredPrefix) }.map { parent.appendingPathComponent($0) }
    }

    /// Clears what a killed build left behind. If it was killed in the instant between moving the
    /// old site aside and moving the new one in, the old site is put back first.
    private func removeLeftovers() {
        let manager = FileManager.default
        var leftovers = leftovers()
        if !manager.fileExists(atPath: output.path),
           let retired = leftovers.first(where: { $0.lastPathComponent.hasPrefix(retiredPrefix) }),
           (try? manager.moveItem(at: retired, to: output)) != nil {
            leftovers.removeAll { $0 == retired }
        }
        for url in leftovers { try? manager.removeItem(at: url) }
    }
}
