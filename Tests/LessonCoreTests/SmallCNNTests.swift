import LessonTestSupport
import Foundation
import LessonCore
import Testing

/// The small CNN: the lesson's numbers (computed independently with NumPy), gradients against
/// central finite differences over seeded random networks, and the shape errors.
@Suite struct SmallCNNTests {
    static func matrix(_ text: String) -> Tensor {
        do { return try MatrixLiteral.parse(text) } catch { preconditionFailure("bad literal \(text)") }
    }

    static let image = matrix("1 3 3 1 2 2; 3 0 1 2 1 3; 3 3 1 3 0 2; 1 0 2 3 3 0; 3 3 1 0 3 3; 1 0 0 1 3 1")
    static let target: [Double] = [0, 1, 0]

    static func lessonNetwork() throws -> SmallCNN {
        try SmallCNN(filters: [matrix("1 0 -1; 2 0 -2; 1 0 -1"), matrix("1 2 1; 0 0 0; -1 -2 -1")], biases: [0.5, -0.5],
                     denseWeights: matrix("0.1 -0.1 0.2 0 -0.1 0.1 0 -0.2; -0.1 0.2 -0.1 0.1 0.1 -0.2 0.1 0.1; 0 -0.1 0 -0.1 0.2 0.1 -0.1 0.1"),
                     denseBias: [0.1, 0, -0.1])
    }

