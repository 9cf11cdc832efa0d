import LessonCore

extension CNNFigures {
    /// One figure per layer, backward, last layer first: dense, flatten, max-pool routing, ReLU mask, conv.
    public static func backwardFrames(_ forward: CNNForwardTrace, _ backward: CNNBackwardTrace) -> [Figure] {
        [
            Figure(name: "backward-5-dense", description: "Layer 5 backward: δ = ŷ − y = \(Notation.inlineMatrix(Tensor(vector: backward.denseDelta))), ∂L/∂W = δ fᵀ and ∂L/∂c = δ.", step: 6) { canvas in
                drawDenseBackward(forward, backward, on: canvas)
            },
            Figure(name: "backward-4-flatten", description: "Layer 4 backward: ∂L/∂f = Wᵀδ, put back into the shape of the pooled maps.", step: 7) { canvas in
                drawFlattenBackward(forward, backward, on: canvas)
            },
            Figure(name: "backward-3-pool", description: "Layer 3 backward: each pooled cell's gradient goes to the cell that won its window; every other cell gets 0.", step: 8) { canvas in
                drawPoolingBackward(forward, backward, on: canvas)
            },
            Figure(name: "backward-2-relu", description: "Layer 2 backward: δₖ = ∂L/∂aₖ ∘ ReLU′(zₖ); the mask blocks the cells where z ≤ 0.", step: 9) { canvas in
                drawReLUBackward(forward, backward, on: canvas)
            },
            Figure(name: "backward-1-conv", description: "Layer 1 backward: ∂L/∂wₖ is the image correlated with δₖ, and ∂L/∂bₖ = Σ δₖ = \(Notation.inlineMatrix(Tensor(vector: backward.gradBiases))).", step: 10) { canvas in
                drawConvolutionBackward(forward, backward, on: canvas)
            },
        ]
    }

    /// The grids of the max-pool routing figure: ∂L/∂pₖ, then ∂L/∂aₖ; public so tests can find pixels.
    public static func poolingBackwardLayout(_ forward: CNNForwardTrace, _ backward: CNNBackwardTrace) -> [[Grid]] {
        let (shapes, needs) = poolingBackwardShapes(forward, backward)
        return CNNLayout.projector(shapes, needs: needs, maxCell: 72, gap: 260)
    }

    /// The shapes of the max-pool routing figure's columns and the cells their numbers and notes need.
    static func poolingBackwardShapes(_ forward: CNNForwardTrace, _ backward: CNNBackwardTrace) -> (shapes: [[[Int]]], needs: [Double]) {
        let s = forward.shapes
        let notes = (0..<s.pooled[0]).flatMap { r in (0..<s.pooled[1]).map { Notation.index(r, $0) } }
        return ([Array(repeating: s.pooled, count: s.filters), Array(repeating: s.featureMap, count: s.filters)],
                [need(backward.pooledGradients), max(need(backward.pools.map(\.gradient)), notes.map(noteNeed).max() ?? 0)])
    }

    /// Colour of a gradient cell: red for negative, blue for positive, by size.
    static func signed(_ value: Double, largest: Double, _ theme: Theme) -> Color? {
        guard value != 0, largest > 0 else { return nil }
        return (value < 0 ? theme.negative : theme.positive).withAlpha(0.12 + 0.3 * abs(value) / largest)
    }

    private static func drawDenseBackward(_ forward: CNNForwardTrace, _ backward: CNNBackwardTrace, on canvas: Canvas) {
        let theme = canvas.theme
        let s = forward.shapes
        Caption.title("\(title) · layer 5 backward: δ = ŷ − y", on: canvas, width: 1280)
        let classes = [[s.classes, 1]]
        let shapes = [classes, classes, classes, [backward.gradDenseWeights.shape]]
        let units = backward.dense.layers[0].units
        let caption = ["softmax meets cross-entropy: δᵢ = ŷᵢ − yᵢ", units[0].deltaText + "; " + (units[0].weightTexts.first ?? "")]
        let grids = layout(shapes, needs: [need([column(forward.probabilities)]), need([column(forward.loss.target)]),
                                           need([column(backward.denseDelta)]), need([backward.gradDenseWeights, column(forward.flattened)])],
                           maxCell: 64, gap: 90, top: denseTop(need([backward.gradDenseWeights, column(forward.flattened)])),
                           caption: caption, size: 19, on: canvas)
        projectorNote(grids, shapes, on: canvas)
        values(column(forward.probabilities), in: grids[0][0], label: "ŷ", on: canvas)
        values(column(forward.loss.target), in: grids[1][0], label: "y", on: canvas)
        let largestDelta = backward.denseDelta.map(abs).max() ?? 1
        values(column(backward.denseDelta), in: grids[2][0], label: "δ = ∂L/∂c", on: canvas, bold: true) { r, _ in
            signed(backward.denseDelta[r], largest: largestDelta, theme)
        }
        let w = grids[3][0]
        flattenedRow(above: w, forward, on: canvas)
        let g = backward.gradDenseWeights, largest = g.scalars.map(abs).max() ?? 1
        values(g, in: w, label: nil, on: canvas) { r, c in signed(g[r, c], largest: largest, theme) }
        name("∂L/∂W = δ fᵀ", under: w, g.shape, on: canvas)
        arrow(grids[0], grids[1], "−", on: canvas, backward: true)
        arrow(grids[2], grids[3], "× fᵀ", on: canvas, backward: true)
        Caption.lines(caption, on: canvas, width: 1280, bottom: 680, size: 19)
    }

