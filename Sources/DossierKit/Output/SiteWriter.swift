import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the site atomically: into a temporary folder beside the output, swapped in at the end.
///
/// A build that fails at any point leaves the previous site exactly as it was, and the temporary
/// folders of a build that was killed are cleared by the next one. Whether the output may be
/// replaced at all is `OutputGuard`'s decision, made before; every site written carries its
/// manifest (`SiteManifest`), which is how the next build knows the folder is its own.
struct SiteWriter: Sendable {
    let output: URL
    /// How paths are named in messages.
    let display: @Sendable (URL) -> String
    /// Entries of the old output carried into the new one, so the output can be a checkout of a
    /// publishing branch (`.git`) and keep its placeholder (`.gitkeep`).
    static let preserved = [".git", ".gitkeep"]

    init(output: URL, display: @escaping @Sendable (URL) -> String = { $0.path }) {
        self.output = output.standardizedFileURL
        self.display = display
    }

    var parent: URL { output.deletingLastPathComponent() }
    var stagingPrefix: String { ".\(output.lastPathComponent).building-" }
    var retiredPrefix: String { ".\(output.lastPathComponent).old-" }

    /// A staging folder beside the output, filled while the site is built and swapped in at the end.
    final class Staging: Sendable {
        let folder: URL
        /// The output as messages name it: a file that cannot be written is named where it would end up.
        let outputName: String

        init(folder: URL, outputName: String) {
            self.folder = folder
            self.outputName = outputName
        }

        /// Creates every folder the files need, once, before files are written on many threads.
        func prepareFolders(for paths: some Sequence<String>) throws {
            var folders = Set<String>()
            for path in paths { SitePaths.addFolders(of: path, to: &folders) }
            // Sorted, so every parent comes before its children; mkdir(2) directly, as FileManager's
            // checks cost more than the system call itself (10,000 event folders).
            // (Paths joined as strings: URL's appendingPathComponent cost more than the mkdir.)
            let root = self.folder.path
            for folder in folders.sorted() {
                let path = root + "/" + folder
                if mkdir(path, 0o755) != 0, errno != EEXIST {
                    throw FileSystemError("create the folder", outputName + "/" + folder, errno: errno)
                }
            }
        }

        func write(_ file: OutputFile) throws {
            try SiteWriter.write(
                file, to: folder.appendingPathComponent(file.path), shownAs: outputName + "/" + file.path)
        }

    }

    /// Clears what a killed build left behind and opens a new staging folder, in the parent
    /// `prepareParent` made. Call it holding the output's `BuildLock`: another build's staging
    /// folder looks like a leftover.
    /// - Returns: the staging folder, and warnings about leftovers that could not be removed.
    func stage() throws -> (Staging, warnings: [String]) {
        let warnings = removeLeftovers()
        let staging = parent.appendingPathComponent(stagingPrefix + UUID().uuidString)
        if mkdir(staging.path, 0o755) != 0 {
            throw FileSystemError("create the folder", display(staging), errno: errno)
        }
        return (Staging(folder: staging, outputName: display(output)), warnings)
    }

