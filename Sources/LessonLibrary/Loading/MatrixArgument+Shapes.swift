import Foundation
import LessonCore

extension MatrixArgument {
    /// One row (or column) of numbers, separated by spaces or commas: a literal or `@file`.
    public static func vector(_ argument: String, option: String) throws -> [Double] {
        let text = argument.hasPrefix("@") ? argument : argument.replacingOccurrences(of: ",", with: " ")
        let matrix = try parse(text, option: option)
        guard matrix.rows == 1 || matrix.columns == 1 else {
            throw InputError("\(option) \"\(argument)\": expected one row of numbers, got \(Notation.shape(matrix.shape))")
        }
        return matrix.scalars
    }

    /// Matrices separated by `|` (a literal or `@file`) as a C × H × W tensor.
    public static func channels(_ argument: String, option: String) throws -> Tensor {
        var text = argument
        if argument.hasPrefix("@") {
            let path = String(argument.dropFirst())
            guard let data = FileManager.default.contents(atPath: path), let contents = String(data: data, encoding: .utf8) else {
                throw InputError("\(option) \(argument): cannot read the file '\(path)'")
            }
            text = contents
        }
        var matrices: [Tensor] = []
        for (c, part) in text.split(separator: "|", omittingEmptySubsequences: false).enumerated() {
            let matrix = try parse(String(part), option: "\(option), channel \(c + 1)")
            if let first = matrices.first, first.shape != matrix.shape {
                throw InputError("\(option): channel \(c + 1) is \(Notation.shape(matrix.shape)) but channel 1 is \(Notation.shape(first.shape)); channels must have the same size")
            }
            matrices.append(matrix)
        }
        return MultiChannelConv2D.stack(matrices)
    }

    /// A learning rate: a finite number above 0.
    public static func learningRate(_ value: Double, option: String = "--learning-rate") throws -> Double {
        guard value > 0, value.isFinite else {
            throw InputError("\(option) must be above 0, got \(Notation.number(value))")
        }
        return value
    }

    /// A truncation of BPTT: K ≥ 1 steps.
    public static func truncation(_ value: Int, option: String = "--truncate") throws -> Int {
        guard value >= 1 else { throw InputError("\(option) must be at least 1 step, got \(value)") }
        return value
    }
}
