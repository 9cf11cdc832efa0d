import Foundation

extension Network {
    /// The forward pass: for every layer l and unit i, z⁽ˡ⁾ᵢ = Σⱼ w⁽ˡ⁾ᵢⱼ a⁽ˡ⁻¹⁾ⱼ + b⁽ˡ⁾ᵢ written
    /// term by term, then a⁽ˡ⁾ = f(z⁽ˡ⁾). Throws if the input does not fit the first layer.
    public func forward(_ input: [Double]) throws -> ForwardTrace {
        try validate(input: input)
        var a = input
        var traces: [LayerForward] = []
        for (index, layer) in layers.enumerated() {
            let l = index + 1
            let z = (0..<layer.units).map { layer.preActivation(unit: $0, inputs: a) }
            let out = layer.activation.apply(z)
            let shift = layer.activation == .softmax ? Self.softmaxShift(z) : nil
            let denominator = layer.activation == .softmax ? z.reduce(0) { $0 + exp($1 - (shift ?? 0)) } : nil
            let units = (0..<layer.units).map { i -> UnitForward in
                let terms = (0..<layer.inputs).map { UnitForward.Term(weight: layer.weights[i, $0], input: a[$0]) }
                let symbols = (0..<layer.inputs).map { NetworkNotation.weight(layer: l, i, $0) + Self.activationName(layer: l - 1, $0) }
                    + [NetworkNotation.unit("b", layer: l, i)]
                let sum = Notation.sumOfProducts(terms.map { ($0.weight, $0.input) }, bias: layer.bias[i], result: z[i])
                let zName = NetworkNotation.unit("z", layer: l, i), aName = NetworkNotation.unit("a", layer: l, i)
                let activationText: String
                switch layer.activation {
                case .linear:
                    activationText = "\(aName) = \(zName) = \(Notation.number(out[i]))"
                case .softmax:
                    let zj = "z⁽\(NetworkNotation.raised(l))⁾ⱼ", total = Notation.number(denominator ?? 0)
                    if let m = shift {
                        activationText = "\(aName) = exp(\(zName) − m)/Σⱼ exp(\(zj) − m) with m = maxⱼ \(zj) = \(Notation.number(m)), as exp(z) alone would \(m > 0 ? "overflow" : "underflow to 0") = exp(\(Notation.number(z[i] - m)))/\(total) = \(Notation.number(exp(z[i] - m)))/\(total) = \(Notation.number(out[i]))"
                    } else {
                        activationText = "\(aName) = exp(\(zName))/Σⱼ exp(\(zj)) = exp(\(Notation.number(z[i])))/\(total) = \(Notation.number(exp(z[i])))/\(total) = \(Notation.number(out[i]))"
                    }
                default:
                    activationText = "\(aName) = \(layer.activation.symbol)(\(zName)) = \(layer.activation.symbol)(\(Notation.number(z[i]))) = \(Notation.number(out[i]))"
                }
                return UnitForward(terms: terms, bias: layer.bias[i], z: z[i], a: out[i],
                                   sumText: "\(zName) = \(symbols.joined(separator: " + ")) = \(sum)",
                                   activationText: activationText)
            }
            traces.append(LayerForward(layer: l, activation: layer.activation, weights: layer.weights, bias: layer.bias,
                                       inputs: a, z: z, a: out, softmaxDenominator: denominator, softmaxShift: shift, units: units))
            a = out
        }
        return ForwardTrace(input: input, layers: traces)
    }

    /// m = maxⱼ zⱼ when exp(zⱼ) itself overflows or the sum Σⱼ exp(zⱼ) underflows, so softmax is
    /// shown as exp(zᵢ − m)/Σⱼ exp(zⱼ − m), the way frameworks compute it; nil when plain exp is exact.
    static func softmaxShift(_ z: [Double]) -> Double? {
        let total = z.reduce(0) { $0 + exp($1) }
        return total.isFinite && total >= Double.leastNormalMagnitude ? nil : z.max()
    }

    /// The name of a⁽ˡ⁾ⱼ, with the input layer written xⱼ as the notes do.
    static func activationName(layer: Int, _ unit: Int) -> String {
        layer == 0 ? "x" + NetworkNotation.lowered(unit + 1) : NetworkNotation.unit("a", layer: layer, unit)
    }
}
