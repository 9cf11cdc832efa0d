import Foundation
import LessonFigures
import LessonLibrary
import LessonTestSupport
import Testing

/// No lesson's figure shows subscript notation as ASCII (`δ_f`, `y_j`, `C_in`): read back from
/// the SVG's text layer, every `_` left stands inside a name (`output_padding`), and the lstm
/// caption's δ_f, δ_i, δ_s, δ_o are subscripts drawn smaller and lower than their δ.
@Suite struct FigureSubscriptTests {
    let directory = LessonDirectory(url: packageRoot.appendingPathComponent("lessons"))

    /// Each `_` in `text` that follows a letter standing alone (no letter or digit before it):
    /// the notation a reader would see as a subscript written out.
    static func literalSubscripts(in text: String) -> [String] {
        let characters = Array(text)
        return characters.indices.compactMap { i in
            guard characters[i] == "_", i > 0, characters[i - 1].isLetter, i + 1 < characters.count,
                  characters[i + 1].isLetter || characters[i + 1].isNumber || characters[i + 1] == "{" else { return nil }
            if i > 1, characters[i - 2].isLetter || characters[i - 2].isNumber || characters[i - 2] == "_" { return nil }
            return String(characters[max(0, i - 2)..<min(characters.count, i + 4)])
        }
    }

    @Test func theCheckFindsWhatItLooksFor() {
        #expect(Self.literalSubscripts(in: "δ_f = 1, K × H_out, y_{ij}").count == 3)
        #expect(Self.literalSubscripts(in: "output_padding 1 · global_avg_pool") == [])
    }

    @Test(arguments: ProjectorTextFloorTests.allVariants)
    func noFigureWritesASubscriptWithAnUnderscore(_ pair: String) throws {
        let parts = pair.split(separator: "/").map(String.init)
        let lesson = try #require(LessonRegistry.lesson(parts[0]))
        let file = try directory.load(parts[0])
        let output = try lesson.run(file, variant: try file.variant(parts[1]))
        var found: [String] = []
        for figure in output.figures {
            let svg = String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self)
            for text in SVGText.texts(in: svg) where !Self.literalSubscripts(in: text).isEmpty {
                found.append("\(figure.name): '\(text)'")
            }
        }
        #expect(found.isEmpty, "\(pair): \(found.prefix(6).joined(separator: "; "))")
    }

    @Test func theLSTMGateDeltasAreSubscriptsSmallerAndLower() throws {
        let lesson = try #require(LessonRegistry.lesson("lstm"))
        let file = try directory.load("lstm")
        let output = try lesson.run(file, variant: try file.variant(nil))
        let figure = try #require(output.figures.first)
        let svg = String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self)
        let run = try #require(SVGText.runs(in: svg).first { $0.text.hasPrefix("δf = ") }, "no δf line in \(SVGText.texts(in: svg))")
        let deltas = run.spans.filter { $0.text.hasSuffix("δ") }
        let scripts = run.spans.filter { ["f", "i", "s", "o"].contains($0.text) }
        #expect(scripts.map(\.text) == ["f", "i", "s", "o"], "\(run.spans)")
        let base = try #require(deltas.first)
        for script in scripts {
            #expect(script.size < base.size && script.y > base.y, "\(script) vs \(base)")
            #expect(script.size >= 18, "a subscript keeps the 18 px floor: \(script)")
        }
    }
}
