import Foundation

/// Fans out live-reload events to every open page over server-sent events.
///
/// Each connection gets its own `AsyncStream`; a rebuild sends one event to all of them.
final class LiveReloadHub: @unchecked Sendable {
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

    private var continuations: [UUID: AsyncStream<Event>.Continuation] = [:]
    private let lock = NSLock()

    /// A stream of events for one connection, starting with `first`.
    func subscribe(first: Event) -> AsyncStream<Event> {
        let id = UUID()
        return AsyncStream { continuation in
            continuation.yield(first)
            lock.lock()
            continuations[id] = continuation
            lock.unlock()
            continuation.onTermination = { [weak self] _ in
                guard let self else { return }
                self.lock.lock()
                self.continuations[id] = nil
                self.lock.unlock()
            }
        }
    }

    func broadcast(_ event: Event) {
        lock.lock()
        let targets = Array(continuations.values)
        lock.unlock()
        for continuation in targets { continuation.yield(event) }
    }

    var connectionCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return continuations.count
    }

    func closeAll() {
        lock.lock()
        let targets = Array(continuations.values)
        continuations = [:]
        lock.unlock()
        for continuation in targets { continuation.finish() }
    }
}
