import LessonCore

extension CNNFigures {
    /// One figure per layer, forward: conv, ReLU, max pool, flatten, dense with softmax.
    public static func forwardFrames(_ forward: CNNForwardTrace) -> [Figure] {
        let s = forward.shapes
        return [
            Figure(name: "forward-1-conv", description: "Layer 1 forward: the \(Notation.shape(s.image)) image cross-correlated with each of the \(s.filters) filters plus its bias gives \(s.filters) feature maps of \(Notation.shape(s.featureMap)).", step: 1) { canvas in
                drawConvolution(forward, on: canvas)
            },
            Figure(name: "forward-2-relu", description: "Layer 2 forward: ReLU sets every cell of the feature maps that is 0 or below to 0.", step: 2) { canvas in
                drawReLU(forward, on: canvas)
            },
            Figure(name: "forward-3-pool", description: "Layer 3 forward: \(forward.pools[0].settings) keeps each window's largest value; the winners are marked.", step: 3) { canvas in
                drawPooling(forward, on: canvas)
            },
            Figure(name: "forward-4-flatten", description: "Layer 4 forward: the \(s.filters) pooled maps of \(Notation.shape(s.pooled)) are flattened, map by map and row by row, into \(s.flattened) values f.", step: 4) { canvas in
                drawFlatten(forward, on: canvas)
            },
            Figure(name: "forward-5-dense", description: "Layer 5 forward: logits s = W f + c, probabilities ŷ = softmax(s) = \(Notation.inlineMatrix(Tensor(vector: forward.probabilities))), loss \(Notation.number(forward.loss.total)).", step: 5) { canvas in
                drawDense(forward, on: canvas)
            },
        ]
    }

    /// The grids of the max-pooling figure: the ReLU maps, then the pooled maps; public so tests can find pixels.
    public static func poolingLayout(_ forward: CNNForwardTrace) -> [[Grid]] {
        let (shapes, needs) = poolingShapes(forward)
        return CNNLayout.projector(shapes, needs: needs, maxCell: 72, gap: 260)
    }

    /// The shapes of the max-pooling figure's columns and the cells their numbers need.
    static func poolingShapes(_ forward: CNNForwardTrace) -> (shapes: [[[Int]]], needs: [Double]) {
        let s = forward.shapes
        return ([Array(repeating: s.featureMap, count: s.filters), Array(repeating: s.pooled, count: s.filters)],
                [need(forward.activations), need(forward.pools.map(\.output))])
    }

    private static func drawConvolution(_ forward: CNNForwardTrace, on canvas: Canvas) {
        let theme = canvas.theme
        let s = forward.shapes
        Caption.title("\(title) · layer 1 forward: convolution", on: canvas, width: 1280)
        let kernels = forward.convolutions.map(\.kernel.shape)
        let shapes = [[s.image], kernels, Array(repeating: s.featureMap, count: s.filters)]
        let first = forward.convolutions[0].steps[0]
        let caption = [(forward.convolutions[0].stride == Pair2(1) ? "zₖ[i,j] = Σᵤᵥ x[i + u, j + v]·wₖ[u,v] + bₖ" : "zₖ[i,j] = Σᵤᵥ x[i·s + u, j·s + v]·wₖ[u,v] + bₖ") + " (stride \(forward.convolutions[0].stride), padding \(forward.convolutions[0].padding))",
                       "\(map("z", 0))[1,1] = " + first.sumText]
        let grids = layout(shapes, needs: [need([forward.image]), need(forward.convolutions.map(\.kernel)), need(forward.convolutions.map(\.output))],
                           maxCell: 64, gap: 140, caption: caption, size: 20, on: canvas)
        projectorNote(grids, shapes, on: canvas)
        // The first window of filter 1, to show where z₁[1,1] comes from.
        values(forward.image, in: grids[0][0], label: "image x", on: canvas) { r, c in
            first.terms.contains { $0.paddedRow - forward.convolutions[0].padding.rows == r && $0.paddedColumn - forward.convolutions[0].padding.columns == c }
                ? theme.highlight.withAlpha(0.28) : nil
        }
        for (k, conv) in forward.convolutions.enumerated() {
            values(conv.kernel, in: grids[1][k], label: "\(map("w", k)), b\(NetworkNotation.lowered(k + 1)) = \(number(conv.bias))", on: canvas, bold: true) { r, c in
                conv.kernel[r, c] == 0 ? nil : (conv.kernel[r, c] > 0 ? theme.positive : theme.negative).withAlpha(0.15)
            }
            values(conv.output, in: grids[2][k], label: map("z", k), on: canvas) { r, c in
                k == 0 && r == 0 && c == 0 ? theme.current.withAlpha(0.28) : theme.doneFill(0.12)
            }
        }
        arrow(grids[0], grids[1], "⋆", "cross-correlate", on: canvas)
        arrow(grids[1], grids[2], "+ bₖ", on: canvas)
        Caption.lines(caption, on: canvas, width: 1280, bottom: 680, size: 20)
    }

