import Foundation
import LessonCore
import LessonLibrary
import LessonTestSupport
import Testing

/// The streaming encoder against Foundation's `JSONEncoder`, byte for byte: every lesson and
/// variant, seeded random convolutions, awkward numbers, keys and strings; the same error for ∞
/// and NaN; and its size count equal to the bytes it writes.
@Suite struct JSONStreamEncoderTests {
    static let encoders = [JSONStreamEncoder(pretty: true), JSONStreamEncoder(pretty: false)]

    /// Both encoders' bytes for `value`, pretty and compact, and the counted sizes.
    static func expectSameBytes(_ value: some Encodable, _ label: String, countsSize: Bool = true) throws {
        var sizes: [Int] = []
        for encoder in encoders {
            let reference = try encoder.foundationEncoder.encode(value)
            let streamed = try encoder.encode(value)
            sizes.append(streamed.count)
            if streamed != reference {
                let at = zip(streamed, reference).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(streamed.count, reference.count)
                let excerpt = { (data: Data) in String(decoding: data[max(0, at - 80)..<min(data.count, at + 80)], as: UTF8.self) }
                Issue.record("\(label) (pretty: \(encoder.pretty)): differs at byte \(at) of \(reference.count):\nstreamed:  \(excerpt(streamed))\nJSONEncoder: \(excerpt(reference))")
            }
        }
        // The count is exact for a trace; a value that sets a key twice, or adds keys beside a
        // dictionary (the recurrent payloads), can be off by a few bytes, so the bound is 0.1%.
        guard countsSize else { return }
        let measured = try JSONStreamEncoder().measure(value)
        #expect(abs(measured.pretty - sizes[0]) <= sizes[0] / 1000 && abs(measured.compact - sizes[1]) <= sizes[1] / 1000,
                "\(label): counted \(measured), written \(sizes)")
    }

    @Test func everyVariantOfEveryLessonMatchesJSONEncoder() throws {
        let directory = try LessonDirectory.locate()
        var checked = 0
        for id in try directory.ids() {
            let file = try directory.load(id)
            guard let lesson = LessonRegistry.lesson(id) else { continue }
            for variant in file.variants {
                let output = try lesson.run(file, variant: variant)
                try Self.expectSameBytes(output.envelope(extra: ["figures": ["output/\(id)/a b.png", "\"q\"\\x"]]), "\(id)/\(variant.name)")
                checked += 1
            }
        }
        #expect(checked > 40)
    }

    @Test(arguments: Seeds.range(1...25))
    func seededConvolutionsMatchJSONEncoder(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let rows = random.int(1...9), columns = random.int(1...9)
        let kernelRows = random.int(1...min(rows, 4)), kernelColumns = random.int(1...min(columns, 4))
        // Values of every kind of magnitude, so numbers print as digits, decimals and exponents.
        let scale = [1, 0.1, 1e-7, 1e20, 3e-300, 1e100][random.int(0...5)]
        let value = { (random: inout SplitMix64) -> Double in
            random.int(0...9) == 0 ? [0, -0.0, 0.1, 1e-7, 1e+20, 2.5][random.int(0...5)] : random.uniform(-9...9) * scale
        }
        var example = Conv2DLesson.Example(
            input: Tensor(shape: [rows, columns], scalars: (0..<rows * columns).map { _ in value(&random) }),
            kernel: Tensor(shape: [kernelRows, kernelColumns], scalars: (0..<kernelRows * kernelColumns).map { _ in value(&random) }))
        example.bias = value(&random)
        example.padding = Pair2(random.int(0...2))
        example.stride = Pair2(random.int(1...2))
        let output = try Conv2DLesson.run(example, heading: LessonHeading(title: "seed \(seed)"))
        try Self.expectSameBytes(output.envelope(), "seed \(seed)")
    }

    /// Numbers whose text is easy to get wrong: whole, negative zero, exponents both ways, the
    /// edges of the plain-digit range, the extremes of Double and Float.
    @Test func awkwardNumbersMatchJSONEncoder() throws {
        var doubles: [Double] = [0, -0.0, 3, -3, 0.1, 0.2 + 0.1, 1e-7, 1e+20, 1e15, 1e16, 123456789012345680, 1e-4, 1e-5,
                                 9_007_199_254_740_991, 9_007_199_254_740_992, 9_007_199_254_740_994, -9_007_199_254_740_992,
                                 .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
                                 .leastNormalMagnitude, .ulpOfOne, 5e-324, 1 / 3, 2.5e-8, 4.35, 100, 1e2, 1.0e22, 1e21]
        var random = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            doubles.append(Double(bitPattern: random.next()))
            doubles.append(Double(random.int(-1_000_000...1_000_000)) / Double([1, 10, 100, 1000, 7][random.int(0...4)]))
        }
        doubles = doubles.filter(\.isFinite)
        try Self.expectSameBytes(doubles, "doubles in an array")
        try Self.expectSameBytes(doubles.map { Box(value: $0) }, "doubles under keys")
        try Self.expectSameBytes([Float(0.1), -0, 1e-7, 3, .greatestFiniteMagnitude, 16_777_217], "floats")
        for number in doubles.prefix(40) { try Self.expectSameBytes(number, "\(number) alone") }
    }

    /// Keys in camel case, capitals runs, dictionary keys (which JSONEncoder leaves as they are),
    /// strings that need escaping, empty containers, optionals and repeated keys.
    @Test func keysStringsAndShapesMatchJSONEncoder() throws {
        try Self.expectSameBytes(Shapes(), "shapes")
        try Self.expectSameBytes([Shapes(), Shapes()], "shapes in an array")
        try Self.expectSameBytes(["grad_U": [1.5], "myURLKey": [], "b": [-0.0], "A": [2], "é": [3], "a\u{7}": [4]], "a dictionary")
        try Self.expectSameBytes(Merged(), "a payload merged with more keys", countsSize: false) // a repeated key counts twice
        try Self.expectSameBytes([String](), "an empty array")
        try Self.expectSameBytes("tab\t, quote \", slash / and \\, bell \u{7}, \u{1F}, é, 🙂, \u{2028}", "a string")
    }

    /// ∞ and NaN fail with JSONEncoder's error, at the same path, the first in the same order.
    @Test(arguments: [
        (Bad(first: .infinity), "first"),
        (Bad(list: [1, .nan]), "list[1]"),
        (Bad(nested: [Box(value: 1), Box(value: -.infinity)]), "nested[1].value"),
        (Bad(first: .nan, nested: [Box(value: .infinity)]), "first"),
        (Bad(nested: [Box(value: .nan)], last: .infinity), "nested[0].value"),
    ])
    func nonFiniteNumbersFailAsInJSONEncoder(value: Bad, path: String) throws {
        for encoder in Self.encoders {
            let reference = Self.failurePath { _ = try encoder.foundationEncoder.encode(value) }
            #expect(reference == path)
            #expect(Self.failurePath { _ = try encoder.encode(value) } == path)
            #expect(Self.failurePath { _ = try encoder.measure(value) } == path)
        }
    }

    /// Output bigger than the first chunk is checked before it is written: a NaN at its end
    /// leaves the file empty, and a good value arrives whole, its size announced first.
    @Test func bigOutputIsCheckedBeforeItIsWritten() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("json-stream-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: url) }
        let encoder = JSONStreamEncoder(pretty: true, firstChunk: 1)
        var bad = Bad(nested: (0..<20_000).map { Box(value: Double($0)) })
        bad.last = .nan
        FileManager.default.createFile(atPath: url.path, contents: nil)
        var handle = try FileHandle(forWritingTo: url)
        #expect(Self.failurePath { try encoder.write(bad, to: handle) } == "last")
        try handle.close()
        #expect(try Data(contentsOf: url).isEmpty)

        bad.last = 1
        handle = try FileHandle(forWritingTo: url)
        var announced: [JSONStreamEncoder.Size] = []
        try encoder.write(bad, to: handle, terminator: "\n") { announced.append($0) }
        try handle.close()
        let written = try Data(contentsOf: url)
        #expect(written == (try encoder.foundationEncoder.encode(bad)) + Data("\n".utf8))
        #expect(announced == [try encoder.measure(bad)])
        #expect(announced.first?.pretty == written.count - 1)
    }

    /// The coding path of the `EncodingError` `body` throws, written `a.b[2].c`.
    static func failurePath(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch EncodingError.invalidValue(_, let context) {
            return context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .drop { $0 == "." }.description
        } catch {
            return "\(error)"
        }
    }
}

