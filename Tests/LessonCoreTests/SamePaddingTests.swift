import LessonTestSupport
import Testing
import LessonCore

/// Keras's and TensorFlow's `padding="same"`, checked against the definition written out again
/// here: pad the input explicitly (⌊total/2⌋ before, the rest after), then a valid convolution.
@Suite struct SamePaddingTests {
    /// TensorFlow's rule for one axis, written from its documentation, not from `SamePadding`.
    static func tensorFlowPads(n: Int, k: Int, s: Int, d: Int) -> (before: Int, after: Int) {
        let out = Int((Double(n) / Double(s)).rounded(.up))
        let total = max((out - 1) * s + (k - 1) * d + 1 - n, 0)
        return (total / 2, total - total / 2)
    }

    /// A valid cross-correlation by plain loops over an explicitly padded input.
    static func referenceSame(_ x: [[Double]], _ w: [[Double]], stride: Pair2, dilation: Pair2) -> [[Double]] {
        let (n, m, kr, kc) = (x.count, x[0].count, w.count, w[0].count)
        let rows = tensorFlowPads(n: n, k: kr, s: stride.rows, d: dilation.rows)
        let columns = tensorFlowPads(n: m, k: kc, s: stride.columns, d: dilation.columns)
        let width = m + columns.before + columns.after
        var padded = [[Double]](repeating: [Double](repeating: 0, count: width), count: rows.before)
        for row in x { padded.append([Double](repeating: 0, count: columns.before) + row + [Double](repeating: 0, count: columns.after)) }
        padded += [[Double]](repeating: [Double](repeating: 0, count: width), count: rows.after)
        let outRows = (padded.count - (kr - 1) * dilation.rows - 1) / stride.rows + 1
        let outColumns = (width - (kc - 1) * dilation.columns - 1) / stride.columns + 1
        return (0..<outRows).map { i in
            (0..<outColumns).map { j in
                var sum = 0.0
                for u in 0..<kr { for v in 0..<kc { sum += padded[i * stride.rows + u * dilation.rows][j * stride.columns + v * dilation.columns] * w[u][v] } }
                return sum
            }
        }
    }

    @Test(arguments: Seeds.range(1...60))
    func sameMatchesPaddingThenValidConvolution(seed: UInt64) throws {
        var g = SplitMix64(seed: seed)
        let (n, m) = (g.int(1...7), g.int(1...7))
        let (kr, kc) = (g.int(1...4), g.int(1...4))
        let stride = Pair2(rows: g.int(1...3), columns: g.int(1...3)), dilation = Pair2(rows: g.int(1...2), columns: g.int(1...2))
        let x = Tensor(shape: [n, m], scalars: g.values(n * m)), w = Tensor(shape: [kr, kc], scalars: g.values(kr * kc))
        let rule = [SamePadding(axis: "rows", input: n, kernel: kr, stride: stride.rows, dilation: dilation.rows),
                    SamePadding(axis: "columns", input: m, kernel: kc, stride: stride.columns, dilation: dilation.columns)]
        let conv = Conv2D(kernel: w, padding: Pair2(rows: rule[0].before, columns: rule[1].before), stride: stride, dilation: dilation,
                          extraPadding: Pair2(rows: rule[0].after - rule[0].before, columns: rule[1].after - rule[1].before))
        let trace = try conv.forward(x)
        let rows = (0..<n).map { r in (0..<m).map { x[r, $0] } }, kernel = (0..<kr).map { u in (0..<kc).map { w[u, $0] } }
        let expected = Self.referenceSame(rows, kernel, stride: stride, dilation: dilation)
        // The output keeps ⌈n/s⌉ cells per axis, the property "same" is named for.
        #expect(trace.output.shape == [(n + stride.rows - 1) / stride.rows, (m + stride.columns - 1) / stride.columns], "seed \(seed)")
        #expect(trace.output.shape == [expected.count, expected[0].count], "seed \(seed)")
        // Small integers: every sum is exact, so the comparison is exact.
        #expect(trace.output.scalars == expected.flatMap { $0 }, "seed \(seed): n \(n)×\(m), k \(kr)×\(kc), s \(stride), d \(dilation)")
        #expect(trace.outputSizes.map(\.output) == trace.output.shape, "seed \(seed)")
    }

    /// A valid 1-D cross-correlation by a plain loop over the signal padded explicitly as TensorFlow does.
    static func referenceSame1D(_ x: [Double], _ w: [Double], stride: Int, dilation: Int) -> [Double] {
        let pads = tensorFlowPads(n: x.count, k: w.count, s: stride, d: dilation)
        let padded = [Double](repeating: 0, count: pads.before) + x + [Double](repeating: 0, count: pads.after)
        let count = (padded.count - (w.count - 1) * dilation - 1) / stride + 1
        var output: [Double] = []
        for i in 0..<count {
            var sum = 0.0
            for u in 0..<w.count { sum += w[u] * padded[i * stride + u * dilation] }
            output.append(sum)
        }
        return output
    }

    @Test(arguments: Seeds.range(1...60))
    func conv1dSameMatchesPaddingThenValidConvolution(seed: UInt64) throws {
        var g = SplitMix64(seed: seed)
        let n = g.int(1...9), k = g.int(1...5), stride = g.int(1...3), dilation = g.int(1...2)
        let x = g.values(n), w = g.values(k)
        let rule = SamePadding(axis: "length", input: n, kernel: k, stride: stride, dilation: dilation)
        let conv = Conv1D(kernel: w, padding: rule.before, stride: stride, dilation: dilation, extraPadding: rule.after - rule.before)
        let trace = try conv.forward(x)
        let expected = Self.referenceSame1D(x, w, stride: stride, dilation: dilation)
        #expect(trace.output.count == (n + stride - 1) / stride, "seed \(seed)")
        #expect(trace.output == expected, "seed \(seed): n \(n), k \(k), s \(stride), d \(dilation)")
        #expect(trace.outputSize.output == trace.output.count, "seed \(seed)")
        #expect(trace.paddedInput.count == n + rule.total, "seed \(seed)")
    }

