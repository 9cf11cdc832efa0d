import Foundation

extension ComputationGraph {
    /// Digits shown in the graph's lines (the notes give six).
    static let decimals = 6

    /// Visits the nodes in topological order and computes uᵢ = gᵢ(v₁, …, v_N) for each.
    /// Throws if a variable has no value or a node's value is not a finite number (log of 0,
    /// division by 0), naming the node.
    public func forward(at inputs: [String: Double]) throws -> GraphForwardTrace {
        for v in variables where inputs[v] == nil {
            throw InputError("the expression uses \(v) but no value was given for it; give one such as \(v)=1")
        }
        for name in inputs.keys.sorted() where !variables.contains(name) {
            throw InputError("a value was given for \(name), but the expression has no variable \(name); its variables are \(variables.isEmpty ? "none" : variables.joined(separator: ", "))")
        }
        var values: [Double] = []
        var lines: [String] = []
        let n = { (x: Double) in Notation.number(x, decimals: Self.decimals) }
        for node in nodes {
            let x = node.inputs.map { values[$0] }
            let value: Double
            switch node.operation {
            case .variable: value = inputs[node.variable ?? ""] ?? 0
            case .constant: value = node.constant ?? 0
            case .add: value = x[0] + x[1]
            case .subtract: value = x[0] - x[1]
            case .multiply: value = x[0] * x[1]
            case .divide: value = x[0] / x[1]
            case .power: value = Foundation.pow(x[0], x[1])
            case .negate: value = -x[0]
            case .sin: value = Foundation.sin(x[0])
            case .cos: value = Foundation.cos(x[0])
            case .exp: value = Foundation.exp(x[0])
            case .log: value = Foundation.log(x[0])
            case .tanh: value = Foundation.tanh(x[0])
            case .sigmoid: value = Activation.sigmoid(x[0])
            }
            if node.isLeaf {
                if node.operation == .variable { lines.append("\(node.name) = \(n(value))") }
            } else {
                let withNumbers = Self.formula(node.operation, x.map { Notation.factor($0, decimals: Self.decimals) })
                guard value.isFinite else {
                    let place = inputs.isEmpty ? "" : " at " + inputs.keys.sorted().map { "\($0) = \(n(inputs[$0] ?? 0))" }.joined(separator: ", ")
                    throw InputError("\(node.name) = \(node.formula) = \(withNumbers) is not a finite number\(place)")
                }
                lines.append("\(node.name) = \(node.formula) = \(withNumbers) = \(n(value))")
            }
            values.append(value)
        }
        return GraphForwardTrace(graph: self, inputs: inputs, values: values, lines: lines)
    }

    /// Reverse mode: ∂J/∂J = 1, every other adjoint 0; then for each node u in reverse
    /// topological order and each input v of u, ∂J/∂v += ∂J/∂u · ∂u/∂v (the local derivative).
    /// Constants, and subexpressions of constants only (the `2^2` of `x^2^2`), receive nothing.
    public func backward(_ forward: GraphForwardTrace) -> GraphBackwardTrace {
        precondition(forward.graph == self, "backward of a trace from another graph")
        var isConstant = Array(repeating: true, count: nodes.count)
        for node in nodes {
            isConstant[node.id] = node.operation == .variable ? false
                : node.operation == .constant ? true : node.inputs.allSatisfy { isConstant[$0] }
        }
        var adjoints = Array(repeating: 0.0, count: nodes.count)
        adjoints[output] = 1
        var steps: [GraphBackwardTrace.Step] = []
        let n = { (x: Double) in Notation.number(x, decimals: Self.decimals) }
        let f = { (x: Double) in Notation.factor(x, decimals: Self.decimals) }
        for node in nodes.reversed() where !node.isLeaf {
            let x = node.inputs.map { forward.values[$0] }
            let names = node.inputs.map { nodes[$0].name }
            for (position, input) in node.inputs.enumerated() where !isConstant[input] {
                let (formula, local) = Self.local(node.operation, position: position, names: names, x: x,
                                                  value: forward.values[node.id])
                let contribution = adjoints[node.id] * local
                adjoints[input] += contribution
                let j = nodes[output].name
                let text = "∂\(j)/∂\(nodes[input].name) += ∂\(j)/∂\(node.name) · ∂\(node.name)/∂\(nodes[input].name) = \(f(adjoints[node.id]))×\(f(local))   (∂\(node.name)/∂\(nodes[input].name) = \(formula == n(local) ? formula : formula + " = " + n(local)))   → ∂\(j)/∂\(nodes[input].name) = \(n(adjoints[input]))"
                steps.append(.init(node: node.id, input: input, localFormula: formula, local: local,
                                   contribution: contribution, adjointAfter: adjoints[input], text: text))
            }
        }
        return GraphBackwardTrace(forward: forward, adjoints: adjoints, isConstant: isConstant, steps: steps)
    }

    /// ∂u/∂(input at `position`) as a formula of the input names and as a value.
    static func local(_ op: GraphOperation, position: Int, names: [String], x: [Double], value: Double) -> (String, Double) {
        let number = localValue(op, position: position, x: x, value: value)
        switch op {
        case .add: return ("1", number)
        case .subtract: return (position == 0 ? "1" : "−1", number)
        case .multiply:
            // d(a·b)/da = b; when both inputs are the same node each position counts once.
            return (position == 0 ? names[1] : names[0], number)
        case .divide:
            return (position == 0 ? "1/\(names[1])" : "−\(names[0])/\(names[1])²", number)
        case .power:
            if position == 0 {
                if Double(names[1].replacingOccurrences(of: "\u{2212}", with: "-")) != nil {
                    // A constant exponent n: n·a^(n − 1) with n − 1 worked out.
                    let lowered = Notation.number(x[1] - 1, decimals: decimals)
                    return (lowered == "1" ? "\(names[1])·\(names[0])" : "\(names[1])·\(names[0])^\(lowered)", number)
                }
                return ("\(names[1])·\(names[0])^(\(names[1]) − 1)", number)
            }
            return ("\(names[0])^\(names[1])·log(\(names[0]))", number)
        case .negate: return ("−1", number)
        case .sin: return ("cos(\(names[0]))", number)
        case .cos: return ("−sin(\(names[0]))", number)
        case .exp: return ("exp(\(names[0]))", number)
        case .log: return ("1/\(names[0])", number)
        case .tanh: return ("1 − tanh²(\(names[0]))", number)
        case .sigmoid: return ("σ(\(names[0]))(1 − σ(\(names[0])))", number)
        case .variable, .constant: return ("0", number)
        }
    }

    /// The number `local` writes out: ∂u/∂(input at `position`) of an operation whose inputs
    /// are `x` and whose value is `value`. Apart, so that a loss surface's gradient, computed at
    /// every point of a contour grid, builds no text (issue 15).
    static func localValue(_ op: GraphOperation, position: Int, x: [Double], value: Double) -> Double {
        switch op {
        case .add: return 1
        case .subtract: return position == 0 ? 1 : -1
        case .multiply: return position == 0 ? x[1] : x[0]
        case .divide: return position == 0 ? 1 / x[1] : -x[0] / (x[1] * x[1])
        case .power: return position == 0 ? x[1] * Foundation.pow(x[0], x[1] - 1) : value * Foundation.log(x[0])
        case .negate: return -1
        case .sin: return Foundation.cos(x[0])
        case .cos: return -Foundation.sin(x[0])
        case .exp: return value
        case .log: return 1 / x[0]
        case .tanh: return 1 - value * value
        case .sigmoid: return value * (1 - value)
        case .variable, .constant: return 0
        }
    }
}