    /// Creates the folder the output goes in (where the lock and staging folder go too).
    func prepareParent() throws {
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw FileSystemError("create the folder", display(Self.firstBlocked(parent)), error: error)
        }
    }

    /// The first part of `url` that is missing or not a folder, for a message about why a folder
    /// could not be made (`blocker` of `blocker/Site` when `blocker` is a file).
    static func firstBlocked(_ url: URL) -> URL {
        var candidate = url.standardizedFileURL
        var chain: [URL] = []
        while candidate.path != "/" {
            chain.append(candidate)
            candidate = candidate.deletingLastPathComponent()
        }
        for url in chain.reversed() {
            var isFolder: ObjCBool = false
            if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) || !isFolder.boolValue {
                return url
            }
        }
        return url
    }

    /// Makes the staged site the output, keeping `.git` and `.gitkeep` from the old one.
    /// - Parameter paths: every file of the new site, for its manifest.
    /// - Returns: warnings (an old site that could not be removed).
    @discardableResult
    func commit(_ staging: Staging, paths: some Sequence<String>) throws -> [String] {
        do {
            let manifest = staging.folder.appendingPathComponent(SiteManifest.fileName)
            do { try SiteManifest.contents(paths).write(to: manifest) } catch {
                throw FileSystemError("write", display(manifest), error: error)
            }
            return try swapIn(staging.folder)
        } catch {
            abandon(staging)
            throw error
        }
    }

    /// Drops a staged site: the output stays as it was.
    func abandon(_ staging: Staging) {
        try? FileManager.default.removeItem(at: staging.folder)
    }

    /// Writes a whole site at once (staging, then swap).
    /// - Parameter failAfter: for tests, fail as if the disk broke after this many files.
    func write(_ files: [OutputFile], failAfter: Int? = nil) throws {
        try prepareParent()
        let (staging, _) = try stage()
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
        try commit(staging, paths: files.map(\.path))
    }

    /// One file, written straight from the string's UTF-8 storage without an intermediate copy.
    static func write(_ file: OutputFile, to destination: URL, shownAs name: String) throws {
        switch file.contents {
        case .text(var text):
            let descriptor = open(destination.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw FileSystemError("write", name, errno: errno) }
            defer { close(descriptor) }
            let failure = text.withUTF8 { buffer -> Int32? in
                guard let base = buffer.baseAddress else { return nil }
                var offset = 0
                while offset < buffer.count {
                    #if canImport(Glibc)
                    let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                    #else
                    let written = Darwin.write(descriptor, base + offset, buffer.count - offset)
                    #endif
                    if written < 0, errno == EINTR { continue }
                    if written <= 0 { return written < 0 ? errno : ENOSPC }
                    offset += written
                }
                return nil
            }
            if let failure { throw FileSystemError("write", name, errno: failure) }
        case .data(let data):
            do { try data.write(to: destination) } catch { throw FileSystemError("write", name, error: error) }
        case .copy(let source):
            do { try FileManager.default.copyItem(at: source, to: destination) } catch {
                throw FileSystemError("copy \(source.path) to", name, error: error)
            }
        case .deferred(let deferred):
            do { try deferred.data.write(to: destination) } catch { throw FileSystemError("write", name, error: error) }
        }
    }

    /// Two renames (old site aside, new one in), each atomic; the first undone if the second fails.
    private func swapIn(_ staging: URL) throws -> [String] {
        var info = stat()
        guard lstat(output.path, &info) == 0 else {
            if rename(staging.path, output.path) != 0 {
                throw FileSystemError("move the new site to", display(output), errno: errno)
            }
            return []
        }
        let retired = parent.appendingPathComponent(retiredPrefix + UUID().uuidString)
        if rename(output.path, retired.path) != 0 {
            throw FileSystemError("move the old site aside to", display(retired), errno: errno)
        }
        if rename(staging.path, output.path) != 0 {
            let code = errno
            rename(retired.path, output.path)
            throw FileSystemError("move the new site to", display(output), errno: code)
        }
        for name in Self.preserved where lstat(retired.appendingPathComponent(name).path, &info) == 0 {
            rename(retired.appendingPathComponent(name).path, output.appendingPathComponent(name).path)
        }
        return Self.dispose(retired) ? [] : ["could not remove the old site \(display(retired)); remove it yourself"]
    }

    /// Gets rid of the replaced site, which nobody sees any more. A large one (a folder per page,
    /// 10,000 of them) takes a second or two to delete on a slow disk, so it is handed to a
    /// detached `rm -rf` that finishes after this process; anything it has not removed by the
    /// next build is cleared then, as a leftover.
    /// - Returns: false when the folder is still there.
    static func dispose(_ folder: URL) -> Bool {
        let pages =
            (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("events").path).count)
            ?? 0
        let rm = URL(fileURLWithPath: "/bin/rm")
        if pages > 2000, FileManager.default.isExecutableFile(atPath: rm.path) {
            let process = Process()
            process.executableURL = rm
            process.arguments = ["-rf", folder.path]
            if (try? process.run()) != nil { return true }
        }
        remove(folder)
        return !FileManager.default.fileExists(atPath: folder.path)
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
        DispatchQueue.concurrentPerform(iterations: targets.count) {
            try? FileManager.default.removeItem(at: targets[$0])
        }
        try? manager.removeItem(at: folder)
    }

    /// Staging and retired folders left behind by a build that was killed.
    func leftovers() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        return names.filter { $0.hasPrefix(stagingPrefix) || $0.hasPrefix(retiredPrefix) }.map {
            parent.appendingPathComponent($0)
        }
    }

    /// Clears what a killed build left behind. If it was killed in the instant between moving the
    /// old site aside and moving the new one in, the old site is put back first.
    /// - Returns: a warning for each leftover that could not be removed.
    private func removeLeftovers() -> [String] {
        let manager = FileManager.default
        var leftovers = leftovers()
        if !manager.fileExists(atPath: output.path),
            let retired = leftovers.first(where: { $0.lastPathComponent.hasPrefix(retiredPrefix) }),
            rename(retired.path, output.path) == 0
        {
            leftovers.removeAll { $0 == retired }
        }
        var warnings: [String] = []
        for url in leftovers {
            Self.remove(url)
            if manager.fileExists(atPath: url.path) {
                warnings.append("could not remove \(display(url)), left by an earlier build; remove it yourself")
            }
        }
        return warnings
    }
}
