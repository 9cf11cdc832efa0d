import Foundation
import LessonCore

/// Helpers for drawing random test cases from the core's seeded generator.
extension SplitMix64 {
    /// A whole number in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// Small integers as doubles, so sums are exact.
    public mutating func values(_ count: Int, in range: ClosedRange<Int> = -5...5) -> [Double] {
        (0..<count).map { _ in Double(int(range)) }
    }

    /// A uniform number in `range`.
    public mutating func uniform(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &self) }
}

/// The seeds of a seeded property test, one labelled case each.
///
/// Pass them as a parameterized test's arguments (`@Test(arguments: Seeds.range(1...100))`) so a
/// failure names its seed; `LESSON_SEED=17 swift test --filter …` reruns that seed alone.
public enum Seeds {
    /// `range`, or only the seed in `LESSON_SEED` when that is set.
    public static func range(_ range: ClosedRange<UInt64>) -> [UInt64] {
        if let text = ProcessInfo.processInfo.environment["LESSON_SEED"], let seed = UInt64(text) { return [seed] }
        return Array(range)
    }
}