    private static func drawFlattenBackward(_ forward: CNNForwardTrace, _ backward: CNNBackwardTrace, on canvas: Canvas) {
        let theme = canvas.theme
        let s = forward.shapes
        Caption.title("\(title) · layer 4 backward: ∂L/∂f = Wᵀδ, unflattened", on: canvas, width: 1280)
        let shapes = [[[s.classes, 1]], [[s.flattened, 1]], Array(repeating: s.pooled, count: s.filters)]
        let notes = (0..<s.flattened).map { "f" + NetworkNotation.lowered($0 + 1) }
        let caption = [backward.flattenedGradient[0].text]
        let grids = layout(shapes, needs: [need([column(backward.denseDelta)]), need([column(backward.flattenedGradient.map(\.value))]),
                                           max(need(backward.pooledGradients), notes.map(noteNeed).max() ?? 0)],
                           maxCell: 64, gap: 220, caption: caption, size: 20, on: canvas)
        projectorNote(grids, shapes, on: canvas)
        let largestDelta = backward.denseDelta.map(abs).max() ?? 1
        values(column(backward.denseDelta), in: grids[0][0], label: "δ", on: canvas) { r, _ in signed(backward.denseDelta[r], largest: largestDelta, theme) }
        let gf = backward.flattenedGradient.map(\.value)
        let largest = gf.map(abs).max() ?? 1
        values(column(gf), in: grids[1][0], label: "∂L/∂f", on: canvas, bold: true) { r, _ in signed(gf[r], largest: largest, theme) }
        for (k, g) in backward.pooledGradients.enumerated() {
            grid(g, grids[2][k], "∂L/∂" + map("p", k), canvas) { r, c in
                CellStyle(fill: signed(g[r, c], largest: largest, theme), text: number(g[r, c]),
                          note: "f" + NetworkNotation.lowered(forward.flattenedIndex(map: k, row: r, column: c) + 1), noteColor: theme.foreground)
            }
        }
        arrow(grids[0], grids[1], "Wᵀδ", on: canvas, backward: true)
        arrow(grids[1], grids[2], "unflatten", on: canvas, backward: true)
        Caption.lines(caption, on: canvas, width: 1280, bottom: 680, size: 20)
    }

    private static func drawPoolingBackward(_ forward: CNNForwardTrace, _ backward: CNNBackwardTrace, on canvas: Canvas) {
        let theme = canvas.theme
        let s = forward.shapes
        Caption.title("\(title) · layer 3 backward: max-pool routing", on: canvas, width: 1280)
        let caption = ["∂L/∂aₖ[r,c] = ∂L/∂pₖ[i,j] if aₖ[r,c] won window (i,j), else 0; the corner index is (i,j)"]
        let (shapes, needs) = poolingBackwardShapes(forward, backward)
        let grids = layout(shapes, needs: needs, maxCell: 72, gap: 260, caption: caption, size: 21, on: canvas)
        projectorNote(grids, shapes, on: canvas)
        let largest = backward.pooledGradients.flatMap(\.scalars).map(abs).max() ?? 1
        for (k, pool) in backward.pools.enumerated() {
            let g = backward.pooledGradients[k]
            values(g, in: grids[0][k], label: "∂L/∂" + map("p", k), on: canvas, bold: true) { r, c in signed(g[r, c], largest: largest, theme) }
            var from: [Int: String] = [:]
            for step in pool.steps {
                for target in step.targets { from[target.row * s.featureMap[1] + target.column] = Notation.index(step.row, step.column) }
            }
            let ga = pool.gradient
            grid(ga, grids[1][k], "∂L/∂" + map("a", k), canvas) { r, c in
                if let note = from[r * s.featureMap[1] + c] {
                    return CellStyle(fill: theme.highlight.withAlpha(0.45), text: number(ga[r, c]), note: note,
                                     noteColor: theme.foreground, bold: true)
                }
                return CellStyle(text: "0", textColor: theme.muted)
            }
            for step in forward.pools[k].steps {
                grids[1][k].outline(rows: step.windowRows, columns: step.windowColumns, on: canvas, theme.gridLine, lineWidth: 2, dash: [6, 4])
            }
        }
        arrow(grids[0], grids[1], "route to the winner", on: canvas, backward: true)
        Caption.lines(caption, on: canvas, width: 1280, bottom: 680, size: 21)
    }

