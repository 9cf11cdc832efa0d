import Foundation
import LessonCore
import LessonFigures

/// `lesson run perceptron`: logic gates with a threshold unit, the perceptron learning rule
/// epoch by epoch, and XOR, which one unit cannot learn and one hidden layer solves.
///
/// Lesson file keys: `tables` (gate → rows `[a₁, …, out]`), `weights` (gate → `[w₀, w₁, …]`,
/// checked against its table), `train` (gates to learn with the rule), `learning-rate`,
/// `epochs`, `initial-weights`, and `xor-network` (a `network:` block of step units).
public enum PerceptronLesson: Lesson {
    public static let id = "perceptron"

    /// The parameters of one run.
    public struct Example: LessonExample {
        /// Truth tables by gate name, in file order.
        public var tables: [(name: String, rows: [TruthTableRow])]
        /// Chosen weights w₀, w₁, … by gate name, checked against the gate's table.
        public var weights: [(name: String, weights: [Double])]
        /// The gates the perceptron rule learns.
        public var train: [String]
        /// α, the most epochs, and the starting weights of the rule.
        public var learningRate: Double
        public var epochs: Int
        public var initialWeights: [Double]
        /// A network of threshold units that computes XOR.
        public var xorNetwork: Network?

        /// Reads a variant of the lesson file.
        public init(_ variant: LessonVariant) throws {
            try variant.rejectUnknownKeys(allowed: ["tables", "weights", "train", "learning-rate", "epochs", "initial-weights", "xor-network"])
            tables = []
            for (name, value) in try variant.require("tables", expected: "truth tables by gate name, rows [a₁, a₂, out]").entries() {
                var rows: [TruthTableRow] = []
                for row in try value.items() {
                    let numbers = try row.vector()
                    guard numbers.count >= 2 else { throw row.error("a truth-table row needs the inputs and then the output") }
                    rows.append(TruthTableRow(inputs: Array(numbers.dropLast()), output: numbers[numbers.count - 1]))
                }
                tables.append((name, rows))
            }
            weights = []
            for (name, value) in try variant["weights"]?.entries() ?? [] {
                guard let table = tables.first(where: { $0.name == name }) else {
                    throw value.error("there is no table '\(name)'; the tables are \(tables.map(\.name).joined(separator: ", "))")
                }
                let w = try value.vector()
                guard w.count == (table.rows.first?.inputs.count ?? 0) + 1 else {
                    throw value.error("\(name) has \(table.rows.first?.inputs.count ?? 0) inputs, so it needs \((table.rows.first?.inputs.count ?? 0) + 1) weights w₀…wₙ, got \(w.count)")
                }
                weights.append((name, w))
            }
            let trainValue = variant["train"]
            train = try trainValue?.items().map { try $0.string() } ?? []
            for name in train where !tables.contains(where: { $0.name == name }) {
                guard let trainValue else { break }
                throw trainValue.error("there is no table '\(name)' to train on; the tables are \(tables.map(\.name).joined(separator: ", "))")
            }
            learningRate = try variant["learning-rate"]?.double() ?? 1
            epochs = try variant["epochs"]?.int() ?? 20
            initialWeights = try variant["initial-weights"]?.vector() ?? [0, 0, 0]
            if let block = variant["xor-network"] { xorNetwork = try NetworkReader.read(block).network }
        }
    }


