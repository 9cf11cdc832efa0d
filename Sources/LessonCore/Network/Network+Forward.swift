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
            let denominator = layer.activation == .softmax ? z.reduce(0) { $0 + exp($1) } : nil
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
                    activationText = "\(aName) = exp(\(zName))/Σⱼ exp(z⁽\(NetworkNotation.raised(l))⁾ⱼ) = exp(\(Notation.number(z[i])))/\(Notation.number(denominator ?? 0)) = \(Notation.number(exp(z[i])))/\(Notation.number(denominator ?? 0)) = \(Notation.number(out[i]))"
                default:
                    activationText = "\(aName) = \(layer.activation.symbol)(\(zName)) = \(layer.activation.symbol)(\(Notation.number(z[i]))) = \(Notation.number(out[i]))"
                }
                return UnitForward(terms: terms, bias: layer.bias[i], z: z[i], a: out[i],
                                   sumText: "\(zName) = \(symbols.joined(separator: " + ")) = \(sum)",
                                   activationText: activationText)
            }
            traces.append(LayerForward(layer: l, activation: layer.activation, weights: layer.weights, bias: layer.bias,
                                       inputs: a, z: z, a: out, softmaxDenominator: denominator, units: units))
            a = out
        }
        return ForwardTrace(input: input, layers: traces)
    }

    /// The name of a⁽ˡ⁾ⱼ, with the input layer written xⱼ as the notes do.
    static func activationName(layer: Int, _ unit: Int) -> String {
        layer == 0 ? "x" + NetworkNotation.lowered(unit + 1) : NetworkNotation.unit("a", layer: layer, unit)
    }
}
