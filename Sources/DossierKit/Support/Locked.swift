import Foundation

/// A value shared between threads (the preview's rebuild loop and its request handlers), swapped under a lock.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func get() -> Value {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func set(_ newValue: Value) {
        lock.lock()
        value = newValue
        lock.unlock()
    }
}

/// A value computed once, by whichever thread first asks for it.
final class Memo<Value: Sendable>: @unchecked Sendable {
    private var value: Value?
    private let lock = NSLock()

    func get(_ make: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let made = make()
        value = made
        return made
    }
}

/// A fixed number of result slots filled from several threads, each slot by one writer.
final class ResultSlots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    /// Hands over the value in a slot, emptying it (so large results can be freed one by one).
    func take(_ index: Int) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        let value = storage[index]
        storage[index] = nil
        return value
    }

    var values: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

/// Runs CPU-heavy or blocking work on a thread of its own, so it does not hold one of the
/// cooperative pool's threads (one per core) that the preview's HTTP handlers need meanwhile.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: body()) }
    }
}
