import Foundation
import NIOConcurrencyHelpers

/// A value shared between threads (the preview's rebuild loop and its request handlers), swapped under a lock.
final class Locked<Value: Sendable>: Sendable {
    private let box: NIOLockedValueBox<Value>

    init(_ value: Value) { box = NIOLockedValueBox(value) }

    func get() -> Value { box.withLockedValue { $0 } }

    func set(_ newValue: Value) { box.withLockedValue { $0 = newValue } }

    /// Reads and changes the value in one step, so no other thread comes in between.
    func update<T>(_ change: (inout Value) -> T) -> T { box.withLockedValue(change) }
}

/// A value computed once, by whichever thread first asks for it.
final class Memo<Value: Sendable>: Sendable {
    private let box = NIOLockedValueBox<Value?>(nil)

    func get(_ make: () -> Value) -> Value {
        box.withLockedValue { value in
            if let value { return value }
            let made = make()
            value = made
            return made
        }
    }
}

/// A fixed number of result slots filled from several threads, each slot by one writer.
final class ResultSlots<Value: Sendable>: Sendable {
    private let box: NIOLockedValueBox<[Value?]>

    init(count: Int) { box = NIOLockedValueBox(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ value: Value) {
        box.withLockedValue { $0[index] = value }
    }

    /// Hands over the value in a slot, emptying it (so large results can be freed one by one).
    func take(_ index: Int) -> Value? {
        box.withLockedValue { storage in
            let value = storage[index]
            storage[index] = nil
            return value
        }
    }

    var values: [Value?] { box.withLockedValue { $0 } }
}

/// Runs CPU-heavy or blocking work on a thread of its own, so it does not hold one of the
/// cooperative pool's threads (one per core) that the preview's HTTP handlers need meanwhile.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: body()) }
    }
}
