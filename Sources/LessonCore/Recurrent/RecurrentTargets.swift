/// Where a recurrent network's loss is taken: on the last output only (many-to-one) or on
/// every output (many-to-many, E = Σₜ Eₜ).
public enum RecurrentTargets: Equatable, Codable, Sendable {
    /// y for ŷ⁽ᵀ⁾ only.
    case last([Double])
    /// y⁽¹⁾ … y⁽ᵀ⁾, one per step.
    case everyStep([[Double]])

    /// The target of step t (1-based), or nil when step t has no loss term.
    public func target(at t: Int, steps: Int) -> [Double]? {
        switch self {
        case .last(let y): return t == steps ? y : nil
        case .everyStep(let ys): return ys[t - 1]
        }
    }

    /// The steps (1-based) that carry a loss term.
    public func lossSteps(_ steps: Int) -> [Int] {
        switch self {
        case .last: return [steps]
        case .everyStep: return Array(1...steps)
        }
    }

    /// "many-to-one" or "many-to-many".
    public var kind: String {
        switch self {
        case .last: return "many-to-one"
        case .everyStep: return "many-to-many"
        }
    }

    /// Checks the targets against T steps of o outputs; `key` names them in errors.
    func validate(steps: Int, outputs: Int) throws {
        switch self {
        case .last(let y):
            guard y.count == outputs else {
                throw RecurrentShapeError(key: "target", "expected \(outputs) \(Counted.noun(outputs, "value")), one per output unit, got \(y.count)")
            }
            try Vectors.requireFinite(y, key: "target")
        case .everyStep(let ys):
            guard ys.count == steps else {
                throw RecurrentShapeError(key: "targets", "expected \(steps) \(Counted.noun(steps, "target")), one per input step, got \(ys.count)")
            }
            for (t, y) in ys.enumerated() {
                guard y.count == outputs else {
                    throw RecurrentShapeError(key: "targets", "target \(t + 1) has \(y.count) \(Counted.noun(y.count, "value")); expected \(outputs), one per output unit")
                }
                try Vectors.requireFinite(y, key: "targets")
            }
        }
    }
}
