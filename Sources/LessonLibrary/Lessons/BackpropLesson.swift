import Foundation
import LessonCore
import LessonFigures

/// `lesson run backprop`: forward, the loss, δ backpropagated layer by layer, every gradient,
/// one gradient-descent step and a finite-difference check of every gradient.
/// Lesson file keys: `network` (see `NetworkReader`), `learning-rate`, `expected` (`loss`, `output`).
public enum BackpropLesson: Lesson {
    public static let id = "backprop"


    /// Runs both passes, the update and the check, and builds the text, JSON, figures and mismatches.
    public static func run(_ lesson: NetworkLessonExample, heading: LessonHeading) throws -> LessonOutput {
        let example = lesson.example
        let network = example.network
        let forward = try network.forward(example.input)
        let backward = try network.backward(forward, target: example.target)
        let step = try network.gradientDescentStep(input: example.input, target: example.target, backward: backward,
                                                   learningRate: lesson.learningRate)
        let check = network.gradientCheck(input: example.input, target: example.target, backward: backward)
        let mismatches = lesson.mismatches(loss: backward.loss.total, output: forward.output)
        var lines = heading.lines + NetworkText.forwardPass(example, forward, loss: backward.loss)
        lines.append("")
        lines += NetworkText.backward(backward)
        lines.append("")
        lines += NetworkText.update(step)
        lines.append("")
        lines += NetworkText.gradientCheck(check)
        if let initialization = lesson.initialization {
            lines.append("")
            lines.append("Initialisation: every weight drawn uniformly from [−\(Notation.number(initialization.scale)), \(Notation.number(initialization.scale))] with seed \(initialization.seed) (SplitMix64), biases 0.")
        }
        if lesson.seedIndexing {
            lines.append("")
            lines += BatchText.seedIndexing(backward)
        }
        lines += BatchText.symmetry(before: network, after: step.after)
        var batch: BatchBackwardTrace?
        if example.batchSize > 1 {
            let trace = try network.batchBackward(inputs: example.inputs, targets: example.targets)
            let after = network.batchStep(trace, learningRate: lesson.learningRate)
            lines.append("")
            lines += BatchText.lines(trace, network: network, learningRate: lesson.learningRate,
                                     lossAfter: after.batchLoss(inputs: example.inputs, targets: example.targets))
            batch = trace
        }
        lines += LessonChecks.lines(mismatches, checked: lesson.statedCount)
        let name = "Backprop \(network.architecture)"
        let figures = [NetworkFigures.forward(forward, loss: backward.loss, title: name),
                       NetworkFigures.backward(forward, backward, title: name)]
            + NetworkFigures.layerFrames(forward, nil, title: name) + NetworkFigures.layerFrames(forward, backward, title: name)
        let single = NetworkPayload(network: network, forward: forward, loss: backward.loss, backward: backward,
                                    update: step, check: check)
        let payload: any Encodable = batch.map { BatchPayload(single: single, batch: .init($0)) } ?? single
        return LessonOutput(lesson: id, variant: heading.variant, text: lines.joined(separator: "\n"), payload: payload,
                            figures: figures, mismatches: mismatches)
    }
}
