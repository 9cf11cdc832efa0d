import LessonCore

/// The figures of a network's passes: the network as columns of units joined by edges.
///
/// Forward: b, z and a in every unit, the weight on every edge (blue positive, vermillion
/// negative, thicker for larger |w|). Backward: δ in every unit and ∂L/∂w on every edge,
/// arrows pointing back towards the input. Everything is read from the traces.
public enum NetworkFigures {
    /// Where the units sit; public so tests can look at the right pixels.
    public struct Layout: Sendable {
        /// The centre of every unit, column by column; column 0 is the input.
        public var centers: [[(x: Double, y: Double)]]
        /// The size of a unit's box (the height of the smallest: every box at text scale 1).
        public var boxWidth: Double
        public var boxHeight: Double
        /// The height of the boxes of each column: with larger text they grow as far as the
        /// column's spacing allows.
        public var boxHeights: [Double]
        /// The size of the figure.
        public var width: Double
        public var height: Double
    }

    /// The layout for a network with these layer sizes (input first), its units between y = 110
    /// and `bottom` (`height − 150` unless given), for text drawn `textScale` times its size.
    public static func layout(sizes: [Int], width: Double = 1280, height: Double = 720, textScale: Double = 1,
                              bottom: Double? = nil) -> Layout {
        let left = 90.0, right = width - 215
        let top = 110.0, bottom = bottom ?? height - 150
        // Each column spreads its units over the height (a column of 4 beside one of 6 keeps its
        // room for edge labels), but no further apart than 4 units would be.
        let spacings = sizes.map { (bottom - top) / Double(max($0, min(sizes.max() ?? 1, 4))) }
        // Room for three lines of 24 px (b, z, a) where the fullest column leaves it.
        let boxHeight = min(96, (spacings.min() ?? 96) - 10)
        let step = sizes.count > 1 ? (right - left) / Double(sizes.count - 1) : 0
        let boxWidth = min(150, step * 0.45)
        let centers = sizes.enumerated().map { column, count in
            (0..<count).map { unit -> (x: Double, y: Double) in
                let y = (top + bottom) / 2 + (Double(unit) - Double(count - 1) / 2) * spacings[column]
                return (left + Double(column) * step, y)
            }
        }
        // Larger text, taller boxes, where the column's units are far enough apart.
        let boxHeights = spacings.map { max(boxHeight, min($0 - 10, boxHeight * textScale)) }
        return Layout(centers: centers, boxWidth: boxWidth, boxHeight: boxHeight, boxHeights: boxHeights, width: width, height: height)
    }

    /// The forward pass: z and a on every unit, weights on edges, the loss at the right.
    public static func forward(_ trace: ForwardTrace, loss: LossTrace?, title: String) -> Figure {
        let description = "Forward pass of the \(([trace.input.count] + trace.layers.map(\.a.count)).map(String.init).joined(separator: " → ")) network: every unit shows z = Σ w·a + b and a = f(z), every edge its weight; the output is \(Notation.inlineMatrix(Tensor(vector: trace.output)))\(loss.map { " and the loss L = \(Notation.number($0.total))" } ?? "")."
        return Figure(name: "forward", description: description) { canvas in
            draw(trace, backward: nil, loss: loss, title: title, on: canvas)
        }
    }

    /// The backward pass: δ on every unit and ∂L/∂w on every edge.
    public static func backward(_ forward: ForwardTrace, _ backward: BackwardTrace, title: String) -> Figure {
        let description = "Backward pass: every unit shows δ = ∂L/∂z, every edge the gradient ∂L/∂w = δ·a; the output δ is \(Notation.inlineMatrix(Tensor(vector: backward.layers.last?.delta ?? [])))."
        return Figure(name: "backward", description: description) { canvas in
            draw(forward, backward: backward, loss: backward.loss, title: title, on: canvas)
        }
    }

