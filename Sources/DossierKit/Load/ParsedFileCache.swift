import Foundation
import NIOConcurrencyHelpers

/// Content files as parsed, kept between the preview's rebuilds: a rebuild parses again only
/// the files whose modification time or size changed. A report of 10,000 events spends most
/// of its loading time in the YAML parser, and its parsed texts carry their link scans.
final class ParsedFileCache<Value: Sendable>: Sendable {
    private let entries = NIOLockedValueBox<[String: (stamp: FileStamp, value: Value, log: DiagnosticLog)]>([:])

    public init() {}

    /// Whether the file is cached as it is (with this stamp): `value(of:stamp:parse:)` would not parse it.
    func isFresh(_ url: URL, stamp: FileStamp) -> Bool {
        entries.withLockedValue { $0[url.path]?.stamp == stamp }
    }

    /// The file parsed, from the cache when it has not changed since it was last parsed there.
    /// - Parameter stamp: the file's stamp when it was listed (taken before it is read, so a
    ///   save while it is parsed is seen by the next rebuild).
    func value(of url: URL, stamp: FileStamp?, parse: (DiagnosticLog) -> Value) -> (Value, DiagnosticLog) {
        if let stamp {
            let entry = entries.withLockedValue { $0[url.path] }
            if let entry, entry.stamp == stamp { return (entry.value, entry.log) }
        }
        let log = DiagnosticLog()
        let value = parse(log)
        if let stamp {
            entries.withLockedValue { $0[url.path] = (stamp, value, log) }
        }
        return (value, log)
    }
}

/// The parse caches the preview keeps, of files decoded: event files, and the Markdown files of
/// actors, topics and pages (decoding needs nothing but the file, so it is kept too).
struct ContentCache: Sendable {
    let events = ParsedFileCache<[Event]>()
    /// The events of a changed YAML file are parsed again only where its items changed.
    let eventItems = EventItemCache()
    let actors = ParsedFileCache<Actor?>()
    let topics = ParsedFileCache<Topic?>()
    let pages = ParsedFileCache<Page?>()

    public init() {}
}
