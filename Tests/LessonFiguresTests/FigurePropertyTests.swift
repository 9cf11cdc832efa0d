import LessonTestSupport
import LessonCore
import LessonFigures
import Testing

/// Properties over seeded random cases; every failure names its seed.
@Suite struct FigurePropertyTests {
    @Test func pngRoundTripsThroughLibpngAtAnySize() throws {
        for seed in UInt64(1)...24 {
            var random = SplitMix64(seed: seed)
            // Heights around the band boundaries of the parallel encoder (96 rows a band, up to 4).
            let width = Int.random(in: 1...300, using: &random)
            let height = [1, 95, 96, 97, 191, 192, 193, 383, 384, 385, 700, Int.random(in: 1...900, using: &random)]
                .randomElement(using: &random) ?? 1
            let rects = (0..<12).map { _ in
                (Double.random(in: -20...Double(width), using: &random), Double.random(in: -20...Double(height), using: &random),
                 Double.random(in: 1...120, using: &random), Double.random(in: 1...120, using: &random),
                 Color(hex: UInt32.random(in: 0...0xFFFFFF, using: &random)))
            }
            let figure = Figure(name: "random", description: "random rectangles", width: Double(width), height: Double(height)) { canvas in
                for (x, y, w, h, color) in rects { canvas.fillRect(x: x, y: y, width: w, height: h, color) }
                canvas.text("seed", x: Double(width) / 2, y: Double(height) / 2, size: 13, Palette.black)
            }
            let surface = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .png))
            let pixels = surface.pixels()
            let image = try PNGCodec.decode(try surface.encoded())
            #expect(image.width == width && image.height == height, "seed \(seed)")
            var mismatches = 0
            for y in 0..<height {
                for x in 0..<width {
                    let word = pixels.argb[y * width + x]
                    let p = image.pixel(x: x, y: y)
                    if p.r != UInt8(truncatingIfNeeded: word >> 16) || p.g != UInt8(truncatingIfNeeded: word >> 8)
                        || p.b != UInt8(truncatingIfNeeded: word) || p.a != 255 { mismatches += 1 }
                }
            }
            #expect(mismatches == 0, "seed \(seed): \(mismatches) pixels of \(width)×\(height) differ after the round trip")
        }
    }

    @Test func pdfAndSvgGiveBackEveryStringDrawn() throws {
        let alphabet = Array("abcxyzABCXYZ0123456789 +=()[],.×−-δΣ⌊⌋·∗⋆≤≥→°")
        for seed in UInt64(1)...16 {
            var random = SplitMix64(seed: seed)
            let strings = (0..<Int.random(in: 1...8, using: &random)).map { _ in
                String((0..<Int.random(in: 1...20, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "a" })
            }
            let bold = (0..<strings.count).map { _ in Bool.random(using: &random) }
            let figure = Figure(name: "strings", description: "random strings", width: 900, height: 400) { canvas in
                for (index, text) in strings.enumerated() {
                    canvas.text(text, x: 20, y: 30 + Double(index) * 40, size: 22, canvas.theme.foreground, align: .left,
                                weight: bold[index] ? .bold : .normal)
                }
            }
            let expected = strings.map(Typography.trueMinus)
            let pdf = try PDFText.strings(in: try FigureRenderer.render(figure, options: RenderOptions(format: .pdf)))
            let svg = SVGText.texts(in: String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)),
                                                   as: UTF8.self))
            #expect(svg == expected, "seed \(seed)")
            #expect(pdf.joined().filter { !$0.isWhitespace } == expected.joined().filter { !$0.isWhitespace },
                    "seed \(seed): PDF \(pdf) vs drawn \(expected)")
        }
    }

    @Test func idNormalisationIsIdempotentAndOrderFree() throws {
        // The same figure rendered at different points of a run has different Cairo ids before
        // normalisation and the same bytes after; normalising twice changes nothing.
        for seed in UInt64(1)...6 {
            var random = SplitMix64(seed: seed)
            let count = Int.random(in: 1...5, using: &random)
            let figure = Figure(name: "ids", description: "ids", width: 300, height: 200) { canvas in
                for i in 0..<count { canvas.text("label \(i) = -\(i)", x: 150, y: 30 + Double(i) * 30, size: 18, Palette.blue) }
            }
            let options = RenderOptions(format: .svg)
            let first = try FigureRenderer.render(figure, options: options)
            for _ in 0..<Int.random(in: 1...4, using: &random) { _ = try FigureRenderer.render(figure, options: options) }
            let later = try FigureRenderer.render(figure, options: options)
            let same = first == later, stable = SVGDocument.normalizedIDs(later) == later
            #expect(same, "seed \(seed): the same figure rendered later has other bytes")
            #expect(stable, "seed \(seed): normalising twice changed the bytes")
        }
    }

    @Test func trueMinusChangesOnlyHyphensAndKeepsLength() {
        let alphabet = Array("-- 0123456789abc()[]=,.x×")
        for seed in UInt64(1)...200 {
            var random = SplitMix64(seed: seed)
            let text = String((0..<Int.random(in: 0...16, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "-" })
            let result = Typography.trueMinus(text)
            #expect(result.count == text.count, "seed \(seed): \(text)")
            for (a, b) in zip(text, result) where a != b {
                #expect(a == "-" && b == "−", "seed \(seed): \(text) → \(result)")
            }
            #expect(!result.hasPrefix("-") || !(result.dropFirst().first?.isNumber ?? false), "seed \(seed): \(result)")
        }
    }
}
