import LessonCore

extension CNNLesson {
    /// The JSON of `lesson run cnn --json`: every layer's values and gradients, the update and
    /// the check, read from the traces as they are.
    static func payload(network: SmallCNN, forward: CNNForwardTrace, backward: CNNBackwardTrace, update: CNNUpdate,
                        check: GradientCheck) -> JSONObject {
        let values = JSONObject([
            "image": forward.image, "featureMaps": forward.convolutions.map(\.output), "activations": forward.activations,
            "pooled": forward.pools.map(\.output),
            "poolWinners": forward.pools.map { pool in pool.steps.compactMap { $0.winnerCell.map { [$0.row, $0.column] } } },
            "flattened": forward.flattened, "logits": forward.logits, "probabilities": forward.probabilities,
            "target": forward.loss.target, "loss": forward.loss.total])
        // Gradients of every layer, in forward order (computed last to first).
        let gradients = JSONObject([
            "denseDelta": backward.denseDelta, "gradDenseWeights": backward.gradDenseWeights, "gradDenseBias": backward.gradDenseBias,
            "gradFlattened": backward.flattenedGradient.map(\.value), "gradPooled": backward.pooledGradients,
            "gradActivations": backward.pools.map(\.gradient), "reluMasks": backward.reluMasks,
            "convDeltas": backward.convolutionDeltas, "gradFilters": backward.gradFilters, "gradBiases": backward.gradBiases,
            "gradImage": backward.gradImage])
        let step = JSONObject([
            "learningRate": update.learningRate, "lossBefore": update.lossBefore, "lossAfter": update.lossAfter,
            "filters": update.after.filters, "biases": update.after.biases,
            "denseWeights": update.after.denseWeights, "denseBias": update.after.denseBias])
        return JSONObject([
            "network": network, "shapes": forward.shapes, "parameterCount": network.parameterCount,
            "forward": values, "backward": gradients, "update": step,
            "gradientCheck": check, "largestGradientDifference": check.largestDifference])
    }
}
