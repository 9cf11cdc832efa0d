import LessonCore

/// What a teacher reviews before publishing an exercise (`lesson exercise check`): each
/// question's kind, points and whether its answer is hidden; for questions with per-student
/// numbers, every variant their ranges can give (`VariantDrawer.variants`: every combination,
/// or a seeded sample when there are too many), so a range that gives some student impossible
/// numbers is found before any student has it; then every student's expected answers, one line
/// per student, so a range that gives an odd variant shows at once.
public struct ExerciseReview: Sendable {
    /// The review as text.
    public let text: String
    /// Students whose variant cannot be prepared (a range that gives impossible numbers).
    public let failures: [String]
    /// Variants that cannot be prepared, as "question 'a' with n = 2", in question order.
    public let variantFailures: [String]

    /// How many failing variants of one question the review prints.
    static let shownFailures = 5

    /// The review of `exercise` for `students` (none: the instructor's variant, an empty id).
    public init(_ exercise: Exercise, students: [String]) {
        var lines: [String] = []
        for (index, question) in exercise.questions.enumerated() {
            var line = "  \(index + 1). \(question.id) (\(question.kind), \(Counted.points(question.points))"
            if question.hasVariants { line += ", numbers per student" }
            if question.hidesAnswer { line += ", answer hidden" }
            if !question.carryForward.isEmpty {
                line += ", error carried forward from " + question.carryForward.sorted { $0.key < $1.key }.map { "\($0.value) (\($0.key))" }.joined(separator: ", ")
            }
            lines.append(line + ")")
        }
        var variantFailures: [String] = []
        if exercise.questions.contains(where: \.hasVariants) {
            lines.append("")
            lines.append("Per-student numbers are drawn from the exercise id '\(exercise.id)' ("
                         + (exercise.hasIDKey ? "its id: key" : "the file name; an id: key keeps them when the file is renamed or copied")
                         + ") and the student id. Variants prepared:")
            for question in exercise.questions where question.hasVariants {
                let (questionLines, failed) = Self.review(question)
                lines += questionLines
                variantFailures += failed
            }
        }
        let verdict = variantFailures.isEmpty ? "is valid" : "loads, but its ranges give some students impossible numbers (below)"
        lines.insert("\(exercise.file): '\(exercise.title)' \(verdict): \(Counted.of(exercise.questions.count, "question")), \(Counted.points(exercise.maxPoints)).", at: 0)
        let ids = students.isEmpty ? [""] : students
        var failures: [String] = []
        lines.append("")
        lines.append(students.isEmpty ? "Expected answers (the instructor's variant):" : "Expected answers of \(Counted.of(ids.count, "student")):")
        for id in ids {
            do {
                let prepared = try exercise.prepared(for: id)
                let answers = zip(exercise.questions, prepared).map { "\($0.id) = \($1.expected.text)" }
                lines.append((id.isEmpty ? "  (instructor)" : "  \(id)") + ": " + answers.joined(separator: "; "))
            } catch let error as InputError {
                lines.append("  \(id): cannot be prepared: \(error.message)")
                failures.append(id)
            } catch {
                lines.append("  \(id): cannot be prepared: \(error)")
                failures.append(id)
            }
        }
        text = lines.joined(separator: "\n")
        self.failures = failures
        self.variantFailures = variantFailures
    }

    /// The lines of one question's variants, and those that fail ("question 'a' with n = 2").
    static func review(_ question: Question) -> (lines: [String], failures: [String]) {
        let sample: VariantSample
        do { sample = try VariantDrawer.variants(question.parameters, location: question.location) } catch {
            return (["  \(question.id): the ranges cannot be drawn: \(error)"], ["question '\(question.id)'"])
        }
        var failed: [(label: String, message: String)] = []
        for (values, label) in zip(sample.values, sample.labels) {
            do { _ = try question.prepared(variant: values) } catch let error as InputError {
                failed.append((label, error.message))
            } catch {
                failed.append((label, "\(error)"))
            }
        }
        var what: String
        let ranges = sample.ranges.joined(separator: ", ")
        if sample.isSample {
            what = "a seeded sample of \(Notation.grouped(sample.values.count)) of its \(sample.combinations == Int.max ? "too many to count" : Notation.grouped(sample.combinations)) combinations of \(ranges)"
        } else if sample.ranges.isEmpty {
            what = Counted.of(sample.values.count, "variant")
        } else {
            what = "all \(Counted.of(sample.combinations, "combination")) of \(ranges)"
            if sample.values.count > sample.combinations { what += ", \(Notation.grouped(sample.values.count)) variants in all" }
        }
        if !sample.randomMatrices.isEmpty {
            what += ", random \(sample.randomMatrices.joined(separator: ", ")) drawn from a seeded generator each time"
        }
        var lines = ["  \(question.id): \(what): " + (failed.isEmpty ? "every one can be prepared" : "\(Counted.of(failed.count, "variant")) cannot be prepared")]
        for failure in failed.prefix(shownFailures) {
            lines.append("    " + (failure.label.isEmpty ? "" : failure.label + ": ") + failure.message)
        }
        if failed.count > shownFailures { lines.append("    … and \(failed.count - shownFailures) more") }
        let names = failed.map { "question '\(question.id)'" + ($0.label.isEmpty ? "" : " with \($0.label)") }
        return (lines, names)
    }
}
