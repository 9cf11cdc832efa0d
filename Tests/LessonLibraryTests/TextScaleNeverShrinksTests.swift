import Foundation
import LessonFigures
import LessonLibrary
import LessonTestSupport
import Testing

/// `--text-scale` above 1 draws text larger or as large, never smaller: every text a figure draws
/// at both scales (the same characters) is drawn at 1.5 at least as large as at 1. Fitting a text
/// into a box, a line height or a gap may give up the extra scale, not more. A line split in two
/// at 1.5 ("value 0.5" → "value", "0.5") has other characters and is not compared.
@Suite struct TextScaleNeverShrinksTests {
    /// The runs of `figure` drawn smaller at `textScale` than at 1 (as drawn, in px), with both sizes.
    static func shrunk(_ figure: Figure, textScale: Double) throws -> [String] {
        func sizes(_ scale: Double) throws -> [String: Double] {
            let runs = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg, textScale: scale)).drawnText
            return runs.reduce(into: [:]) { least, run in least[run.text] = min(least[run.text] ?? .infinity, run.size) }
        }
        let (one, scaled) = (try sizes(1), try sizes(textScale))
        return one.keys.sorted().compactMap { text in
            guard let a = one[text], let b = scaled[text], b < a - 0.01 else { return nil }
            return "\(figure.name): '\(text)' \(String(format: "%.2f", a)) → \(String(format: "%.2f", b)) px"
        }
    }

    /// Before: autodiff/half's "−3.3341" 22 → 19.07 px, param-count/separable's formula 24 → 21.95 px,
    /// rnn/relu's U and V 22 → 18.18 px, conv2d-modes' run labels 22 → 21.8 px.
    @Test(arguments: LessonRegistry.ids)
    func everyVariantsTextIsAtLeastAsLargeAtTextScale1_5(_ id: String) throws {
        let lesson = try #require(LessonRegistry.lesson(id))
        let file = try LessonDirectory(url: packageRoot.appendingPathComponent("lessons")).load(id)
        var problems: [String] = []
        for variant in file.variants {
            let figures = try lesson.run(file, variant: variant).figures
            for figure in figures {
                problems += try Self.shrunk(figure, textScale: 1.5).map { "\(variant.name) \($0)" }
            }
        }
        #expect(problems.isEmpty, "\(id): \(problems.count) texts smaller at 1.5: \(problems.prefix(10).joined(separator: "; "))")
    }
}
