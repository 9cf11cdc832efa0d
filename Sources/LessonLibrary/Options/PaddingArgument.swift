import Foundation
import LessonCore

/// A padding as the person wrote it: a number per axis (`1`, `1,2`), or a name as PyTorch and
/// Keras write it (`same`, `valid`, `full`), which becomes a number once the kernel is known.
public enum PaddingArgument: Equatable, Sendable {
    case size(Pair2)
    case named(PaddingMode)

    /// Reads `--padding` (or the option named `option`).
    public init(_ argument: String, option: String = "--padding") throws {
        if let mode = Self.mode(argument) {
            self = .named(mode)
        } else {
            do { self = .size(try MatrixArgument.pair(argument, option: option)) } catch {
                throw InputError("\(option) \(argument): expected a whole number, two as rows,columns (such as 2,1), or same, valid or full")
            }
        }
    }

    /// The padding named by `argument` (`same`, ` Same `), or nil when it names none.
    public static func mode(_ argument: String) -> PaddingMode? {
        PaddingMode(rawValue: argument.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// The zeros on each side for a kernel of `kernelShape` (rows, columns) at `dilation`.
    public func resolved(kernelShape: [Int], dilation: Pair2, option: String = "--padding") throws -> Pair2 {
        switch self {
        case .size(let pair): return pair
        case .named(let mode):
            do { return try mode.padding(kernelShape: kernelShape, dilation: dilation) } catch let error as InputError {
                throw error.located(in: "\(option) \(mode.rawValue)")
            }
        }
    }
}

extension YAMLValue {
    /// A lesson file's `padding`: same, valid or full (any case), or a size per axis from 0 to
    /// `OutputSize.largestSetting`, as `--padding` takes them.
    public func padding() throws -> PaddingArgument {
        if let name = try? string(), let mode = PaddingArgument.mode(name) { return .named(mode) }
        return .size(try pair(in: 0...OutputSize.largestSetting))
    }
}