    /// One frame per layer: only layer l − 1 and layer l, so every edge label has room.
    /// Named `forward-layer-1`, … (or `backward-layer-…` when `backward` is given).
    public static func layerFrames(_ forward: ForwardTrace, _ backward: BackwardTrace?, title: String) -> [Figure] {
        forward.layers.indices.map { index in
            let l = index + 1
            let kind = backward == nil ? "forward" : "backward"
            let what = backward == nil ? "z and a of each unit and the weight on each edge" : "δ of each unit and ∂L/∂w on each edge"
            let description = "Layer \(l) of \(forward.layers.count), \(kind): \(what)."
            return Figure(name: "\(kind)-layer-\(l)", description: description, step: l) { canvas in
                draw(forward, backward: backward, loss: nil, title: title, focus: l, on: canvas)
            }
        }
    }

    /// Edge labels are drawn in the overview only when a layer has at most this many edges.
    public static let maxLabelledEdges = 8

    /// The smallest text of a network figure, read from the back of a hall on a 1280×720 slide.
    static let textFloor = 18.0
    /// The size of a weight on an edge.
    static let edgeLabelSize = 18.0
    /// The size of the values in a unit where the box has room (numbers in a node: 24 px).
    static let unitTextSize = 24.0

    private static func draw(_ trace: ForwardTrace, backward: BackwardTrace?, loss: LossTrace?, title: String,
                             focus: Int? = nil, on canvas: Canvas) {
        let theme = canvas.theme
        let allSizes = [trace.input.count] + trace.layers.map(\.a.count)
        // The columns drawn: every layer, or layer focus − 1 and layer focus.
        let shown = focus.map { [$0 - 1, $0] } ?? Array(allSizes.indices)
        // From the bottom up: the caption, the column labels above it, the units above those (all
        // as drawn, so larger text moves them up rather than into each other).
        let scale = canvas.textScale
        let width = 1280.0, height = 720.0
        // The overview leaves out the labels of a layer of too many edges, and with larger text
        // those of a layer whose labels find no room; the caption then says where they are.
        let tooManyEdges = focus == nil && zip(allSizes, allSizes.dropFirst()).contains { $0 * $1 > maxLabelledEdges }
        let mayLeaveOut = tooManyEdges || (focus == nil && scale > 1)
        let captionTop = Caption.top(of: captionLines(backward, labelsLeftOut: mayLeaveOut), on: canvas, width: width,
                                     bottom: height - 52, size: captionSize)
        let columnLabelY = min(height - 128, captionTop - 6 - 0.55 * textFloor * scale)
        let layout = layout(sizes: shown.map { allSizes[$0] }, width: width, height: height, textScale: scale,
                            bottom: min(height - 150, columnLabelY - 0.55 * textFloor * scale - 3))
        let column = { (layer: Int) in shown.firstIndex(of: layer) }
        let isBackward = backward != nil
        let heading = focus.map { " · layer \($0) of \(trace.layers.count)" } ?? ""
        Caption.title(title + heading + (isBackward ? " · backward: δ and ∂L/∂w" : " · forward: z, a and w"), on: canvas, width: layout.width)
        let half = layout.boxWidth / 2
        let number = { (x: Double) in Notation.number(x, decimals: 3) }

        // Edges first, so the boxes cover their ends.
        var labelsLeftOut = tooManyEdges
        for (index, layer) in trace.layers.enumerated() {
            guard let from = column(index), let to = column(index + 1) else { continue }
            let sources = layout.centers[from], targets = layout.centers[to]
            let values = backward?.layers[index].gradWeights ?? layer.weights
            let largest = max(values.scalars.map(abs).max() ?? 1, 1e-12)
            for i in 0..<targets.count {
                for j in 0..<sources.count {
                    let value = values[i, j]
                    let color = value < 0 ? theme.negative : theme.positive
                    let from = (sources[j].x + half, sources[j].y), to = (targets[i].x - half, targets[i].y)
                    let width = 1 + 3 * abs(value) / largest
                    if isBackward {
                        canvas.arrow(from: to, to: from, color.withAlpha(0.75), lineWidth: width, headLength: 9)
                    } else {
                        canvas.line(from: from, to: to, color.withAlpha(0.75), lineWidth: width)
                    }
                }
            }
            // Labels after all edges of the layer, each on its own edge where it touches no other label.
            guard focus != nil || sources.count * targets.count <= maxLabelledEdges else { continue }
            let texts = (0..<targets.count).map { i in (0..<sources.count).map { j in number(values[i, j]) } }
            let (centers, clear) = edgeLabelCenters(texts, sources: sources, targets: targets, layout: layout) { text in
                canvas.plateSize(text, size: edgeLabelSize, weight: .bold)
            }
            // Where larger text leaves the overview no room for every label of a layer, its layer frame has them.
            guard focus != nil || clear else {
                labelsLeftOut = true
                continue
            }
            for i in 0..<targets.count {
                for j in 0..<sources.count {
                    let color = values[i, j] < 0 ? theme.negative : theme.positive
                    canvas.plateLabel(texts[i][j], x: centers[i][j].x, y: centers[i][j].y, size: edgeLabelSize, color,
                                      background: theme.background.withAlpha(0.85), weight: .bold)
                }
            }
        }

        // The input column, or in a layer frame the previous layer's activations.
        let first = shown[0]
        let firstValues = trace.activations(first)
        let firstHeight = layout.boxHeights[0]
        for (j, center) in layout.centers[0].enumerated() {
            canvas.box(x: center.x - half, y: center.y - firstHeight / 2, width: layout.boxWidth, height: firstHeight,
                       fill: theme.padding, stroke: theme.gridLine)
            let name = first == 0 ? "x" + NetworkNotation.lowered(j + 1) : NetworkNotation.unit("a", layer: first, j)
            let value = number(firstValues[j])
            let valueSize = min(unitTextSize, firstHeight * 0.36 / scale)
            let size = max(textFloor, canvas.fittingSize(value, size: valueSize, maxWidth: layout.boxWidth - 10))
            // The name above the value where both fit at their drawn sizes; else the value alone.
            if fits(lines: 2, in: firstHeight, scale: scale) {
                canvas.text(name, x: center.x, y: center.y - firstHeight * 0.22, size: textFloor, theme.muted, weight: .bold)
                canvas.text(value, x: center.x, y: center.y + firstHeight * 0.2, size: size, theme.foreground)
            } else {
                canvas.text(value, x: center.x, y: center.y, size: size, theme.foreground)
            }
        }
        let inputLabel = first == 0 ? "input x" : "a⁽\(NetworkNotation.raised(first))⁾ of layer \(first)"
        canvas.text(inputLabel, x: canvas.centerOnSlide(inputLabel, x: layout.centers[0][0].x, size: textFloor, weight: .bold),
                    y: columnLabelY, size: textFloor, theme.foreground, weight: .bold)

        // Units.
        for (index, layer) in trace.layers.enumerated() {
            let l = index + 1
            guard let c = column(l), c > 0 else { continue }
            let boxHeight = layout.boxHeights[c]
            for (i, center) in layout.centers[c].enumerated() {
                let isOutput = l == trace.layers.count
                let fill: Color = isBackward ? theme.highlight.withAlpha(0.22) : (isOutput ? theme.doneFill(0.22) : theme.current.withAlpha(0.16))
                canvas.box(x: center.x - half, y: center.y - boxHeight / 2, width: layout.boxWidth, height: boxHeight,
                           fill: fill, stroke: isBackward ? theme.highlight : (isOutput ? theme.done : theme.current))
                // Sizes below are asked for unscaled; the text is drawn `scale` times as large. The
                // key line (δ, or a) always; the others where the box holds them at the floor.
                var lines: [(String, Bool)]
                if let backward {
                    lines = [("δ " + number(backward.layers[index].delta[i]), true)]
                    if fits(lines: 2, in: boxHeight, scale: scale) { lines.append(("a " + number(layer.a[i]), false)) }
                } else {
                    lines = [("a " + number(layer.a[i]), true)]
                    if fits(lines: 2, in: boxHeight, scale: scale) { lines.insert(("z " + number(layer.z[i]), false), at: 0) }
                    if fits(lines: 3, in: boxHeight, scale: scale) { lines.insert(("b " + number(layer.bias[i]), false), at: 0) }
                }
                // Lines as large as the box holds (24 px where it can), never under the floor.
                let lineHeight = min(unitTextSize * 1.2 * scale, (boxHeight - 8) / Double(lines.count))
                for (k, line) in lines.enumerated() {
                    let y = center.y + (Double(k) - Double(lines.count - 1) / 2) * lineHeight
                    let size = max(textFloor, canvas.fittingSize(line.0, size: min(unitTextSize, lineHeight / 1.2 / scale),
                                                                 maxWidth: layout.boxWidth - 10, weight: line.1 ? .bold : .normal))
                    canvas.text(line.0, x: center.x, y: y, size: size, line.1 ? theme.foreground : theme.muted,
                                weight: line.1 ? .bold : .normal)
                }
            }
            // A box too small for every line says which one it kept.
            let kept = fits(lines: 2, in: boxHeight, scale: scale) ? "" : (isBackward ? ": δ only" : ": a only")
            let label = "layer \(l) · \(layer.activation.rawValue)" + kept
            canvas.text(label, x: canvas.centerOnSlide(label, x: layout.centers[c][0].x, size: textFloor, weight: .bold),
                        y: columnLabelY, size: textFloor, theme.foreground, weight: .bold)
        }

        // Target and loss at the right.
        if let loss, let last = column(trace.layers.count) {
            let outputs = layout.centers[last]
            let lossText = "L = " + Notation.number(loss.total, decimals: 4)
            // Its plate kept on the slide, however large the text is drawn.
            let x = min(layout.width - 90, layout.width - 6 - canvas.plateSize(lossText, size: 19, weight: .bold).width / 2)
            for (i, center) in outputs.enumerated() {
                // The target just right of its unit, left-aligned so it never runs into the box,
                // and moved in where a long one would run off the canvas.
                let target = "y" + NetworkNotation.lowered(i + 1) + " = " + number(loss.target[i])
                let textX = min(center.x + half + 34, layout.width - 12 - canvas.textWidth(target, size: 20))
                if textX - 6 > center.x + half + 4 {
                    canvas.line(from: (center.x + half, center.y), to: (textX - 6, center.y), theme.gridLine, lineWidth: 1, dash: [5, 4])
                }
                canvas.text(target, x: textX, y: center.y, size: 20, theme.foreground, align: .left)
            }
            let above = max(84, (outputs.first?.y ?? layout.height / 2) - layout.boxHeights[last] / 2 - 24)
            canvas.plateLabel(lossText, x: x, y: above, size: 19,
                              theme.foreground, background: theme.doneFill(0.2), weight: .bold)
        }

        Caption.lines(captionLines(backward, labelsLeftOut: labelsLeftOut), on: canvas, width: layout.width, bottom: layout.height - 52, size: captionSize, color: theme.muted)
    }

