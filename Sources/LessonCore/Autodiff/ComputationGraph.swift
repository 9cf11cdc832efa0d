import Foundation

/// The computation graph of an expression: one node per distinct operation, in topological
/// order (every node after its inputs), the output last.
///
/// Equal subexpressions become one node, as in the notes' graph of J = cos(sin(x²) + 3x²),
/// where t = x² feeds both sin(t) and 3t; its gradient then sums both paths. Variables are
/// named as written, constants by their value, intermediate nodes v₁, v₂, … and the output J.
public struct ComputationGraph: Equatable, Codable, Sendable {
    /// One node: what it computes from which earlier nodes.
    public struct Node: Equatable, Codable, Sendable {
        /// Its position in `nodes`.
        public var id: Int
        /// What it computes.
        public var operation: GraphOperation
        /// The ids of its inputs, in argument order (both may be the same node, as in x·x).
        public var inputs: [Int]
        /// `x`, `3`, `v₂`, `J`.
        public var name: String
        /// The node's value as a formula of its inputs' names: `sin(v₁)`, `3·v₁`.
        public var formula: String
        /// The variable's name or the constant's value, for leaves.
        public var variable: String?
        public var constant: Double?

        /// Whether the node is a variable or a constant.
        public var isLeaf: Bool { operation == .variable || operation == .constant }
    }

    /// The nodes in topological order.
    public var nodes: [Node]
    /// The id of the output node (the last).
    public var output: Int { nodes.count - 1 }
    /// The variables, in order of first appearance.
    public var variables: [String] { nodes.compactMap(\.variable) }

    /// Builds the graph of `expression`; `outputName` names the result (J in the notes).
    public init(_ expression: Expression, outputName: String = "J") {
        var nodes: [Node] = []
        var ids: [Expression: Int] = [:]
        var intermediate = 0
        func add(_ e: Expression) -> Int {
            if let id = ids[e] { return id }
            let node: Node
            switch e {
            case .number(let value):
                node = Node(id: nodes.count, operation: .constant, inputs: [], name: Notation.number(value, decimals: 6),
                            formula: Notation.number(value, decimals: 6), constant: value)
            case .variable(let name):
                node = Node(id: nodes.count, operation: .variable, inputs: [], name: name, formula: name, variable: name)
            case .negate(let a):
                let ia = add(a)
                node = Node(id: nodes.count, operation: .negate, inputs: [ia], name: "", formula: "")
            case .function(let op, let a):
                let ia = add(a)
                node = Node(id: nodes.count, operation: op, inputs: [ia], name: "", formula: "")
            case .binary(let op, let a, let b):
                let ia = add(a), ib = add(b)
                node = Node(id: nodes.count, operation: op, inputs: [ia, ib], name: "", formula: "")
            }
            var named = node
            if !named.isLeaf {
                intermediate += 1
                named.name = "v" + Self.lowered(intermediate)
                named.formula = Self.formula(named.operation, named.inputs.map { nodes[$0].name })
            }
            nodes.append(named)
            ids[e] = named.id
            return named.id
        }
        _ = add(expression)
        if let last = nodes.indices.last, !nodes[last].isLeaf { nodes[last].name = outputName }
        self.nodes = nodes
    }

    /// The operation written with its inputs' names.
    static func formula(_ op: GraphOperation, _ names: [String]) -> String {
        switch op {
        case .variable, .constant: return names.first ?? ""
        case .add: return "\(names[0]) + \(names[1])"
        case .subtract: return "\(names[0]) − \(names[1])"
        case .multiply: return "\(names[0])·\(names[1])"
        case .divide: return "\(names[0])/\(names[1])"
        case .power: return "\(names[0])^\(names[1])"
        case .negate: return "−\(names[0])"
        default: return "\(op.rawValue)(\(names[0]))"
        }
    }

    static func lowered(_ n: Int) -> String { NetworkNotation.lowered(n) }
}
