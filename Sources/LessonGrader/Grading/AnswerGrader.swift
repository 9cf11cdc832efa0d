import LessonCore

/// Grades one answer against a prepared question: points, status, feedback, and the known
/// mistake a wrong answer matches. Matrices earn points per right cell, rounded to 2 decimals
/// (so the gradebook's total is the sum of the columns it shows); a list (one number per
/// layer, per unit) whose length differs from the expected one earns points per entry that
/// lines up in order (the longest common subsequence), out of the longer list's length, so
/// one missing or extra layer costs one entry.
/// The working is given with every answer that is not right, and the worked formula is part
/// of the feedback itself; with hidden answers neither is, nor is the expected shape.
public enum AnswerGrader {
    /// Grades `given` (nil when the student left the question out).
    public static func grade(_ given: SubmittedValue?, question: Question, prepared: PreparedQuestion) -> QuestionResult {
        let hide = question.hidesAnswer
        var result = QuestionResult(question: question.id, points: 0, maxPoints: question.points, status: .missing,
                                    expected: hide ? nil : prepared.expectedText, given: nil, feedback: "no answer given",
                                    working: hide ? nil : prepared.working)
        if hide { result.withheld = Withheld(expected: prepared.expectedText, working: prepared.working) }
        guard let given, given != .null else { return result }
        let answer: Answer
        do {
            answer = try AnswerReader.read(given, like: prepared.expected)
        } catch let error as InputError {
            result.status = .unreadable
            result.given = given.text
            result.feedback = "could not read the answer: \(error.message); write \(prepared.answerFormat)"
            return result
        } catch {
            result.status = .unreadable
            result.given = given.text
            result.feedback = "could not read the answer; write \(prepared.answerFormat)"
            return result
        }
        result.given = answer.text
        // Several mistakes may give the same wrong answer; name each of them.
        let matching = prepared.mistakes.filter { matches(answer, $0.answer, question.tolerance) }
        let mistake = matching.first.map { first in
            KnownMistake(name: matching.map(\.name).joined(separator: " or "), answer: first.answer,
                         detail: matching.count == 1 ? first.detail : nil)
        }
        if case .matrix(let expected) = prepared.expected, case .matrix(let matrix) = answer {
            return gradeMatrix(matrix, expected: expected, mistake: mistake, question: question, prepared: prepared, result: result)
        }
        if matches(answer, prepared.expected, question.tolerance) {
            result.status = .correct
            result.points = question.points
            result.feedback = "correct"
            result.working = nil
            return result
        }
        result.status = .wrong
        result.mistake = mistake?.name
        // A wrong number may print as the expected one at 6 decimals (2.0000001 against 2):
        // then both are written with the digits that tell them apart, and the tolerance is said.
        let (expectedText, givenText) = distinguished(prepared.expected, prepared.expectedText, answer)
        let lookAlike = givenText != answer.text
        result.given = givenText
        if !hide, lookAlike { result.expected = expectedText }
        var feedback = hide ? "wrong" : "wrong: expected \(expectedText), got \(givenText)"
        if !hide, lookAlike, case .number(let x) = answer, case .number(let y) = prepared.expected {
            feedback += ", \(Notation.scientific(abs(x - y), decimals: 2)) away"
        }
        if let mistake {
            feedback += "; this is the answer with \(mistake.name)"
            if let detail = mistake.detail, !hide { feedback += " (\(detail))" }
        }
        if case .number = prepared.expected, let phrase = lookAlike ? question.tolerance.statedText : question.tolerance.text {
            feedback += " (accepted \(phrase))"
        }
        if !hide, let worked = prepared.workedLine { feedback += "; worked: " + worked }
        result.feedback = feedback
        return result
    }

