import LessonCore
import LessonFigures

/// A student's sheet: the exercise text and every question with the parameters of that
/// student's variant, as plain text, Markdown and figures.
///
/// A sheet is built only from what a question *gives* (its sheet lines, its given matrices
/// and the answer's type), never from the expected answer: no template, figure or caption
/// states a shape, a size or a count that a question asks for. The answer file template
/// names the type of each answer only ("a matrix, rows separated by ;"), never its size.
public struct ExerciseSheet: Sendable {
    /// One question as the sheet prints it.
    public struct Item: Sendable {
        /// 1-based position on the sheet.
        public var number: Int
        public var id: String
        public var points: Double
        public var text: String
        /// The parameters of this student's variant, one line each.
        public var lines: [String]
        /// How to write the answer, with the tolerance of numbers.
        public var answerFormat: String
        /// The given matrices (input, kernel), drawn in the question's figure.
        public var matrices: [SheetMatrix]
        /// The template line of the answer file (the type only).
        public var template: String
    }

    public let exerciseID: String
    public let title: String
    /// The student of this sheet, nil for the instructor's variant (an empty id).
    public let student: String?
    public let source: String?
    public let intro: String
    public let items: [Item]

    /// The sheet of `exercise` for `student` (nil: the variant of an empty id, for the instructor).
    public init(_ exercise: Exercise, student: String?) throws {
        let prepared = try exercise.prepared(for: student ?? "")
        exerciseID = exercise.id
        title = exercise.title
        self.student = student
        source = exercise.source
        intro = exercise.text.trimmingCharacters(in: .whitespacesAndNewlines)
        items = zip(exercise.questions, prepared).enumerated().map { index, pair in
            let (question, sheet) = pair
            var format = sheet.answerFormat
            if case .number = sheet.expected, let phrase = question.tolerance.text { format += " (" + phrase + ")" }
            var lines = sheet.sheet
            var matrices = sheet.sheetMatrices.filter { $0.values != nil }
            if !question.carryForward.isEmpty {
                (lines, matrices) = Self.withoutCarriedValues(question, exercise: exercise, student: student ?? "", sheet: sheet)
            }
            return Item(number: index + 1, id: question.id, points: question.points, text: question.text,
                        lines: lines, answerFormat: format, matrices: matrices, template: Self.template(sheet.expected))
        }
    }

    /// A question whose parameters are a student's earlier answers (error carried forward)
    /// must not print them: they are those answers. The lines and matrices that change when
    /// the carried parameters change are replaced by "n: your answer to <question>".
    static func withoutCarriedValues(_ question: Question, exercise: Exercise, student: String,
                                     sheet: PreparedQuestion) -> ([String], [SheetMatrix]) {
        // The same question with every carried number one larger: what changes depends on them.
        let drawn = (try? VariantDrawer.resolve(question.parameters, exercise: exercise.id, student: student,
                                                question: question.id, location: question.location)) ?? [:]
        var overriding: [String: ParameterValue] = [:]
        for key in question.carryForward.keys {
            guard case .scalar(let text)? = drawn[key], let number = Double(text.replacingOccurrences(of: "\u{2212}", with: "-")),
                  abs(number) < 1e12 else { continue }
            overriding[key] = .scalar(number == number.rounded() ? String(Int(number) + 1) : String(number + 1))
        }
        let notes = question.carryForward.sorted { $0.key < $1.key }.map { "\($0.key): your answer to question \($0.value)" }
        guard let other = try? question.prepared(exercise: exercise.id, student: student, overriding: overriding), !overriding.isEmpty else {
            // The changed question cannot be prepared: print nothing that may hold the carried values.
            return (notes, [])
        }
        let kept = sheet.sheet.filter { other.sheet.contains($0) }
        let matrices = sheet.sheetMatrices.filter { m in m.values != nil && other.sheetMatrices.contains(m) }
        return (notes + kept, matrices)
    }

