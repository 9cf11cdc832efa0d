extension RecurrentSequence {
    /// Checks the sequence against a network's sizes: T ≥ 1 inputs of `inputs` finite values
    /// (`inputsAre` says where that number comes from), an initial state of `hiddenUnits` finite
    /// values, and targets of `outputs` values.
    func validate(inputs n: Int, inputsAre: String, hiddenUnits h: Int, unitsAre: String, outputs: Int) throws {
        guard !inputs.isEmpty else {
            throw RecurrentShapeError(key: "inputs", "the sequence is empty (T = 0); give at least one input x⁽¹⁾")
        }
        for (t, x) in inputs.enumerated() {
            guard x.count == n else {
                throw RecurrentShapeError(key: "inputs", "x⁽\(NetworkNotation.raised(t + 1))⁾ has \(x.count) \(Counted.noun(x.count, "value")); expected \(n), \(inputsAre)")
            }
            try Vectors.requireFinite(x, key: "inputs")
        }
        if let s0 = initialState {
            guard s0.count == h else {
                throw RecurrentShapeError(key: "initial_state", "expected \(h) values, \(unitsAre), got \(s0.count)")
            }
            try Vectors.requireFinite(s0, key: "initial_state")
        }
        try targets.validate(steps: inputs.count, outputs: outputs)
    }
}
