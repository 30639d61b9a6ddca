import Foundation
import NIOConcurrencyHelpers

/// The events of each YAML events file, kept item by item between the preview's rebuilds, so
/// that saving a file of hundreds of events after changing one parses and decodes that one.
///
/// At 10,000 events a month's file holds about 250 events (650 KB): parsed whole, on both cores,
/// it took most of a one-event edit's load time. An item is reused when its text and its first
/// line are those of the last load (its events carry their lines, so an item that moved is
/// parsed again). Only files that are one top-level list are read this way
/// (`YAMLReader.listItems`); for any other file, and whenever an item does not parse alone or
/// converts with a problem, this gives nil and the file is parsed whole as by a build, so the
/// result and the messages are a build's.
final class EventItemCache: Sendable {
    struct Key: Hashable {
        var line: Int
        var length: Int
        /// Two 64-bit hashes of the item's text (seeded apart): equal texts give equal digests,
        /// and two texts that differ collide with a chance of about 2⁻¹²⁸.
        var digest: (Int, Int)

        init(line: Int, bytes: ArraySlice<UInt8>) {
            self.line = line
            length = bytes.count
            digest = bytes.withUnsafeBytes { raw in
                var first = Hasher(), second = Hasher()
                first.combine(0)
                second.combine(1)
                first.combine(bytes: raw)
                second.combine(bytes: raw)
                return (first.finalize(), second.finalize())
            }
        }

        static func == (a: Key, b: Key) -> Bool {
            a.line == b.line && a.length == b.length && a.digest == b.digest
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(digest.0)
        }
    }

    /// One item's events (an item is one event record; the first item also holds the comments
    /// before it) and what decoding it reported.
    struct Item: Sendable {
        var events: [Event]
        var diagnostics: [Diagnostic]
    }

    /// Per file path: the items of its last load. Replaced on each load, so it holds what the
    /// files hold now and no more.
    private let files = NIOLockedValueBox<[String: [Key: Item]]>([:])
    private let parsed = NIOLockedValueBox(0)

    /// How many items were parsed since the cache was made (the others were reused).
    var itemsParsed: Int { parsed.withLockedValue { $0 } }

    /// The file's events, reusing the items that have not changed since its last load and
    /// decoding the others with `decode`; their diagnostics go to `log` in file order.
    /// - Parameters:
    ///   - path: the file's path (the cache's key).
    ///   - name: how the file is named in messages and locations.
    func events(
        in text: String, path: String, name: String, log: DiagnosticLog,
        decode: @Sendable (DataNode, DiagnosticLog) -> Event?
    ) -> [Event]? {
        let bytes = Array(text.utf8)
        guard !bytes.contains(0), let starts = YAMLReader.listItems(bytes), !starts.isEmpty else { return nil }
        let ranges: [Range<Int>] = starts.indices.map { index in
            (index == 0 ? 0 : starts[index].offset)..<(index + 1 < starts.count
                ? starts[index + 1].offset : bytes.count)
        }
        let keys = ranges.indices.map { Key(line: starts[$0].line, bytes: bytes[ranges[$0]]) }
        let previous = files.withLockedValue { $0[path] } ?? [:]
        let missing = keys.indices.filter { previous[keys[$0]] == nil }

        parsed.withLockedValue { $0 += missing.count }
        let made = ResultSlots<Item>(count: missing.count)
        DispatchQueue.concurrentPerform(iterations: missing.count) { slot in
            let index = missing[slot]
            let part = String(decoding: bytes[ranges[index]], as: UTF8.self)
            guard let nodes = YAMLReader.parseAlone(part, file: name, lineOffset: starts[index].line) else { return }
            let itemLog = DiagnosticLog()
            let events = nodes.compactMap { decode($0, itemLog) }
            made.set(slot, Item(events: events, diagnostics: itemLog.diagnostics))
        }
        var current: [Key: Item] = [:]
        var fresh = made.values.makeIterator()
        var events: [Event] = []
        var diagnostics: [Diagnostic] = []
        for key in keys {
            let item: Item
            if let kept = previous[key] {
                item = kept
            } else {
                guard let madeItem = fresh.next(), let madeItem else { return nil }
                item = madeItem
            }
            current[key] = item
            events += item.events
            diagnostics += item.diagnostics
        }
        files.withLockedValue { $0[path] = current }
        diagnostics.forEach(log.add)
        return events
    }
}
