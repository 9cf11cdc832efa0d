import Foundation
import LessonCore
import LessonFigures
import Testing

/// The default picture of `lesson run image-filters`, `lessons/image-filters.png`, made by code.
///
/// Record mode, in the manner of snapshot tests: when the file is missing or LESSON_RECORD=1 is
/// set, the test writes it from `SamplePicture.make()` and fails once, so a new picture is a
/// deliberate commit. Otherwise it checks that the committed file decodes to exactly those pixels.
@Suite struct ImageFiltersPictureTests {
    static let url: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("lessons/image-filters.png")
    }()

    @Test func committedPictureIsTheGeneratedOne() throws {
        let expected = SamplePicture.make()
        let record = ProcessInfo.processInfo.environment["LESSON_RECORD"] == "1"
        if record || !FileManager.default.fileExists(atPath: Self.url.path) {
            let figure = Figure(name: "image-filters", description: "The default picture of the image-filters lesson.",
                                width: Double(expected.columns), height: Double(expected.rows)) { canvas in
                canvas.grayImage(expected, x: 0, y: 0, width: Double(expected.columns), height: Double(expected.rows))
            }
            let bytes = try FigureRenderer.render(figure, options: RenderOptions())
            try Data(bytes).write(to: Self.url)
            Issue.record("recorded \(Self.url.path) (\(bytes.count) bytes); run the tests again")
            return
        }
        let data = try Data(contentsOf: Self.url)
        #expect(data.count < 100_000, "the picture is \(data.count) bytes; keep it under 100 KB")
        let image = try PNGCodec.decode([UInt8](data))
        #expect(image.width == expected.columns && image.height == expected.rows)
        let gray = GrayImage.fromRGBA(image.bytes, width: image.width, height: image.height)
        let differing = zip(gray.scalars, expected.scalars).enumerated().filter { $0.element.0 != $0.element.1 }
        #expect(differing.isEmpty, "\(differing.count) pixels differ, first at flat index \(differing.first?.offset ?? -1)")
    }
}

/// A 128 × 96 gray test picture: a gradient sky, a bright disc, a dark square, vertical and
/// diagonal stripes and a little seeded noise, so blur, sharpen and every edge kernel show something.
enum SamplePicture {
    static func make(width: Int = 128, height: Int = 96) -> Tensor {
        var state: UInt64 = 20_261_121
        func noise() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double((state >> 33) % 13) - 6 // −6 … 6
        }
        var out = Tensor(shape: [height, width])
        for r in 0..<height {
            for c in 0..<width {
                var v = 70 + 90 * Double(c) / Double(width - 1) // left-to-right gradient 70…160
                let dx = Double(c) - 34, dy = Double(r) - 46
                if dx * dx + dy * dy <= 22 * 22 { v = 235 } // bright disc
                if (74...106).contains(c), (12...42).contains(r) { v = 25 } // dark square
                if (72...120).contains(c), (58...86).contains(r) { v = (c / 4) % 2 == 0 ? 205 : 55 } // vertical stripes
                if r > 62, (0...60).contains(c), abs((r - 62) - (c / 2)) <= 1 { v = 15 } // a thin diagonal line
                out[r, c] = min(255, max(0, (v + noise()).rounded()))
            }
        }
        return out
    }
}
