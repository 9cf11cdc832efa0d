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

    /// The smallest text of the figure, read from the back of a hall on a 1280×720 slide.
    static let textFloor = 18.0
    /// The size of a local derivative on an edge.
    static let edgeLabelSize = 18.0
    /// The size of the text in a node where the box has room.
    static let nodeTextSize = 22.0

    /// Columns by depth (a leaf sits just left of its first consumer), rows in topological order.
    /// At a `textScale` above 1 the boxes grow taller with their lines, and as wide as the gaps
    /// between columns still hold the widest edge label's plate (`edgeLabelWidth`, as drawn).
    public static func layout(for graph: ComputationGraph, width: Double = 1280, height: Double = 720,
                              textScale: Double = 1, edgeLabelWidth: Double = 0) -> Layout {
        var depth = Array(repeating: 0, count: graph.nodes.count)
        for node in graph.nodes where !node.isLeaf {
            depth[node.id] = 1 + (node.inputs.map { depth[$0] }.max() ?? 0)
        }
        for node in graph.nodes where node.operation == .constant {
            let consumers = graph.nodes.filter { $0.inputs.contains(node.id) }.map { depth[$0.id] }
            depth[node.id] = max(0, (consumers.min() ?? 1) - 1)
        }
        let columns = (depth.max() ?? 0) + 1
        var left = 110.0, right = width - 110
        // The caption's lines grow with the text: the graph ends higher.
        let top = 110 - 20 * (textScale - 1), bottom = height - 150 - 40 * (textScale - 1)
        var step = columns > 1 ? (right - left) / Double(columns - 1) : 0
        var boxWidth = columns > 1 ? min(210, max(120, step * 0.58)) : 210
        if textScale > 1 {
            // As wide as the text grows, but no wider than leaves each gap the widest edge label's
            // plate (8 px to spare) with the outer boxes 20 px from the edges.
            let gaps = Double(columns - 1)
            let roomy = ((width - 40) / max(gaps, 1) - edgeLabelWidth - 8) * gaps / (gaps + 1)
            boxWidth = columns > 1 ? max(100, min(boxWidth * textScale, roomy)) : boxWidth * textScale
            left = 20 + boxWidth / 2
            right = width - left
            step = columns > 1 ? (right - left) / gaps : 0
        }
        var rows: [[Int]] = Array(repeating: [], count: columns)
        for node in graph.nodes { rows[depth[node.id]].append(node.id) }
        let maxRows = Double(rows.map(\.count).max() ?? 1)
        let spacing = (bottom - top) / maxRows
        // Room for four lines of text (the gradient may take two); where the text is scaled, for
        // six as tall as they are drawn (the name and the value may take two as well).
        let boxHeight = min(textScale > 1 ? 168 * textScale : 126, spacing - 14)
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
        let scale = canvas.textScale
        let number = { (x: Double) in Notation.number(x, decimals: 4) }
        // The local derivative of each edge: its name above its value.
        let edgeLabels = backward.steps.map { step in
            ["∂\(displayName(graph.nodes[step.node]))/∂\(displayName(graph.nodes[step.input]))", "= " + number(step.local)]
        }
        func plateWidth(_ lines: [String]) -> Double {
            (lines.map { canvas.textWidth($0, size: edgeLabelSize, weight: .bold) }.max() ?? 0) + edgeLabelSize * 0.6 * scale
        }
        let layout = layout(for: graph, textScale: scale, edgeLabelWidth: edgeLabels.map(plateWidth).max() ?? 0)
        // The variables' names are the user's (`x_train`): drawn as written (`Typography.name`).
        let variables = Set(graph.nodes.filter { $0.operation == .variable }.map(\.name))
        Caption.title("Computation graph of J = \(Typography.names(variables, in: expression)) at \(Typography.names(variables, in: at))",
                      on: canvas, width: layout.width)
        let half = layout.boxWidth / 2, halfHeight = layout.boxHeight / 2
        let constantRadius = 24.0

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
        // The lines of a node's box at text scale 1 with their sizes: its heading and value on one
        // line each, and its gradient on one line or two, as `draw` lays them out there.
        let unscaled = Self.layout(for: graph)
        func unscaledLines(heading: String, value: String, gradient: String, gradientLines split: [String]) -> [(String, Double)] {
            let room = unscaled.boxWidth - 12
            let gradientLines = canvas.unscaledFittingSize(gradient, size: nodeTextSize, maxWidth: room, weight: .bold) >= 20
                ? [gradient] : split
            let lines: [(String, FontWeight)] = [(heading, .bold), (value, .normal)] + gradientLines.map { ($0, .bold) }
            let lineHeight = min(nodeTextSize * 1.25, (unscaled.boxHeight - 10) / Double(lines.count))
            return lines.map { line in
                (line.0, max(textFloor, canvas.unscaledFittingSize(line.0, size: min(nodeTextSize, lineHeight / 1.2), maxWidth: room,
                                                                   weight: line.1)))
            }
        }
        // The size at text scale 1 of `line`, or of the line it was split from ("value" and "0.5"
        // from "value 0.5").
        func unscaledSize(of line: String, in lines: [(String, Double)]) -> Double {
            lines.first { $0.0 == line }?.1 ?? lines.first { $0.0.hasPrefix(line) || $0.0.hasSuffix(line) }?.1
                ?? lines.map(\.1).min() ?? textFloor
        }
        // Nodes.
        for node in graph.nodes {
            let c = layout.centers[node.id]
            if node.operation == .constant {
                canvas.circle(center: (c.x, c.y), radius: constantRadius, fill: theme.padding, stroke: theme.gridLine, lineWidth: 1.5)
                canvas.text(node.name, x: c.x, y: c.y, size: max(textFloor, canvas.fittingSize(node.name, size: 20, maxWidth: 42)), theme.muted)
                continue
            }
            let isOutput = node.id == graph.output
            let stroke = node.operation == .variable ? theme.current : (isOutput ? theme.done : theme.foreground)
            canvas.box(x: c.x - half, y: c.y - halfHeight, width: layout.boxWidth, height: layout.boxHeight,
                       fill: node.operation == .variable ? theme.current.withAlpha(0.16) : (isOutput ? theme.doneFill(0.18) : theme.cellFill),
                       stroke: stroke)
            let name = displayName(node)
            let formula = Typography.names(variables, in: node.formula)
            let heading = node.isLeaf ? name : "\(name) = \(formula)"
            let value = number(backward.forward.values[node.id])
            // Where a line would be drawn under the floor (the text is scaled), the name goes
            // above the formula and "value" above the number.
            let fits = { (line: String, weight: FontWeight) in
                canvas.fittingSize(line, size: nodeTextSize, maxWidth: layout.boxWidth - 12, weight: weight) >= textFloor
            }
            var lines: [(String, Color, FontWeight)] = scale == 1 || node.isLeaf || fits(heading, .bold)
                ? [(heading, theme.foreground, .bold)] : [("\(name) =", theme.foreground, .bold), (formula, theme.foreground, .bold)]
            lines += scale == 1 || fits("value " + value, .normal)
                ? [("value " + value, theme.foreground, .normal)] : [("value", theme.foreground, .normal), (value, theme.foreground, .normal)]
            // The gradient on one line where it fits at 20 px, else its name above its value.
            let gradient = "∂J/∂\(name) = " + number(backward.adjoints[node.id])
            if canvas.fittingSize(gradient, size: nodeTextSize, maxWidth: layout.boxWidth - 12, weight: .bold) >= 20 {
                lines.append((gradient, theme.highlight, .bold))
            } else {
                lines += [("∂J/∂\(name) =", theme.highlight, .bold), (number(backward.adjoints[node.id]), theme.highlight, .bold)]
            }
            // Lines as far apart as they are drawn tall, none under the floor as drawn, nor under
            // its size at text scale 1 (lines then come a little closer, or reach past the box's
            // 6 px margin).
            let lineHeight = min(nodeTextSize * 1.25 * scale, (layout.boxHeight - 10) / Double(lines.count))
            let unscaledNode = scale > 1
                ? unscaledLines(heading: heading, value: "value " + value, gradient: gradient,
                                gradientLines: ["∂J/∂\(name) =", number(backward.adjoints[node.id])])
                : []
            for (k, line) in lines.enumerated() {
                let fitted = canvas.fittingSize(line.0, size: min(nodeTextSize, lineHeight / 1.2 / scale),
                                                maxWidth: layout.boxWidth - 12, weight: line.2)
                let size = scale > 1 ? canvas.atLeastUnscaled(max(textFloor / scale, fitted), unscaledSize(of: line.0, in: unscaledNode))
                    : max(textFloor / scale, fitted)
                canvas.text(line.0, x: c.x, y: c.y + (Double(k) - Double(lines.count - 1) / 2) * lineHeight, size: size, line.1,
                            weight: line.2)
            }
        }
        // Each label at the first place along its edge, from the middle outwards, where its plate
        // meets no node and no label placed before it (a long edge crosses other columns).
        let nodeBoxes = graph.nodes.map { node -> NetworkFigures.LabelBox in
            let c = layout.centers[node.id]
            return node.operation == .constant
                ? .init(centerX: c.x, centerY: c.y, width: 2 * constantRadius, height: 2 * constantRadius)
                : .init(centerX: c.x, centerY: c.y, width: layout.boxWidth, height: layout.boxHeight)
        }
        var placed: [NetworkFigures.LabelBox] = []
        var labelled = Set<String>()
        for (step, lines) in zip(backward.steps, edgeLabels) {
            let from = anchor(step.input, outgoing: true), to = anchor(step.node, outgoing: false)
            let key = "\(step.input)-\(step.node)"
            let offset = labelled.contains(key) ? 2 * edgeLabelSize * 1.3 * scale : 0
            labelled.insert(key)
            // The derivative's name above its value, so the label fits the gap between two columns.
            let plateWidth = plateWidth(lines)
            let lineHeight = edgeLabelSize * 1.2 * scale
            let plate = { (t: Double) -> NetworkFigures.LabelBox in
                .init(centerX: from.0 + (to.0 - from.0) * t, centerY: from.1 + (to.1 - from.1) * t + offset,
                      width: plateWidth, height: 2 * lineHeight + 8)
            }
            // Where no place is free, covering another label is better than covering a node's numbers.
            let crowding = { (box: NetworkFigures.LabelBox) -> Double in
                nodeBoxes.reduce(0) { $0 + 100 * box.overlap($1, gap: 2) } + placed.reduce(0) { $0 + box.overlap($1, gap: 2) }
                    + (box.isInside(width: layout.width, height: layout.height) ? 0 : 1e9)
            }
            let box = Self.labelPositions.lazy.map(plate).first { crowding($0) == 0 }
                ?? Self.labelPositions.map(plate).min { crowding($0) < crowding($1) }!
            placed.append(box)
            let x = box.x + box.width / 2, y = box.y + box.height / 2
            canvas.fillRect(x: box.x, y: box.y, width: box.width, height: box.height, theme.background.withAlpha(0.9))
            for (k, line) in lines.enumerated() {
                canvas.text(line, x: x, y: y + (Double(k) - 0.5) * lineHeight, size: edgeLabelSize, theme.highlight, weight: .bold)
            }
        }
        Caption.lines(["forward in topological order (left to right): each node's value; backward in reverse order: ∂J/∂v += ∂J/∂u · ∂u/∂v",
                       "J = " + Notation.number(backward.forward.output, decimals: 6) + ",  " + Typography.names(variables, in: gradients)],
                      on: canvas, width: layout.width, bottom: layout.height - 52, size: 20, color: theme.muted)
    }

    /// Where a label may sit along its edge, as fractions of the edge from its source: the middle
    /// first, then outwards.
    static let labelPositions: [Double] = [0.5] + stride(from: 0.05, through: 0.351, by: 0.05).flatMap { [0.5 - $0, 0.5 + $0] }

    /// A node's name as drawn: a variable's is the user's, drawn as written (`Typography.name`).
    private static func displayName(_ node: ComputationGraph.Node) -> String {
        node.operation == .variable ? Typography.name(node.name) : node.name
    }
}
