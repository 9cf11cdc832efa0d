import Foundation
import LessonCore
import LessonFigures

/// `lesson run cnn`: a small CNN forward and backward end to end: convolution, ReLU, max
/// pooling, flatten, dense, softmax and cross-entropy; every δ in reverse, one update, and a
/// finite-difference check of every parameter.
///
/// Lesson file keys: `image` (matrix), `filters` (list of matrices), `biases` (one per filter),
/// `padding`, `stride` (the convolution's), `pool` (the max-pooling window, also its stride),
/// `dense` with `weights` (one row per class, one column per flattened value) and `bias`,
/// `target` (one probability per class), `learning-rate`; `expected` may state `flattened`,
/// `logits`, `probabilities`, `loss`, `grad_biases`, `grad_filters` and `loss_after`.
public enum CNNLesson: Lesson {
    public static let id = "cnn"

    /// The parameters of one run, from a lesson variant and command-line options.
    public struct Example: LessonExample {
        /// The one-channel image x.
        public var image: Tensor
        /// The filters w₁…w_K, all of one shape.
        public var filters: [Tensor]
        /// One convolution bias per filter.
        public var biases: [Double]
        /// The convolution's zero padding.
        public var padding = Pair2(0)
        /// The convolution's stride.
        public var stride = Pair2(1)
        /// The max-pooling window, also its stride.
        public var pool = Pair2(2)
        /// W: one row per class, one column per flattened value.
        public var denseWeights: Tensor
        /// c: one bias per class.
        public var denseBias: [Double]
        /// y: one probability per class.
        public var target: [Double]
        /// α of the gradient-descent step.
        public var learningRate = 0.01
        /// What the lesson file states, checked against the recomputation.
        public var expected = Expected()

        /// Values a lesson file may state.
        public struct Expected {
            /// f.
            public var flattened: [Double]?
            /// s = W f + c.
            public var logits: [Double]?
            /// ŷ = softmax(s).
            public var probabilities: [Double]?
            /// L before the update.
            public var loss: Double?
            /// ∂L/∂bₖ, one per filter.
            public var gradBiases: [Double]?
            /// ∂L/∂wₖ, one matrix per filter.
            public var gradFilters: [Tensor]?
            /// L after one gradient-descent step.
            public var lossAfter: Double?
            /// Nothing stated.
            public init() {}

            /// How many values are stated.
            public var count: Int {
                (flattened?.count ?? 0) + (logits?.count ?? 0) + (probabilities?.count ?? 0) + (loss == nil ? 0 : 1)
                    + (gradBiases?.count ?? 0) + (gradFilters?.reduce(0) { $0 + $1.count } ?? 0) + (lossAfter == nil ? 0 : 1)
            }
        }

        /// Reads a variant of a lesson file.
        public init(_ variant: LessonVariant) throws {
            try variant.rejectUnknownKeys(allowed: ["image", "filters", "biases", "padding", "stride", "pool", "dense",
                                                    "target", "learning-rate"])
            image = try variant.require("image", expected: "the one-channel image matrix, such as \"1 0 3; 0 3 4\"").matrix()
            filters = try variant.require("filters", expected: "a list of filter matrices").items().map { try $0.matrix() }
            biases = try variant.require("biases", expected: "one bias per filter, such as [0.5, -0.5]").vector()
            padding = try variant["padding"]?.pair(in: 0...OutputSize.largestSetting) ?? Pair2(0)
            stride = try variant["stride"]?.pair(in: 1...OutputSize.largestSize) ?? Pair2(1)
            pool = try variant["pool"]?.pair(in: 1...OutputSize.largestSize) ?? Pair2(2)
            let dense = try variant.require("dense", expected: "the dense layer's weights and bias")
            try dense.rejectUnknownKeys(allowed: ["weights", "bias"])
            denseWeights = try dense.require("weights", expected: "one row per class, one column per flattened value").matrix()
            denseBias = try dense.require("bias", expected: "one bias per class").vector()
            target = try variant.require("target", expected: "one probability per class, such as [0, 1, 0]").vector()
            if let rate = variant["learning-rate"] {
                learningRate = try rate.double()
                guard learningRate > 0 else { throw rate.error("the learning rate must be above 0") }
            }
            if let stated = variant["expected"] {
                try stated.rejectUnknownKeys(allowed: ["flattened", "logits", "probabilities", "loss", "grad_biases",
                                                       "grad_filters", "loss_after"])
                expected.flattened = try stated["flattened"]?.vector()
                expected.logits = try stated["logits"]?.vector()
                expected.probabilities = try stated["probabilities"]?.vector()
                expected.loss = try stated["loss"]?.double()
                expected.gradBiases = try stated["grad_biases"]?.vector()
                expected.gradFilters = try stated["grad_filters"]?.items().map { try $0.matrix() }
                expected.lossAfter = try stated["loss_after"]?.double()
            }
        }

