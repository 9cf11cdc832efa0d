import LessonCore
import Testing

/// Depthwise separable convolution and the parameter counts of the notes' Keras summaries (seeds/002).
@Suite struct SeparableConv2DTests {
    @Test func notesKerasSummaries() throws {
        let comparison = try ParameterComparison.compute(
            inputShape: [28, 28, 1],
            layers: [ConvolutionLayerSpec(filters: 8, kernel: 7, stride: 2), ConvolutionLayerSpec(filters: 16, kernel: 5, stride: 2),
                     ConvolutionLayerSpec(filters: 32, kernel: 3)],
            classes: 10)
        #expect(comparison.rows.map(\.standard.total) == [400, 3216, 4640, 0, 330])
        #expect(comparison.rows.map(\.separable.total) == [65, 344, 688, 0, 330])
        #expect(comparison.rows.map(\.outputShape) == [[11, 11, 8], [4, 4, 16], [2, 2, 32], [32], [10]])
        #expect(comparison.standardTotal == 8586)
        #expect(comparison.separableTotal == 1427)
        #expect(comparison.rows[1].separable.filledIn == "5·5·8 + 8·16 + 16 = 200 + 128 + 16 = 344")
        #expect(comparison.rows[2].standard.filledIn == "(16·3·3 + 1)·32 = 145·32 = 4640")
    }

    @Test func aLayerThatDoesNotFitSaysWhich() {
        #expect(throws: InputError.self) {
            try ParameterComparison.compute(inputShape: [5, 5, 1], layers: [ConvolutionLayerSpec(filters: 4, kernel: 7)], classes: 2)
        }
    }

    @Test func channelCountMismatchIsASentence() {
        let op = SeparableConv2D(depthwiseKernels: [Tensor(rows: [[1]])], pointwiseWeights: Tensor(rows: [[1, 1]]), biases: [0])
        #expect(throws: InputError("the input has 2 channels but there is 1 depthwise kernel; the depthwise step needs one kernel per channel")) {
            try op.forward(Tensor(shape: [2, 3, 3]))
        }
    }

    /// Property: the separable layer equals an ordinary multi-channel convolution whose kernel
    /// for filter f and channel c is P[f, c]·D_c (summed over channels, plus the bias).
    @Test func separableEqualsOrdinaryConvolutionWithProductKernels() throws {
        for seed in UInt64(0)..<100 {
            var g = SeededShapes(seed: seed)
            let channels = g.int(1...3), filters = g.int(1...3), k = g.int(1...3)
            let h = g.int(k...6), w = g.int(k...6)
            let stride = Pair2(g.int(1...2)), padding = Pair2(g.int(0...1))
            let kernels = (0..<channels).map { _ in g.matrix(k, k) }
            let pointwise = g.matrix(filters, channels)
            let biases = (0..<filters).map { _ in Double(g.int(-3...3)) }
            let input = Tensor(shape: [channels, h, w], scalars: g.matrix(channels * h, w).scalars)
            let trace = try SeparableConv2D(depthwiseKernels: kernels, pointwiseWeights: pointwise, biases: biases,
                                            padding: padding, stride: stride).forward(input)
            for f in 0..<filters {
                var sum: Tensor?
                for c in 0..<channels {
                    let slice = Tensor(shape: [h, w], scalars: Array(input.scalars[(c * h * w)..<((c + 1) * h * w)]))
                    let part = try Conv2D(kernel: kernels[c].map { $0 * pointwise[f, c] }, padding: padding, stride: stride).forward(slice).output
                    sum = sum.map { Tensor(shape: $0.shape, scalars: zip($0.scalars, part.scalars).map(+)) } ?? part
                }
                guard let sum else { continue }
                let expected = sum.map { $0 + biases[f] }
                let count = expected.count
                let got = Array(trace.output.scalars[(f * count)..<((f + 1) * count)])
                #expect(got == expected.scalars, "seed \(seed), filter \(f + 1)")
            }
            #expect(trace.parameters.total == k * k * channels + channels * filters + filters, "seed \(seed)")
            #expect(trace.standardParameters.total == (channels * k * k + 1) * filters, "seed \(seed)")
        }
    }
}
