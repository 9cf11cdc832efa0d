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
