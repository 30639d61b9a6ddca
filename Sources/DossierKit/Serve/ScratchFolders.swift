import Foundation

/// The preview's scratch folders in the system's temporary folder (`PreviewSearch` copies the
/// marked pages there for Pagefind: a gigabyte at 50,000 events), removed whichever way the
/// preview ends.
///
/// A folder is removed when its owner is done with it, and by the process's `exit` (Ctrl-C and
/// `kill` end `dossier serve` through `exit`). A process killed outright leaves its folder: each
/// folder's name carries its process id, and the next preview removes the folders of processes
/// that no longer run. Only folders named as Dossier names them are ever removed.
enum ScratchFolders {
    private static let live = Locked<Set<String>>([])
    private static let removedAtExit: Void = {
        atexit {
            for path in ScratchFolders.live.get() { try? FileManager.default.removeItem(atPath: path) }
        }
    }()

    /// A new folder's address (not created), to be removed at exit unless `remove`d before.
    static func make(prefix: String, in parent: URL = FileManager.default.temporaryDirectory) -> URL {
        _ = removedAtExit
        removeAbandoned(prefix: prefix, in: parent)
        let folder = parent.appendingPathComponent("\(prefix)-\(getpid())-\(UUID().uuidString)")
        live.update { _ = $0.insert(folder.path) }
        return folder
    }

    static func remove(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder)
        live.update { _ = $0.remove(folder.path) }
    }

    /// Removes `<prefix>-<pid>-<uuid>` folders whose process no longer runs.
    static func removeAbandoned(prefix: String, in parent: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name.hasPrefix(prefix + "-") {
            let parts = name.dropFirst(prefix.count + 1).split(separator: "-", maxSplits: 1)
            guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0, UUID(uuidString: String(parts[1])) != nil,
                kill(pid, 0) == -1, errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }
}
