import Foundation

/// A loss J(x, y) of two parameters, written as an expression the autodiff parser reads
/// (`x^2 + 10*y^2`), with its value and gradient computed on the expression's computation graph.
///
/// The gradient is reverse-mode autodiff over the same nodes and local derivatives as
/// `lesson run autodiff`, without recording text, so it is cheap enough for every step of a
/// run and every point of a contour grid.
public struct LossSurface: Equatable, Codable, Sendable {
    /// The expression as written.
    public var expression: String
    /// A short name (`valley`), or the expression for a custom surface.
    public var name: String
    /// The graph the value and gradient are computed on.
    public var graph: ComputationGraph

    /// Parses `expression`; throws the parser's error, or one naming a variable other than x and y.
    public init(expression: String, name: String? = nil) throws {
        let graph = ComputationGraph(try ExpressionParser.parse(expression))
        for v in graph.variables where v != "x" && v != "y" {
            throw InputError("the surface \"\(expression)\" uses the variable \(v); a loss surface is a function of x and y only")
        }
        self.expression = expression
        self.name = name ?? expression
        self.graph = graph
    }

    /// The named surface (bowl, valley, rosenbrock, saddle) or else the expression.
    public init(named text: String) throws {
        if let named = NamedSurface(rawValue: text.lowercased()) {
            try self.init(expression: named.expression, name: named.rawValue)
        } else {
            try self.init(expression: text)
        }
    }

    /// J(x, y) and (∂J/∂x, ∂J/∂y). A value that is not finite comes back as it is; callers check.
    public func evaluate(_ x: Double, _ y: Double) -> (value: Double, gradient: (x: Double, y: Double)) {
        let nodes = graph.nodes
        let values = forward(x, y)
        var adjoints = [Double](repeating: 0, count: nodes.count)
        adjoints[graph.output] = 1
        for node in nodes.reversed() where !node.isLeaf {
            let a = node.inputs.map { values[$0] }
            for (position, input) in node.inputs.enumerated() where nodes[input].operation != .constant {
                adjoints[input] += adjoints[node.id]
                    * ComputationGraph.localValue(node.operation, position: position, x: a, value: values[node.id])
            }
        }
        var gx = 0.0, gy = 0.0
        for node in nodes {
            if node.variable == "x" { gx = adjoints[node.id] }
            if node.variable == "y" { gy = adjoints[node.id] }
        }
        return (values[graph.output], (gx, gy))
    }

    /// J(x, y): the forward pass alone (a contour grid needs no gradient).
    public func value(_ x: Double, _ y: Double) -> Double { forward(x, y)[graph.output] }

    /// The value of every node at (x, y), in the graph's order.
    private func forward(_ x: Double, _ y: Double) -> [Double] {
        let nodes = graph.nodes
        var values = [Double](repeating: 0, count: nodes.count)
        for node in nodes {
            // The inputs read in place: an array of them per node and point was most of the time.
            let i = node.inputs
            switch node.operation {
            case .variable: values[node.id] = node.variable == "x" ? x : y
            case .constant: values[node.id] = node.constant ?? 0
            case .add: values[node.id] = values[i[0]] + values[i[1]]
            case .subtract: values[node.id] = values[i[0]] - values[i[1]]
            case .multiply: values[node.id] = values[i[0]] * values[i[1]]
            case .divide: values[node.id] = values[i[0]] / values[i[1]]
            case .power: values[node.id] = Foundation.pow(values[i[0]], values[i[1]])
            case .negate: values[node.id] = -values[i[0]]
            case .sin: values[node.id] = Foundation.sin(values[i[0]])
            case .cos: values[node.id] = Foundation.cos(values[i[0]])
            case .exp: values[node.id] = Foundation.exp(values[i[0]])
            case .log: values[node.id] = Foundation.log(values[i[0]])
            case .tanh: values[node.id] = Foundation.tanh(values[i[0]])
            case .sigmoid: values[node.id] = Activation.sigmoid(values[i[0]])
            }
        }
        return values
    }

    /// J on a grid of `columns` × `rows` points spanning the ranges (row 0 at the lowest y),
    /// the values a contour plot draws.
    public func grid(x: ClosedRange<Double>, y: ClosedRange<Double>, columns: Int, rows: Int) -> SurfaceGrid {
        precondition(columns >= 2 && rows >= 2, "a grid of at least 2 × 2 points")
        var values: [[Double]] = []
        for r in 0..<rows {
            let yy = y.lowerBound + (y.upperBound - y.lowerBound) * Double(r) / Double(rows - 1)
            values.append((0..<columns).map { c in
                value(x.lowerBound + (x.upperBound - x.lowerBound) * Double(c) / Double(columns - 1), yy)
            })
        }
        return SurfaceGrid(x: x, y: y, values: values)
    }
}
