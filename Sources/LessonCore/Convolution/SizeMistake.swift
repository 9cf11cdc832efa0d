/// A known wrong way to apply the output-size formula o = ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1.
/// The grader recomputes a size with each mistake to name the one a wrong answer matches.
public enum SizeMistake: String, CaseIterable, Equatable, Hashable, Sendable, Codable {
    /// o = ⌊(n + 2p − d(k − 1) − 1)/s⌋, without the + 1.
    case plusOneForgotten = "plus-one-forgotten"
    /// o = ⌈(n + 2p − d(k − 1) − 1)/s⌉ + 1.
    case ceilInsteadOfFloor = "ceil-instead-of-floor"
    /// o = ⌊(n + p − d(k − 1) − 1)/s⌋ + 1: padding counted on one side only.
    case paddingOnce = "p-instead-of-2p"
    /// o = ⌊(n + 2p − k)/s⌋ + 1: the kernel taken as k wide, not d(k − 1) + 1.
    case dilationIgnored = "dilation-ignored"

    /// The mistake as feedback names it.
    public var name: String {
        switch self {
        case .plusOneForgotten: return "the +1 of the size formula forgotten"
        case .ceilInsteadOfFloor: return "ceil instead of floor"
        case .paddingOnce: return "p instead of 2p"
        case .dilationIgnored: return "dilation ignored"
        }
    }
}

extension OutputSize {
    /// The size this axis gets when the formula is applied with `mistake` (nil: correctly).
    /// Returns nil when the mistaken formula gives no positive size or the mistake changes nothing.
    public func output(with mistake: SizeMistake?) -> Int? {
        guard stride >= 1 else { return nil }
        var n = input + 2 * padding
        var effective = effectiveKernel
        switch mistake {
        case nil: return numerator < 0 ? nil : output
        case .paddingOnce?:
            guard padding > 0 else { return nil }
            n = input + padding
        case .dilationIgnored?:
            guard dilation > 1 else { return nil }
            effective = kernel
        case .plusOneForgotten?, .ceilInsteadOfFloor?: break
        }
        let top = n - effective
        guard top >= 0 else { return nil }
        let value: Int
        switch mistake {
        case .plusOneForgotten?: value = top / stride
        case .ceilInsteadOfFloor?:
            guard top % stride != 0 else { return nil }
            value = (top + stride - 1) / stride + 1
        default: value = top / stride + 1
        }
        return value >= 1 ? value : nil
    }
}
