import Foundation
import LessonCore
import LessonFigures

/// `lesson run param-count`: a Keras model's output shapes and parameter counts, layer by
/// layer, each count written out as a formula with its numbers.
///
/// Lesson file keys: `model` (a model string, or a list of its words) and `expected` with
/// `params` (one count per layer after the input), `total` and `output_shapes` (`"11×11×8"`).
public enum ParamCountLesson: Lesson {
    public static let id = "param-count"

    /// The parameters of one run.
    public struct Example: Equatable, LessonExample {
        /// The model string.
        public var model: String
        /// Where the model was read from in a lesson file, for errors.
        var modelLocation: String?
        public var statedParams: [Int]?
        public var statedTotal: Int?
        public var statedShapes: [String]?

        public init(model: String) { self.model = model }

        /// Reads a variant of the lesson file.
        public init(_ variant: LessonVariant) throws {
            try variant.rejectUnknownKeys(allowed: ["model"])
            let value = try variant.require("model", expected: "a model such as \"input(28,28,1) conv2d(8,7,stride=2) dense(10)\"")
            model = try Self.modelText(value)
            modelLocation = value.location
            if let expected = variant["expected"] {
                try expected.rejectUnknownKeys(allowed: ["params", "total", "output_shapes"])
                statedParams = try expected["params"]?.items().map { try $0.int() }
                statedTotal = try expected["total"]?.int()
                statedShapes = try expected["output_shapes"]?.items().map { try $0.string() }
            }
        }

        /// A model given as one string or as a list of words.
        public static func modelText(_ value: YAMLValue) throws -> String {
            if let text = try? value.string() { return text }
            return try value.items().map { try $0.string() }.joined(separator: " ")
        }

        /// Reads a model from a YAML file with a `model` key (a string or a list of words).
        public static func load(_ url: URL, displayName: String) throws -> String {
            let root = try YAMLValue.load(url, displayName: displayName)
            return try modelText(try root.require("model", expected: "the model, such as \"input(784) dense(10)\""))
        }
    }

    /// Counts the model of `example` and builds the text, JSON payload, figure and mismatches.
    public static func run(_ example: Example, heading: LessonHeading) throws -> LessonOutput {
        let summary: ModelSummary
        do { summary = try ModelSummary.summarize(example.model) } catch let error as InputError {
            // A model read from a lesson file is wrong at its 'model' key.
            guard let place = example.modelLocation else { throw error }
            throw InputError(error.message).located(in: place)
        }
        let mismatches = check(summary, against: example)
        let text = describe(summary, model: example.model, heading: heading, stated: example, mismatches: mismatches)
        return LessonOutput(lesson: id, variant: heading.variant, text: text, payload: summary,
                            figures: ModelSummaryFigure.figures(summary, title: heading.title), mismatches: mismatches)
    }

    /// Compares the stated counts and shapes with the recomputed ones.
    static func check(_ summary: ModelSummary, against stated: Example) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        if let params = stated.statedParams {
            if params.count != summary.layers.count {
                mismatches.append(Mismatch(subject: "number of layers", stated: "\(params.count)", recomputed: "\(summary.layers.count)"))
            }
            for (i, (p, row)) in zip(params, summary.layers).enumerated() where p != row.params {
                mismatches.append(Mismatch(subject: "params of layer \(i + 1) (\(row.word))", stated: Notation.grouped(p),
                                           recomputed: Notation.grouped(row.params), details: [row.symbolic + " = " + row.formula]))
            }
        }
        if let total = stated.statedTotal, total != summary.totalParams {
            mismatches.append(Mismatch(subject: "total params", stated: Notation.grouped(total), recomputed: Notation.grouped(summary.totalParams),
                                       details: [summary.totalText]))
        }
        if let shapes = stated.statedShapes {
            for (i, (s, row)) in zip(shapes, summary.layers).enumerated() {
                let normal = s.replacingOccurrences(of: "x", with: "×").replacingOccurrences(of: " ", with: "")
                if normal != Notation.shape(row.outputShape) {
                    mismatches.append(Mismatch(subject: "output shape of layer \(i + 1) (\(row.word))", stated: s,
                                               recomputed: Notation.shape(row.outputShape), details: row.shapeArithmetic))
                }
            }
        }
        return mismatches
    }

    /// The table and the formulas as text.
    static func describe(_ summary: ModelSummary, model: String, heading: LessonHeading, stated: Example, mismatches: [Mismatch]) -> String {
        var lines = heading.lines
        lines.append("Model: \(model)")
        lines.append("Shapes are height×width×channels (channels last) as in Keras, without the batch axis.")
        lines.append("")
        let names = summary.layers.map { "\($0.word) (\($0.type))" }
        let shapes = summary.layers.map { Notation.shape($0.outputShape) }
        let params = summary.layers.map { Notation.grouped($0.params) }
        let w0 = max(12, names.map(\.count).max() ?? 0), w1 = max(12, shapes.map(\.count).max() ?? 0)
        let w2 = max(7, params.map(\.count).max() ?? 0)
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
        func left(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
        lines.append(pad("Layer (type)", w0) + "  " + pad("Output shape", w1) + "  " + left("Param #", w2))
        lines.append(String(repeating: "─", count: w0 + w1 + w2 + 4))
        lines.append(pad("input", w0) + "  " + pad(Notation.shape(summary.inputShape), w1) + "  " + left("0", w2))
        for i in summary.layers.indices {
            lines.append(pad(names[i], w0) + "  " + pad(shapes[i], w1) + "  " + left(params[i], w2))
        }
        lines.append(String(repeating: "─", count: w0 + w1 + w2 + 4))
        lines.append("Total params: \(Notation.grouped(summary.totalParams))")
        lines.append("Trainable params: \(Notation.grouped(summary.trainableParams))")
        lines.append("Non-trainable params: \(Notation.grouped(summary.nonTrainableParams))")
        lines.append("")
        lines.append("Layer by layer:")
        for (i, row) in summary.layers.enumerated() {
            lines.append("\(i + 1). \(row.word) (\(row.type)): \(Notation.shape(row.inputShape)) → \(Notation.shape(row.outputShape))")
            for arithmetic in row.shapeArithmetic { lines.append("   " + arithmetic) }
            lines.append("   params: " + (row.params == 0 ? row.formula : row.symbolic + " = " + row.formula))
            if let note = row.note { lines.append("   " + note) }
        }
        lines.append("")
        lines.append("Total: " + summary.totalText)
        var checked: [String] = []
        if stated.statedParams != nil { checked.append("the stated counts per layer") }
        if stated.statedTotal != nil { checked.append("the stated total") }
        if stated.statedShapes != nil { checked.append("the stated output shapes") }
        lines += LessonChecks.lines(mismatches, stated: checked, separator: ", ")
        return lines.joined(separator: "\n")
    }
}