    /// The size of the caption's lines.
    static let captionSize = 20.0

    /// Whether a box `height` tall holds `lines` lines of text at the floor drawn `scale` times as large.
    static func fits(lines: Int, in height: Double, scale: Double) -> Bool {
        height >= Double(lines) * textFloor * 1.3 * scale + 8
    }

    /// The caption: the rule of this pass, and where the weights are when the overview leaves some out.
    private static func captionLines(_ backward: BackwardTrace?, labelsLeftOut: Bool) -> [String] {
        let lines: [String]
        if let backward {
            let output = backward.layers[backward.layers.count - 1]
            let head = output.rule == .outputSimplified ? "δ⁽ᴸ⁾ = a⁽ᴸ⁾ − y (\(output.ruleLines[0].components(separatedBy: ":")[0]))"
                : (output.rule == .outputSoftmaxJacobian ? "δ⁽ᴸ⁾ᵢ = aᵢ(∂L/∂aᵢ − Σⱼ aⱼ∂L/∂aⱼ)" : "δ⁽ᴸ⁾ = ∂L/∂a ∘ f′(z⁽ᴸ⁾)")
            lines = [head + ";  δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀδ⁽ˡ⁺¹⁾ ∘ f′(z⁽ˡ⁾)", "on each edge ∂L/∂wᵢⱼ = δᵢ·aⱼ\(backward.loss.l2 > 0 ? " + (λ/m)wᵢⱼ" : ""); arrows show the flow back to the input"]
        } else {
            lines = ["zᵢ = Σⱼ wᵢⱼ aⱼ + bᵢ, a = f(z); row i of W⁽ˡ⁾ holds the weights into unit i",
                     "edges: blue w > 0, vermillion w < 0, thicker for larger |w|"]
        }
        return labelsLeftOut ? [lines[0], lines[1] + "; every weight: the layer frames"] : lines
    }
}
