import Foundation
import NIOConcurrencyHelpers

/// Fans out live-reload events to every open page over server-sent events.
///
/// Each connection gets its own `AsyncStream`; a rebuild sends one event to all of them.
final class LiveReloadHub: Sendable {
    /// One server-sent event, already formatted for the wire.
    struct Event: Sendable {
        var text: String

        init(name: String, json: String) {
            // `retry` makes browsers reconnect within a second when the server restarts.
            text = "retry: 1000\nevent: \(name)\ndata: \(json)\n\n"
        }

        static let keepAlive = Event(raw: ": keep-alive\n\n")

        private init(raw: String) { text = raw }
    }

    private let continuations = NIOLockedValueBox<[UUID: AsyncStream<Event>.Continuation]>([:])

    /// A stream of events for one connection, starting with `first`.
    func subscribe(first: Event) -> AsyncStream<Event> {
        let id = UUID()
        return AsyncStream { continuation in
            continuation.yield(first)
            continuations.withLockedValue { $0[id] = continuation }
            continuation.onTermination = { [weak self] _ in
                self?.continuations.withLockedValue { $0[id] = nil }
            }
        }
    }

    func broadcast(_ event: Event) {
        let targets = continuations.withLockedValue { Array($0.values) }
        for continuation in targets { continuation.yield(event) }
    }

    var connectionCount: Int { continuations.withLockedValue { $0.count } }

    func closeAll() {
        let targets = continuations.withLockedValue { continuations in
            defer { continuations = [:] }
            return Array(continuations.values)
        }
        for continuation in targets { continuation.finish() }
    }
}
