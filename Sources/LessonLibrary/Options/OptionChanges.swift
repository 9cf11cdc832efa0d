import LessonCore

/// Applies the option values a person gave to an example, remembering whether any was given.
public struct OptionChanges {
    /// Whether any option changed the example.
    public private(set) var any = false

    public init() {}

    /// Sets `target` to `read(text)` when the option was given.
    public mutating func set<T>(_ target: inout T, from text: String?, _ read: (String) throws -> T) throws {
        guard let text else { return }
        target = try read(text)
        any = true
    }

    /// Sets `target` to `value` when the option was given.
    public mutating func set<T>(_ target: inout T, to value: T?) {
        guard let value else { return }
        target = value
        any = true
    }

    /// Sets `target` to `value` when a flag was given.
    public mutating func set<T>(_ target: inout T, to value: T, when flag: Bool) {
        guard flag else { return }
        target = value
        any = true
    }

    /// Records a change made by other means (an option group that applied itself).
    public mutating func note(_ changed: Bool) { any = any || changed }
}