    /// Runs every part of the lesson and builds the text, JSON and figures.
    public static func run(_ example: Example, heading: LessonHeading) throws -> LessonOutput {
        var lines = heading.lines
        lines.append("")
        lines.append("Threshold unit: out = 1 if w₀ + w₁a₁ + w₂a₂ ≥ 0, else 0 (w₀ is the weight of the constant input a₀ = 1).")
        var figures: [Figure] = []
        var checks: [String: TruthTableCheck] = [:]
        for (name, w) in example.weights {
            guard let table = example.tables.first(where: { $0.name == name }) else { continue }
            let unit = ThresholdUnit(weights: w)
            let check = unit.check(table.rows)
            checks[name] = check
            lines.append("")
            lines.append("\(name) with w = (\(w.map { Notation.number($0) }.joined(separator: ", "))): each row of the table gives an inequality on w₀, w₁, …")
            lines += check.lines.map { "  " + $0.text }
            lines.append(check.allHold ? "  All \(check.lines.count) inequalities hold: these weights implement \(name)."
                                       : "  \(check.lines.filter { !$0.holds }.count) inequalit\(check.lines.filter { !$0.holds }.count == 1 ? "y fails" : "ies fail"): these weights do not implement \(name).")
            if unit.inputCount == 2 {
                figures.append(PerceptronFigures.boundary(name: name, check: check, line: unit.boundary(from: -0.5, to: 1.5),
                                                          note: check.allHold ? "the line separates the 1s from the 0s" : "some points are on the wrong side"))
            }
        }
        var traces: [String: PerceptronTrace] = [:]
        for name in example.train {
            guard let table = example.tables.first(where: { $0.name == name }) else { continue }
            let training = try PerceptronTraining(samples: table.rows, initialWeights: example.initialWeights,
                                                  learningRate: example.learningRate, maxEpochs: example.epochs)
            let trace = training.run()
            traces[name] = trace
            lines.append("")
            lines.append("Perceptron rule on \(name): wᵢ ← wᵢ + α(y − h)xᵢ with α = \(Notation.number(example.learningRate)), x₀ = 1, from w = (\(example.initialWeights.map { Notation.number($0) }.joined(separator: ", ")))")
            for epoch in trace.epochs {
                lines.append("  epoch \(epoch.number) (\(epoch.mistakes) \(Counted.noun(epoch.mistakes, "mistake"))):")
                lines += epoch.steps.map { "    " + $0.text }
            }
            let w = trace.finalWeights.map { Notation.number($0) }.joined(separator: ", ")
            if trace.converged {
                lines.append("  Converged after \(trace.epochs.count) \(Counted.noun(trace.epochs.count, "epoch")): w = (\(w)); the last epoch made no mistake.")
                if trace.finalWeights.count == 3 {
                    let unit = ThresholdUnit(weights: trace.finalWeights)
                    figures.append(PerceptronFigures.boundary(name: name + ", learned", check: unit.check(table.rows),
                                                              line: unit.boundary(from: -0.5, to: 1.5),
                                                              note: "learned by the perceptron rule in \(trace.epochs.count) epochs"))
                }
            } else if let cycle = trace.cycle {
                lines.append("  No convergence: epoch \(cycle.epoch) would start with w = (\(w)), the weights epoch \(cycle.repeatsEpoch) started with, so the rule repeats the same epochs forever. No line w₀ + w₁a₁ + w₂a₂ = 0 separates \(name)'s 1s from its 0s.")
            } else {
                lines.append("  Not converged after \(trace.epochs.count) epochs (w = (\(w))).")
            }
        }
        var xorRows: [XorRow] = []
        if let network = example.xorNetwork, let table = example.tables.first(where: { $0.name == "XOR" }) {
            lines.append("")
            lines.append("XOR with one hidden layer of threshold units (\(network.architecture)): x₁ XOR x₂ = (x₁ AND NOT x₂) OR (NOT x₁ AND x₂)")
            var correct = 0
            for row in table.rows {
                let trace = try network.forward(row.inputs)
                lines.append("  x = (\(row.inputs.map { Notation.number($0) }.joined(separator: ", "))), XOR = \(Notation.number(row.output)):")
                for layer in trace.layers { for unit in layer.units { lines.append("    " + unit.sumText + ";  " + unit.activationText) } }
                if trace.output == [row.output] { correct += 1 }
                xorRows.append(XorRow(inputs: row.inputs, expected: row.output, output: trace.output[0]))
            }
            lines.append("  \(correct) of \(table.rows.count) rows right\(correct == table.rows.count ? ": one hidden layer solves XOR." : ".")")
            if let last = table.rows.first(where: { $0.output == 1 }) {
                let trace = try network.forward(last.inputs)
                figures.append(renamed(NetworkFigures.forward(trace, loss: nil, title: "XOR with one hidden layer, x = (\(last.inputs.map { Notation.number($0) }.joined(separator: ", ")))"), "xor-network"))
            }
        }
        let payload = Payload(gates: example.weights.compactMap { name, _ in checks[name].map { .init(name: name, check: $0) } },
                              training: example.train.compactMap { name in traces[name].map { .init(name: name, trace: $0) } },
                              xor: xorRows)
        return LessonOutput(lesson: id, variant: heading.variant, text: lines.joined(separator: "\n"), payload: payload, figures: figures)
    }

    private static func renamed(_ figure: Figure, _ name: String) -> Figure {
        var copy = figure
        copy.name = name
        return copy
    }

    struct XorRow: Encodable {
        var inputs: [Double]
        var expected: Double
        var output: Double
    }

    struct Payload: Encodable {
        struct Gate: Encodable { var name: String; var check: TruthTableCheck }
        struct Training: Encodable { var name: String; var trace: PerceptronTrace }
        var gates: [Gate]
        var training: [Training]
        var xor: [XorRow]
    }
}
