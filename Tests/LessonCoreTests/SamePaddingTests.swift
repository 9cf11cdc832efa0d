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
