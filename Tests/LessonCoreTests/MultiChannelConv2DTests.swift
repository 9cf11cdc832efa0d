import LessonTestSupport
import Testing
@testable import LessonCore

/// A convolutional layer over channels: the lesson's example, parameter counts, bad shapes.
@Suite struct MultiChannelConv2DTests {
    static func matrix(_ text: String) -> Tensor { (try? MatrixLiteral.parse(text)) ?? Tensor(shape: [0, 0]) }

    let input = MultiChannelConv2D.stack(["2 1 2 2 1; 2 2 0 0 0; 0 2 2 0 1; 2 0 2 0 1; 2 0 1 0 2",
                                          "0 2 1 1 1; 1 1 1 2 2; 2 2 1 1 2; 1 0 2 0 2; 1 0 0 1 0",
                                          "0 1 2 1 2; 2 2 1 1 1; 0 1 1 0 2; 0 0 0 2 2; 2 0 2 1 1"].map(matrix))
    let filters = [
        MultiChannelConv2D.stack(["-1 0 1; 0 -1 0; -1 1 1", "-1 0 1; 1 1 0; -1 1 0", "-1 -1 0; 1 0 0; 1 1 0"].map(matrix)),
        MultiChannelConv2D.stack(["0 0 -1; -1 0 0; 0 -1 -1", "-1 0 1; 0 0 0; 1 0 0", "0 0 0; 0 0 1; 1 -1 0"].map(matrix)),
    ]

    @Test func theLessonExample() throws {
        let layer = MultiChannelConv2D(filters: filters, biases: [1, 0], padding: Pair2(1), stride: Pair2(2))
        let trace = try layer.forward(input)
        #expect(trace.output.shape == [2, 3, 3])
        #expect(trace.outputChannel(0) == Self.matrix("6 4 5; 7 3 6; 0 0 -3"))
        #expect(trace.outputChannel(1) == Self.matrix("-5 2 0; -2 -3 -3; 0 1 0"))
        let first = trace.step(filter: 0, row: 0, column: 0)
        #expect(first.channelSums == [2, 1, 2])
        #expect(first.text == "z[1][1,1] = 2 + 1 + 2 + 1 = 6")
        #expect(trace.parameters.total == 56)
        #expect(trace.parameters.filledIn == "(3·3·3 + 1)·2 = 28·2 = 56")
    }

    /// The notes' Keras summary (seeds/002): 28×28×1 → Conv2D(8, 7) → Conv2D(16, 5) → Conv2D(32, 3).
    @Test(arguments: [(1, 7, 8, 400), (8, 5, 16, 3216), (16, 3, 32, 4640), (3, 3, 2, 56)])
    func parameterCounts(channels: Int, kernel: Int, filters: Int, total: Int) {
        let count = ConvolutionParameterCount(inputChannels: channels, kernelRows: kernel, kernelColumns: kernel, filters: filters)
        #expect(count.total == total)
        #expect(count.weights + count.biases == total)
    }

    @Test(arguments: [
        ([2, 3, 3], [1.0, 0], "filter 1 has 2 channels but the input has 3; every filter needs one k × k slice per input channel"),
        ([3, 3, 3], [1.0], "the layer has 2 filters but 1 bias; each filter has exactly one bias"),
    ])
    func badShapesAreOneSentence(filterShape: [Int], biases: [Double], message: String) {
        let bad = Tensor(shape: filterShape, repeating: 1)
        let layer = MultiChannelConv2D(filters: [bad, Tensor(shape: [3, 3, 3], repeating: 1)], biases: biases)
        do {
            _ = try layer.forward(input)
            Issue.record("must fail: \(message)")
        } catch let error as InputError {
            #expect(error.message == message)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func anEmptyOutputSaysWhy() {
        let layer = MultiChannelConv2D(filters: [Tensor(shape: [3, 7, 7], repeating: 1)], biases: [0])
        #expect(throws: InputError.self) { try layer.forward(input) }
    }

    /// Property: each output cell is the plain sum over channels, rows and columns plus the bias.
    @Test func randomCasesAgreeWithAQuadrupleLoop() throws {
        for seed in UInt64(1)...60 {
            var rng = SplitMix64(seed: seed)
            let c = rng.int(1...3), h = rng.int(3...6), w = rng.int(3...6), k = rng.int(1...3), f = rng.int(1...3)
            let p = rng.int(0...1), s = rng.int(1...2)
            let x = Tensor(shape: [c, h, w], scalars: rng.values(c * h * w))
            let ws = (0..<f).map { _ in Tensor(shape: [c, k, k], scalars: rng.values(c * k * k)) }
            let bs = rng.values(f)
            let trace = try MultiChannelConv2D(filters: ws, biases: bs, padding: Pair2(p), stride: Pair2(s)).forward(x)
            let oh = (h + 2 * p - k) / s + 1, ow = (w + 2 * p - k) / s + 1
            #expect(trace.output.shape == [f, oh, ow], "seed \(seed)")
            for o in 0..<f {
                for i in 0..<oh {
                    for j in 0..<ow {
                        var z = bs[o]
                        for ch in 0..<c {
                            for u in 0..<k {
                                for v in 0..<k {
                                    let r = i * s + u - p, col = j * s + v - p
                                    if (0..<h).contains(r) && (0..<w).contains(col) { z += x[ch, r, col] * ws[o][ch, u, v] }
                                }
                            }
                        }
                        #expect(trace.output[o, i, j] == z, "seed \(seed) z[\(o),\(i),\(j)]")
                    }
                }
            }
        }
    }
}