    /// The sheet as plain text.
    public var text: String {
        var lines = [title]
        if let student { lines.append("Sheet of student \(student)") }
        if let source { lines.append("From the course notes: \(source)") }
        if !intro.isEmpty { lines.append(""); lines.append(intro) }
        for item in items {
            lines.append("")
            lines.append("\(item.number). [\(item.id), \(Counted.points(item.points))] \(item.text)")
            for line in item.lines { lines.append("   " + line) }
            lines.append("   Answer: " + item.answerFormat)
            if !item.matrices.isEmpty { lines.append("   (figure: \(item.id).png)") }
        }
        lines.append("")
        lines.append("Answer file (YAML), saved as \(fileName) (its name says whose answers it holds): student: \(student.map(Self.yamlScalar) ?? "<your id>"), exercise: \(Self.yamlScalar(exerciseID)), then answers: with one line per question id, such as")
        lines.append(contentsOf: answerFile.map { "  " + $0 })
        return lines.joined(separator: "\n")
    }

    /// The sheet as Markdown: a heading, the text, one section per question, the answer file.
    public var markdown: String {
        var lines = ["# " + title, ""]
        if let student { lines += ["Sheet of student **\(Self.markdownEscaped(student))**", ""] }
        if let source { lines += ["*From the course notes: \(Self.markdownEscaped(source))*", ""] }
        if !intro.isEmpty { lines += [intro, ""] }
        for item in items {
            lines.append("## \(item.number). \(item.text.isEmpty ? item.id : Self.markdownEscaped(item.text))")
            lines.append("")
            lines.append("Question `\(item.id)`, \(Counted.points(item.points)).")
            lines.append("")
            for line in item.lines { lines.append("- " + Self.markdownEscaped(line)) }
            if !item.lines.isEmpty { lines.append("") }
            lines.append("Answer: " + Self.markdownEscaped(item.answerFormat))
            lines.append("")
        }
        lines.append("## Answer file")
        lines.append("")
        lines.append("```yaml")
        lines.append(contentsOf: answerFile)
        lines.append("```")
        lines.append("")
        lines.append("Save it as `\(Self.markdownEscaped(fileName))`: grading reads whose answers it holds from the file's name.")
        lines.append("")
        return lines.joined(separator: "\n")
    }

    /// The name the answer file is saved under: the student's id (`jana.yaml`), which grading
    /// reads from the name (with a roster, Canvas's download name of the file works too).
    public var fileName: String { (student ?? "<your id>") + ".yaml" }

    /// The answer file a student fills in: their id, the exercise id their numbers were drawn
    /// for (grading warns when it is not the id graded), and one line per question, the type only.
    public var answerFile: [String] {
        ["student: " + (student.map(Self.yamlScalar) ?? "<your id>"), "exercise: " + Self.yamlScalar(exerciseID), "answers:"]
            + items.map { "  \($0.id): \($0.template)" }
    }

    /// One figure per question with given matrices, named after the question.
    public var figures: [Figure] {
        items.filter { !$0.matrices.isEmpty }.map { item in
            SheetFigure.figure(item.matrices, name: item.id,
                               title: "\(item.number). \(item.text.isEmpty ? item.id : item.text)",
                               caption: item.lines.filter { !$0.hasPrefix("input (") && !$0.hasPrefix("kernel (") })
        }
    }

    /// The template of an answer: its type, never its size.
    static func template(_ answer: Answer) -> String {
        switch answer {
        case .integer: return "<whole number>"
        case .number: return "<number>"
        case .matrix(let m) where m.rank == 1: return "[<numbers, separated by commas>]"
        case .matrix: return "\"<numbers, rows separated by ;>\""
        case .shape: return "[<sizes>]"
        case .choice: return "<key of one option>"
        }
    }

    /// A student id as a YAML scalar: quoted unless it is plain letters, digits, `-`, `_`, `.`.
    static func yamlScalar(_ id: String) -> String {
        let plain = !id.isEmpty && id.unicodeScalars.allSatisfy { ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.@".unicodeScalars.contains($0)) }
            && !(id.first.map { "-@.".contains($0) } ?? false)
        return plain ? id : "\"" + id.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Text with Markdown's emphasis and HTML characters escaped.
    static func markdownEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>#|".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
