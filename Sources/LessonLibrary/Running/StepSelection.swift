import Foundation
import LessonCore
import LessonFigures

/// Which step frames a run draws: those asked for with `--steps 1,5,last` (or ranges such as
/// `3-7` and `10-last`), every one, or, by default, every one up to a cap (64 frames), beyond
/// which the first steps, the last and the summary figures are drawn and a note says so.
///
/// Figures without a step (overviews, plots, summaries) are always kept.
public struct StepSelection: Sendable, Equatable {
    /// One part of a `--steps` list.
    public enum Item: Sendable, Equatable {
        /// One step, 1-based.
        case step(Int)
        /// The last step.
        case last
        /// Steps `from` through `to` (nil: through the last), both included.
        case range(from: Int, to: Int?)
    }

    /// The steps asked for, or nil for every step (up to `cap`).
    public var items: [Item]?
    /// The most step frames drawn when no steps are asked for; nil draws every step.
    public var cap: Int?

    /// At most 64 step frames: the first 63 and the last.
    public static let automatic = StepSelection(items: nil, cap: 64)
    /// Every step, however many.
    public static let all = StepSelection(items: nil, cap: nil)

    /// Creates a selection.
    public init(items: [Item]?, cap: Int?) {
        self.items = items
        self.cap = cap
    }

    /// Reads a `--steps` list: numbers, `last`, and ranges `a-b` (`b` may be `last`), separated by commas.
    public static func parse(_ text: String, option: String = "--steps") throws -> StepSelection {
        var items: [Item] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let word = part.trimmingCharacters(in: .whitespaces).lowercased()
            func number(_ text: Substring) -> Int? { Int(text).flatMap { $0 >= 1 ? $0 : nil } }
            if word == "last" {
                items.append(.last)
            } else if let step = number(Substring(word)) {
                items.append(.step(step))
            } else if let dash = word.firstIndex(of: "-"), let from = number(word[..<dash]) {
                let upper = word[word.index(after: dash)...]
                if upper == "last" {
                    items.append(.range(from: from, to: nil))
                } else if let to = number(upper), to >= from {
                    items.append(.range(from: from, to: to))
                } else {
                    throw InputError("\(option) \"\(text)\": '\(word)' is not a range; write it as 3-7 or 10-last, the smaller step first")
                }
            } else {
                throw InputError("\(option) \"\(text)\": '\(word)' is not a step; use step numbers from 1, ranges such as 3-7 or 10-last, and 'last', separated by commas")
            }
        }
        return StepSelection(items: items, cap: nil)
    }

    /// The figures to draw and, when the cap left steps out, a sentence saying which were drawn.
    /// A step asked for beyond the last is an input error naming the number of steps.
    public func apply(to figures: [Figure], option: String = "--steps") throws -> (figures: [Figure], note: String?) {
        let count = figures.compactMap(\.step).max() ?? 0
        if let items {
            var wanted = Set<Int>()
            for item in items {
                switch item {
                case .step(let step):
                    guard step <= count else {
                        throw InputError("\(option): step \(step) is beyond the last step; this run has \(count) \(Counted.noun(count, "step"))")
                    }
                    wanted.insert(step)
                case .last:
                    if count > 0 { wanted.insert(count) }
                case .range(let from, let to):
                    let upper = to ?? count
                    guard from <= count, upper <= count else {
                        throw InputError("\(option): steps \(from)–\(upper) go beyond the last step; this run has \(count) \(Counted.noun(count, "step"))")
                    }
                    wanted.formUnion(from...upper)
                }
            }
            return (figures.filter { $0.step.map(wanted.contains) ?? true }, nil)
        }
        guard let cap, count > cap, cap >= 2 else { return (figures, nil) }
        let kept = figures.filter { figure in figure.step.map { $0 < cap || $0 == count } ?? true }
        let summaries = figures.filter { $0.step == nil }.count
        let note = "\(count) steps: drew steps 1–\(cap - 1) and \(count)"
            + (summaries > 0 ? " and the summary" : "")
            + "; --steps picks others (e.g. --steps 100-120,last) and --all-steps draws every one"
        return (kept, note)
    }
}
