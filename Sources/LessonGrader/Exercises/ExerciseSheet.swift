import LessonCore
import LessonFigures

/// A student's sheet: the exercise text and every question with the parameters of that
/// student's variant, and a figure for each question that has matrices.
public struct ExerciseSheet {
    /// The sheet as text.
    public let text: String
    /// One figure per question with matrices, named after the question.
    public let figures: [Figure]

    /// The sheet of `exercise` for `student` (nil: the variant of an empty id, for the instructor).
    public init(_ exercise: Exercise, student: String?) throws {
        let prepared = try exercise.prepared(for: student ?? "")
        var lines = [exercise.title]
        if let student { lines.append("Sheet of student \(student)") }
        if let source = exercise.source { lines.append("From the course notes: \(source)") }
        if !exercise.text.isEmpty { lines.append(""); lines.append(exercise.text.trimmingCharacters(in: .whitespacesAndNewlines)) }
        var figures: [Figure] = []
        for (index, (question, sheet)) in zip(exercise.questions, prepared).enumerated() {
            lines.append("")
            let points = GradeReport.points(question.points)
            lines.append("\(index + 1). [\(question.id), \(points) point\(question.points == 1 ? "" : "s")] \(question.text)")
            for line in sheet.sheet { lines.append("   " + line) }
            var format = "   Answer: " + sheet.answerFormat
            if case .number = sheet.expected, let phrase = question.tolerance.text { format += " (" + phrase + ")" }
            lines.append(format)
            if !sheet.sheetMatrices.isEmpty {
                let caption = sheet.sheet.filter { !$0.hasPrefix("input (") && !$0.hasPrefix("kernel (") }
                figures.append(SheetFigure.figure(sheet.sheetMatrices, name: question.id,
                                                  title: "\(index + 1). \(question.text.isEmpty ? question.id : question.text)",
                                                  caption: caption))
                lines.append("   (figure: \(question.id).png)")
            }
        }
        lines.append("")
        lines.append("Answer file (YAML): student: <your id>, then answers: with one line per question id, such as")
        lines.append("  answers:")
        for (question, sheet) in zip(exercise.questions, prepared) {
            lines.append("    \(question.id): " + Self.example(sheet.expected))
        }
        text = lines.joined(separator: "\n")
        self.figures = figures
    }

    private static func example(_ answer: Answer) -> String {
        switch answer {
        case .integer: return "<whole number>"
        case .number: return "<number>"
        case .matrix(let m) where m.rank == 1: return "[<\(m.count) numbers>]"
        case .matrix(let m): return "\"<\(m.rows) rows of \(m.columns) numbers, rows separated by ;>\""
        case .shape: return "[<sizes>]"
        case .choice: return "<key of one option>"
        }
    }
}
