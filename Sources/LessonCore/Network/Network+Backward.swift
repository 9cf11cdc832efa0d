import Foundation

extension Network {
    /// Backpropagation of the δ's, as the notes derive it (m = 1 example):
    ///
    /// - output layer L: δ⁽ᴸ⁾ = ∂L/∂a⁽ᴸ⁾ ∘ f′(z⁽ᴸ⁾), which is a⁽ᴸ⁾ − y when softmax meets
    ///   cross-entropy or sigmoid meets binary cross-entropy; for softmax under another loss
    ///   the Jacobian gives δᵢ = aᵢ(∂L/∂aᵢ − Σⱼ aⱼ ∂L/∂aⱼ);
    /// - hidden layer l: δ⁽ˡ⁾ᵢ = (Σₖ w⁽ˡ⁺¹⁾ₖᵢ δ⁽ˡ⁺¹⁾ₖ) f′(z⁽ˡ⁾ᵢ), i.e. δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀδ⁽ˡ⁺¹⁾ ∘ f′(z⁽ˡ⁾),
    ///   the sum running over the units k that unit i feeds;
    /// - gradients: ∂L/∂w⁽ˡ⁾ᵢⱼ = δ⁽ˡ⁾ᵢ a⁽ˡ⁻¹⁾ⱼ + (λ/m)w⁽ˡ⁾ᵢⱼ and ∂L/∂b⁽ˡ⁾ᵢ = δ⁽ˡ⁾ᵢ.
    ///
    /// These are the gradients PyTorch's autograd gives for the same network and loss.
    public func backward(_ forward: ForwardTrace, target: [Double]) throws -> BackwardTrace {
        precondition(forward.layers.count == layers.count, "backward of a trace from another network")
        let lossTrace = try lossTrace(forward, target: target)
        var result: [LayerBackward] = []
        var next: (layer: Layer, delta: [Double], number: Int)?
        for index in stride(from: layers.count - 1, through: 0, by: -1) {
            let layer = layers[index], trace = forward.layers[index]
            let l = index + 1
            let z = trace.z, a = trace.a
            let delta: [Double], upstream: [Double], derivative: [Double]?
            let rule: DeltaRule
            var ruleLines: [String]
            var deltaTexts: [String]
            let dName = { (i: Int) in NetworkNotation.unit("δ", layer: l, i) }
            if let next {
                // Hidden layer: the sum over the units k of layer l + 1 that unit i feeds.
                upstream = (0..<layer.units).map { i in
                    var sum = 0.0
                    for k in 0..<next.layer.units { sum += next.layer.weights[k, i] * next.delta[k] }
                    return sum
                }
                let fPrime = z.map(layer.activation.derivative)
                derivative = fPrime
                delta = zip(upstream, fPrime).map(*)
                rule = .hidden
                ruleLines = ["δ⁽\(NetworkNotation.raised(l))⁾ = (W⁽\(NetworkNotation.raised(l + 1))⁾)ᵀ δ⁽\(NetworkNotation.raised(l + 1))⁾ ∘ f′(z⁽\(NetworkNotation.raised(l))⁾), per unit δ⁽\(NetworkNotation.raised(l))⁾ᵢ = (Σₖ w⁽\(NetworkNotation.raised(l + 1))⁾ₖᵢ δ⁽\(NetworkNotation.raised(l + 1))⁾ₖ) × f′(z⁽\(NetworkNotation.raised(l))⁾ᵢ) over the units k that unit i feeds",
                             "f′: " + layer.activation.derivativeFormula]
                deltaTexts = (0..<layer.units).map { i in
                    let symbols = (0..<next.layer.units).map { k in
                        NetworkNotation.weight(layer: next.number, k, i) + NetworkNotation.unit("δ", layer: next.number, k)
                    }.joined(separator: " + ")
                    let products = (0..<next.layer.units).map { k in (next.layer.weights[k, i], next.delta[k]) }
                    let sum = Notation.sumOfProducts(products, bias: nil, result: upstream[i]).components(separatedBy: " = ")[0]
                    return "\(dName(i)) = (\(symbols)) × f′(\(NetworkNotation.unit("z", layer: l, i))) = (\(sum)) × \(Self.derivativeWritten(layer.activation, z: z[i], a: a[i])) = \(Notation.factor(upstream[i])) × \(Notation.factor(fPrime[i])) = \(Notation.number(delta[i]))"
                }
            } else {
                let y = target
                let gradient = loss.gradient(output: a, target: y, preActivation: z, activation: layer.activation)
                upstream = gradient
                if loss.simplifies(with: layer.activation) {
                    delta = zip(a, y).map { $0 - $1 }
                    derivative = layer.activation == .softmax ? nil : z.map(layer.activation.derivative)
                    rule = .outputSimplified
                    ruleLines = layer.activation == .softmax
                        ? ["softmax meets cross-entropy: δᵢ = Σⱼ (∂L/∂aⱼ)(∂aⱼ/∂zᵢ) = Σⱼ (−yⱼ/aⱼ)·aⱼ(𝟙[i = j] − aᵢ) = −yᵢ + aᵢΣⱼ yⱼ = aᵢ − yᵢ, since Σⱼ yⱼ = 1",
                           "so δ⁽\(NetworkNotation.raised(l))⁾ = a⁽\(NetworkNotation.raised(l))⁾ − y"]
                        : ["sigmoid meets binary cross-entropy: δᵢ = (∂L/∂aᵢ) σ′(zᵢ) = (aᵢ − yᵢ)/(aᵢ(1 − aᵢ)) × aᵢ(1 − aᵢ) = aᵢ − yᵢ",
                           "so δ⁽\(NetworkNotation.raised(l))⁾ = a⁽\(NetworkNotation.raised(l))⁾ − y"]
                    deltaTexts = (0..<layer.units).map { i in
                        "\(dName(i)) = \(NetworkNotation.unit("a", layer: l, i)) − y\(NetworkNotation.lowered(i + 1)) = \(Notation.number(a[i])) − \(Notation.factor(y[i])) = \(Notation.number(delta[i]))"
                    }
                } else if layer.activation == .softmax {
                    let weighted = zip(a, gradient).reduce(0) { $0 + $1.0 * $1.1 }
                    delta = (0..<a.count).map { a[$0] * (gradient[$0] - weighted) }
                    derivative = nil
                    rule = .outputSoftmaxJacobian
                    ruleLines = ["softmax output: δᵢ = Σⱼ (∂L/∂aⱼ)(∂aⱼ/∂zᵢ) with ∂aⱼ/∂zᵢ = aⱼ(𝟙[i = j] − aᵢ), so δᵢ = aᵢ(∂L/∂aᵢ − Σⱼ aⱼ ∂L/∂aⱼ)",
                                 loss.gradientFormula,
                                 "Σⱼ aⱼ ∂L/∂aⱼ = " + Notation.sumOfProducts(zip(a, gradient).map { ($0, $1) }, bias: nil, result: weighted)]
                    deltaTexts = (0..<layer.units).map { i in
                        "\(dName(i)) = \(NetworkNotation.unit("a", layer: l, i))(∂L/∂\(NetworkNotation.unit("a", layer: l, i)) − Σⱼ aⱼ ∂L/∂aⱼ) = \(Notation.factor(a[i]))×(\(Notation.number(gradient[i])) − \(Notation.factor(weighted))) = \(Notation.number(delta[i]))"
                    }
                } else {
                    let fPrime = z.map(layer.activation.derivative)
                    derivative = fPrime
                    rule = .outputChain
                    ruleLines = ["output layer: δ⁽\(NetworkNotation.raised(l))⁾ = ∂L/∂a⁽\(NetworkNotation.raised(l))⁾ ∘ f′(z⁽\(NetworkNotation.raised(l))⁾)",
                                 loss.gradientFormula, "f′: " + layer.activation.derivativeFormula]
                    // Cross-entropy on a sigmoid output that rounds to 0: −y/a is −∞ and σ′(z) is 0, but
                    // their product is −y(1 − a) = −yσ(−z), finite (autograd of −y·F.logsigmoid(z)).
                    let whole = (0..<layer.units).map { i in
                        loss == .crossEntropy && layer.activation == .sigmoid && a[i] < Double.leastNormalMagnitude
                    }
                    delta = (0..<layer.units).map { i in whole[i] ? -y[i] * Activation.sigmoid(-z[i]) : gradient[i] * fPrime[i] }
                    deltaTexts = (0..<layer.units).map { i in
                        if whole[i] {
                            let ai = NetworkNotation.unit("a", layer: l, i), zi = NetworkNotation.unit("z", layer: l, i)
                            let yi = "y" + NetworkNotation.lowered(i + 1)
                            let why = a[i] == 0 ? "rounds to 0 (−\(yi)/\(ai) is −∞ and σ′(\(zi)) is 0)"
                                : "is subnormal (\(Notation.scientific(a[i], decimals: 1)): −\(yi)/\(ai) overflows)"
                            return "\(dName(i)) = ∂L/∂\(ai) × f′(\(zi)) = (−\(yi)/\(ai))·\(ai)(1 − \(ai)) = −\(yi)·σ(−\(zi)) = \(Notation.factor(-y[i]))×σ(\(Notation.factor(-z[i]))) = \(Notation.number(delta[i])): \(ai) = σ(\(Notation.number(z[i]))) \(why), so the product is taken whole"
                        }
                        return "\(dName(i)) = ∂L/∂\(NetworkNotation.unit("a", layer: l, i)) × f′(\(NetworkNotation.unit("z", layer: l, i))) = \(Self.lossGradientWritten(loss, a: a[i], y: y[i])) × \(Self.derivativeWritten(layer.activation, z: z[i], a: a[i])) = \(Notation.factor(gradient[i])) × \(Notation.factor(fPrime[i])) = \(Notation.number(delta[i]))"
                    }
                }
            }
            // Gradients: δᵢ aⱼ (+ (λ/m) wᵢⱼ), in the orientation of W.
            let inputs = trace.inputs
            let decay = l2 / Self.exampleCount
            var gradWeights = Tensor(shape: [layer.units, layer.inputs])
            var units: [UnitBackward] = []
            for i in 0..<layer.units {
                var texts: [String] = []
                for j in 0..<layer.inputs {
                    let w = layer.weights[i, j]
                    let g = delta[i] * inputs[j] + decay * w
                    gradWeights[i, j] = g
                    let name = "∂L/∂" + NetworkNotation.weight(layer: l, i, j)
                    let aName = Self.activationName(layer: l - 1, j)
                    if decay > 0 {
                        texts.append("\(name) = \(dName(i))·\(aName) + (λ/m)\(NetworkNotation.weight(layer: l, i, j)) = \(Notation.factor(delta[i]))×\(Notation.factor(inputs[j])) + \(Notation.factor(decay))×\(Notation.factor(w)) = \(Notation.number(g))")
                    } else {
                        texts.append("\(name) = \(dName(i))·\(aName) = \(Notation.factor(delta[i]))×\(Notation.factor(inputs[j])) = \(Notation.number(g))")
                    }
                }
                units.append(UnitBackward(delta: delta[i], deltaText: deltaTexts[i], weightTexts: texts,
                                          biasText: "∂L/∂\(NetworkNotation.unit("b", layer: l, i)) = \(dName(i)) = \(Notation.number(delta[i]))"))
            }
            if decay > 0 { ruleLines.append("gradients: ∂L/∂wᵢⱼ = δᵢaⱼ + (λ/m)wᵢⱼ with λ/m = \(Notation.number(decay, decimals: 6)); ∂L/∂bᵢ = δᵢ (biases are not regularized)") } else { ruleLines.append("gradients: ∂L/∂wᵢⱼ = δᵢaⱼ, ∂L/∂bᵢ = δᵢ") }
            let recorded = rule == .outputSimplified ? loss.recorded(gradient: upstream, activation: layer.activation)
                : rule == .outputChain && !upstream.allSatisfy(\.isFinite) ? nil : upstream
            if recorded == nil {
                let why = loss == .binaryCrossEntropy ? "an output or 1 − output rounds to 0, and (a − y)/(a(1 − a)) is beyond any number"
                    : "an output rounds to 0, and −y/a is beyond any number"
                let needs = rule == .outputChain ? "δ = −y·σ(−z) there does not need it (as autograd of −y·F.logsigmoid(z))" : "δ = a − y does not need it"
                ruleLines.append("∂L/∂a overflows (\(why)), so it is not written; \(needs)")
            }
            result.append(LayerBackward(layer: l, rule: rule, ruleLines: ruleLines, lossGradient: recorded,
                                        derivative: derivative, delta: delta, gradWeights: gradWeights, gradBias: delta,
                                        units: units))
            next = (layer, delta, l)
        }
        return BackwardTrace(loss: lossTrace, layers: result.reversed())
    }