    private static func drawReLUBackward(_ forward: CNNForwardTrace, _ backward: CNNBackwardTrace, on canvas: Canvas) {
        let theme = canvas.theme
        let s = forward.shapes
        Caption.title("\(title) · layer 2 backward: ReLU masks", on: canvas, width: 1280)
        let maps = Array(repeating: s.featureMap, count: s.filters)
        let blocked = backward.blockedCounts.reduce(0, +)
        let caption = ["δₖ = ∂L/∂zₖ = ∂L/∂aₖ ∘ ReLU′(zₖ), ReLU′(z) = 1 if z > 0, else 0 · \(blocked == 0 ? "no non-zero gradient is blocked here" : "\(blocked) non-zero gradient\(blocked == 1 ? " is" : "s are") blocked")"]
        let grids = layout([maps, maps, maps], needs: [need(backward.pools.map(\.gradient)), need(backward.reluMasks), need(backward.convolutionDeltas)],
                           maxCell: 64, gap: 150, caption: caption, size: 21, on: canvas)
        projectorNote(grids, [maps, maps, maps], on: canvas)
        let largest = backward.pools.flatMap(\.gradient.scalars).map(abs).max() ?? 1
        for k in 0..<s.filters {
            let g = backward.pools[k].gradient, mask = backward.reluMasks[k], d = backward.convolutionDeltas[k]
            values(g, in: grids[0][k], label: "∂L/∂" + map("a", k), on: canvas) { r, c in signed(g[r, c], largest: largest, theme) }
            grid(mask, grids[1][k], "ReLU′(" + map("z", k) + ")", canvas) { r, c in
                CellStyle(fill: mask[r, c] == 1 ? theme.doneFill(0.3) : theme.padding, text: number(mask[r, c]),
                          textColor: mask[r, c] == 1 ? nil : theme.muted, bold: mask[r, c] == 1)
            }
            grid(d, grids[2][k], map("δ", k), canvas) { r, c in
                // A non-zero gradient stopped by the mask is shaded and marked.
                g[r, c] != 0 && mask[r, c] == 0
                    ? CellStyle(fill: theme.padding, text: number(d[r, c]), textColor: theme.muted, note: "blocked", noteColor: theme.negative)
                    : CellStyle(fill: signed(d[r, c], largest: largest, theme), text: number(d[r, c]), bold: true)
            }
        }
        arrow(grids[0], grids[1], "∘", on: canvas, backward: true)
        arrow(grids[1], grids[2], "=", on: canvas, backward: true)
        Caption.lines(caption, on: canvas, width: 1280, bottom: 680, size: 21)
    }

    private static func drawConvolutionBackward(_ forward: CNNForwardTrace, _ backward: CNNBackwardTrace, on canvas: Canvas) {
        let theme = canvas.theme
        let s = forward.shapes
        Caption.title("\(title) · layer 1 backward: filter and bias gradients", on: canvas, width: 1280)
        let kernels = backward.convolutions.map(\.gradKernel.shape)
        let shapes = [[s.image], Array(repeating: s.featureMap, count: s.filters), kernels]
        let step = backward.convolutions[0].kernelSteps[0]
        let terms = step.terms.filter { $0.upstream != 0 }
        let sum = terms.isEmpty ? "0" : Notation.sumOfProducts(terms.map { ($0.upstream, $0.factor) }, bias: nil, result: step.value)
        let caption = [forward.convolutions[0].stride == Pair2(1) ? "∂L/∂wₖ[u,v] = Σᵢⱼ δₖ[i,j]·x[i + u, j + v], ∂L/∂bₖ = Σ δₖ" : "∂L/∂wₖ[u,v] = Σᵢⱼ δₖ[i,j]·x[i·s + u, j·s + v], ∂L/∂bₖ = Σ δₖ",
                       "∂L/∂\(map("w", 0))[1,1] = \(sum) (terms with δ = 0 left out)"]
        let grids = layout(shapes, needs: [need([forward.image]), need(backward.convolutions.map(\.upstream)), need(backward.gradFilters)],
                           maxCell: 64, gap: 150, caption: caption, size: 20, on: canvas)
        projectorNote(grids, shapes, on: canvas)
        values(forward.image, in: grids[0][0], label: "image x", on: canvas)
        let largestDelta = backward.convolutionDeltas.flatMap(\.scalars).map(abs).max() ?? 1
        let largest = backward.gradFilters.flatMap(\.scalars).map(abs).max() ?? 1
        for (k, conv) in backward.convolutions.enumerated() {
            values(conv.upstream, in: grids[1][k], label: map("δ", k), on: canvas) { r, c in signed(conv.upstream[r, c], largest: largestDelta, theme) }
            values(conv.gradKernel, in: grids[2][k], label: "∂L/∂\(map("w", k)) · ∂L/∂\(map("b", k)) = \(number(conv.gradBias))", on: canvas, bold: true) { r, c in
                signed(conv.gradKernel[r, c], largest: largest, theme)
            }
        }
        arrow(grids[0], grids[1], "⋆", "correlate", on: canvas, backward: true)
        arrow(grids[1], grids[2], "=", on: canvas, backward: true)
        Caption.lines(caption, on: canvas, width: 1280, bottom: 680, size: 20)
    }
}
