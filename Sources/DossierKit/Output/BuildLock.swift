import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One build at a time per output folder: `.Site.lock` beside `Site/`, held with `flock(2)`;
/// and one import at a time per content folder.
///
/// The lock is the kernel's, so a build that is killed releases it (no stale lock to clear by
/// hand). The file is removed when the build ends; a build that opened it just before that
/// checks, once it holds the lock, that the file it locked is still the one at the path.
final class BuildLock {
    private var descriptor: Int32
    let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { release() }

    enum Failure: Error {
        /// Another build holds it.
        case held
        case fileSystem(FileSystemError)
    }

    /// Takes the lock of the writer's output folder, or fails at once when another build holds it.
    static func acquire(for writer: SiteWriter) throws -> BuildLock {
        let path = writer.parent.appendingPathComponent(".\(writer.output.lastPathComponent).lock").path
        return try acquire(at: path, shownAs: writer.display(URL(fileURLWithPath: path)))
    }

    /// Takes the lock at `path` (an import's, `Content/.dossier-import.lock`), or fails at once when it is held.
    static func acquire(at path: String, shownAs shown: String) throws -> BuildLock {
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw Failure.fileSystem(FileSystemError("create the lock file", shown, errno: errno))
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                close(descriptor)
                if code == EWOULDBLOCK { throw Failure.held }
                throw Failure.fileSystem(FileSystemError("lock", shown, errno: code))
            }
            // The build that held it may have removed the file in between: lock the new one then.
            var opened = stat(), current = stat()
            if fstat(descriptor, &opened) == 0, stat(path, &current) == 0, opened.st_ino == current.st_ino,
                opened.st_dev == current.st_dev
            {
                return BuildLock(descriptor: descriptor, path: path)
            }
            close(descriptor)
        }
    }

    /// Removes the lock file and releases the lock (also when the lock is dropped).
    func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        close(descriptor)
        descriptor = -1
    }
}
