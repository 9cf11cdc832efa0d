import Foundation
import LessonCore
import LessonFigures

/// `lesson run mlp`: the forward pass of a multilayer perceptron, every unit term by term,
/// and the loss. Lesson file keys: `network` (see `NetworkReader`), `expected` (`loss`, `output`).
public enum MLPLesson: Lesson {
    public static let id = "mlp"


    /// Runs the forward pass and builds the text, JSON, figure and mismatches.
    public static func run(_ lesson: NetworkLessonExample, heading: LessonHeading) throws -> LessonOutput {
        let example = lesson.example
        let forward = try example.network.forward(example.input)
        let loss = try example.network.lossTrace(forward, target: example.target)
        let mismatches = lesson.mismatches(loss: loss.total, output: forward.output)
        var lines = heading.lines + NetworkText.forwardPass(example, forward, loss: loss)
        lines += LessonChecks.lines(mismatches, checked: lesson.statedCount)
        let figure = NetworkFigures.forward(forward, loss: loss, title: "MLP \(example.network.architecture)")
        let payload = NetworkPayload(network: example.network, forward: forward, loss: loss, backward: nil, update: nil, check: nil)
        return LessonOutput(lesson: id, variant: heading.variant, text: lines.joined(separator: "\n"), payload: payload,
                            figures: [figure] + NetworkFigures.layerFrames(forward, nil, title: "MLP \(example.network.architecture)"),
                            mismatches: mismatches)
    }
}
