import ArgumentParser
import Foundation
import LessonCore
import LessonLibrary

/// The options of the network lessons: another network file, input or target.
struct NetworkOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A YAML file whose top level holds 'network:' (input, target, loss, l2, layers).", valueName: "file"))
    var network: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Another input vector, such as \"0.5 -1\".", valueName: "vector"))
    var input: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Another target vector, such as \"1\".", valueName: "vector"))
    var target: String?

    /// Whether any option changes the lesson's own example.
    var changesExample: Bool { network != nil || input != nil || target != nil }

    /// The lesson's variant with these options applied.
    func apply(to lesson: NetworkLessonExample) throws -> NetworkLessonExample {
        var result = lesson
        if let network {
            result.example = try NetworkReader.load(URL(fileURLWithPath: network), displayName: network)
        }
        if input != nil || target != nil {
            let x = try input.map { try Self.vector($0, option: "--input") } ?? result.example.input
            let y = try target.map { try Self.vector($0, option: "--target") } ?? result.example.target
            do {
                result.example = try NetworkExample(network: result.example.network, input: x, target: y)
            } catch let error as NetworkShapeError {
                throw InputError("\(error.key == "input" ? "--input" : "--target"): \(error.message)")
            }
        }
        if changesExample {
            result.statedLoss = nil
            result.statedOutput = nil
        }
        return result
    }

    private static func vector(_ text: String, option: String) throws -> [Double] {
        let matrix = try MatrixArgument.parse(text.replacingOccurrences(of: ",", with: " "), option: option)
        guard matrix.rows == 1 || matrix.columns == 1 else {
            throw InputError("\(option) \"\(text)\": expected one row of numbers, got \(Notation.shape(matrix.shape))")
        }
        return matrix.scalars
    }
}
