import LessonCore

/// Everything a grading run found: every student's results and a summary per question.
/// The gradebook CSV, the JSON report and the Gradescope files are all written from it.
public struct GradeReport: Sendable, Encodable {
    /// The exercise id and title.
    public var exercise: String
    public var title: String
    public var maxPoints: Double
    /// The questions, in order.
    public var questions: [QuestionInfo]
    /// Students sorted by id, then file.
    public var students: [StudentResult]
    /// How each question went across students.
    public var summary: [QuestionSummary]

    /// A question as reports list it.
    public struct QuestionInfo: Sendable, Encodable, Equatable {
        public var id: String
        public var kind: String
        public var points: Double
        public var text: String
    }

    /// Entries of the submissions folder that were not read (links, FIFOs, devices, …).
    public var skipped: [SkippedFile] = []
    /// Students who handed in more than one file: which was graded, which were not.
    public var duplicates: [Duplicate] = []

    /// Answer files whose `exercise:` key names another exercise than the one graded, by the
    /// id they name, sorted: their sheets were drawn for that id.
    public var exerciseMismatches: [ExerciseMismatch] = []
    /// Whether the exercise gives each student their own numbers (drawn from its id).
    public var hasVariants = false
    /// Whether the exercise's id is its file name (it has no `id:` key).
    public var idFromFileName = false

    /// Files that name another exercise id than the one graded.
    public struct ExerciseMismatch: Sendable, Encodable, Equatable {
        /// The id the files name.
        public var declared: String
        /// How many files name it.
        public var files: Int
    }

    /// Two or more files of one student.
    public struct Duplicate: Sendable, Encodable, Equatable {
        public var student: String
        /// The file graded: the newest readable one.
        public var graded: String
        /// The other files, not graded.
        public var ignored: [String]
    }

    /// Sorts the results, grades only the newest readable file of a student who handed in
    /// several, and summarises each question.
    ///
    /// The rule for several files of one id: a readable file beats one that could not be
    /// read; then the newest wins (its `submitted` field, else its modification time); then
    /// the first by name. The others get no points and name the file graded instead; every
    /// such student is listed in `duplicates`, the summary and `report.json`.
    public init(exercise: Exercise, students unsorted: [StudentResult], skipped: [SkippedFile] = []) {
        self.exercise = exercise.id
        self.title = exercise.title
        self.maxPoints = exercise.maxPoints
        self.questions = exercise.questions.map { QuestionInfo(id: $0.id, kind: $0.kind, points: $0.points, text: $0.text) }
        var students = unsorted.sorted { ($0.student, $0.file) < ($1.student, $1.file) }
        var duplicates: [Duplicate] = []
        var start = students.startIndex
        while start < students.endIndex {
            var end = start + 1
            while end < students.endIndex, students[end].student == students[start].student { end += 1 }
            if end - start > 1 {
                let group = start..<end
                let winner = group.max { a, b in Self.graded(before: students[b], students[a]) } ?? start
                for i in group where i != winner {
                    students[i].supersededBy = students[winner].file
                    students[i].error = "is not graded: '\(students[i].student)' also handed in \(students[winner].file), "
                        + "which is graded instead (the newest readable file of a student is graded)"
                    students[i].points = 0
                    for q in students[i].questions.indices {
                        students[i].questions[q] = QuestionResult(question: students[i].questions[q].question, points: 0,
                                                                  maxPoints: students[i].questions[q].maxPoints, status: .missing,
                                                                  feedback: "not graded: \(students[winner].file) of the same student is graded")
                    }
                }
                duplicates.append(Duplicate(student: students[winner].student, graded: students[winner].file,
                                            ignored: group.filter { $0 != winner }.map { students[$0].file }))
            }
            start = end
        }
        self.students = students
        self.skipped = skipped.sorted { ($0.file, $0.reason) < ($1.file, $1.reason) }
        var declared: [String: Int] = [:]
        for student in students where student.supersededBy == nil {
            guard let named = student.declaredExercise?.trimmingCharacters(in: .whitespaces), !named.isEmpty, named != exercise.id else { continue }
            declared[named, default: 0] += 1
        }
        exerciseMismatches = declared.keys.sorted().map { ExerciseMismatch(declared: $0, files: declared[$0] ?? 0) }
        hasVariants = exercise.questions.contains(where: \.hasVariants)
        idFromFileName = !exercise.hasIDKey
        self.duplicates = duplicates
        let graded = students.filter { $0.supersededBy == nil }
        self.summary = exercise.questions.enumerated().map { index, question in
            QuestionSummary(question: question, index: index, students: graded)
        }
    }

