import LessonTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LessonCore
import LessonFigures
import Testing

/// SVG and PDF carry the text a figure draws, and an SVG's bytes do not depend on what was
/// rendered before it.
@Suite struct FigureTextTests {
    private func compact(_ strings: [String]) -> String {
        strings.joined().filter { !$0.isWhitespace }
    }

    @Test func svgAndPdfCarryTheSameTextAsWasDrawn() throws {
        for figure in try Fixtures.exampleFrames() {
            let png = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .png))
            let drawn = png.drawnText.map(\.text)
            let svg = String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self)
            let pdf = try FigureRenderer.render(figure, options: RenderOptions(format: .pdf))
            let svgText = SVGText.texts(in: svg)
            let pdfText = try PDFText.strings(in: pdf)
            #expect(svgText == drawn, "\(figure.name): the SVG text layer is not what was drawn")
            #expect(compact(pdfText) == compact(drawn), "\(figure.name): PDF text \(pdfText.prefix(8)) differs from \(drawn.prefix(8))")
        }
    }

    @Test func firstFrameCarriesLabelsNumbersAndTheSum() throws {
        let figure = try Fixtures.exampleFrames()[0]
        let pdfText = compact(try PDFText.strings(in: try FigureRenderer.render(figure, options: RenderOptions(format: .pdf))))
        let svg = String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self)
        let svgText = compact(SVGText.texts(in: svg))
        for expected in ["input", "kernel", "output", "step1of9", "z[1,1]=1×1+0×(−1)+3×0+0×0+3×2+4×(−2)+1×(−1)+0×0+2×2+0=2"] {
            #expect(pdfText.contains(expected), "PDF lacks \(expected)")
            #expect(svgText.contains(expected), "SVG lacks \(expected)")
        }
        #expect(!pdfText.contains("-"), "a hyphen-minus reached the PDF: \(pdfText)")
    }

    @Test func descriptionIsTheSvgDescAndThePdfSubject() throws {
        let figure = try Fixtures.exampleFrames()[0]
        let svg = String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self)
        #expect(svg.contains("<title>step-1</title>"))
        #expect(svg.contains("<desc>\(figure.description)</desc>"))
        let pdf = try FigureRenderer.render(figure, options: RenderOptions(format: .pdf))
        #expect(try PDFText.info("Subject", in: pdf) == figure.description)
        #expect(try PDFText.info("Title", in: pdf) == "step-1")
    }

    @Test func svgBytesDoNotDependOnWhatWasRenderedBefore() throws {
        let frames = try Fixtures.exampleFrames()
        let options = RenderOptions(format: .svg)
        let alone = try FigureRenderer.render(frames[4], options: options)
        for other in frames { _ = try FigureRenderer.render(other, options: options) }
        let afterOthers = try FigureRenderer.render(frames[4], options: options)
        let same = alone == afterOthers
        #expect(same, "the same figure rendered after others has other bytes")
        let svg = String(decoding: afterOthers, as: UTF8.self)
        #expect(svg.contains("id=\"surface1\""))
        #expect(svg.contains("id=\"glyph1\"") && svg.contains("xlink:href=\"#glyph2\""))
        #expect(!svg.contains("glyph0-"), "every glyph id is renamed")
    }

    @Test func pdfBytesAreTheSameEveryTime() throws {
        let frames = try Fixtures.exampleFrames()
        let options = RenderOptions(format: .pdf)
        let first = try FigureRenderer.render(frames[0], options: options)
        for other in frames { _ = try FigureRenderer.render(other, options: options) }
        let same = first == (try FigureRenderer.render(frames[0], options: options))
        #expect(same, "the PDF of the first frame changed after other renders")
    }

    @Test func idNormalisationRenamesDefinitionsAndReferencesTogether() {
        let svg = ##"<svg><g id="surface57"><use xlink:href="#glyph3-2"/><g clip-path="url(#clip9)"/></g><clipPath id="clip9"/><symbol id="glyph3-2"/><path fill="#ff0000"/></svg>"##
        let normalized = String(decoding: SVGDocument.normalizedIDs(Array(svg.utf8)), as: UTF8.self)
        #expect(normalized == ##"<svg><g id="surface1"><use xlink:href="#glyph1"/><g clip-path="url(#clip1)"/></g><clipPath id="clip1"/><symbol id="glyph1"/><path fill="#ff0000"/></svg>"##)
    }

    @Test func svgEscapesTextAndParsesAsXML() throws {
        let figure = Figure(name: "escape", description: "a < b & \"c\"", width: 200, height: 100) { canvas in
            canvas.text("a < b & c > -1", x: 100, y: 50, size: 14, canvas.theme.foreground)
        }
        let bytes = try FigureRenderer.render(figure, options: RenderOptions(format: .svg))
        let document = try XMLDocument(data: Data(bytes))
        #expect(document.rootElement()?.name == "svg")
        #expect(SVGText.texts(in: String(decoding: bytes, as: UTF8.self)) == ["a < b & c > −1"])
    }

    @Test func subscriptsAreSmallerAndLowerSuperscriptsRaised() throws {
        let figure = Figure(name: "scripts", description: "δ₁ and W⁽²⁾", width: 300, height: 100) { canvas in
            canvas.richText("δ_1 W^(2)", x: 150, y: 50, size: 20, canvas.theme.foreground)
        }
        let surface = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .png, scale: 2))
        // One run for the label, its pieces as spans.
        #expect(surface.drawnText.map(\.text) == ["δ1 W(2)"])
        let runs = try #require(surface.drawnText.first?.spans)
        #expect(runs.map(\.text) == ["δ", "1", " W", "(2)"])
        guard runs.count == 4 else { return }
        #expect(runs[1].size < runs[0].size && runs[1].y > runs[0].y, "subscript: \(runs[1]) vs \(runs[0])")
        #expect(runs[3].size < runs[2].size && runs[3].y < runs[2].y, "superscript: \(runs[3]) vs \(runs[2])")
        #expect(runs[0].size == 40, "sizes are recorded in pixels of the scaled surface")
        let pdf = try FigureRenderer.render(figure, options: RenderOptions(format: .pdf))
        #expect(compact(try PDFText.strings(in: pdf)) == "δ1W(2)")
    }
}
