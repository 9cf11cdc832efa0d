import LessonCore

/// `output-size`: one axis of o = ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1.
///
/// Keys: `n` (input size), `k` (kernel size), `p` (padding per side, default 0), `s` (stride,
/// default 1), `d` (dilation, default 1). Mistakes recognised: the +1 forgotten, ceil instead
/// of floor, p instead of 2p, dilation ignored.
public enum OutputSizeKind: QuestionKind {
    public static let name = "output-size"
    public static let summary = "the output size of a convolution or pooling along one axis, from n, k, p, s, d"
    public static let keys = ["n", "k", "p", "s", "d"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let size = OutputSize(axis: "axis", input: try parameters.int("n"), kernel: try parameters.int("k"),
                              padding: try parameters.int("p", default: 0), stride: try parameters.int("s", default: 1),
                              dilation: try parameters.int("d", default: 1))
        do { try size.validate() } catch let error as InputError { throw InputError("\(parameters.location): \(error.message)") }
        var mistakes: [KnownMistake] = []
        for mistake in SizeMistake.allCases {
            if let wrong = size.output(with: mistake), wrong != size.output {
                mistakes.append(KnownMistake(name: mistake.name, answer: .integer(wrong)))
            }
        }
        var sheet = ["input size n = \(size.input)", "kernel size k = \(size.kernel)", "padding p = \(size.padding) on each side",
                     "stride s = \(size.stride)"]
        if size.dilation != 1 { sheet.append("dilation d = \(size.dilation)") }
        return PreparedQuestion(sheet: sheet, expected: .integer(size.output),
                                working: [OutputSize.formula, size.filledIn], mistakes: mistakes)
    }
}
