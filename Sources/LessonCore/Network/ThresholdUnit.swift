/// The notes' threshold unit (perceptron): out = 1 if w₀ + Σᵢ wᵢaᵢ ≥ 0, else 0.
///
/// `weights[0]` is w₀, the bias weight on the constant input a₀ = 1; `weights[i]` multiplies aᵢ.
public struct ThresholdUnit: Equatable, Codable, Sendable {
    /// w₀, w₁, …, wₙ.
    public var weights: [Double]

    /// Creates a unit with w₀ first.
    public init(weights: [Double]) {
        precondition(!weights.isEmpty, "a threshold unit needs at least w₀")
        self.weights = weights
    }

    /// The number of inputs a₁…aₙ.
    public var inputCount: Int { weights.count - 1 }

    /// w₀ + Σᵢ wᵢaᵢ, summed left to right; a sum within round-off of 0 is 0 (`RoundOff`), so that
    /// −0.2 + 0.2×1 + 0.1×0 gives h = 1 as written, not the h = 0 of −2.8·10⁻¹⁷.
    public func sum(_ inputs: [Double]) -> Double {
        precondition(inputs.count == inputCount, "threshold unit with \(inputCount) inputs given \(inputs.count)")
        var total = weights[0]
        var size = abs(weights[0])
        for (w, a) in zip(weights.dropFirst(), inputs) {
            total += w * a
            size += abs(w * a)
        }
        return RoundOff.zeroed(total, size: size)
    }

    /// 1 if the sum is ≥ 0, else 0.
    public func output(_ inputs: [Double]) -> Double { sum(inputs) >= 0 ? 1 : 0 }

    /// The sum written out: `w₀ + w₁·1 + w₂·0 = −1.5 + 1×1 + 1×0 = −0.5`.
    public func sumText(_ inputs: [Double]) -> String {
        let symbols = ["w₀"] + inputs.indices.map { "w\(NetworkNotation.lowered($0 + 1))·\(Notation.factor(inputs[$0]))" }
        let numbers = [Notation.number(weights[0])] + inputs.indices.map { Notation.factor(weights[$0 + 1]) + "×" + Notation.factor(inputs[$0]) }
        return symbols.joined(separator: " + ") + " = " + numbers.joined(separator: " + ") + " = " + Notation.number(sum(inputs))
    }

    /// Checks the unit against a truth table, row by row, as the notes' inequalities:
    /// w₀ + Σ wᵢaᵢ ≥ 0 where the table says 1, < 0 where it says 0.
    public func check(_ table: [TruthTableRow]) -> TruthTableCheck {
        let rows = table.map { row -> TruthTableCheck.Line in
            let s = sum(row.inputs)
            let wantsOne = row.output >= 0.5
            let holds = wantsOne ? s >= 0 : s < 0
            let relation = wantsOne ? "≥ 0" : "< 0"
            return .init(inputs: row.inputs, expected: row.output, sum: s, output: output(row.inputs), holds: holds,
                         text: "\(sumText(row.inputs)) \(holds ? relation : (wantsOne ? "< 0" : "≥ 0")): need \(relation) \(holds ? "✓" : "✗")")
        }
        return TruthTableCheck(weights: weights, lines: rows)
    }
}

/// One row of a truth table: inputs a₁…aₙ and the wanted output (0 or 1).
public struct TruthTableRow: Equatable, Codable, Sendable {
    /// a₁, …, aₙ.
    public var inputs: [Double]
    /// The wanted output, 0 or 1.
    public var output: Double
    /// Creates a row.
    public init(inputs: [Double], output: Double) {
        self.inputs = inputs
        self.output = output
    }
}

/// A threshold unit checked against a truth table.
public struct TruthTableCheck: Equatable, Codable, Sendable {
    /// w₀, w₁, …
    public var weights: [Double]
    /// One line per row of the table.
    public var lines: [Line]

    /// One row checked: the sum, the unit's output and whether the inequality holds.
    public struct Line: Equatable, Codable, Sendable {
        /// a₁, …, aₙ of the row.
        public var inputs: [Double]
        /// The table's output.
        public var expected: Double
        /// w₀ + Σ wᵢaᵢ.
        public var sum: Double
        /// The unit's output.
        public var output: Double
        /// Whether the row's inequality holds.
        public var holds: Bool
        /// The inequality written out.
        public var text: String
    }

    /// Whether every row's inequality holds.
    public var allHold: Bool { lines.allSatisfy(\.holds) }
}

extension ThresholdUnit {
    /// For a unit with two inputs, the line w₀ + w₁a₁ + w₂a₂ = 0 for a₁ from `lower` to `upper`,
    /// as 201 points (a₁, a₂) so a plot can clip it; a vertical line when w₂ = 0; nil when w₁ = w₂ = 0.
    public func boundary(from lower: Double, to upper: Double) -> [(x: Double, y: Double)]? {
        guard weights.count == 3 else { return nil }
        let (w0, w1, w2) = (weights[0], weights[1], weights[2])
        if w2 != 0 {
            return (0...200).map { k in
                let a1 = lower + (upper - lower) * Double(k) / 200
                return (x: a1, y: -(w0 + w1 * a1) / w2)
            }
        }
        if w1 != 0 { return [(x: -w0 / w1, y: lower), (x: -w0 / w1, y: upper)] }
        return nil
    }
}
