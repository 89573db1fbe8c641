import Foundation

/// Values written by concurrent workers, one index each.
final class SlotBox<Value>: @unchecked Sendable {
    private var slots: [Value]
    private let lock = NSLock()
    init(count: Int, empty: Value) { slots = Array(repeating: empty, count: count) }
    func set(_ i: Int, _ value: Value) { lock.lock(); slots[i] = value; lock.unlock() }
    func values() -> [Value] { lock.lock(); defer { lock.unlock() }; return slots }
}
