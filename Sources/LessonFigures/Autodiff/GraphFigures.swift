import LessonCore

/// The figure of a computation graph: nodes in columns by depth, inputs on the left and the
/// output on the right, each with its value and its gradient ∂J/∂node; each edge carries
/// its local derivative. Read from the forward and backward traces.
public enum GraphFigures {
    /// Where the nodes sit; public so tests can look at the right pixels.
    public struct Layout: Sendable {
        /// The centre of each node, by id.
        public var centers: [(x: Double, y: Double)]
        /// The size of a node's box.
        public var boxWidth: Double
        public var boxHeight: Double
        /// The size of the figure.
        public var width: Double
        public var height: Double
    }

    /// Columns by depth (a leaf sits just left of its first consumer), rows in topological order.
    public static func layout(for graph: ComputationGraph, width: Double = 1280, height: Double = 720) -> Layout {
        var depth = Array(repeating: 0, count: graph.nodes.count)
        for node in graph.nodes where !node.isLeaf {
            depth[node.id] = 1 + (node.inputs.map { depth[$0] }.max() ?? 0)
        }
        for node in graph.nodes where node.operation == .constant {
            let consumers = graph.nodes.filter { $0.inputs.contains(node.id) }.map { depth[$0.id] }
            depth[node.id] = max(0, (consumers.min() ?? 1) - 1)
        }
        let columns = (depth.max() ?? 0) + 1
        let left = 110.0, right = width - 110, top = 110.0, bottom = height - 150
        let step = columns > 1 ? (right - left) / Double(columns - 1) : 0
        let boxWidth = columns > 1 ? min(200, max(110, step * 0.56)) : 200
        var rows: [[Int]] = Array(repeating: [], count: columns)
        for node in graph.nodes { rows[depth[node.id]].append(node.id) }
        let maxRows = Double(rows.map(\.count).max() ?? 1)
        let spacing = (bottom - top) / maxRows
        let boxHeight = min(96, spacing - 14)
        var centers = Array(repeating: (x: 0.0, y: 0.0), count: graph.nodes.count)
        for (column, ids) in rows.enumerated() {
            for (row, id) in ids.enumerated() {
                centers[id] = (left + Double(column) * step,
                               (top + bottom) / 2 + (Double(row) - Double(ids.count - 1) / 2) * spacing)
            }
        }
        return Layout(centers: centers, boxWidth: boxWidth, boxHeight: boxHeight, width: width, height: height)
    }

    /// The graph with value and gradient on every node and the local derivative on every edge.
    public static func graph(_ backward: GraphBackwardTrace, expression: String) -> Figure {
        let forward = backward.forward
        let at = forward.inputs.keys.sorted().map { "\($0) = \(Notation.number(forward.inputs[$0] ?? 0, decimals: 6))" }.joined(separator: ", ")
        let gradients = backward.gradient.keys.sorted().map { "∂J/∂\($0) = \(Notation.number(backward.gradient[$0] ?? 0, decimals: 6))" }.joined(separator: ", ")
        let description = "Computation graph of J = \(expression) at \(at): J = \(Notation.number(forward.output, decimals: 6)), \(gradients); every node shows its value and its gradient, every edge its local derivative."
        return Figure(name: "graph", description: description) { canvas in
            draw(backward, expression: expression, at: at, gradients: gradients, on: canvas)
        }
    }

    private static func draw(_ backward: GraphBackwardTrace, expression: String, at: String, gradients: String,
                             on canvas: Canvas) {
        let theme = canvas.theme
        let graph = backward.forward.graph
        let layout = layout(for: graph)
        Caption.title("Computation graph of J = \(expression) at \(at)", on: canvas, width: layout.width)
        let half = layout.boxWidth / 2, halfHeight = layout.boxHeight / 2
        let number = { (x: Double) in Notation.number(x, decimals: 4) }
        let constantRadius = 22.0

        func anchor(_ id: Int, outgoing: Bool) -> (Double, Double) {
            let c = layout.centers[id]
            if graph.nodes[id].operation == .constant { return (c.x + (outgoing ? constantRadius : -constantRadius), c.y) }
            return (c.x + (outgoing ? half : -half), c.y)
        }
        // Edges with their local derivatives.
        for step in backward.steps {
            let from = anchor(step.input, outgoing: true), to = anchor(step.node, outgoing: false)
            canvas.arrow(from: from, to: to, theme.gridLine, lineWidth: 2, headLength: 10)
        }
        for node in graph.nodes where !node.isLeaf {
            for input in Set(node.inputs) where graph.nodes[input].operation == .constant {
                canvas.arrow(from: anchor(input, outgoing: true), to: anchor(node.id, outgoing: false), theme.gridLine.withAlpha(0.6),
                             lineWidth: 1.5, headLength: 8)
            }
        }
        // Nodes.
        for node in graph.nodes {
            let c = layout.centers[node.id]
            if node.operation == .constant {
                canvas.circle(center: (c.x, c.y), radius: constantRadius, fill: theme.padding, stroke: theme.gridLine, lineWidth: 1.5)
                canvas.text(node.name, x: c.x, y: c.y, size: canvas.fittingSize(node.name, size: 16, maxWidth: 38), theme.muted)
                continue
            }
            let isOutput = node.id == graph.output
            let stroke = node.operation == .variable ? theme.current : (isOutput ? theme.done : theme.foreground)
            canvas.box(x: c.x - half, y: c.y - halfHeight, width: layout.boxWidth, height: layout.boxHeight,
                       fill: node.operation == .variable ? theme.current.withAlpha(0.16) : (isOutput ? theme.doneFill(0.18) : theme.cellFill),
                       stroke: stroke)
            let heading = node.isLeaf ? node.name : "\(node.name) = \(node.formula)"
            let lines: [(String, Color, FontWeight)] = [
                (heading, theme.foreground, .bold),
                ("value " + number(backward.forward.values[node.id]), theme.foreground, .normal),
                ("∂J/∂\(node.name) = " + number(backward.adjoints[node.id]), theme.highlight, .bold),
            ]
            let lineHeight = layout.boxHeight / 3.4
            for (k, line) in lines.enumerated() {
                let size = canvas.fittingSize(line.0, size: 17, maxWidth: layout.boxWidth - 12, weight: line.2)
                canvas.text(line.0, x: c.x, y: c.y + (Double(k) - 1) * lineHeight, size: size, line.1, weight: line.2)
            }
        }
        var labelled = Set<String>()
        for step in backward.steps {
            let from = anchor(step.input, outgoing: true), to = anchor(step.node, outgoing: false)
            let key = "\(step.input)-\(step.node)"
            let offset = labelled.contains(key) ? 18.0 : 0
            labelled.insert(key)
            canvas.plateLabel("∂\(graph.nodes[step.node].name)/∂\(graph.nodes[step.input].name) = \(number(step.local))",
                              x: (from.0 + to.0) / 2, y: (from.1 + to.1) / 2 - 12 + offset, size: 14, theme.highlight,
                              background: theme.background.withAlpha(0.9), weight: .bold)
        }
        Caption.lines(["forward in topological order (left to right): each node's value; backward in reverse order: ∂J/∂v += ∂J/∂u · ∂u/∂v",
                       "J = " + Notation.number(backward.forward.output, decimals: 6) + ",  " + gradients],
                      on: canvas, width: layout.width, bottom: layout.height - 52, size: 20, color: theme.muted)
    }
}