    private static func gradeMatrix(_ given: Tensor, expected: Tensor, mistake: KnownMistake?, question: Question,
                                    prepared: PreparedQuestion, result: QuestionResult) -> QuestionResult {
        var result = result
        let hide = question.hidesAnswer
        // Lists of about the expected length are aligned; a far longer one (which would make
        // the alignment table large) is simply the wrong shape.
        if given.rank == 1, expected.rank == 1, given.count != expected.count, given.count <= 2 * expected.count + 8 {
            return gradeList(given, expected: expected, mistake: mistake, question: question, prepared: prepared, result: result)
        }
        guard given.shape == expected.shape else {
            result.status = .wrong
            result.mistake = mistake?.name
            var feedback = hide ? "the answer is \(Notation.shape(given.shape)), which is not the expected shape"
                                : "the answer is \(Notation.shape(given.shape)) but the expected one is \(Notation.shape(expected.shape))"
            if let mistake { feedback += "; this is the answer with \(mistake.name)" }
            result.feedback = feedback
            return result
        }
        var wrong: [Int] = []
        for i in 0..<expected.count where !question.tolerance.accepts(given.scalars[i], expected.scalars[i]) {
            wrong.append(i)
        }
        let total = expected.count
        if wrong.isEmpty {
            result.status = .correct
            result.points = question.points
            result.feedback = total == 1 ? "correct" : "correct (all \(total) cells)"
            result.working = nil
            return result
        }
        let right = total - wrong.count
        let (expectedText, givenText) = distinguished(.matrix(expected), prepared.expectedText, .matrix(given))
        result.given = givenText
        if !hide { result.expected = expectedText }
        result.points = (question.points * Double(right) / Double(total) * 100).rounded() / 100
        result.status = right == 0 ? .wrong : .partial
        result.mistake = mistake?.name
        let columns = expected.rank == 1 ? expected.count : expected.columns
        let cells = wrong.map { expected.rank == 1 ? [1, $0 + 1] : [$0 / columns + 1, $0 % columns + 1] }
        result.wrongCells = cells
        let names = cells.prefix(6).map { expected.rank == 1 ? "[\($0[1])]" : "[\($0[0]),\($0[1])]" }.joined(separator: ", ")
            + (cells.count > 6 ? ", …" : "")
        var feedback = "\(right) of \(Counted.of(total, "cell")) right; wrong: \(names)"
        if let mistake { feedback += "; this is the answer with \(mistake.name)" }
        let first = wrong[0]
        let working = first < prepared.cellWorking.count ? prepared.cellWorking[first] : nil
        if !hide, let working { feedback += "; first wrong cell: \(working)" }
        result.feedback = feedback
        result.matrixDetail = MatrixDetail(given: given, expected: expected, wrong: wrong,
                                           firstWrongWorking: hide ? nil : working, mistake: mistake?.name)
        return result
    }

    /// A list with entries missing or extra: the entries that line up in order (the longest
    /// common subsequence under the tolerance) earn their share of the points.
    private static func gradeList(_ given: Tensor, expected: Tensor, mistake: KnownMistake?, question: Question,
                                  prepared: PreparedQuestion, result: QuestionResult) -> QuestionResult {
        var result = result
        let a = given.scalars, b = expected.scalars
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = question.tolerance.accepts(a[i], b[j]) ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var unmatched: [Int] = []
        var i = 0, j = 0
        while j < b.count {
            if i < a.count, question.tolerance.accepts(a[i], b[j]), table[i][j] == table[i + 1][j + 1] + 1 { i += 1; j += 1 }
            else if i < a.count, table[i + 1][j] >= table[i][j + 1] { i += 1 }
            else { unmatched.append(j); j += 1 }
        }
        let right = table[0][0]
        // Out of the longer list's length, so an extra entry costs as much as a missing one.
        result.points = (question.points * Double(right) / Double(max(a.count, b.count)) * 100).rounded() / 100
        result.status = right == 0 ? .wrong : .partial
        result.mistake = mistake?.name
        let difference = b.count - a.count
        var feedback = "\(a.count) \(Counted.noun(a.count, "entry", plural: "entries")) given"
        if !question.hidesAnswer { feedback += " for \(b.count) expected" }
        feedback += "; \(right) line\(right == 1 ? "s" : "") up with the expected list in order"
        if !question.hidesAnswer {
            feedback += difference > 0 ? " (\(difference) missing" : " (\(-difference) extra"
            feedback += "; \(Counted.noun(unmatched.count, "entry", plural: "entries")) without a match: " + unmatched.prefix(6).map { "[\($0 + 1)]" }.joined(separator: ", ") + ")"
        }
        if let mistake { feedback += "; this is the answer with \(mistake.name)" }
        if !question.hidesAnswer, let first = unmatched.first, first < prepared.cellWorking.count {
            feedback += "; first: " + prepared.cellWorking[first]
        }
        result.wrongCells = unmatched.map { [1, $0 + 1] }
        result.feedback = feedback
        return result
    }

    /// The expected and the given answer as feedback prints them: at 6 decimals, or, when two
    /// different numbers (or matrices) print alike there, with the fewest decimals (up to 15)
    /// that tell them apart; past that, numbers in their shortest exact form (0.30000000000000004).
    static func distinguished(_ expected: Answer, _ expectedText: String, _ given: Answer) -> (String, String) {
        guard given.text == expected.text, given != expected else { return (expectedText, given.text) }
        for decimals in 7...15 {
            let a = expected.text(decimals: decimals), b = given.text(decimals: decimals)
            if a != b { return (a, b) }
        }
        if case .number(let a) = expected, case .number(let b) = given {
            return (String(a).replacingOccurrences(of: "-", with: Notation.minus), String(b).replacingOccurrences(of: "-", with: Notation.minus))
        }
        return (expected.text(decimals: 17), given.text(decimals: 17))
    }

    /// Whether two answers agree (numbers within the tolerance, matrices cell by cell).
    static func matches(_ a: Answer, _ b: Answer, _ tolerance: Tolerance) -> Bool {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return x == y
        case (.number(let x), .number(let y)): return tolerance.accepts(x, y)
        case (.shape(let x), .shape(let y)): return x == y
        case (.choice(let x), .choice(let y)): return x == y
        case (.matrix(let x), .matrix(let y)):
            return x.shape == y.shape && zip(x.scalars, y.scalars).allSatisfy { tolerance.accepts($0, $1) }
        default: return false
        }
    }
}