    private static func drawReLU(_ forward: CNNForwardTrace, on canvas: Canvas) {
        let theme = canvas.theme
        let s = forward.shapes
        Caption.title("\(title) · layer 2 forward: ReLU", on: canvas, width: 1280)
        let maps = Array(repeating: s.featureMap, count: s.filters)
        let zeroed = forward.zeroedCounts.reduce(0, +)
        let caption = ["aₖ = max(0, zₖ): the \(zeroed) shaded cells (z ≤ 0) become 0; the green ones pass unchanged"]
        let grids = layout([maps, maps], needs: [need(forward.convolutions.map(\.output)), need(forward.activations)], maxCell: 72, gap: 260,
                           caption: caption, size: 22, on: canvas)
        projectorNote(grids, [maps, maps], on: canvas)
        for k in 0..<s.filters {
            let z = forward.convolutions[k].output, a = forward.activations[k], passes = forward.reluMasks[k]
            grid(z, grids[0][k], map("z", k), canvas) { r, c in
                CellStyle(fill: passes[r, c] == 1 ? theme.doneFill(0.18) : theme.padding, text: number(z[r, c]),
                          textColor: passes[r, c] == 1 ? nil : theme.negative)
            }
            grid(a, grids[1][k], map("a", k), canvas) { r, c in
                CellStyle(fill: passes[r, c] == 1 ? theme.doneFill(0.18) : nil, text: number(a[r, c]),
                          textColor: passes[r, c] == 1 ? nil : theme.muted, bold: passes[r, c] == 1)
            }
        }
        arrow(grids[0], grids[1], "ReLU", "max(0, z)", on: canvas)
        Caption.lines(caption, on: canvas, width: 1280, bottom: 680, size: 22)
    }

    private static func drawPooling(_ forward: CNNForwardTrace, on canvas: Canvas) {
        let theme = canvas.theme
        let s = forward.shapes
        Caption.title("\(title) · layer 3 forward: max pooling", on: canvas, width: 1280)
        let step = forward.pools[0].steps[0]
        var line = "\(map("p", 0))[1,1] = " + step.formula(op: .max)
        if let cell = step.winnerCell { line += ", from \(map("a", 0))" + Notation.index(cell.row, cell.column) }
        let caption = ["each window (dashed) keeps its largest value (filled); the backward pass routes the gradient to it", line]
        let (shapes, needs) = poolingShapes(forward)
        let grids = layout(shapes, needs: needs, maxCell: 72, gap: 260, caption: caption, size: 21, on: canvas)
        projectorNote(grids, shapes, on: canvas)
        let colors = [theme.current, theme.highlight, theme.done, theme.negative]
        for (k, pool) in forward.pools.enumerated() {
            let a = forward.activations[k]
            var winners: [Int: Int] = [:]
            for (index, step) in pool.steps.enumerated() {
                if let cell = step.winnerCell { winners[cell.row * s.featureMap[1] + cell.column] = index }
            }
            grid(a, grids[0][k], map("a", k), canvas) { r, c in
                if winners[r * s.featureMap[1] + c] != nil {
                    return CellStyle(fill: theme.highlight.withAlpha(0.45), text: number(a[r, c]), bold: true)
                }
                return CellStyle(text: number(a[r, c]), textColor: theme.muted)
            }
            for (index, step) in pool.steps.enumerated() {
                grids[0][k].outline(rows: step.windowRows, columns: step.windowColumns, on: canvas,
                                    colors[index % colors.count], lineWidth: 3, dash: [8, 4])
            }
            values(pool.output, in: grids[1][k], label: map("p", k), on: canvas, bold: true) { _, _ in theme.highlight.withAlpha(0.2) }
        }
        arrow(grids[0], grids[1], "max pool", forward.pools[0].settings.replacingOccurrences(of: "max pooling ", with: ""), on: canvas)
        Caption.lines(caption, on: canvas, width: 1280, bottom: 680, size: 21)
    }