        /// The network these parameters describe, or an `InputError` saying what does not fit.
        public func network() throws -> SmallCNN {
            try SmallCNN(filters: filters, biases: biases, padding: padding, stride: stride, poolSize: pool,
                         denseWeights: denseWeights, denseBias: denseBias)
        }
    }


    /// Runs forward, backward, the update and the check, and builds text, JSON, figures and mismatches.
    public static func run(_ example: Example, heading: LessonHeading) throws -> LessonOutput {
        let network = try example.network()
        let forward = try network.forward(example.image, target: example.target)
        let backward = try network.backward(forward, target: example.target)
        let update = try network.gradientDescentStep(example.image, target: example.target, backward: backward,
                                                     lossBefore: forward.loss.total, learningRate: example.learningRate)
        let check = try network.gradientCheck(example.image, target: example.target, backward: backward)
        let mismatches = Self.mismatches(example.expected, forward: forward, backward: backward, update: update)
        var lines = heading.lines
        lines.append("")
        lines += CNNText.header(network, forward)
        lines.append("")
        lines += CNNText.forward(forward)
        lines.append("")
        lines += CNNText.backward(forward, backward)
        lines.append("")
        lines += CNNText.update(update)
        lines.append("")
        lines += NetworkText.gradientCheck(check)
        lines += CNNText.kinks(forward, check)
        lines += LessonChecks.lines(mismatches, checked: example.expected.count)
        return LessonOutput(lesson: id, variant: heading.variant, text: lines.joined(separator: "\n"),
                            payload: payload(network: network, forward: forward, backward: backward, update: update, check: check),
                            figures: CNNFigures.figures(forward, backward, update: update), mismatches: mismatches)
    }

    /// The stated values that the recomputation does not give (6 decimals: tolerance 5×10⁻⁷).
    static func mismatches(_ expected: Example.Expected, forward: CNNForwardTrace, backward: CNNBackwardTrace,
                           update: CNNUpdate) -> [Mismatch] {
        let tolerance = StatedPrecision.sixDecimals
        var found: [Mismatch] = []
        func vector(_ stated: [Double]?, _ computed: [Double], _ name: String) {
            guard let stated else { return }
            guard stated.count == computed.count else {
                found.append(Mismatch(subject: name, stated: "\(stated.count) values", recomputed: "\(computed.count) values"))
                return
            }
            for (i, (s, c)) in zip(stated, computed).enumerated() where !agree(s, c, absolute: tolerance, relative: 0) {
                found.append(Mismatch(subject: name + NetworkNotation.lowered(i + 1), stated: Notation.number(s, decimals: 6),
                                      recomputed: Notation.number(c, decimals: 6)))
            }
        }
        func scalar(_ stated: Double?, _ computed: Double, _ name: String) {
            if let stated, !agree(stated, computed, absolute: tolerance, relative: 0) {
                found.append(Mismatch(subject: name, stated: Notation.number(stated, decimals: 6),
                                      recomputed: Notation.number(computed, decimals: 6)))
            }
        }
        vector(expected.flattened, forward.flattened, "f")
        vector(expected.logits, forward.logits, "s")
        vector(expected.probabilities, forward.probabilities, "ŷ")
        scalar(expected.loss, forward.loss.total, "L")
        vector(expected.gradBiases, backward.gradBiases, "∂L/∂b")
        if let stated = expected.gradFilters {
            if stated.count != backward.gradFilters.count {
                found.append(Mismatch(subject: "∂L/∂w", stated: "\(stated.count) filters", recomputed: "\(backward.gradFilters.count) filters"))
            } else {
                for (k, (s, c)) in zip(stated, backward.gradFilters).enumerated() {
                    found += compareMatrices(stated: s, recomputed: c, name: "∂L/∂w" + NetworkNotation.lowered(k + 1), tolerance: tolerance)
                }
            }
        }
        scalar(expected.lossAfter, update.lossAfter, "L after the update")
        return found
    }
}
