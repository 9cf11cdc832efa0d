/// The shape and parameter count of one layer (see `ModelSummary` for the formulas).
enum LayerCounter {
    static func summarize(_ layer: ModelLayer, input: [Int], mistake: CountingMistake?,
                          sizeMistake: SizeMistake?) throws -> LayerSummary {
        let u = layer.units, m = layer.depthMultiplier
        let type = layer.kind.kerasName
        func row(_ output: [Int], params: Int, formula: String, symbolic: String, arithmetic: [String] = [],
                 nonTrainable: Int = 0, note: String? = nil, type: String = type) -> LayerSummary {
            LayerSummary(type: type, word: layer.word, inputShape: input, outputShape: output, params: params,
                         trainableParams: params - nonTrainable, nonTrainableParams: nonTrainable,
                         formula: formula + " = " + Notation.grouped(params), symbolic: symbolic,
                         shapeArithmetic: arithmetic, note: note)
        }
        let bias = layer.useBias && mistake != .biasesForgotten
        switch layer.kind {
        case .input:
            throw InputError("input(…) may only be the first layer")

        case .dense:
            let c = try last(input, layer)
            let params = try times(try plus(c, bias ? 1 : 0), u)
            return row(Array(input.dropLast()) + [u], params: params,
                       formula: bias ? "(\(c) + 1)·\(u)" : "\(c)·\(u)",
                       symbolic: bias ? "(inputs + 1)·units" : "inputs·units")

        case .conv1d, .conv2d:
            let is2D = layer.kind == .conv2d
            let spatial = try spatialInput(input, rank: is2D ? 3 : 2, layer)
            let c = input[input.count - 1]
            let (sizes, lines) = try windowSizes(spatial, layer, sizeMistake: sizeMistake)
            let (taps, tapsSymbol, kk) = try window(layer)
            switch mistake {
            case .channelsForgotten?:
                return row(sizes + [u], params: try times(try plus(kk, bias ? 1 : 0), u),
                           formula: bias ? "(\(taps) + 1)·\(u)" : "\(taps)·\(u)",
                           symbolic: "(\(tapsSymbol) + 1)·filters", arithmetic: lines)
            case .biasPerInputChannel? where layer.useBias:
                return row(sizes + [u], params: try times(try plus(try times(kk, c), c), u), formula: "(\(taps)·\(c) + \(c))·\(u)",
                           symbolic: "(\(tapsSymbol)·C_in + C_in)·filters", arithmetic: lines)
            default:
                return row(sizes + [u], params: try times(try plus(try times(kk, c), bias ? 1 : 0), u),
                           formula: bias ? "(\(taps)·\(c) + 1)·\(u)" : "\(taps)·\(c)·\(u)",
                           symbolic: bias ? "(\(tapsSymbol)·C_in + 1)·filters" : "\(tapsSymbol)·C_in·filters",
                           arithmetic: lines)
            }

        case .separableConv2d:
            let spatial = try spatialInput(input, rank: 3, layer)
            let c = input[2]
            let (sizes, lines) = try windowSizes(spatial, layer, sizeMistake: sizeMistake)
            let cm = m == 1 ? "\(c)" : "\(c)·\(m)"
            let (taps, tapsSymbol, kk) = try window(layer)
            let depthwise = try times(kk, c, m), pointwise = try times(c, m, u)
            let params = try plus(depthwise, pointwise, bias ? u : 0)
            return row(sizes + [u], params: params,
                       formula: "\(taps)·\(cm) + \(cm)·\(u)" + (bias ? " + \(u)" : ""),
                       symbolic: (m == 1 ? "\(tapsSymbol)·C_in + C_in·filters" : "\(tapsSymbol)·C_in·m + C_in·m·filters") + (bias ? " + filters" : ""),
                       arithmetic: lines,
                       note: "depthwise \(Notation.grouped(depthwise)) + pointwise \(Notation.grouped(pointwise))" + (bias ? " + \(u) biases" : ""))

        case .depthwiseConv2d:
            let spatial = try spatialInput(input, rank: 3, layer)
            let c = input[2]
            let (sizes, lines) = try windowSizes(spatial, layer, sizeMistake: sizeMistake)
            let cm = m == 1 ? "\(c)" : "\(c)·\(m)"
            let (taps, tapsSymbol, kk) = try window(layer)
            let params = try plus(try times(kk, c, m), bias ? try times(c, m) : 0)
            return row(sizes + [try times(c, m)], params: params,
                       formula: "\(taps)·\(cm)" + (bias ? " + \(cm)" : ""),
                       symbolic: m == 1 ? "\(tapsSymbol)·C_in" + (bias ? " + C_in" : "") : "\(tapsSymbol)·C_in·m" + (bias ? " + C_in·m" : ""),
                       arithmetic: lines)

        case .maxPool, .avgPool, .maxPool1d, .avgPool1d:
            let is2D = layer.kind == .maxPool || layer.kind == .avgPool
            let spatial = try spatialInput(input, rank: is2D ? 3 : 2, layer)
            let (sizes, lines) = try windowSizes(spatial, layer, sizeMistake: sizeMistake)
            return row(sizes + [input[input.count - 1]], params: 0, formula: "no weights", symbolic: "0",
                       arithmetic: lines)

        case .globalAvgPool, .globalMaxPool:
            guard input.count == 2 || input.count == 3 else {
                throw InputError("global pooling needs a height×width×channels or steps×features input, got \(Notation.shape(input))")
            }
            let name = (layer.kind == .globalAvgPool ? "GlobalAveragePooling" : "GlobalMaxPooling") + (input.count == 3 ? "2D" : "1D")
            return row([input[input.count - 1]], params: 0, formula: "no weights", symbolic: "0", type: name)

        case .flatten:
            let n = try times(input)
            return row([n], params: 0, formula: "no weights", symbolic: "0",
                       arithmetic: input.count > 1 ? ["\(input.map(String.init).joined(separator: "·")) = \(Notation.grouped(n)) values"] : [])

        case .dropout:
            return row(input, params: 0, formula: "no weights", symbolic: "0")

        case .batchNorm:
            let c = try last(input, layer)
            return row(input, params: try times(4, c), formula: "4·\(c)", symbolic: "4·C", nonTrainable: 2 * c,
                       note: "2·\(c) = \(Notation.grouped(2 * c)) trainable (γ, β) and 2·\(c) = \(Notation.grouped(2 * c)) non-trainable (moving mean and variance)")

        case .simpleRNN, .lstm:
            guard input.count == 2 else {
                throw InputError("\(layer.kind.rawValue) needs a steps×features input, got \(Notation.shape(input)); write input(steps,features)")
            }
            let f = input[1]
            let gates = layer.kind == .lstm ? 4 : 1
            let params = try times(gates, u, try plus(u, f, bias ? 1 : 0))
            let inner = bias ? "\(u) + \(f) + 1" : "\(u) + \(f)"
            let prefix = gates == 4 ? "4·" : ""
            return row(layer.returnSequences ? [input[0], u] : [u], params: params,
                       formula: "\(prefix)\(u)·(\(inner))",
                       symbolic: "\(prefix)units·(units + features" + (bias ? " + 1)" : ")"),
                       note: gates == 4 ? "four gates (input, forget, cell, output), each with its own weights and biases" : nil)
        }
    }

