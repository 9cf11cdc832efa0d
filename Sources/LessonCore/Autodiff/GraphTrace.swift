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
    /// ∂J/∂node for every node, by id (0 for constants).
    public var adjoints: [Double]
    /// The accumulations in the order performed: nodes in reverse topological order.
    public var steps: [Step]

    /// ∂J/∂variable for each variable.
    public var gradient: [String: Double] {
        var result: [String: Double] = [:]
        for node in forward.graph.nodes { if let v = node.variable { result[v] = adjoints[node.id] } }
        return result
    }
}