    /// A multi-channel layer pads every channel alike: the sum over channels of pad-then-valid, plus the bias.
    @Test(arguments: Seeds.range(1...30))
    func channelsSameMatchesPaddingThenValidConvolution(seed: UInt64) throws {
        var g = SplitMix64(seed: seed)
        let (channels, n, m, k) = (g.int(1...3), g.int(1...6), g.int(1...6), g.int(1...4))
        let stride = Pair2(rows: g.int(1...3), columns: g.int(1...3)), dilation = Pair2(g.int(1...2))
        let x = (0..<channels).map { _ in (0..<n).map { _ in g.values(m) } }
        let w = (0..<channels).map { _ in (0..<k).map { _ in g.values(k) } }
        let bias = Double(g.int(-3...3))
        let input = MultiChannelConv2D.stack(x.map { Tensor(shape: [n, m], scalars: $0.flatMap { $0 }) })
        let filter = MultiChannelConv2D.stack(w.map { Tensor(shape: [k, k], scalars: $0.flatMap { $0 }) })
        let (padding, extra) = SamePadding.pads(SamePadding.rowsAndColumns(input: input.shape, kernel: filter.shape, stride: stride, dilation: dilation))
        let layer = MultiChannelConv2D(filters: [filter], biases: [bias], padding: padding, stride: stride, dilation: dilation, extraPadding: extra)
        let trace = try layer.forward(input)
        var expected = Self.referenceSame(x[0], w[0], stride: stride, dilation: dilation)
        for c in 1..<max(channels, 1) where c < channels {
            let partial = Self.referenceSame(x[c], w[c], stride: stride, dilation: dilation)
            for i in expected.indices { for j in expected[i].indices { expected[i][j] += partial[i][j] } }
        }
        #expect(trace.output.shape == [1, (n + stride.rows - 1) / stride.rows, (m + stride.columns - 1) / stride.columns], "seed \(seed)")
        #expect(trace.output.scalars == expected.flatMap { $0.map { $0 + bias } }, "seed \(seed): \(channels)×\(n)×\(m), k \(k), s \(stride), d \(dilation)")
    }

    @Test func evenKernelPutsTheExtraZeroAtTheBottomAndRight() throws {
        let rule = SamePadding(axis: "rows", input: 5, kernel: 4, stride: 1, dilation: 1)
        #expect((rule.total, rule.before, rule.after) == (3, 1, 2))
        let x = Tensor(shape: [3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let trace = try Conv2D(kernel: Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]), extraPadding: Pair2(1)).forward(x)
        // z[3,3] sees 9 at the window's top left and padding elsewhere: 9×1.
        #expect(trace.output.scalars == [37, 47, 21, 67, 77, 33, 23, 26, 9])
        #expect(trace.paddedInput.shape == [4, 4])
        #expect(trace.extraPadding == Pair2(1))
        #expect(trace.outputSizes[0].filledIn == "o = ⌊(3 + 0 + 1 − 1×(2 − 1) − 1)/1⌋ + 1 = ⌊2/1⌋ + 1 = 3")
    }

    /// At stride 1 an odd kernel pads both sides alike: the notes' p = d(k − 1)/2, as before.
    @Test(arguments: [1, 3, 5, 7])
    func oddKernelAtStrideOneIsSymmetric(k: Int) throws {
        for d in 1...3 {
            let rule = SamePadding(axis: "rows", input: 6, kernel: k, stride: 1, dilation: d)
            #expect(rule.before == rule.after)
            #expect(rule.before == (try PaddingMode.same.padding(kernel: k, dilation: d, axis: "rows")))
        }
    }

    /// The backward pass of an uneven padding matches finite differences of the forward pass.
    @Test(arguments: Seeds.range(1...10))
    func backwardOfUnevenPaddingMatchesFiniteDifferences(seed: UInt64) throws {
        var g = SplitMix64(seed: seed)
        let n = g.int(2...5), k = 2 * g.int(1...2)
        let x = Tensor(shape: [n, n], scalars: g.values(n * n)), w = Tensor(shape: [k, k], scalars: g.values(k * k))
        let rule = SamePadding(axis: "rows", input: n, kernel: k)
        let conv = Conv2D(kernel: w, padding: Pair2(rule.before), extraPadding: Pair2(rule.after - rule.before))
        let forward = try conv.forward(x)
        let upstream = Tensor(shape: forward.output.shape, scalars: g.values(forward.output.count))
        let backward = try conv.backward(forward, upstream: upstream)
        // L = Σ G ⊙ z is linear in x, so a unit step gives the derivative exactly.
        func loss(_ input: Tensor) throws -> Double { zip(try conv.forward(input).output.scalars, upstream.scalars).map(*).reduce(0, +) }
        let base = try loss(x)
        for r in 0..<n {
            for c in 0..<n {
                var bumped = x
                bumped[r, c] += 1
                #expect(try loss(bumped) - base == backward.gradInput[r, c], "seed \(seed) at [\(r),\(c)]")
            }
        }
    }
}