    /// The product of whole numbers, or an `InputError` when it does not fit in 64 bits.
    static func times(_ factors: Int...) throws -> Int { try times(factors) }

    static func times(_ factors: [Int]) throws -> Int {
        try factors.reduce(1) { product, factor in
            let (result, overflow) = product.multipliedReportingOverflow(by: factor)
            guard !overflow else { throw tooLarge }
            return result
        }
    }

    /// The sum of whole numbers, or an `InputError` when it does not fit in 64 bits.
    static func plus(_ terms: Int...) throws -> Int {
        try terms.reduce(0) { sum, term in
            let (result, overflow) = sum.addingReportingOverflow(term)
            guard !overflow else { throw tooLarge }
            return result
        }
    }

    static let tooLarge = InputError("the sizes are so large that a shape or parameter count does not fit in a 64-bit integer; use smaller sizes")

    private static func last(_ input: [Int], _ layer: ModelLayer) throws -> Int {
        guard let c = input.last else { throw InputError("\(layer.kind.rawValue) has no input") }
        return c
    }

    /// The spatial axes of an input that must have `rank` axes (the last being channels).
    private static func spatialInput(_ input: [Int], rank: Int, _ layer: ModelLayer) throws -> [Int] {
        guard input.count == rank else {
            let wanted = rank == 3 ? "height×width×channels input; write input(h,w,c)" : "steps×features input; write input(steps,features)"
            throw InputError("\(layer.kind.rawValue) needs a \(wanted), got \(Notation.shape(input))")
        }
        return Array(input.dropLast())
    }

    /// A kernel's taps as the formula writes them (`3·3`, `3·5` or `3`), as symbols (`k·k`,
    /// `k_h·k_w` for a kernel that is not square, `k`) and their number.
    private static func window(_ layer: ModelLayer) throws -> (taps: String, symbol: String, count: Int) {
        let sizes = layer.kernelSizes(axes: layer.kind.spatialAxes)
        let square = Set(sizes).count == 1
        let symbol = sizes.count == 1 ? "k" : square ? "k·k" : "k_h·k_w"
        return (sizes.map(String.init).joined(separator: "·"), symbol, try times(sizes))
    }

    /// The output size of each spatial axis with its arithmetic written out.
    private static func windowSizes(_ spatial: [Int], _ layer: ModelLayer, sizeMistake: SizeMistake?) throws -> ([Int], [String]) {
        let names = spatial.count == 2 ? ["height", "width"] : ["steps"]
        var sizes: [Int] = []
        var lines: [String] = []
        for (axis, (n, name)) in zip(spatial, names).enumerated() {
            let k = layer.kernel(along: axis), s = layer.stride(along: axis), d = layer.dilation(along: axis)
            switch layer.padding {
            case .same:
                let o = n / s + (n % s == 0 ? 0 : 1)
                sizes.append(o)
                lines.append("\(name): padding same, o = ⌈n/s⌉ = ⌈\(n)/\(s)⌉ = \(o)")
            case .causal:
                // d(k − 1) zeros before the input: o = ⌊(n + d(k − 1) − d(k − 1) − 1)/s⌋ + 1.
                let o = (n - 1) / s + 1
                sizes.append(o)
                let zeros = try times(d, k - 1)
                lines.append("\(name): padding causal, \(d == 1 ? "" : "\(d)·")(\(k) − 1) = \(zeros) zeros before, none after, "
                             + "o = ⌊(n − 1)/s⌋ + 1 = ⌊\(n - 1)/\(s)⌋ + 1 = \(o)")
            case .valid:
                // OutputSize's refusals count along rows and columns ("the kernel (7 columns) is larger …").
                let counted = ["height": "rows", "width": "columns"][name] ?? name
                let size = OutputSize(axis: counted, input: n, kernel: k, padding: 0, stride: s, dilation: d)
                try size.validate()
                if let sizeMistake {
                    guard let o = size.output(with: sizeMistake) else {
                        throw InputError("the mistaken size formula gives no output along the \(name)")
                    }
                    sizes.append(o)
                } else {
                    sizes.append(size.output)
                }
                lines.append("\(name): " + size.filledIn)
            }
        }
        return (sizes, lines)
    }
}
