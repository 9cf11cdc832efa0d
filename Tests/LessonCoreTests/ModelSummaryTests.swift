import LessonTestSupport
import Testing
@testable import LessonCore

/// Parameter counts and output shapes: the notes' numbers, Keras's numbers for each layer,
/// and properties over seeded random stacks.
@Suite struct ModelSummaryTests {
    func summary(_ text: String) throws -> ModelSummary { try ModelSummary.summarize(text) }

    func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let error as InputError { return error.message } catch { return "\(error)" }
    }

    @Test(arguments: [
        ("input(2) dense(4) dense(4) dense(1)", [12, 20, 5], 37),
        ("input(2) dense(4) dense(4) dense(6)", [12, 20, 30], 62),
        ("input(784) dense(10)", [7850], 7850),
        ("input(784) dense(100) dense(100) dense(10)", [78500, 10100, 1010], 89610),
    ])
    func theNotesMultilayerPerceptrons(model: String, params: [Int], total: Int) throws {
        let s = try summary(model)
        #expect(s.layers.map(\.params) == params)
        #expect(s.totalParams == total)
    }

    @Test func theNotesConv2DStack() throws {
        let s = try summary("input(28,28,1) conv2d(8,7,stride=2) conv2d(16,5,stride=2) conv2d(32,3) global_avg_pool dense(10)")
        #expect(s.layers.map(\.params) == [400, 3216, 4640, 0, 330])
        #expect(s.layers.map(\.outputShape) == [[11, 11, 8], [4, 4, 16], [2, 2, 32], [32], [10]])
        #expect(s.totalParams == 8586)
        #expect(s.layers[0].formula == "(7·7·1 + 1)·8 = 400")
        #expect(s.layers[1].formula == "(5·5·8 + 1)·16 = 3,216")
        #expect(s.layers.map(\.type) == ["Conv2D", "Conv2D", "Conv2D", "GlobalAveragePooling2D", "Dense"])
        #expect(s.totalText == "400 + 3,216 + 4,640 + 0 + 330 = 8,586")
    }

    @Test func theNotesSeparableStack() throws {
        let s = try summary("input(28,28,1) separable_conv2d(8,7,stride=2) separable_conv2d(16,5,stride=2) separable_conv2d(32,3) global_avg_pool dense(10)")
        #expect(s.layers.map(\.params) == [65, 344, 688, 0, 330])
        #expect(s.totalParams == 1427)
        #expect(s.layers[1].formula == "5·5·8 + 8·16 + 16 = 344")
    }

    // Counts and shapes as Keras 3 reports them for each layer.
    @Test(arguments: [
        ("input(100,16) conv1d(32,3)", [98, 32], 1568),
        ("input(100,16) conv1d(32,3,stride=2,padding=same)", [50, 32], 1568),
        ("input(100,16) conv1d(32,5,dilation=2)", [92, 32], 2592),
        ("input(32,32,16) depthwise_conv2d(3)", [30, 30, 16], 160),
        ("input(32,32,16) depthwise_conv2d(3,depth_multiplier=2,padding=same)", [32, 32, 32], 320),
        ("input(32,32,16) separable_conv2d(32,3,depth_multiplier=2)", [30, 30, 32], 1344),
        ("input(28,28,1) conv2d(8,3,use_bias=false)", [26, 26, 8], 72),
        ("input(28,28,1) conv2d(8,3,dilation=2)", [24, 24, 8], 80),
        ("input(28,28,3) conv2d(16,3,stride=2,padding=same)", [14, 14, 16], 448),
        ("input(28,28,3) conv2d(16,3,stride=3,padding=same)", [10, 10, 16], 448),
        ("input(28,28,8) max_pool(2)", [14, 14, 8], 0),
        ("input(28,28,8) avg_pool(3,stride=2)", [13, 13, 8], 0),
        ("input(28,28,8) max_pool(3,stride=2,padding=same)", [14, 14, 8], 0),
        ("input(100,16) avg_pool1d(2)", [50, 16], 0),
        ("input(100,16) max_pool1d(3,stride=1)", [98, 16], 0),
        ("input(100,16) global_max_pool", [16], 0),
        ("input(7,7,64) flatten", [3136], 0),
        ("input(7,7,64) dropout(0.5)", [7, 7, 64], 0),
        ("input(7,7,64) batch_norm", [7, 7, 64], 256),
        ("input(10,8) simple_rnn(32)", [32], 1312),
        ("input(10,8) simple_rnn(32,return_sequences=true)", [10, 32], 1312),
        ("input(10,8) lstm(32)", [32], 5248),
        ("input(10,8) lstm(16,use_bias=false)", [16], 1536),
        ("input(5,5,3) dense(4)", [5, 5, 4], 16),
    ])
    func eachLayerAsKerasCountsIt(model: String, shape: [Int], params: Int) throws {
        let s = try summary(model)
        #expect(s.layers.last?.outputShape == shape, "\(model)")
        #expect(s.layers.last?.params == params, "\(model)")
    }

    @Test func separableWithDepthMultiplier() throws {
        // depthwise 3·3·16·2 = 288, pointwise 16·2·32 = 1,024, biases 32.
        let s = try summary("input(32,32,16) separable_conv2d(32,3,depth_multiplier=2)")
        #expect(s.totalParams == 288 + 1024 + 32)
    }

    @Test func batchNormalisationSaysWhatIsTrainable() throws {
        let s = try summary("input(32) batch_norm")
        #expect(s.totalParams == 128)
        #expect(s.trainableParams == 64)
        #expect(s.nonTrainableParams == 64)
        #expect(s.layers[0].note?.contains("non-trainable") == true)
    }

    @Test(arguments: [
        ("", "the model is empty"),
        ("dense(10)", "word 1 'dense(10)' (column 1): a model starts with input(…)"),
        ("input(28,28,1) conv2x(3,3)", "word 2 'conv2x(3,3)' (column 16): unknown layer 'conv2x'"),
        ("input(28,28,1) conv2d(3,3,strde=2)", "unknown argument 'strde'"),
        ("input(28,28,1) conv2d(3)", "'kernel_size' is missing"),
        ("input(28,28,1) conv2d(3,0)", "kernel_size must be a whole number of at least 1, got '0'"),
        ("input(28,28,1) conv2d(3,3,padding=full)", "padding must be valid or same, got 'full'"),
        ("input(28,28,1) conv2d(3,3,stride=2,dilation=2)", "Keras does not allow stride > 1 together with dilation > 1"),
        ("input(28,28,1) conv2d(3,3", "'(' is never closed"),
        ("input(28,28,1) dropout(1.5)", "the dropout rate must be at least 0 and below 1"),
        ("input(784) conv2d(8,3)", "layer 1, conv2d(8,3): conv2d needs a height×width×channels input; write input(h,w,c), got 784"),
        ("input(5,5,1) conv2d(8,7)", "layer 1, conv2d(8,7): the kernel (7 rows) is larger than the padded input"),
        ("input(28,28,1) lstm(4)", "lstm needs a steps×features input"),
        ("input(28,28,1) input(3)", "input(…) may only be the first word"),
        // Windows written as Keras's tuples, and Conv1D's causal padding.
        ("input(28,28,1) conv2d(8,(3,5,7))", "kernel_size '(3,5,7)' has 3 values; conv2d takes one number or 2 (one per spatial axis), such as 3 or (3,5)"),
        ("input(28,3) conv1d(8,(3,5))", "kernel_size '(3,5)' has 2 values; conv1d takes one number or 1 (one per spatial axis), such as 3 or (3,)"),
        ("input(28,28,1) conv2d(8,(3,0))", "kernel_size must be a whole number of at least 1, got '0'"),
        ("input(28,28,1) conv2d(8,(3,5)", "'(' is never closed"),
        ("input(28,28,1) conv2d(8,3,strides=(2,1),dilation=(1,2))", "Keras does not allow stride > 1 together with dilation > 1 (stride (2, 1), dilation (1, 2))"),
        ("input(28,28,1) conv2d(8,3,padding=causal)", "padding must be valid or same, got 'causal' (Keras pads causally only in Conv1D)"),
        ("input(28,3) max_pool1d(2,padding=causal)", "padding must be valid or same, got 'causal' (Keras pads causally only in Conv1D)"),
        ("input(28,3) conv1d(8,3,padding=full)", "padding must be valid, same or causal, got 'full'"),
        ("input(28,28,1) conv2d(8,(),strides=2)", "kernel_size '()' has no values; conv2d takes one number or 2 (one per spatial axis), such as 3 or (3,5)"),
        ("input(28,28,1) conv2d(8,(3 5))", "kernel_size '(3 5)': separate a tuple's values with commas, such as (3,5)"),
        ("input(5,5,1) conv2d(8,(3,7))", "the kernel (7 columns) is larger than the padded input (5 + 2×0 = 5 columns)"),
    ])
    func badModelsNameTheWordAndWhatIsWrong(model: String, expected: String) {
        let text = message { _ = try ModelSummary.summarize(model) }
        #expect(text?.contains(expected) == true, "got: \(text ?? "no error")")
    }

    /// The weights Keras creates for a layer, by shape: an independent count to compare with.
    func kerasWeightCount(_ layer: ModelLayer, input: [Int]) -> Int {
        let c = input.last ?? 0, u = layer.units, m = layer.depthMultiplier
        let kh = layer.kernel(along: 0), kw = layer.kernel(along: 1)
        var shapes: [[Int]] = []
        switch layer.kind {
        case .dense: shapes = [[c, u]] + (layer.useBias ? [[u]] : [])
        case .conv1d: shapes = [[kh, c, u]] + (layer.useBias ? [[u]] : [])
        case .conv2d: shapes = [[kh, kw, c, u]] + (layer.useBias ? [[u]] : [])
        case .separableConv2d: shapes = [[kh, kw, c, m], [1, 1, c * m, u]] + (layer.useBias ? [[u]] : [])
        case .depthwiseConv2d: shapes = [[kh, kw, c, m]] + (layer.useBias ? [[c * m]] : [])
        case .batchNorm: shapes = [[c], [c], [c], [c]]
        case .simpleRNN: shapes = [[input[1], u], [u, u]] + (layer.useBias ? [[u]] : [])
        case .lstm: shapes = [[input[1], 4 * u], [u, 4 * u]] + (layer.useBias ? [[4 * u]] : [])
        default: shapes = []
        }
        return shapes.map { $0.reduce(1, *) }.reduce(0, +)
    }

    /// The output size by brute force: count the window positions that fit (valid), or
    /// the positions 0, s, 2s, … inside the input (same).
    func bruteSize(n: Int, k: Int, s: Int, d: Int, same: Bool) -> Int {
        if same { return Array(stride(from: 0, to: n, by: s)).count }
        return stride(from: 0, to: n, by: s).filter { $0 + d * (k - 1) <= n - 1 }.count
    }

    @Test func randomStacksMatchKerasWeightShapesAndBruteForceSizes() throws {
        for seed in UInt64(1)...300 {
            var g = SplitMix64(seed: seed)
            let size = Int.random(in: 8...40, using: &g), channels = Int.random(in: 1...8, using: &g)
            var words = ["input(\(size),\(size),\(channels))"]
            var spatial = size
            for _ in 0..<Int.random(in: 1...4, using: &g) {
                let k = Int.random(in: 1...5, using: &g)
                let same = Bool.random(using: &g)
                let dilate = Bool.random(using: &g) ? 1 : 2
                let s = dilate == 1 ? Int.random(in: 1...3, using: &g) : 1
                let needed = dilate * (k - 1) + 1
                guard same || spatial >= needed else { break }
                let kind = ["conv2d", "separable_conv2d", "depthwise_conv2d", "max_pool", "avg_pool"].randomElement(using: &g) ?? "conv2d"
                let padding = same ? "same" : "valid"
                switch kind {
                case "depthwise_conv2d": words.append("depthwise_conv2d(\(k),stride=\(s),padding=\(padding),dilation=\(dilate),depth_multiplier=\(Int.random(in: 1...2, using: &g)))")
                case "max_pool", "avg_pool": words.append("\(kind)(\(k),stride=\(s),padding=\(padding))")
                default: words.append("\(kind)(\(Int.random(in: 1...16, using: &g)),\(k),stride=\(s),padding=\(padding),dilation=\(dilate),use_bias=\(Bool.random(using: &g)))")
                }
                let pooling = kind.hasSuffix("pool")
                spatial = bruteSize(n: spatial, k: k, s: s, d: pooling ? 1 : dilate, same: same)
                if pooling, !same, spatial == 0 { words.removeLast(); break }
            }
            words.append(Bool.random(using: &g) ? "global_avg_pool" : "flatten")
            words.append("batch_norm")
            words.append("dense(\(Int.random(in: 1...10, using: &g)))")
            let text = words.joined(separator: " ")
            let model = try ModelParser.parse(text)
            let s = try ModelSummary.summarize(model)
            var shape = s.inputShape
            for (layer, row) in zip(model.dropFirst(), s.layers) {
                #expect(row.inputShape == shape, "seed \(seed): \(text)")
                #expect(row.params == kerasWeightCount(layer, input: shape), "seed \(seed): \(layer.word) on \(shape) in \(text)")
                if [.conv2d, .separableConv2d, .depthwiseConv2d, .maxPool, .avgPool].contains(layer.kind) {
                    let pooling = layer.kind == .maxPool || layer.kind == .avgPool
                    let o = bruteSize(n: shape[0], k: layer.kernel(along: 0), s: layer.stride(along: 0),
                                      d: pooling ? 1 : layer.dilation(along: 0), same: layer.padding == .same)
                    #expect(Array(row.outputShape.prefix(2)) == [o, o], "seed \(seed): \(layer.word) on \(shape)")
                }
                shape = row.outputShape
            }
            #expect(s.totalParams == s.layers.map(\.params).reduce(0, +), "seed \(seed)")
        }
    }

    /// Keras's tuples: `kernel_size=(3,5)`, `strides=(2,1)`, `dilation_rate=(1,2)`, `pool_size=(2,3)`,
    /// on inputs that are not square: every axis against the brute-force count, every count
    /// against Keras's weight shapes.
    @Test func windowsWrittenAsTuplesCountEachAxisOnItsOwn() throws {
        for seed in UInt64(1)...300 {
            var g = SplitMix64(seed: seed)
            let h = Int.random(in: 6...30, using: &g), w = Int.random(in: 6...30, using: &g), c = Int.random(in: 1...4, using: &g)
            let kind = ["conv2d", "separable_conv2d", "depthwise_conv2d", "max_pool", "avg_pool"].randomElement(using: &g) ?? "conv2d"
            let pooling = kind.hasSuffix("pool")
            let k = [Int.random(in: 1...5, using: &g), Int.random(in: 1...5, using: &g)]
            let dilate = !pooling && Bool.random(using: &g)
            let d = dilate ? [Int.random(in: 1...2, using: &g), 2] : [1, 1]
            let s = dilate ? [1, 1] : [Int.random(in: 1...3, using: &g), Int.random(in: 1...3, using: &g)]
            let same = Bool.random(using: &g)
            let spelled = { (v: [Int]) in Bool.random(using: &g) ? "(\(v[0]),\(v[1]))" : "[\(v[0]), \(v[1])]" }
            var arguments = [spelled(k), "strides=\(spelled(s))", "padding=\(same ? "same" : "valid")"]
            if !pooling { arguments.append("dilation_rate=\(spelled(d))") }
            if kind == "conv2d" || kind == "separable_conv2d" { arguments.insert("\(Int.random(in: 1...9, using: &g))", at: 0) }
            let word = "\(kind)(\(arguments.joined(separator: ",")))"
            let text = "input(\(h),\(w),\(c)) \(word)"
            let expected = [bruteSize(n: h, k: k[0], s: s[0], d: d[0], same: same), bruteSize(n: w, k: k[1], s: s[1], d: d[1], same: same)]
            guard expected.allSatisfy({ $0 > 0 }) else { continue }
            let model = try ModelParser.parse(text)
            let row = try ModelSummary.summarize(model).layers[0]
            #expect(Array(row.outputShape.prefix(2)) == expected, "seed \(seed): \(text)")
            #expect(row.params == kerasWeightCount(model[1], input: [h, w, c]), "seed \(seed): \(text)")
        }
    }

    @Test func aKernelThatIsNotSquareIsWrittenOutAxisByAxis() throws {
        let row = try ModelSummary.summarize("input(28,28,1) conv2d(8,(3,5),stride=(2,1))").layers[0]
        #expect(row.outputShape == [13, 24, 8])
        #expect(row.formula == "(3·5·1 + 1)·8 = 128")
        #expect(row.symbolic == "(k_h·k_w·C_in + 1)·filters")
        #expect(row.shapeArithmetic == ["height: o = ⌊(28 + 2×0 − 1×(3 − 1) − 1)/2⌋ + 1 = ⌊25/2⌋ + 1 = 13",
                                        "width: o = ⌊(28 + 2×0 − 1×(5 − 1) − 1)/1⌋ + 1 = ⌊23/1⌋ + 1 = 24"])
        let square = try ModelSummary.summarize("input(28,28,1) conv2d(8,(3,3))").layers[0]
        #expect(square.formula == "(3·3·1 + 1)·8 = 80" && square.symbolic == "(k·k·C_in + 1)·filters")
        let separable = try ModelSummary.summarize("input(9,9,4) separable_conv2d(6,kernel_size=(1,3),depth_multiplier=2)").layers[0]
        #expect(separable.formula == "1·3·4·2 + 4·2·6 + 6 = 78" && separable.outputShape == [9, 7, 6])
        let pool = try ModelSummary.summarize("input(9,8,2) max_pool((3,2))").layers[0]
        #expect(pool.outputShape == [3, 4, 2])
    }

    /// Keras's Conv1D(padding="causal"): d(k − 1) zeros before the sequence, so o = ⌈n/s⌉.
    @Test func causalPaddingPadsTheStartOfTheSequenceOnly() throws {
        let dilated = try ModelSummary.summarize("input(100,3) conv1d(16,3,padding=causal,dilation=2)").layers[0]
        #expect(dilated.outputShape == [100, 16] && dilated.params == 160)
        #expect(dilated.shapeArithmetic == ["steps: padding causal, 2·(3 − 1) = 4 zeros before, none after, o = ⌊(n − 1)/s⌋ + 1 = ⌊99/1⌋ + 1 = 100"])
        for n in 1...12 {
            for s in 1...4 {
                for k in 1...4 {
                    // Brute force: windows of d(k − 1) + 1 over the padded length, starting at 0, s, 2s, …
                    let padded = n + (k - 1), count = Array(stride(from: 0, through: padded - k, by: s)).count
                    let row = try ModelSummary.summarize("input(\(n),2) conv1d(1,\(k),strides=\(s),padding=causal)").layers[0]
                    #expect(row.outputShape == [count, 1], "n \(n) k \(k) s \(s)")
                }
            }
        }
    }

    @Test func validOutputSizeAgreesWithTheConvolutionEngine() throws {
        for seed in UInt64(1)...200 {
            var g = SplitMix64(seed: seed)
            let n = Int.random(in: 3...12, using: &g), k = Int.random(in: 1...3, using: &g)
            let d = Int.random(in: 1...2, using: &g), s = d == 1 ? Int.random(in: 1...3, using: &g) : 1
            guard d * (k - 1) + 1 <= n else { continue }
            let row = try ModelSummary.summarize("input(\(n),\(n),1) conv2d(1,\(k),stride=\(s),dilation=\(d))").layers[0]
            let input = Tensor(shape: [n, n], repeating: 1)
            let trace = try Conv2D(kernel: Tensor(shape: [k, k], repeating: 1), stride: Pair2(s), dilation: Pair2(d)).forward(input)
            #expect(row.outputShape == trace.output.shape + [1], "seed \(seed): n \(n) k \(k) s \(s) d \(d)")
        }
    }

    @Test func sizeMistakesGiveTheWrongAnswersStudentsWrite() {
        let size = OutputSize(axis: "rows", input: 32, kernel: 5, padding: 2, stride: 3)
        #expect(size.output == 11)
        #expect(size.output(with: .plusOneForgotten) == 10)
        #expect(size.output(with: .ceilInsteadOfFloor) == 12)
        #expect(size.output(with: .paddingOnce) == 10)
        #expect(size.output(with: .dilationIgnored) == nil)
        let dilated = OutputSize(axis: "rows", input: 32, kernel: 3, dilation: 2)
        #expect(dilated.output(with: .dilationIgnored) == 30)
        #expect(dilated.output(with: .ceilInsteadOfFloor) == nil, "s = 1 divides evenly, so ceil changes nothing")
    }

    /// Sizes whose counts do not fit in 64 bits: a sentence naming the layer, never an overflow trap.
    @Test(arguments: [
        ("input(10) dense(99999999999) dense(99999999999)", "layer 2, dense(99999999999)"),
        ("input(9223372036854775807,9223372036854775807,3) flatten", "layer 1, flatten"),
        ("input(9223372036854775807) dense(2)", "layer 1, dense(2)"),
        ("input(9,9) lstm(9223372036854775807)", "layer 1, lstm(9223372036854775807)"),
        ("input(9223372036854775807) batch_norm", "layer 1, batch_norm"),
        ("input(9,9,3) conv2d(9223372036854775807,3)", "layer 1, conv2d(9223372036854775807,3)"),
        ("input(9,9,3) depthwise_conv2d(3,depth_multiplier=9223372036854775807)", "layer 1, depthwise_conv2d(3,depth_multiplier=9223372036854775807)"),
    ])
    func countsThatOverflowAreOneSentence(text: String, layer: String) throws {
        let model = try ModelParser.parse(text)
        #expect(throws: InputError("\(layer): the sizes are so large that a shape or parameter count does not fit in a 64-bit integer; use smaller sizes")) {
            try ModelSummary.summarize(model)
        }
    }

    @Test func countingMistakesOfTheConvStack() throws {
        let model = try ModelParser.parse("input(28,28,1) conv2d(8,7,stride=2) conv2d(16,5,stride=2) conv2d(32,3) global_avg_pool dense(10)")
        #expect(try ModelSummary.summarize(model, mistake: .biasesForgotten).layers.map(\.params) == [392, 3200, 4608, 0, 320])
        #expect(try ModelSummary.summarize(model, mistake: .biasPerInputChannel).layers.map(\.params) == [400, 3328, 5120, 0, 330])
        #expect(try ModelSummary.summarize(model, mistake: .channelsForgotten).layers.map(\.params) == [400, 416, 320, 0, 330])
    }

    @Test func groupedNumbers() {
        #expect(Notation.grouped(0) == "0")
        #expect(Notation.grouped(999) == "999")
        #expect(Notation.grouped(8586) == "8,586")
        #expect(Notation.grouped(1_234_567) == "1,234,567")
        #expect(Notation.grouped(-1234) == "\u{2212}1,234")
    }
}
