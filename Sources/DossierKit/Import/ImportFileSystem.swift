import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file operations an import's commit makes, and nothing else: the one place its writes go
/// through, so that tests can make any of them fail (`FaultyFileSystem` in the tests) and see
/// that the report is left as it was before the import or as it is after it, never between.
///
/// Every operation throws a `FileSystemError` (one line: what, where, why) rather than
/// Foundation's error dumps.
protocol ImportFileSystem {
    /// Writes a new file (it must not exist), flushed to the disk, with the permission bits given
    /// (nil: the system's default for a new file, 0666 less the umask), and the owner of `like` when
    /// it replaces a file of another user. Its text comes in pieces (`FileText`).
    func create(_ path: String, text: FileText, mode: mode_t?, ownerOf like: String?) throws
    /// `rename(2)`: replaces `target` in one step.
    func rename(_ path: String, to target: String) throws
    func makeFolder(_ path: String) throws
    /// Removes a file; a file that is not there is no error.
    func remove(_ path: String) throws
    /// Removes a folder when it is empty; otherwise leaves it.
    func removeFolderIfEmpty(_ path: String)
    /// Flushes a folder's entries (the renames into it) to the disk.
    func flushFolder(_ path: String)
}

/// A file's text, given piece by piece to the function it is called with, as it is made: the
/// record of a 100,000-event import (10 MB of JSON) or a month of new events is written as it
/// is read from the spool, never held as one string.
typealias FileText = (_ write: (String) throws -> Void) throws -> Void

extension ImportFileSystem {
    /// Writes a new file whose whole text is known.
    func create(_ path: String, contents: String, mode: mode_t?, ownerOf like: String?) throws {
        try create(path, text: { try $0(contents) }, mode: mode, ownerOf: like)
    }
}

/// The real file system, through system calls.
struct SystemFileSystem: ImportFileSystem {
    /// How paths are named in messages (relative to the content folder's parent).
    var shown: (String) -> String = { $0 }

    init() {}

    /// Paths named as `Content/events/…`: the content folder as the user named it.
    init(content: URL, displayName: String) {
        shown = { displayName + "/" + ContentFile.relativePath(of: URL(fileURLWithPath: $0), in: content) }
    }

    func create(_ path: String, text: FileText, mode: mode_t?, ownerOf like: String?) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode ?? 0o666)
        guard descriptor >= 0 else { throw FileSystemError("write", shown(path), errno: errno) }
        var closed = false
        defer { if !closed { close(descriptor) } }
        // The mode given to open(2) is reduced by the umask: the copy of a file keeps the file's own.
        if let mode, fchmod(descriptor, mode) != 0 {
            throw FileSystemError("set the permissions of", shown(path), errno: errno)
        }
        if let like {
            var info = stat()
            if stat(like, &info) == 0, info.st_uid != geteuid() || info.st_gid != getegid() {
                // Possible as root only; otherwise the file is the user's own.
                _ = fchown(descriptor, info.st_uid, info.st_gid)
            }
        }
        try text { piece in
            // Written from the string's own bytes: a month of 10,000 events is not copied to be written.
            var piece = piece
            let failure: Int32? = piece.withUTF8 { bytes in
                var written = 0
                while written < bytes.count {
                    let count = systemWrite(descriptor, bytes.baseAddress.map { $0 + written }, bytes.count - written)
                    if count < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    written += count
                }
                return nil
            }
            if let failure { throw FileSystemError("write", shown(path), errno: failure) }
        }
        guard fsync(descriptor) == 0 else { throw FileSystemError("write", shown(path), errno: errno) }
        closed = true
        guard close(descriptor) == 0 else { throw FileSystemError("write", shown(path), errno: errno) }
    }

    func rename(_ path: String, to target: String) throws {
        guard systemRename(path, target) == 0 else { throw FileSystemError("replace", shown(target), errno: errno) }
    }

    func makeFolder(_ path: String) throws {
        guard mkdir(path, 0o777) == 0 || errno == EEXIST else {
            throw FileSystemError("create the folder", shown(path), errno: errno)
        }
    }

    func remove(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw FileSystemError("remove", shown(path), errno: errno) }
    }

    func removeFolderIfEmpty(_ path: String) {
        _ = rmdir(path)
    }

    func flushFolder(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}

/// For tests of a whole `dossier import` process: `DOSSIER_IMPORT_KILL_AT=N` makes the N-th
/// operation of the commit (from 1) kill the process with SIGKILL, as a power cut or `kill -9`
/// would, before it is made. The variable is read only by the command line, never by the library.
struct KillingFileSystem: ImportFileSystem {
    let base: ImportFileSystem
    let killAt: Int
    private let count = Counter()

    init(base: ImportFileSystem, killAt: Int) {
        self.base = base
        self.killAt = killAt
    }

    private final class Counter: @unchecked Sendable { var value = 0 }

    private func step() {
        count.value += 1
        if count.value == killAt { kill(getpid(), SIGKILL) }
    }

    func create(_ path: String, text: FileText, mode: mode_t?, ownerOf like: String?) throws {
        step()
        try base.create(path, text: text, mode: mode, ownerOf: like)
    }
    func rename(_ path: String, to target: String) throws {
        step()
        try base.rename(path, to: target)
    }
    func makeFolder(_ path: String) throws {
        step()
        try base.makeFolder(path)
    }
    func remove(_ path: String) throws {
        step()
        try base.remove(path)
    }
    func removeFolderIfEmpty(_ path: String) {
        step()
        base.removeFolderIfEmpty(path)
    }
    func flushFolder(_ path: String) {
        step()
        base.flushFolder(path)
    }
}

// The system's calls under names the protocol's methods do not hide.
#if canImport(Glibc)
private let systemRename = Glibc.rename
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemRename = Darwin.rename
private let systemWrite = Darwin.write
#endif
