/// A value a lesson file (or a slide) states that the recomputation does not give.
public struct Mismatch: Equatable, Sendable, Codable, CustomStringConvertible {
    /// What disagrees: `z[3,2]`, `output shape`, `term 6 of z[1,1]`.
    public var subject: String
    /// The value as stated.
    public var stated: String
    /// The value as recomputed.
    public var recomputed: String
    /// What else helps to see why: the terms, the kernel weight, the sum of the stated terms.
    public var details: [String]

    /// Creates a mismatch.
    public init(subject: String, stated: String, recomputed: String, details: [String] = []) {
        self.subject = subject
        self.stated = stated
        self.recomputed = recomputed
        self.details = details
    }

    /// `z[3,2]: stated −8, recomputed −6` followed by the details, one per line.
    public var description: String {
        ([subject + ": stated " + stated + ", recomputed " + recomputed] + details.map { "    " + $0 })
            .joined(separator: "\n")
    }
}

/// How closely a recomputed value must match a value a lesson file or a slide states.
public enum StatedPrecision {
    /// Values stated exactly (integers, short decimals): they must agree to 1e-9, which absorbs
    /// the rounding of a few dozen additions of slide-sized numbers.
    public static let exact = 1e-9
    /// Values written with six decimals, as the lesson files write every irrational number: they
    /// agree when the recomputed value rounds to them, within half a unit of the sixth decimal.
    public static let sixDecimals = 5e-7

    /// Whether `recomputed` rounds to `stated`, written with six decimals.
    public static func agreesToSixDecimals(_ stated: Double, _ recomputed: Double) -> Bool {
        abs(stated - recomputed) <= sixDecimals
    }
}

extension StatedPrecision {
    /// The stated loss and final output that the recomputation does not give, at six decimals:
    /// `lossName` and `outputName(i)` (0-based unit) name them; `lengthName` a length that differs.
    public static func mismatches(statedLoss: Double?, loss: Double, lossName: String, statedOutput: [Double]?, output: [Double],
                                  lengthName: String, outputName: (Int) -> String) -> [Mismatch] {
        var result: [Mismatch] = []
        let six = { (x: Double) in Notation.number(x, decimals: 6) }
        if let statedLoss, !agreesToSixDecimals(statedLoss, loss) {
            result.append(Mismatch(subject: lossName, stated: six(statedLoss), recomputed: six(loss)))
        }
        guard let statedOutput else { return result }
        guard statedOutput.count == output.count else {
            return result + [Mismatch(subject: lengthName, stated: "\(statedOutput.count)", recomputed: "\(output.count)")]
        }
        for i in output.indices where !agreesToSixDecimals(statedOutput[i], output[i]) {
            result.append(Mismatch(subject: outputName(i), stated: six(statedOutput[i]), recomputed: six(output[i])))
        }
        return result
    }
}

/// Whether two numbers agree within an absolute and a relative tolerance.
///
/// The default absolute tolerance 1e-9 absorbs the rounding of a few dozen additions of
/// slide-sized numbers; the relative 1e-9 does the same for large values.
public func agree(_ a: Double, _ b: Double, absolute: Double = 1e-9, relative: Double = 1e-9) -> Bool {
    abs(a - b) <= max(absolute, relative * max(abs(a), abs(b)))
}

/// Compares a stated matrix with a recomputed one, cell by cell.
///
/// - Parameters:
///   - name: the letter of the cells (`z`), used as `z[1,2]`.
///   - explain: extra lines for a mismatching cell (0-based row and column), such as its terms.
public func compareMatrices(stated: Tensor, recomputed: Tensor, name: String = "z", tolerance: Double = 1e-9,
                            explain: (Int, Int) -> [String] = { _, _ in [] }) -> [Mismatch] {
    guard stated.shape == recomputed.shape else {
        return [Mismatch(subject: "output shape", stated: Notation.shape(stated.shape),
                         recomputed: Notation.shape(recomputed.shape))]
    }
    if stated.rank == 1 {
        return (0..<stated.count).compactMap { i in
            agree(stated[i], recomputed[i], absolute: tolerance) ? nil :
                Mismatch(subject: name + Notation.index(i), stated: Notation.number(stated[i]),
                         recomputed: Notation.number(recomputed[i]), details: explain(0, i))
        }
    }
    var mismatches: [Mismatch] = []
    for r in 0..<stated.rows {
        for c in 0..<stated.columns where !agree(stated[r, c], recomputed[r, c], absolute: tolerance) {
            mismatches.append(Mismatch(subject: name + Notation.index(r, c), stated: Notation.number(stated[r, c]),
                                       recomputed: Notation.number(recomputed[r, c]), details: explain(r, c)))
        }
    }
    return mismatches
}
