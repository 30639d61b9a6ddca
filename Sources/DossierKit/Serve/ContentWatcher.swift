import Foundation

/// Watches the content and theme folders for saved changes by polling file dates and sizes.
///
/// Polling works the same on every system and with every editor, including those that save by
/// writing a temporary file and renaming it over the original; for the few thousand files of a
/// report a scan takes a few milliseconds. A burst of saves (an editor writing several files, a
/// `git checkout`) is merged into one change: the watcher waits until the folders have been
/// quiet for `settle` before reporting.
struct ContentWatcher: Sendable {
    var folders: [URL]
    var interval: Duration = .milliseconds(100)
    var settle: Duration = .milliseconds(80)

    typealias Fingerprint = [String: FileStamp]

    /// Editor droppings that are not content: backups, swap files, lock files, temporary saves.
    static func isIgnored(_ name: some StringProtocol) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasPrefix("#") || name == "4913"
            || [".swp", ".swx", ".swo", ".tmp", ".bak", ".part", ".crdownload"].contains { name.hasSuffix($0) }
    }

    func fingerprint() -> Fingerprint {
        var result: Fingerprint = [:]
        for folder in folders {
            for file in ContentFile.walk(folder.path).files where !Self.isIgnored(ContentFile.fileName(file.path)) {
                result[file.path] = file.stamp
            }
        }
        return result
    }

    /// Calls `onChange` with the changed paths after each settled burst of changes, until cancelled.
    /// - Parameter initial: the state the current build was made from, taken before it started,
    ///   so a save during the build is not missed.
    func run(from initial: Fingerprint, onChange: @Sendable ([String]) async -> Void) async {
        var known = initial
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            var current = fingerprint()
            guard current != known else { continue }
            // Wait for the burst to end: no further change for `settle`.
            while !Task.isCancelled {
                try? await Task.sleep(for: settle)
                let next = fingerprint()
                if next == current { break }
                current = next
            }
            let changed = Set(current.keys).union(known.keys).filter { current[$0] != known[$0] }.sorted()
            known = current
            await onChange(changed)
        }
    }
}
