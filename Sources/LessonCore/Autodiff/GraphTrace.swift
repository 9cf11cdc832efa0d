/// The forward pass of a computation graph: every node's value, in topological order.
public struct GraphForwardTrace: Equatable, Codable, Sendable {
    /// The graph evaluated.
    public var graph: ComputationGraph
    /// The variables' values.
    public var inputs: [String: Double]
    /// The value of every node, by id.
    public var values: [Double]
    /// One line per operation node: `v₁ = x^2 = 1^2 = 1`.
    public var lines: [String]

    /// The output's value.
    public var output: Double { values[graph.output] }
}

/// The backward pass: the adjoint ∂J/∂node of every node, and each local step.
public struct GraphBackwardTrace: Equatable, Codable, Sendable {
    /// One accumulation ∂J/∂input += ∂J/∂node · ∂node/∂input.
    public struct Step: Equatable, Codable, Sendable {
        /// The node whose adjoint is passed back.
        public var node: Int
        /// The input receiving it.
        public var input: Int
        /// ∂node/∂input as a formula of names: `cos(v₁)`.
        public var localFormula: String
        /// ∂node/∂input's value.
        public var local: Double
        /// ∂J/∂node · ∂node/∂input.
        public var contribution: Double
        /// ∂J/∂input after this step.
        public var adjointAfter: Double
        /// The step written out.
        public var text: String
    }

    /// The forward pass this differentiates.
    public var forward: GraphForwardTrace
    /// ∂J/∂node for every node, by id (0 for constants and constant subexpressions).
    public var adjoints: [Double]
    /// Whether each node, by id, depends on no variable (a constant such as `2` or `2^2`): such
    /// nodes need no gradient and receive none, so `x^(2^2)` never asks for log of a negative x.
    public var isConstant: [Bool] = []
    /// The accumulations in the order performed: nodes in reverse topological order.
    public var steps: [Step]

    /// ∂J/∂variable for each variable.
    public var gradient: [String: Double] {
        var result: [String: Double] = [:]
        for node in forward.graph.nodes { if let v = node.variable { result[v] = adjoints[node.id] } }
        return result
    }

    /// Why ∂J/∂node has no value, or nil when it has one: a constant needs none; a NaN
    /// adjoint is undefined over the reals (such as ∂(a^b)/∂b = a^b·log a for a < 0).
    public func gradientGap(_ node: Int) -> String? {
        if node < isConstant.count, isConstant[node] { return "a constant: no gradient is needed" }
        if adjoints[node].isNaN {
            return "undefined over the real numbers (a local derivative such as a^b·log a with a < 0, or 0/0, has no value here)"
        }
        if adjoints[node].isInfinite { return "infinite: the local derivatives overflow at this point" }
        return nil
    }
}