    static func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-11) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
    }

    /// Every number below was computed independently with NumPy loops (see lessons/cnn.yaml), printed to 12 decimals.
    @Test func theLessonExampleMatchesNumPyLayerByLayer() throws {
        let network = try Self.lessonNetwork()
        let forward = try network.forward(Self.image, target: Self.target)
        #expect(forward.convolutions[0].output == Self.matrix("4.5 -1.5 2.5 -1.5; 5.5 -4.5 1.5 4.5; 2.5 -2.5 -2.5 4.5; 4.5 2.5 -7.5 -2.5"))
        #expect(forward.convolutions[1].output == Self.matrix("-0.5 1.5 -0.5 1.5; 0.5 -3.5 -5.5 -2.5; -0.5 2.5 2.5 -4.5; 1.5 5.5 5.5 0.5"))
        #expect(forward.activations[1] == Self.matrix("0 1.5 0 1.5; 0.5 0 0 0; 0 2.5 2.5 0; 1.5 5.5 5.5 0.5"))
        #expect(forward.pools[0].output == Self.matrix("5.5 4.5; 4.5 4.5"))
        #expect(forward.flattened == [5.5, 4.5, 4.5, 4.5, 1.5, 1.5, 5.5, 5.5])
        #expect(Self.close(forward.logits, [0, 1.3, -0.55], 1e-12))
        #expect(Self.close(forward.probabilities, [0.190612470114, 0.699413701397, 0.109973828489]))
        #expect(abs(forward.loss.total - 0.35751286432871787) < 1e-12)

        let backward = try network.backward(forward, target: Self.target)
        #expect(Self.close(backward.denseDelta, [0.190612470114, -0.300586298603, 0.109973828489]))
        #expect(Self.close(backward.flattenedGradient.map(\.value),
                           [0.049119876872, -0.090175889581, 0.068181123883, -0.041056012709,
                            -0.027125111174, 0.090175889581, -0.041056012709, -0.057183741034]))
        // Max-pool routing: p₁[1,1] = 5.5 came from a₁[2,1], so its gradient lands there.
        #expect(abs(backward.pools[0].gradient[1, 0] - 0.049119876872) < 1e-11)
        #expect(backward.pools[0].gradient[0, 0] == 0)
        #expect(backward.reluMasks[0] == Self.matrix("1 0 1 0; 1 0 1 1; 1 0 0 1; 1 1 0 0"))
        #expect(Self.close(backward.gradBiases, [-0.013930901535, -0.035188975337]))
        #expect(Self.close(backward.gradFilters[0].scalars, [-0.087979062791, -0.090175889581, -0.167157569523,
                                                              -0.041792704605, 0.228734964137, -0.063050778407,
                                                              -0.153226667988, -0.39369570687, -0.024928284384]))
        #expect(Self.close(backward.gradFilters[1].scalars, [-0.10556692601, -0.154686802881, -0.141492593243,
                                                              0, 0.021994765698, 0.044726223292,
                                                              0.189152335221, -0.084308852208, -0.113630790172]))
        let update = try network.gradientDescentStep(Self.image, target: Self.target, backward: backward,
                                                     lossBefore: forward.loss.total, learningRate: 0.01)
        #expect(abs(update.lossAfter - 0.18693672524744506) < 1e-12)
        #expect(update.lines.count == network.parameterCount)
        let check = try network.gradientCheck(Self.image, target: Self.target, backward: backward)
        #expect(check.entries.count == 47)
        #expect(check.largestDifference < 1e-8, "largest difference \(check.largestDifference) at \(check.worst?.name ?? "")")
    }

    /// A random network whose shapes chain; values are non-integers, so ties and z = 0 have probability 0.
    static func randomCase(seed: UInt64) throws -> (SmallCNN, Tensor, [Double], String) {
        var rng = SplitMix64(seed: seed)
        let k = rng.int(1...3), size = rng.int(2...3), padding = rng.int(0...1), stride = rng.int(1...2)
        let pool = rng.int(1...2), rows = rng.int(size + 4...10), columns = rng.int(size + 4...10)
        let classes = rng.int(2...4)
        let filters = (0..<k).map { _ in Tensor(shape: [size, size], scalars: (0..<(size * size)).map { _ in rng.uniform(-1...1) }) }
        let biases = (0..<k).map { _ in rng.uniform(-0.5...0.5) }
        let image = Tensor(shape: [rows, columns], scalars: (0..<(rows * columns)).map { _ in rng.uniform(-2...2) })
        let convRows = (rows + 2 * padding - size) / stride + 1, convColumns = (columns + 2 * padding - size) / stride + 1
        let flat = k * ((convRows - pool) / pool + 1) * ((convColumns - pool) / pool + 1)
        let dense = Tensor(shape: [classes, flat], scalars: (0..<(classes * flat)).map { _ in rng.uniform(-0.5...0.5) })
        var target = Array(repeating: 0.0, count: classes)
        target[rng.int(0...(classes - 1))] = 1
        let network = try SmallCNN(filters: filters, biases: biases, padding: Pair2(padding), stride: Pair2(stride),
                                   poolSize: Pair2(pool), denseWeights: dense,
                                   denseBias: (0..<classes).map { _ in rng.uniform(-0.2...0.2) })
        let label = "seed \(seed): \(k) filter(s) \(size)×\(size), padding \(padding), stride \(stride), pool \(pool), image \(rows)×\(columns), \(classes) classes"
        return (network, image, target, label)
    }

    /// Property: for every weight and bias, backprop equals (L(θ + ε) − L(θ − ε))/2ε within 1e-6
    /// (ε = 1e-6: truncation O(ε²) and rounding ~1e-10/ε leave well under that away from kinks).
    @Test(arguments: 0..<40)
    func backpropAgreesWithFiniteDifferencesForEveryParameter(seed: Int) throws {
        let (network, image, target, label) = try Self.randomCase(seed: UInt64(seed) &* 7919 &+ 11)
        let forward = try network.forward(image, target: target)
        let backward = try network.backward(forward, target: target)
        let check = try network.gradientCheck(image, target: target, backward: backward)
        #expect(check.entries.count == network.parameterCount, "\(label)")
        for entry in check.entries {
            #expect(abs(entry.analytic - entry.numeric) <= 1e-6 * max(1, abs(entry.numeric)),
                    "\(label): \(entry.name) backprop \(entry.analytic) numeric \(entry.numeric)")
        }
    }

    /// Property: ∂L/∂x (the sum of the filters' transposed convolutions) equals finite differences on the image.
    @Test(arguments: 0..<15)
    func imageGradientAgreesWithFiniteDifferences(seed: Int) throws {
        let (network, image, target, label) = try Self.randomCase(seed: UInt64(seed) &* 104729 &+ 3)
        let backward = try network.backward(try network.forward(image, target: target), target: target)
        let epsilon = 1e-6
        for index in 0..<image.count {
            var plus = image.scalars, minus = image.scalars
            plus[index] += epsilon
            minus[index] -= epsilon
            let numeric = (try network.lossValue(Tensor(shape: image.shape, scalars: plus), target: target)
                - network.lossValue(Tensor(shape: image.shape, scalars: minus), target: target)) / (2 * epsilon)
            let analytic = backward.gradImage.scalars[index]
            #expect(abs(analytic - numeric) <= 1e-6 * max(1, abs(numeric)), "\(label): ∂L/∂x at \(index): \(analytic) vs \(numeric)")
        }
    }

    /// PyTorch's conventions at the kinks: ReLU′(0) = 0, so with every z = 0 nothing reaches the filters,
    /// while the dense layer still learns (δ = ŷ − y, f = 0 so ∂L/∂W = 0 but ∂L/∂c = δ).
    @Test func reluAtZeroPassesNoGradientAsInPyTorch() throws {
        let network = try SmallCNN(filters: [Tensor(shape: [3, 3], repeating: 1)], biases: [0],
                                   denseWeights: Tensor(shape: [2, 4], repeating: 0.5), denseBias: [0, 0])
        let image = Tensor(shape: [6, 6])
        let forward = try network.forward(image, target: [1, 0])
        let backward = try network.backward(forward, target: [1, 0])
        #expect(backward.reluMasks[0] == Tensor(shape: [4, 4]))
        #expect(backward.gradFilters[0] == Tensor(shape: [3, 3]))
        #expect(backward.gradBiases == [0])
        #expect(backward.gradDenseBias == [-0.5, 0.5])
        // The winner of an all-zero window is its first cell, as PyTorch's CPU kernel picks it.
        #expect(forward.pools[0].steps.allSatisfy { $0.winner == 0 })
    }

    @Test func denseWeightsThatDoNotChainNameBothNumbers() throws {
        let network = try Self.lessonNetwork()
        let eight = Tensor(shape: [8, 8], repeating: 1)
        #expect(throws: InputError("the dense weights have 8 columns but the flattened pooled maps have 18 values (2 maps of 3×3 from the 8×8 image); the shapes do not chain: give the dense layer 18 columns")) {
            try network.forward(eight, target: Self.target)
        }
    }

    @Test func aTargetOfTheWrongLengthIsOneSentence() throws {
        let network = try Self.lessonNetwork()
        #expect(throws: InputError("the target has 2 values but the dense layer has 3 classes (rows of its weights); give one target per class")) {
            try network.forward(Self.image, target: [0, 1])
        }
    }

    @Test func filtersOfDifferentShapesAndMissingBiasesAreRefused() {
        #expect(throws: InputError("filter 2 is 2×2 but filter 1 is 3×3; all filters of a layer have one shape")) {
            try SmallCNN(filters: [Tensor(shape: [3, 3]), Tensor(shape: [2, 2])], biases: [0, 0],
                         denseWeights: Tensor(shape: [2, 2]), denseBias: [0, 0])
        }
        #expect(throws: InputError("there are 2 filters but 1 convolution bias; give one bias per filter")) {
            try SmallCNN(filters: [Tensor(shape: [3, 3]), Tensor(shape: [3, 3])], biases: [0],
                         denseWeights: Tensor(shape: [2, 2]), denseBias: [0, 0])
        }
    }
}
