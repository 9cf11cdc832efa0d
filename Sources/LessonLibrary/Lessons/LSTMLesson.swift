import Foundation
import LessonCore
import LessonFigures

/// `lesson run lstm`: every gate at every step, backpropagation through time through the
/// cell with the constant error carousel in numbers, one update and a finite-difference check.
/// Lesson file keys: see `LSTMExample`.
public enum LSTMLesson: Lesson {
    public static let id = "lstm"


    /// Runs both passes, the update and the check, and builds the text, JSON and figures.
    public static func run(_ example: LSTMExample, heading: LessonHeading) throws -> LessonOutput {
        let network = example.network, sequence = example.sequence
        let forward: LSTMForwardTrace
        do { forward = try network.forward(sequence) } catch let error as RecurrentShapeError { throw error.inputError }
        let backward = network.backward(forward, truncation: example.truncation)
        let check = network.gradientCheck(sequence, forward: forward, backward: backward)
        let after = network.parameters.with(flat: zip(network.parameters.flat, backward.gradients.flat).map { $0 - example.learningRate * $1 })
        guard after.flat.allSatisfy(\.isFinite) else {
            throw InputError("the update W − η·∂E/∂W gives a weight or bias that is not a finite number; use a smaller learning rate or smaller weights")
        }
        let lossAfter = try LSTMNetwork(after).forward(sequence).loss
        let mismatches = example.mismatches(loss: forward.loss, outputs: forward.outputs)
        var lines = heading.lines
        let truncation = backward.truncation
        for part in [LSTMText.header(network, sequence, forward: forward, truncation: truncation), LSTMText.forward(network, forward),
                     LSTMText.backward(network, forward, backward),
                     LSTMText.update(after, learningRate: example.learningRate, lossBefore: forward.loss, lossAfter: lossAfter,
                                     backward: backward),
                     LSTMText.check(check, backward: backward)] {
            lines.append("")
            lines += part
        }
        lines += LessonChecks.lines(mismatches, checked: example.statedCount)
        let figures = RecurrentFigures.lstm(forward: forward, backward: backward)
        // The gradients the update uses under their parameter names (truncated when truncating),
        // String-keyed so grad_W_f keeps its capital.
        var gradients: [String: Tensor] = [:]
        for (key, m) in zip(LSTMParameters.keys.prefix(4), backward.gradients.weights) { gradients["grad_" + key] = m }
        for (key, b) in zip(LSTMParameters.keys.suffix(4), backward.gradients.biases) { gradients["grad_" + key] = Tensor(vector: b) }
        // "truncate" only when truncating (a nil leaves the key out), so a run without it prints
        // what it printed before the option existed; rnn does the same.
        let payload = JSONObject(verbatim: gradients, [
            "states": forward.states, "outputs": forward.outputs, "loss": forward.loss, "truncate": truncation,
            "network": network, "sequence": sequence, "forward": forward, "backward": backward, "update": after,
            "lossAfter": lossAfter, "gradientCheck": check, "largestGradientDifference": check.largestDifference])
        return LessonOutput(lesson: id, variant: heading.variant, text: lines.joined(separator: "\n"), payload: payload,
                            figures: figures, mismatches: mismatches)
    }
}