    private static func drawFlatten(_ forward: CNNForwardTrace, on canvas: Canvas) {
        let theme = canvas.theme
        let s = forward.shapes
        Caption.title("\(title) · layer 4 forward: flatten", on: canvas, width: 1280)
        let shapes = [Array(repeating: s.pooled, count: s.filters), [[s.flattened, 1]]]
        let notes = (0..<s.flattened).map { "f" + NetworkNotation.lowered($0 + 1) }
        let origins = (0..<s.flattened).map { r in
            let origin = forward.origin(ofFlattened: r)
            return map("p", origin.map) + Notation.index(origin.row, origin.column)
        }
        let caption = ["f = (\(map("p", 0))[1,1], \(map("p", 0))[1,2], …, \(map("p", s.filters - 1))\(Notation.index(s.pooled[0] - 1, s.pooled[1] - 1))): \(s.filters) × \(Notation.shape(s.pooled)) = \(s.flattened) values, as PyTorch's view(N, −1)"]
        let grids = layout(shapes, needs: [max(need(forward.pools.map(\.output)), notes.map(noteNeed).max() ?? 0),
                                           max(need([column(forward.flattened)]), origins.map(noteNeed).max() ?? 0)],
                           maxCell: 64, gap: 300, caption: caption, size: 21, on: canvas)
        projectorNote(grids, shapes, on: canvas)
        let colors = [theme.current, theme.highlight, theme.done, theme.negative]
        for (k, pool) in forward.pools.enumerated() {
            grid(pool.output, grids[0][k], map("p", k), canvas) { r, c in
                CellStyle(fill: colors[k % colors.count].withAlpha(0.2), text: number(pool.output[r, c]),
                          note: "f" + NetworkNotation.lowered(forward.flattenedIndex(map: k, row: r, column: c) + 1), noteColor: theme.foreground)
            }
        }
        grid(column(forward.flattened), grids[1][0], "f", canvas) { r, _ in
            let origin = forward.origin(ofFlattened: r)
            return CellStyle(fill: colors[origin.map % colors.count].withAlpha(0.2), text: number(forward.flattened[r]),
                             note: map("p", origin.map) + Notation.index(origin.row, origin.column), noteColor: theme.foreground)
        }
        arrow(grids[0], grids[1], "flatten", "map by map, row by row", on: canvas)
        Caption.lines(caption, on: canvas, width: 1280, bottom: 680, size: 21)
    }

    private static func drawDense(_ forward: CNNForwardTrace, on canvas: Canvas) {
        let theme = canvas.theme
        let s = forward.shapes
        Caption.title("\(title) · layer 5 forward: dense and softmax", on: canvas, width: 1280)
        let dense = forward.dense.layers[0]
        let shapes = [[dense.weights.shape], [[s.classes, 1]], [[s.classes, 1]], [[s.classes, 1]]]
        // The sum in the figure's own letters (s = W f + c), not the network engine's z⁽¹⁾, x, b.
        let unit = dense.units[0]
        let symbols = (0..<unit.terms.count).map { "W₁" + NetworkNotation.lowered($0 + 1) + "f" + NetworkNotation.lowered($0 + 1) } + ["c₁"]
        let sum = "s₁ = " + abbreviated(symbols.joined(separator: " + ")) + " = "
            + abbreviated(Notation.sumOfProducts(unit.terms.map { ($0.weight, $0.input) }, bias: unit.bias, result: unit.z))
        let caption = [sum, "ŷᵢ = exp(sᵢ)/Σⱼ exp(sⱼ); L = −Σ yᵢ log ŷᵢ = \(Notation.number(forward.loss.total, decimals: 4))"]
        let grids = layout(shapes, needs: [need([dense.weights, column(forward.flattened)]), need([column(dense.z)]),
                                           need([column(dense.a)]), need([column(forward.loss.target)])],
                           maxCell: 64, gap: 90, top: denseTop(need([dense.weights, column(forward.flattened)])), caption: caption, size: 19, on: canvas)
        projectorNote(grids, shapes, on: canvas)
        flattenedRow(above: grids[0][0], forward, on: canvas)
        values(dense.weights, in: grids[0][0], label: nil, on: canvas) { r, c in
            dense.weights[r, c] == 0 ? nil : (dense.weights[r, c] > 0 ? theme.positive : theme.negative).withAlpha(0.12)
        }
        name("W (one row per class)", under: grids[0][0], dense.weights.shape, on: canvas)
        values(column(dense.z), in: grids[1][0], label: "s", on: canvas)
        values(column(dense.a), in: grids[2][0], label: "ŷ", on: canvas, bold: true) { r, _ in
            forward.loss.target[r] > 0 ? theme.current.withAlpha(0.25) : nil
        }
        values(column(forward.loss.target), in: grids[3][0], label: "y", on: canvas)
        arrow(grids[0], grids[1], "+ c", on: canvas)
        arrow(grids[1], grids[2], "softmax", on: canvas)
        Caption.lines(caption, on: canvas, width: 1280, bottom: 680, size: 19)
    }
}
