import LessonTestSupport
import Foundation
import Testing
@testable import LessonCore

/// The loss written out where an output saturates. The value was always computed from the logits,
/// but the terms were written from the rounded output: `L = −[0·log 1 + 1·log 0] = 5000`, where log 0
/// is −∞. Each log is now written as the loss took it, so every written number can be checked.
@Suite struct SaturatedLossTextTests {
    /// The loss lines of a one-layer network whose pre-activations are `logits` (input [1], no bias).
    private func lossLines(_ logits: [Double], activation: Activation, loss: Loss, target: [Double]) throws -> [String] {
        let network = try Network(layers: [Layer(weights: Tensor(rows: logits.map { [$0] }), bias: logits.map { _ in 0 },
                                                 activation: activation)], loss: loss)
        return try network.lossTrace(network.forward([1]), target: target).lines
    }

    /// σ(5000) rounds to 1 with y = 0: was `L = −[0·log 1 + 1·log 0] = 5000`.
    @Test func sigmoidRoundingToOneWritesLogOfOneMinusAFromTheLogit() throws {
        let lines = try lossLines([5000], activation: .sigmoid, loss: .binaryCrossEntropy, target: [0])
        #expect(lines == [
            "L = −Σᵢ[yᵢ log aᵢ + (1 − yᵢ) log(1 − aᵢ)]",
            "L = −[0·log 1 + 1·(−5000)] = 5000",
            "log(1 − a₁) = log σ(−z₁) = −softplus(z₁) = −softplus(5000) = −5000: a₁ = σ(5000) rounds to 1 and log 0 is −∞, so log(1 − a₁) is taken from z (as PyTorch's BCEWithLogitsLoss)",
        ])
    }

    /// Where σ(z) rounds to 1, ∂L/∂a = (a − y)/(a(1 − a)) is what overflows, not −y/a: the note said
    /// "an output rounds to 0, and −y/a is beyond any number" for binary cross-entropy too.
    @Test func theOverflowNoteNamesBinaryCrossEntropysGradient() throws {
        let network = try Network(layers: [Layer(weights: Tensor(rows: [[5000]]), bias: [0], activation: .sigmoid)], loss: .binaryCrossEntropy)
        let layer = try network.backward(network.forward([1]), target: [0.25]).layers[0]
        #expect(layer.lossGradient == nil)
        #expect(layer.ruleLines.last == "∂L/∂a overflows (an output or 1 − output rounds to 0, and (a − y)/(a(1 − a)) is beyond any number), so it is not written; δ = a − y does not need it")
    }

    /// σ(−5000) rounds to 0 with y = 1: was `L = −[1·log 0 + 0·log 1] = 5000`.
    @Test func sigmoidRoundingToZeroWritesLogAFromTheLogit() throws {
        let lines = try lossLines([-5000], activation: .sigmoid, loss: .binaryCrossEntropy, target: [1])
        #expect(lines[1] == "L = −[1·(−5000) + 0·log 1] = 5000")
        #expect(lines[2] == "log a₁ = log σ(z₁) = −softplus(−z₁) = −softplus(5000) = −5000: a₁ = σ(−5000) rounds to 0 and log 0 is −∞, so its log is taken from z (as PyTorch's BCEWithLogitsLoss)")
    }

    /// softmax(900, −900, 899) with the middle class: was `L = −[0·log 0.7311 + 1·log 0 + 0·log 0.2689] = 1800.313262`.
    @Test func softmaxProbabilityRoundingToZeroWritesItsLogFromTheLogits() throws {
        let lines = try lossLines([900, -900, 899], activation: .softmax, loss: .crossEntropy, target: [0, 1, 0])
        #expect(lines == [
            "L = −Σᵢ yᵢ log aᵢ",
            "L = −[0·log 0.7311 + 1·(−1800.3133) + 0·log 0.2689] = 1800.313262",
            "log a₂ = z₂ − m − log Σⱼ e^(zⱼ − m) = −900 − 900 − 0.3133 = −1800.3133 with m = maxⱼ zⱼ: a₂ rounds to 0 and log 0 is −∞, so its log is taken from z (as PyTorch's CrossEntropyLoss on the logits)",
        ])
    }

    /// σ(25) = 1 − 1.4×10⁻¹¹ does not round to 1, but 1 − a keeps only 5 of its digits: log(1 − a)
    /// from a was off by 10⁻⁵ (an rnn's BCE differed from PyTorch's BCEWithLogitsLoss at 9×10⁻⁹).
    /// Now it is −softplus(25) to the last digit, and the text writes that value with its origin.
    @Test func sigmoidWithinAMillionthOfOneTakesLogOfOneMinusAFromTheLogit() throws {
        let z = 25.0, a = Activation.sigmoid(z)
        let exact = z + log1p(exp(-z)) // softplus(25), as BCEWithLogitsLoss computes it for y = 0
        let value = Loss.binaryCrossEntropy.value(output: [a], target: [0], preActivation: [z], activation: .sigmoid)
        #expect(abs(value - exact) <= 1e-15 * exact, "\(value) vs \(exact); from a: \(-log(1 - a))")
        #expect(abs(-log(1 - a) - exact) > 1e-7, "the plain log is the imprecise one, so the check can fail")
        let lines = try lossLines([z], activation: .sigmoid, loss: .binaryCrossEntropy, target: [0])
        #expect(lines[1] == "L = −[0·log 1 + 1·(−25)] = 25")
        #expect(lines[2] == "log(1 − a₁) = log σ(−z₁) = −softplus(z₁) = −softplus(25) = −25: a₁ = σ(25) is within 10⁻⁶ of 1, where 1 − a₁ keeps few exact digits, so log(1 − a₁) is taken from z (as PyTorch's BCEWithLogitsLoss)")
    }

    /// Cross-entropy −Σ y log a on sigmoid outputs: σ(−800) is 0, and the loss was ∞ (a backprop
    /// run refused its step); log σ(z) is taken as −softplus(−z), as F.logsigmoid does.
    @Test func crossEntropyOnASigmoidOutputRoundingToZeroStaysFinite() throws {
        let lines = try lossLines([-800, 2], activation: .sigmoid, loss: .crossEntropy, target: [0.5, 0.5])
        let value = Loss.crossEntropy.value(output: [Activation.sigmoid(-800), Activation.sigmoid(2)], target: [0.5, 0.5],
                                            preActivation: [-800, 2], activation: .sigmoid)
        #expect(abs(value - 0.5 * (800 + log1p(exp(-2)))) <= 1e-13)
        #expect(lines[1] == "L = −[0.5·(−800) + 0.5·log 0.8808] = 400.063464")
        #expect(lines[2] == "log a₁ = log σ(z₁) = −softplus(−z₁) = −softplus(800) = −800: a₁ = σ(−800) rounds to 0 and log 0 is −∞, so its log is taken from z (as PyTorch's F.logsigmoid)")
    }

    /// Its δ: −y/a is −∞ and σ′(z) is 0 where σ(z) rounds to 0, and their product was NaN (the
    /// run refused its update); it is −y·σ(−z), as autograd of −y·F.logsigmoid(z) gives (−1, 0 here).
    @Test func crossEntropyOnASigmoidOutputRoundingToZeroHasAFiniteDelta() throws {
        let network = try Network(layers: [Layer(weights: Tensor(rows: [[-1100], [3]]), bias: [0, 0], activation: .sigmoid)],
                                  loss: .crossEntropy)
        let layer = try network.backward(network.forward([1]), target: [1, 0]).layers[0]
        #expect(layer.delta == [-1, 0])
        #expect(layer.lossGradient == nil)
        #expect(layer.units[0].deltaText == "δ⁽¹⁾₁ = ∂L/∂a⁽¹⁾₁ × f′(z⁽¹⁾₁) = (−y₁/a⁽¹⁾₁)·a⁽¹⁾₁(1 − a⁽¹⁾₁) = −y₁·σ(−z⁽¹⁾₁) = (−1)×σ(1100) = −1: a⁽¹⁾₁ = σ(−1100) rounds to 0 (−y₁/a⁽¹⁾₁ is −∞ and σ′(z⁽¹⁾₁) is 0), so the product is taken whole")
        // A sigmoid output that does not round to 0 keeps the chain as it was written.
        let plain = try network.backward(network.forward([0.001]), target: [1, 0]).layers[0]
        #expect(plain.units[0].deltaText == "δ⁽¹⁾₁ = ∂L/∂a⁽¹⁾₁ × f′(z⁽¹⁾₁) = (−1/0.2497) × (0.2497×(1 − 0.2497)) = (−4.0042) × 0.1874 = −0.7503")
    }

    /// σ(−30) = 9.4×10⁻¹⁴ is not saturated (its log is taken from a), but `Notation.number` writes it 0:
    /// was `L = −[1·log 0 + 0·log 1] = 30`.
    @Test func aTinyOutputIsWrittenInScientificNotationInsideItsLog() throws {
        let lines = try lossLines([-30], activation: .sigmoid, loss: .binaryCrossEntropy, target: [1])
        #expect(lines == ["L = −Σᵢ[yᵢ log aᵢ + (1 − yᵢ) log(1 − aᵢ)]", "L = −[1·log 9.4×10⁻¹⁴ + 0·log 1] = 30"])
    }

    /// Property: with logits hundreds apart, the line of L writes no log 0 (nor ∞), and each log written as
    /// its value is a term's log as the loss took it: −yᵢ × that value is the recorded term.
    @Test(arguments: Seeds.range(1...60)) func saturatedLossLinesNeverWriteLogZero(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let classes = random.int(2...5)
        let logits = (0..<classes).map { _ in Double(random.int(-900...900)) + random.uniform(-0.5...0.5) }
        let c = random.int(0...(classes - 1))
        let target = (0..<classes).map { $0 == c ? 1.0 : 0.0 }
        let lines = try lossLines(logits, activation: .softmax, loss: .crossEntropy, target: target)
        #expect(!lines[1].contains("log 0 ") && !lines[1].contains("log 0]") && !lines[1].contains("∞"), "seed \(seed): \(lines[1])")
        let a = Activation.softmax.apply(logits)
        let logarithms = try #require(Loss.crossEntropy.logarithms(output: a, preActivation: logits, activation: .softmax))
        let terms = Loss.crossEntropy.terms(output: a, target: target, preActivation: logits, activation: .softmax)
        #expect(terms[c] == -logarithms[c].output, "seed \(seed): term \(terms[c]), log \(logarithms[c].output)")
        #expect(lines[1].contains(logarithms[c].fromLogits ? "1·\(Notation.factor(logarithms[c].output))" : "1·log "), "seed \(seed): \(lines[1])")
    }
}