struct Box: Encodable {
    var value: Double
}

struct Bad: Encodable, CustomTestStringConvertible {
    var first = 0.0
    var list: [Double] = []
    var nested: [Box] = []
    var last = 0.0
    var testDescription: String { "Bad(\(first), \(list), \(nested.count) boxes, \(last))" }
}

struct Shapes: Encodable {
    var myURLProperty = "https://example.org/a/b"
    var camelCaseKey = 1
    var _leading = true
    var trailing_ = false
    var ABCdef = 2
    var already_snake = "x"
    var emptyList: [Int] = []
    var emptyObject: [String: Int] = [:]
    var nothing: Int? = nil
    var someText: String? = "line\nbreak"
    var nestedBoxes = [[Box(value: 0.5)], []]
    var grid = [[1.0, 2.0], [3.0, -0.0]]
    var flags = [true, false]
    var byKey = ["zeta": Box(value: 1), "Alpha": Box(value: 2), "mid_Key": Box(value: 3)]
}

/// A payload that encodes itself and then adds keys at the same level, as the lessons'
/// envelope and the recurrent payloads do (one key repeated, whose last value wins).
struct Merged: Encodable {
    func encode(to encoder: Encoder) throws {
        var single = encoder.singleValueContainer()
        try single.encode(["grad_W": [1.0], "shared": [2.0]])
        var container = encoder.container(keyedBy: Key.self)
        try container.encode("x", forKey: Key(stringValue: "laterKey"))
        try container.encode(3.5, forKey: Key(stringValue: "shared"))
        try Shapes().encode(to: encoder)
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// The records path (`JSONRecord`: a convolution's steps and terms, written without Codable's
/// containers) against `JSONEncoder`: big seeded traces, awkward numbers in every field, and the
/// fall back to `encode(to:)` when a step holds ∞ or NaN.
@Suite struct JSONRecordTests {
    /// Traces of 12×12 to 40×40 inputs with kernels up to 5×5, padding and stride: thousands
    /// of steps and terms, each number of every magnitude, compared byte for byte.
    @Test(arguments: Seeds.range(1...6))
    func bigSeededTracesMatchJSONEncoder(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let rows = random.int(12...40), columns = random.int(12...40)
        let kernelRows = random.int(1...5), kernelColumns = random.int(1...5)
        // (The largest doubles are in `awkwardNumbersInRecordsMatchJSONEncoder`: a sum of them overflows.)
        let awkward: [Double] = [0, -0.0, 1e-7, 5e-324, 1e300, -1e300, 3, -3, 1e16, 1e15,
                                 9_007_199_254_740_992, 0.1, 2.5e-8, 1e21, 123.456]
        let value = { (random: inout SplitMix64) -> Double in
            switch random.int(0...3) {
            case 0: return awkward[random.int(0...awkward.count - 1)]
            case 1: return Double(random.int(-99...99)) / 10
            case 2: return Double(random.int(-5...5))
            default: return random.uniform(-9...9) * [1, 1e-7, 1e20, 3e-300][random.int(0...3)]
            }
        }
        // The kernel keeps products finite: its weights are small whole numbers or decimals.
        var example = Conv2DLesson.Example(
            input: Tensor(shape: [rows, columns], scalars: (0..<rows * columns).map { _ in value(&random) }),
            kernel: Tensor(shape: [kernelRows, kernelColumns],
                           scalars: (0..<kernelRows * kernelColumns).map { _ in [0.5, -1, 0, -0.0, 1e-7, 2][random.int(0...5)] }))
        example.bias = [0, -0.0, 0.25, 1e-7][random.int(0...3)]
        example.padding = Pair2(random.int(0...2))
        example.stride = Pair2(random.int(1...2))
        let trace = try example.operation.forward(example.input)
        try #require(trace.steps.allSatisfy { $0.value.isFinite }, "seed \(seed): a sum overflowed; the test's values must keep it finite")
        let output = try Conv2DLesson.run(example, heading: LessonHeading(title: "seed \(seed)"))
        try JSONStreamEncoderTests.expectSameBytes(output.envelope(), "seed \(seed), \(rows)×\(columns) ⋆ \(kernelRows)×\(kernelColumns)")
        try JSONStreamEncoderTests.expectSameBytes(trace.steps, "seed \(seed): the steps alone")
    }

    /// Each awkward number as a term's input and a step's value (a 1×1 kernel of weight 1 keeps
    /// it as it is), so every field of the records path meets it.
    @Test func awkwardNumbersInRecordsMatchJSONEncoder() throws {
        var numbers: [Double] = [1e-7, 5e-324, 1.7976931348623157e308, -1.7976931348623157e308, -0.0, 0, 3, -3, 1e15, 1e16,
                                 9_007_199_254_740_991, 9_007_199_254_740_992, 9_007_199_254_740_994, 123456789012345680,
                                 .leastNormalMagnitude, .ulpOfOne, 0.1, 0.2 + 0.1, 1.0 / 3, 2.5e-8, 1e-4, 1e-5, 1e21, 1e22, 4.35]
        var random = SplitMix64(seed: 11)
        while numbers.count < 400 {
            let x = Double(bitPattern: random.next())
            if x.isFinite { numbers.append(x) }
        }
        for (kernel, bias) in [(1.0, 0.0), (-1.0, -0.0)] {
            let example = Conv2DLesson.Example(input: Tensor(shape: [20, 20], scalars: numbers),
                                               kernel: Tensor(shape: [1, 1], scalars: [kernel]))
            var withBias = example
            withBias.bias = bias
            let trace = try withBias.operation.forward(withBias.input)
            try JSONStreamEncoderTests.expectSameBytes(trace.steps, "awkward numbers, kernel \(kernel), bias \(bias)")
            try JSONStreamEncoderTests.expectSameBytes(trace, "awkward numbers, the whole trace, kernel \(kernel)")
        }
    }

    /// A trace bigger than the first chunk is counted first, then streamed: the size announced
    /// is exactly the bytes written, pretty and compact, and the bytes are `JSONEncoder`'s.
    /// Output held whole (under the first chunk) is walked once: it still arrives with
    /// `JSONEncoder`'s bytes, its size is announced before it is written and equals a separate
    /// count, pretty (the compact size read off the held bytes) and compact; a NaN at its very
    /// end leaves the file empty.
    @Test func heldOutputIsAnnouncedWithItsExactSizes() throws {
        var random = SplitMix64(seed: 11)
        let example = Conv2DLesson.Example(input: Tensor(shape: [12, 12], scalars: (0..<144).map { _ in Double(random.int(-99...99)) / 10 }),
                                           kernel: Tensor(shape: [2, 2], scalars: [0.5, -1, 0.25, 2]))
        let envelope = try Conv2DLesson.run(example, heading: LessonHeading(title: "held \"quoted\" \\ text\n")).envelope()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("json-held-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: url) }
        for pretty in [true, false] {
            let encoder = JSONStreamEncoder(pretty: pretty, firstChunk: 64 << 20, sizeAbove: 1000)
            FileManager.default.createFile(atPath: url.path, contents: nil)
            var handle = try FileHandle(forWritingTo: url)
            var announced: [(JSONStreamEncoder.Size, Int)] = []
            try encoder.write(envelope, to: handle, terminator: "\n") { announced.append(($0, (try? Data(contentsOf: url).count) ?? -1)) }
            try handle.close()
            let written = try Data(contentsOf: url)
            #expect(written == (try encoder.foundationEncoder.encode(envelope)) + Data("\n".utf8), "pretty: \(pretty)")
            #expect(announced.map(\.0) == [try encoder.measure(envelope)], "pretty: \(pretty)")
            #expect(announced.map(\.1) == [0], "pretty: \(pretty): announced before a byte was written")

            var bad = Bad(nested: (0..<2_000).map { Box(value: Double($0)) })
            bad.last = pretty ? .nan : .infinity
            FileManager.default.createFile(atPath: url.path, contents: nil)
            handle = try FileHandle(forWritingTo: url)
            #expect(JSONStreamEncoderTests.failurePath { try encoder.write(bad, to: handle) } == "last")
            try handle.close()
            #expect(try Data(contentsOf: url).isEmpty)
        }
    }

    @Test func bigTraceIsCountedExactlyThenStreamed() throws {
        var random = SplitMix64(seed: 3)
        let example = Conv2DLesson.Example(input: Tensor(shape: [30, 30], scalars: (0..<900).map { _ in Double(random.int(-99...99)) / 10 }),
                                           kernel: Tensor(shape: [3, 3], scalars: [0.1, 0.2, 0.1, 0, 0, 0, -0.1, -0.2, -0.1]))
        let envelope = try Conv2DLesson.run(example, heading: LessonHeading(title: "streamed")).envelope()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("json-records-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: url) }
        var sizes: [JSONStreamEncoder.Size] = []
        for pretty in [true, false] {
            let encoder = JSONStreamEncoder(pretty: pretty, firstChunk: 4096)
            FileManager.default.createFile(atPath: url.path, contents: nil)
            let handle = try FileHandle(forWritingTo: url)
            var announced: [JSONStreamEncoder.Size] = []
            try encoder.write(envelope, to: handle) { announced.append($0) }
            try handle.close()
            let written = try Data(contentsOf: url)
            #expect(written == (try encoder.foundationEncoder.encode(envelope)), "pretty: \(pretty)")
            #expect(announced.count == 1, "pretty: \(pretty): the size is announced once, before the first byte")
            sizes += announced
            #expect((pretty ? announced.first?.pretty : announced.first?.compact) == written.count, "pretty: \(pretty): \(announced)")
        }
        #expect(sizes.count == 2 && sizes[0] == sizes[1], "both encoders count the same sizes: \(sizes)")
    }

    /// A step holding ∞ or NaN (set by hand: `forward` refuses to make one) leaves the records
    /// path: the error is `JSONEncoder`'s, at the same coding path, from writing and from counting.
    @Test func nonFiniteStepsFailAsInJSONEncoder() throws {
        let good = try Conv2D(kernel: Tensor(shape: [1, 2], scalars: [1, 2])).forward(Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]))
        let cases: [(change: (inout [ConvolutionStep]) -> Void, path: String)] = [
            ({ $0[2].value = .infinity }, "[2].value"),
            ({ $0[1].terms[0].input = .nan }, "[1].terms[0].input"),
            ({ $0[3].terms[1].weight = -.infinity }, "[3].terms[1].weight"),
            ({ $0[0].value = .nan; $0[0].terms[1].input = .infinity }, "[0].terms[1].input"),
            ({ $0[3].bias = .nan; $0[2].terms[0].weight = .infinity }, "[2].terms[0].weight"),
        ]
        for (n, (change, path)) in cases.enumerated() {
            var steps = good.steps
            change(&steps)
            for encoder in JSONStreamEncoderTests.encoders {
                let reference = JSONStreamEncoderTests.failurePath { _ = try encoder.foundationEncoder.encode(steps) }
                #expect(reference == path, "case \(n): JSONEncoder fails at \(reference ?? "nothing")")
                #expect(JSONStreamEncoderTests.failurePath { _ = try encoder.encode(steps) } == reference, "case \(n)")
                #expect(JSONStreamEncoderTests.failurePath { _ = try encoder.measure(steps) } == reference, "case \(n)")
            }
        }
    }
}
