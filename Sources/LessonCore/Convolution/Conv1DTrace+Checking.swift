extension Conv1DTrace {
    /// Compares what a lesson states with what was recomputed.
    ///
    /// - `statedOutput` is compared value by value, named as the trace names its outputs.
    /// - `statedSums` maps an output's name (2 for z₂) to a sum written as the notes write it,
    ///   weight first (`1×4 + (−2)×1 + 1×1 = 3`); each weight, each signal value, the
    ///   arithmetic of the stated terms and the stated value are checked.
    public func check(statedOutput: [Double]?, statedSums: [(name: Int, sum: StatedSum)] = [],
                      tolerance: Double = 1e-9) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        if let statedOutput {
            if statedOutput.count != output.count {
                mismatches.append(Mismatch(subject: "output length", stated: "\(statedOutput.count)",
                                           recomputed: "\(output.count)"))
            } else {
                for (stated, step) in zip(statedOutput, steps) where !agree(stated, step.value, absolute: tolerance) {
                    mismatches.append(Mismatch(subject: step.label, stated: Notation.number(stated),
                                               recomputed: Notation.number(step.value), details: ["recomputed: " + step.text]))
                }
            }
        }
        for (name, sum) in statedSums {
            guard let step = step(named: name) else {
                let names = steps.map(\.label).joined(separator: ", ")
                mismatches.append(Mismatch(subject: "z" + Notation.subscriptDigits(name), stated: "a worked sum",
                                           recomputed: "no such output; the outputs are \(names)"))
                continue
            }
            var details: [String] = []
            if sum.products.count != step.terms.count {
                details.append("the stated sum has \(sum.products.count) products, the window has \(step.terms.count)")
            } else {
                // The notes write w×x, so the first factor of each stated product is the weight.
                for (n, (stated, term)) in zip(sum.products, step.terms).enumerated() {
                    if !agree(stated.input, term.weight, absolute: tolerance) {
                        details.append("term \(n + 1) uses weight \(Notation.number(stated.input)) where the kernel has \(Notation.number(term.weight))")
                    }
                    if !agree(stated.weight, term.input, absolute: tolerance) {
                        details.append("term \(n + 1) uses \(Notation.number(stated.weight)) where the window has \(Notation.number(term.input))")
                    }
                }
            }
            if !agree(sum.sumOfTerms, sum.value, absolute: tolerance) {
                details.append("the stated terms add up to \(Notation.number(sum.sumOfTerms)), not \(Notation.number(sum.value))")
            }
            if agree(sum.value, step.value, absolute: tolerance) && details.isEmpty { continue }
            let stated = Notation.sumOfProducts(sum.products.map { ($0.input, $0.weight) }, bias: sum.bias, result: sum.value)
            mismatches.append(Mismatch(subject: step.label + " (worked sum)", stated: Notation.number(sum.value),
                                       recomputed: Notation.number(step.value),
                                       details: ["stated:     " + stated, "recomputed: " + step.sumText] + details))
        }
        return mismatches
    }
}
