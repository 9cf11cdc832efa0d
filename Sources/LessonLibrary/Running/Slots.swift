import Foundation

/// Slots filled by `concurrentPerform`, one per index, each by one thread; read when all are done.
/// The figure writers and the grader share it.
public final class Slots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private var filled = 0
    private let lock = NSLock()

    public init(count: Int) { storage = Array(repeating: nil, count: count) }

    /// Stores the value of `index`; returns how many slots are filled now (for a progress count).
    @discardableResult
    public func set(_ index: Int, _ value: Value) -> Int {
        lock.lock(); defer { lock.unlock() }
        storage[index] = value
        filled += 1
        return filled
    }

    /// Every slot, nil where no value was set.
    public var values: [Value?] { lock.lock(); defer { lock.unlock() }; return storage }
}
