import LessonTestSupport
import LessonCore

/// SplitMix64 with helpers for random convolution cases: small integers so every sum is exact.
struct SeededShapes {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// A matrix of whole numbers in −5…5.
    mutating func matrix(_ rows: Int, _ columns: Int) -> Tensor {
        Tensor(shape: [rows, columns], scalars: (0..<(rows * columns)).map { _ in Double(int(-5...5)) })
    }
}

extension SeededShapes {
    /// ⟨a, b⟩ over all elements.
    static func inner(_ a: Tensor, _ b: Tensor) -> Double {
        precondition(a.shape == b.shape, "inner product of shapes \(a.shape) and \(b.shape)")
        return zip(a.scalars, b.scalars).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
