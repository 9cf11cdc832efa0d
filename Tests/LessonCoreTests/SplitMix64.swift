import LessonCore

/// Helpers for drawing random test cases from the core's seeded generator.
extension SplitMix64 {
    /// A whole number in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// Small integers as doubles, so sums are exact.
    mutating func values(_ count: Int, in range: ClosedRange<Int> = -5...5) -> [Double] {
        (0..<count).map { _ in Double(int(range)) }
    }
}

extension SplitMix64 {
    /// A uniform number in `range`.
    mutating func uniform(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &self) }
}