    /// f′(z) written with its numbers: `(1 − 0.2449²)`, `0.56×(1 − 0.56)`, `1`.
    static func derivativeWritten(_ activation: Activation, z: Double, a: Double) -> String {
        switch activation {
        case .tanh: return "(1 − \(Notation.factor(a))²)"
        case .sigmoid: return "(\(Notation.factor(a))×(1 − \(Notation.factor(a))))"
        case .relu: return z > 0 ? "1" : "0"
        case .softplus: return "σ(\(Notation.number(z)))"
        case .linear: return "1"
        case .step: return "0"
        case .softmax: return "J"
        }
    }

    /// ∂L/∂aᵢ written with its numbers: `(0.3 − 1)`, `2×(0.3 − 1)`, `−1/0.7`.
    static func lossGradientWritten(_ loss: Loss, a: Double, y: Double) -> String {
        switch loss {
        case .mse: return "(\(Notation.number(a)) − \(Notation.factor(y)))"
        case .sse: return "2×(\(Notation.number(a)) − \(Notation.factor(y)))"
        case .binaryCrossEntropy: return "(\(Notation.number(a)) − \(Notation.factor(y)))/(\(Notation.factor(a))×(1 − \(Notation.factor(a))))"
        case .crossEntropy: return "(−\(Notation.factor(y))/\(Notation.factor(a)))"
        }
    }
}
