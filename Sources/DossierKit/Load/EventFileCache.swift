import Foundation

/// Event files as parsed, kept between the preview's rebuilds: a rebuild parses again only the
/// files whose modification date or size changed (a report of 10,000 events spends most of its
/// loading time in the YAML parser).
public final class EventFileCache: @unchecked Sendable {
    struct Stamp: Equatable {
        var modified: Date
        var size: Int
    }

    private var entries: [String: (stamp: Stamp, events: [Event], log: DiagnosticLog)] = [:]
    private let lock = NSLock()

    public init() {}

    static func stamp(of url: URL) -> Stamp? {
        guard let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey]) else { return nil }
        return Stamp(modified: values.contentModificationDate ?? .distantPast, size: values.fileSize ?? 0)
    }

    func lookup(_ url: URL, stamp: Stamp?) -> ([Event], DiagnosticLog)? {
        guard let stamp else { return nil }
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[url.path], entry.stamp == stamp else { return nil }
        return (entry.events, entry.log)
    }

    func store(_ url: URL, stamp: Stamp?, _ loaded: ([Event], DiagnosticLog)) {
        guard let stamp else { return }
        lock.lock()
        entries[url.path] = (stamp, loaded.0, loaded.1)
        lock.unlock()
    }
}