    /// Whether `a` is graded rather than `b` when both are files of one student: readable
    /// first, then newer, then first by name.
    static func graded(before a: StudentResult, _ b: StudentResult) -> Bool {
        if (a.error == nil) != (b.error == nil) { return a.error == nil }
        let ta = a.submittedAt ?? -.infinity, tb = b.submittedAt ?? -.infinity
        if ta != tb { return ta > tb }
        return a.file < b.file
    }

    /// Students graded once (a duplicate id's other files are left out): the gradebook's rows.
    public var gradebookStudents: [StudentResult] {
        students.filter { $0.supersededBy == nil }
    }

    /// The summary printed after grading, one line per question.
    public var summaryText: String {
        let graded = gradebookStudents
        let errors = graded.filter { $0.error != nil }.count
        let average = graded.isEmpty ? 0 : graded.reduce(0) { $0 + $1.points } / Double(graded.count)
        var lines = ["Graded \(Counted.of(graded.count, "submission")) of '\(exercise)' (\(Counted.points(maxPoints))): average \(Self.points((average * 100).rounded() / 100))"
                     + (errors > 0 ? ", \(Counted.of(errors, "file")) could not be graded" : "") + "."]
        for skip in skipped {
            lines.append("  warning: skipped \(Excerpt.quote(skip.file)): it \(skip.reason)")
        }
        for mismatch in exerciseMismatches {
            var line = "  warning: \(Counted.of(mismatch.files, "answer file")) \(mismatch.files == 1 ? "says" : "say") "
                + "'exercise: \(Excerpt.quote(mismatch.declared, limit: 60))', but the exercise graded is '\(exercise)'"
            if hasVariants {
                line += idFromFileName ? " (its file name)" : ""
                line += "; per-student numbers are drawn from the exercise id, so "
                    + (mismatch.files == 1 ? "this student is graded on numbers their sheet does not show"
                                           : "these students are graded on numbers their sheets do not show")
                    + (idFromFileName ? ": add 'id: \(Excerpt.quote(mismatch.declared, limit: 60))' to the exercise file if it is that exercise" : "")
            }
            lines.append(line)
        }
        for duplicate in duplicates {
            lines.append("  warning: \(Excerpt.quote(duplicate.student)) handed in \(duplicate.ignored.count + 1) files; graded "
                         + "\(Excerpt.quote(duplicate.graded)), not \(duplicate.ignored.map { Excerpt.quote($0) }.joined(separator: ", "))")
        }
        for s in summary {
            var line = "  \(s.question) (\(Counted.points(s.maxPoints))): \(s.right) of \(s.graded) right"
            if s.partial > 0 { line += ", \(s.partial) partly" }
            if let wrong = s.mostCommonWrong {
                line += "; most common wrong answer \(Excerpt.quote(wrong)) (\(Counted.of(s.mostCommonWrongCount, "student"))"
                    + (s.mostCommonMistake.map { ": \(Excerpt.quote($0, limit: 120))" } ?? "") + ")"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// Points without trailing zeros: `2`, `1.5`, `0.666667`.
    public static func points(_ value: Double) -> String {
        Notation.number(value, decimals: 6)
    }
}

/// How one question went across all students.
public struct QuestionSummary: Sendable, Encodable, Equatable {
    public var question: String
    public var maxPoints: Double
    /// Students whose file could be graded.
    public var graded: Int
    public var right: Int
    public var partial: Int
    public var wrong: Int
    public var missing: Int
    public var unreadable: Int
    public var averagePoints: Double
    /// The wrong answer given most often (ties: the first in text order), and by how many.
    public var mostCommonWrong: String?
    public var mostCommonWrongCount: Int
    /// The known mistake that answer matches, if any.
    public var mostCommonMistake: String?

    init(question: Question, index: Int, students: [StudentResult]) {
        self.question = question.id
        self.maxPoints = question.points
        var graded = 0, right = 0, partial = 0, wrong = 0, missing = 0, unreadable = 0
        var total = 0.0
        var counts: [String: (Int, String?)] = [:]
        for student in students where student.error == nil {
            let r = student.questions[index]
            graded += 1
            total += r.points
            switch r.status {
            case .correct: right += 1
            case .partial: partial += 1
            case .wrong: wrong += 1
            case .missing: missing += 1
            case .unreadable: unreadable += 1
            }
            if r.status == .wrong || r.status == .partial, let given = r.given {
                counts[given, default: (0, r.mistake)].0 += 1
            }
        }
        self.graded = graded
        self.right = right
        self.partial = partial
        self.wrong = wrong
        self.missing = missing
        self.unreadable = unreadable
        averagePoints = graded == 0 ? 0 : ((total / Double(graded)) * 1e6).rounded() / 1e6
        let best = counts.min { $0.value.0 != $1.value.0 ? $0.value.0 > $1.value.0 : $0.key < $1.key }
        mostCommonWrong = best?.key
        mostCommonWrongCount = best?.value.0 ?? 0
        mostCommonMistake = best?.value.1
    }
}
