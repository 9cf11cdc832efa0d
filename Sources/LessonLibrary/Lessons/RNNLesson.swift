import Foundation
import LessonCore
import LessonFigures

/// `lesson run rnn`: a recurrent network's forward pass term by term, backpropagation through
/// time (optionally truncated), one update, a finite-difference check and the vanishing gradient.
/// Lesson file keys: see `RNNExample`.
public enum RNNLesson: Lesson {
    public static let id = "rnn"


    /// Runs the forward pass, BPTT, the update, the check and the Jacobians, and builds the
    /// text, JSON, figures and mismatches from their traces.
    public static func run(_ example: RNNExample, heading: LessonHeading) throws -> LessonOutput {
        let network = example.network, sequence = example.sequence
        let forward: RNNForwardTrace
        do { forward = try network.forward(sequence) } catch let error as RecurrentShapeError { throw error.inputError }
        let backward = network.backward(forward, truncation: example.truncation)
        let update = try network.update(sequence, gradients: backward.gradients, lossBefore: forward.loss,
                                        learningRate: example.learningRate)
        guard update.after.flat.allSatisfy(\.isFinite) else {
            throw InputError("the update θ − η·∂E/∂θ gives a weight or bias that is not a finite number; use a smaller learning rate or smaller weights")
        }
        let check = network.gradientCheck(sequence, forward: forward, backward: backward)
        let vanishing = VanishingGradient(network: network, forward: forward)
        var measured: [(label: String, gradient: VanishingGradient)] = [("this network", vanishing)]
        for comparison in example.comparisons {
            measured.append((comparison.label, VanishingGradient(network: comparison.network, forward: try comparison.network.forward(sequence))))
        }
        let mismatches = example.mismatches(loss: forward.loss, outputs: forward.outputs)
        var lines = heading.lines
        for part in [RNNText.header(network, sequence, forward: forward), RNNText.forward(network, forward),
                     RNNText.backward(network, forward, backward), RNNText.update(update, truncation: example.truncation),
                     RNNText.check(check, backward: backward), RNNText.vanishing(measured)] {
            lines.append("")
            lines += part
        }
        lines += LessonChecks.lines(mismatches, checked: example.statedCount)
        let figures = RecurrentFigures.rnn(network: network, forward: forward, backward: backward, vanishing: measured)
        // The gradients the update uses under their parameter names (truncated when truncating),
        // String-keyed so grad_U keeps its capital. "truncate" only when truncating, as lstm writes it.
        let g = backward.gradients
        let comparisons = Dictionary(measured.dropFirst().map { ($0.label, $0.gradient) }, uniquingKeysWith: { a, _ in a })
        let payload = JSONObject(verbatim: ["grad_U": g.U, "grad_W": g.W, "grad_V": g.V, "grad_b": Tensor(vector: g.b),
                                            "grad_c": Tensor(vector: g.c)], [
            "states": forward.states, "outputs": forward.outputs, "loss": forward.loss,
            "truncate": backward.truncation, "network": network,
            "sequence": sequence, "forward": forward, "backward": backward, "update": update,
            "gradientCheck": check, "largestGradientDifference": check.largestDifference,
            "vanishingGradient": vanishing, "vanishingComparisons": comparisons])
        return LessonOutput(lesson: id, variant: heading.variant, text: lines.joined(separator: "\n"), payload: payload,
                            figures: figures, mismatches: mismatches)
    }
}
