import Foundation
import LessonCore
import LessonFigures

/// `lesson run activations`: σ, tanh, ReLU, softplus and their derivatives, tabulated and plotted.
///
/// Lesson file keys: `activations` (names), `from` and `to` (the plotted range of z), `at`
/// (the z values of the table).
public enum ActivationsLesson: Lesson {
    public static let id = "activations"

    /// The parameters of one run.
    public struct Example: LessonExample {
        /// The activations, in order.
        public var activations: [Activation]
        /// The plotted range of z.
        public var from: Double
        public var to: Double
        /// The z values of the table.
        public var at: [Double]

        /// Creates an example.
        public init(activations: [Activation], from: Double, to: Double, at: [Double]) {
            self.activations = activations
            self.from = from
            self.to = to
            self.at = at
        }

        /// Reads a variant of the lesson file.
        public init(_ variant: LessonVariant) throws {
            try variant.rejectUnknownKeys(allowed: ["activations", "from", "to", "at"])
            let list = try variant.require("activations", expected: "a list such as [sigmoid, tanh, relu, softplus]")
            activations = []
            for item in try list.items() {
                do {
                    let activation = try Activation.named(try item.string())
                    guard activation.isElementwise else { throw item.error("softmax acts on a whole layer and has no one-unit curve to plot") }
                    activations.append(activation)
                } catch let error as InputError where !error.isLocated { throw item.error(error.message) }
            }
            from = try variant["from"]?.double() ?? -4
            to = try variant["to"]?.double() ?? 4
            at = try variant["at"]?.vector() ?? [-2, -1, 0, 1, 2]
            guard from < to else { throw (variant["to"] ?? list).error("the plotted range needs from < to, got \(Notation.number(from)) to \(Notation.number(to))") }
        }
    }


    /// Tabulates and plots every activation of `example`.
    public static func run(_ example: Example, heading: LessonHeading) throws -> LessonOutput {
        guard !example.activations.isEmpty else { throw InputError("give at least one activation to plot") }
        var lines = heading.lines
        var tables: [Table] = []
        for activation in example.activations {
            let rows = example.at.map { z in Table.Row(z: z, value: activation.value(z), derivative: activation.derivative(z)) }
            tables.append(Table(activation: activation, formula: activation.formula, derivativeFormula: activation.derivativeFormula, rows: rows))
            lines.append("")
            lines.append("\(activation.formula);   \(activation.derivativeFormula)")
            let zs = rows.map { Notation.fixed($0.z, decimals: 2) }
            let fs = rows.map { Notation.fixed($0.value, decimals: 4) }
            let ds = rows.map { Notation.fixed($0.derivative, decimals: 4) }
            let width = (zs + fs + ds).map(\.count).max() ?? 0
            func row(_ label: String, _ cells: [String]) -> String {
                "  " + label + cells.map { String(repeating: " ", count: width - $0.count + 2) + $0 }.joined()
            }
            let symbol = activation.symbol
            let labels = ["z", "\(symbol)(z)", "\(symbol)′(z)"]
            let labelWidth = labels.map(\.count).max() ?? 0
            let pad = { (s: String) in s + String(repeating: " ", count: labelWidth - s.count) }
            lines.append(row(pad(labels[0]), zs))
            lines.append(row(pad(labels[1]), fs))
            lines.append(row(pad(labels[2]), ds))
        }
        lines.append("")
        lines.append("Saturation: σ′ ≤ 0.25 and tanh′ ≤ 1 shrink δ in every layer they pass (the vanishing gradient); ReLU′ is 1 for z > 0 and 0 below.")
        let samples = example.activations.map { $0.samples(from: example.from, to: example.to) }
        let figures = samples.map(ActivationFigures.single) + [ActivationFigures.overview(samples)]
        return LessonOutput(lesson: id, variant: heading.variant, text: lines.joined(separator: "\n"), payload: Payload(tables: tables),
                            figures: figures)
    }

    /// f and f′ at the table's z values.
    struct Table: Encodable {
        struct Row: Encodable { var z: Double; var value: Double; var derivative: Double }
        var activation: Activation
        var formula: String
        var derivativeFormula: String
        var rows: [Row]
    }

    struct Payload: Encodable { var tables: [Table] }
}
