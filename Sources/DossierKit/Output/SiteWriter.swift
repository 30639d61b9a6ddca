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
    /// The site before the current one, kept beside it to be written over by the next build
    /// (`Staging.recycled`) rather than deleted: `.Site.spare-<random>`, readable by its owner
    /// only. An output inside a folder a web server serves has it beside it, and the site before
    /// may hold a page taken down since: it cannot be guessed or read by the server's user.
    var sparePrefix: String { ".\(output.lastPathComponent).spare-" }

    /// The kept site, if the last build kept one.
    var spare: URL? { spares().first }

    private func spares() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        return names.filter { $0.hasPrefix(sparePrefix) }.sorted().map { parent.appendingPathComponent($0) }
    }

    /// A staging folder beside the output, filled while the site is built and swapped in at the end.
    ///
    /// It may be the site before the current one (`recycled`): its files are written over in
    /// place, and those the new site does not have are removed first (`keepOnly`). Deleting a
    /// site per build and making every file and folder anew cost more than the build's own
    /// writing on ext4, which searches past the inodes it freed in the last minute: building
    /// twice in a row at 10,000 events took 1.4–3 times as long, nearly all in the kernel.
    final class Staging: Sendable {
        let folder: URL
        /// The output as messages name it: a file that cannot be written is named where it would end up.
        let outputName: String
        /// Whether the folder holds an earlier site of Dossier's, to be written over.
        let recycled: Bool

        init(folder: URL, outputName: String, recycled: Bool = false) {
            self.folder = folder
            self.outputName = outputName
            self.recycled = recycled
        }

        /// In a recycled folder, removes every file and folder the new site (`paths`) does not
        /// have, so that what is left is overwritten or added to. Nothing to do in a new folder.
        func keepOnly(_ paths: Set<String>) {
            guard recycled else { return }
            var folders = Set<String>()
            for path in paths { SitePaths.addFolders(of: path, to: &folders) }
            prune("", files: paths, folders: folders)
        }

        /// One folder of `keepOnly`'s walk (readdir(3) and lstat(2): FileManager's enumerator took
        /// 0.4 s at 10,000 pages, before any writing). Only folders and regular files with one
        /// link are kept: a symbolic or hard link put into the spare site would have the next
        /// build write through it, into a file Dossier did not make.
        private func prune(_ relative: String, files: Set<String>, folders: Set<String>) {
            let path = relative.isEmpty ? folder.path : folder.path + "/" + relative
            guard let directory = opendir(path) else { return }
            var kept: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                    String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                let known = lstat(folder.path + "/" + child, &info) == 0
                let kind = info.st_mode & S_IFMT
                if known, kind == S_IFDIR, folders.contains(child) {
                    kept.append(child)
                } else if known, kind == S_IFREG, info.st_nlink == 1, files.contains(child) {
                    continue
                } else {
                    try? FileManager.default.removeItem(atPath: folder.path + "/" + child)
                }
            }
            closedir(directory)
            for child in kept { prune(child, files: files, folders: folders) }
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
        // The site before the current one, if the last build kept it: written over, with the
        // output's permissions back (it waited readable by its owner only).
        var recycled = false
        for spare in spares() {
            var info = stat()
            if !recycled, lstat(spare.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
                rename(spare.path, staging.path) == 0
            {
                recycled = true
                let mode =
                    lstat(output.path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR ? info.st_mode & 0o777 : 0o755
                chmod(staging.path, mode)
            } else {
                try? FileManager.default.removeItem(at: spare)
            }
        }
        if recycled { return (Staging(folder: staging, outputName: display(output), recycled: true), warnings) }
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
            staging.keepOnly(Set(files.map(\.path)))
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
    /// (Over a file of a recycled staging folder, in place: its inode is kept.)
    static func write(_ file: OutputFile, to destination: URL, shownAs name: String) throws {
        switch file.contents {
        case .text(var text):
            try text.withUTF8 { try write($0, to: destination, shownAs: name) }
        case .data, .deferred:
            try file.data.withUnsafeBytes { try write($0.bindMemory(to: UInt8.self), to: destination, shownAs: name) }
        case .copy(let source):
            // A recycled folder may hold the file already: copyItem does not write over one.
            unlink(destination.path)
            do { try FileManager.default.copyItem(at: source, to: destination) } catch {
                throw FileSystemError("copy \(source.path) to", name, error: error)
            }
        }
    }

    /// Writes over a file that is there without truncating it first and cuts it to length after:
    /// ext4 flushes a file emptied by truncation when it is closed (`auto_da_alloc`), which
    /// made writing over a recycled site slower than writing a new one.
    private static func write(_ buffer: UnsafeBufferPointer<UInt8>, to destination: URL, shownAs name: String) throws {
        let descriptor = open(destination.path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileSystemError("write", name, errno: errno) }
        defer { close(descriptor) }
        var offset = 0
        while let base = buffer.baseAddress, offset < buffer.count {
            #if canImport(Glibc)
            let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
            #else
            let written = Darwin.write(descriptor, base + offset, buffer.count - offset)
            #endif
            if written < 0, errno == EINTR { continue }
            if written <= 0 { throw FileSystemError("write", name, errno: written < 0 ? errno : ENOSPC) }
            offset += written
        }
        if ftruncate(descriptor, off_t(buffer.count)) != 0 { throw FileSystemError("write", name, errno: errno) }
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
        // Kept for the next build to write over (`Staging.recycled`) rather than deleted.
        let spare = parent.appendingPathComponent(sparePrefix + UUID().uuidString)
        if spares().isEmpty, chmod(retired.path, 0o700) == 0, rename(retired.path, spare.path) == 0 { return [] }
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
