import LessonCore

/// The JSON of `lesson run cnn --json`: every layer's values and gradients, the update and the check.
struct CNNPayload: Encodable {
    let network: SmallCNN
    let shapes: CNNShapes
    let parameterCount: Int
    let forward: Forward
    let backward: Backward
    let update: Update
    let gradientCheck: GradientCheck
    let largestGradientDifference: Double

    /// Values of every layer, forward.
    struct Forward: Encodable {
        let image: Tensor
        let featureMaps: [Tensor]
        let activations: [Tensor]
        let pooled: [Tensor]
        let poolWinners: [[[Int]]]
        let flattened: [Double]
        let logits: [Double]
        let probabilities: [Double]
        let target: [Double]
        let loss: Double
    }

    /// Gradients of every layer, in forward order (computed last to first).
    struct Backward: Encodable {
        let denseDelta: [Double]
        let gradDenseWeights: Tensor
        let gradDenseBias: [Double]
        let gradFlattened: [Double]
        let gradPooled: [Tensor]
        let gradActivations: [Tensor]
        let reluMasks: [Tensor]
        let convDeltas: [Tensor]
        let gradFilters: [Tensor]
        let gradBiases: [Double]
        let gradImage: Tensor
    }

    /// One gradient-descent step.
    struct Update: Encodable {
        let learningRate: Double
        let lossBefore: Double
        let lossAfter: Double
        let filters: [Tensor]
        let biases: [Double]
        let denseWeights: Tensor
        let denseBias: [Double]
    }

    init(network: SmallCNN, forward: CNNForwardTrace, backward: CNNBackwardTrace, update: CNNUpdate, check: GradientCheck) {
        self.network = network
        shapes = forward.shapes
        parameterCount = network.parameterCount
        self.forward = Forward(
            image: forward.image, featureMaps: forward.convolutions.map(\.output), activations: forward.activations,
            pooled: forward.pools.map(\.output),
            poolWinners: forward.pools.map { pool in pool.steps.compactMap { $0.winnerCell.map { [$0.row, $0.column] } } },
            flattened: forward.flattened, logits: forward.logits, probabilities: forward.probabilities,
            target: forward.loss.target, loss: forward.loss.total)
        self.backward = Backward(
            denseDelta: backward.denseDelta, gradDenseWeights: backward.gradDenseWeights, gradDenseBias: backward.gradDenseBias,
            gradFlattened: backward.flattenedGradient.map(\.value), gradPooled: backward.pooledGradients,
            gradActivations: backward.pools.map(\.gradient), reluMasks: backward.reluMasks,
            convDeltas: backward.convolutionDeltas, gradFilters: backward.gradFilters, gradBiases: backward.gradBiases,
            gradImage: backward.gradImage)
        self.update = Update(learningRate: update.learningRate, lossBefore: update.lossBefore, lossAfter: update.lossAfter,
                             filters: update.after.filters, biases: update.after.biases,
                             denseWeights: update.after.denseWeights, denseBias: update.after.denseBias)
        gradientCheck = check
        largestGradientDifference = check.largestDifference
    }
}
