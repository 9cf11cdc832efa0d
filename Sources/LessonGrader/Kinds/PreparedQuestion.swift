import LessonCore

/// A question ready to grade for one student: the expected answer the engine computed,
/// how it was computed, and what known mistakes give.
public struct PreparedQuestion: Sendable {
    /// The parameters as the student's sheet states them, one line each.
    public var sheet: [String]
    /// The expected answer.
    public var expected: Answer { didSet { expectedText = expected.text } }
    /// How the expected answer is computed, step by step (shown unless answers are hidden).
    public var working: [String] { didSet { workedLine = Self.workedLine(working) } }
    /// The expected answer as feedback prints it (`expected.text`), written once, not once per student.
    public private(set) var expectedText: String
    /// The line of the working that states the result (the last one with an `=`), found once.
    public private(set) var workedLine: String?
    /// Wrong answers that known mistakes produce, checked in order.
    public var mistakes: [KnownMistake]
    /// For matrix answers: the step-by-step of each cell, row-major.
    public var cellWorking: [String]
    /// Matrices drawn on the student's sheet (input, kernel, an empty output grid).
    public var sheetMatrices: [SheetMatrix]
    /// How to write the answer ("a whole number", "a matrix, rows separated by ';'").
    public var answerFormat: String

    /// Creates a prepared question.
    public init(sheet: [String], expected: Answer, working: [String], mistakes: [KnownMistake] = [],
                cellWorking: [String] = [], sheetMatrices: [SheetMatrix] = [], answerFormat: String? = nil) {
        self.sheet = sheet
        self.expected = expected
        self.working = working
        self.expectedText = expected.text
        self.workedLine = Self.workedLine(working)
        self.mistakes = mistakes
        self.cellWorking = cellWorking
        self.sheetMatrices = sheetMatrices
        self.answerFormat = answerFormat ?? Self.defaultFormat(expected)
    }

    /// The line of `working` that states the result: the last one with an `=`, else the last.
    static func workedLine(_ working: [String]) -> String? {
        working.last { $0.contains("=" as Character) } ?? working.last
    }

    static func defaultFormat(_ answer: Answer) -> String {
        switch answer {
        case .integer: return "a whole number, such as 1234 or \"1,234\""
        case .number: return "a number, such as 2.5 or -1"
        case .matrix(let m) where m.rank == 1: return "a list of numbers, such as [1, 2, 3]"
        case .matrix: return "a matrix, rows separated by ';', such as \"1 0 -2; 3 4 5\""
        case .shape: return "a shape, height, width, channels, such as [5, 5, 3] or \"5×5×3\""
        case .choice: return "the key of one option (its letter)"
        }
    }
}

/// A wrong answer a known mistake produces, with the mistake's name for feedback.
public struct KnownMistake: Sendable, Equatable {
    /// The mistake as feedback names it ("biases forgotten").
    public var name: String
    /// The answer the mistake gives.
    public var answer: Answer
    /// The mistaken working, such as `(7·7·1)·8 = 392`.
    public var detail: String?

    /// Creates a known mistake.
    public init(name: String, answer: Answer, detail: String? = nil) {
        self.name = name
        self.answer = answer
        self.detail = detail
    }
}

/// A matrix drawn on a student's sheet, with a label and optionally unknown cells.
public struct SheetMatrix: Sendable, Equatable {
    /// The label above the grid ("input", "kernel", "output").
    public var label: String
    /// The values; nil draws an empty grid of `shape` with question marks.
    public var values: Tensor?
    /// The shape of the grid.
    public var shape: [Int]
    /// A cell asked about (0-based row, column), outlined.
    public var marked: [Int]?

    /// Creates a sheet matrix.
    public init(label: String, values: Tensor?, shape: [Int], marked: [Int]? = nil) {
        self.label = label
        self.values = values
        self.shape = shape
        self.marked = marked
    }
}
