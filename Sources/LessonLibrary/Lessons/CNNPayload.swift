import LessonCore

/// The JSON of `lesson run cnn --json`: every layer's values and gradients, the update and the check,
/// read from the traces as they are written.
struct CNNPayload: Encodable {
    let network: SmallCNN
    let forward: CNNForwardTrace
    let backward: CNNBackwardTrace
    let update: CNNUpdate
    let check: GradientCheck

    func encode(to encoder: Encoder) throws {
        try encoder.encodeFields([
            "network": network, "shapes": forward.shapes, "parameterCount": network.parameterCount,
            "forward": Forward(trace: forward), "backward": Backward(trace: backward), "update": Update(update: update),
            "gradientCheck": check, "largestGradientDifference": check.largestDifference])
    }

    /// Values of every layer, forward.
    private struct Forward: Encodable {
        let trace: CNNForwardTrace

        func encode(to encoder: Encoder) throws {
            try encoder.encodeFields([
                "image": trace.image, "featureMaps": trace.convolutions.map(\.output), "activations": trace.activations,
                "pooled": trace.pools.map(\.output),
                "poolWinners": trace.pools.map { pool in pool.steps.compactMap { $0.winnerCell.map { [$0.row, $0.column] } } },
                "flattened": trace.flattened, "logits": trace.logits, "probabilities": trace.probabilities,
                "target": trace.loss.target, "loss": trace.loss.total])
        }
    }

    /// Gradients of every layer, in forward order (computed last to first).
    private struct Backward: Encodable {
        let trace: CNNBackwardTrace

        func encode(to encoder: Encoder) throws {
            try encoder.encodeFields([
                "denseDelta": trace.denseDelta, "gradDenseWeights": trace.gradDenseWeights, "gradDenseBias": trace.gradDenseBias,
                "gradFlattened": trace.flattenedGradient.map(\.value), "gradPooled": trace.pooledGradients,
                "gradActivations": trace.pools.map(\.gradient), "reluMasks": trace.reluMasks,
                "convDeltas": trace.convolutionDeltas, "gradFilters": trace.gradFilters, "gradBiases": trace.gradBiases,
                "gradImage": trace.gradImage])
        }
    }

    /// One gradient-descent step.
    private struct Update: Encodable {
        let update: CNNUpdate

        func encode(to encoder: Encoder) throws {
            try encoder.encodeFields([
                "learningRate": update.learningRate, "lossBefore": update.lossBefore, "lossAfter": update.lossAfter,
                "filters": update.after.filters, "biases": update.after.biases,
                "denseWeights": update.after.denseWeights, "denseBias": update.after.denseBias])
        }
    }
}
