import Dispatch
import Foundation
import LessonCore
import LessonFigures
import Synchronization
import Testing

/// A PNG frame that starts from a copy of its backdrop has the pixels of the same frame drawn
/// whole; the backdrop is drawn once per set of options, whatever the threads; SVG and PDF draw
/// it as vector operations.
@Suite struct BackdropTests {
    /// Counts how often the backdrop is drawn.
    final class Counter: Sendable {
        let count = Mutex(0)
    }

    /// A backdrop of many antialiased lines and a tick text under a frame that draws its title,
    /// a path over the lines and a caption: as the optimizers' frames are made.
    static func series(_ counter: Counter, frames: Int = 6) -> (split: [Figure], whole: [Figure]) {
        let lines: @Sendable (Canvas) -> Void = { canvas in
            canvas.fillRect(x: 100, y: 110, width: 600, height: 500, canvas.theme.cellFill)
            canvas.text("−2.5", x: 92, y: 600, size: 18, canvas.theme.muted, align: .right)
            let segments: [((Double, Double), (Double, Double))] = (0..<60).map { k in
                let d = Double(k)
                return ((110 + d * 9.7, 130), (140 + d * 8.3, 590))
            }
            canvas.segments(segments, canvas.theme.gridLine, lineWidth: 1.2)
        }
        let backdrop = Backdrop { canvas in
            counter.count.withLock { $0 += 1 }
            lines(canvas)
        }
        let frame: @Sendable (Int) -> @Sendable (Canvas) -> Void = { step in
            { canvas in
                Caption.title("step \(step)", on: canvas, width: 1280)
                let points: [(Double, Double)] = (0...step).map { k in
                    let d = Double(k)
                    return (150 + 70 * d, 560 - 55.3 * d)
                }
                canvas.polyline(points, Palette.vermillion, lineWidth: 3)
                Caption.lines(["z = \(step) × 0.25"], on: canvas, width: 1280, bottom: 700, size: 18)
            }
        }
        let split = (1...frames).map { Figure(name: "step-\($0)", description: "step \($0)", backdrop: backdrop, draw: frame($0)) }
        let whole = (1...frames).map { step in
            Figure(name: "step-\(step)", description: "step \(step)") { canvas in lines(canvas); frame(step)(canvas) }
        }
        return (split, whole)
    }

    @Test(arguments: [RenderOptions(), RenderOptions(theme: .dark, scale: 0.5), RenderOptions(theme: .highContrast, textScale: 1.5)])
    func pngFramesHaveThePixelsOfFramesDrawnWhole(options: RenderOptions) throws {
        let counter = Counter()
        let (split, whole) = Self.series(counter)
        // Drawn on two threads at once, as `lesson figures` does.
        let results = Mutex([Int: Bool]())
        DispatchQueue.concurrentPerform(iterations: split.count) { k in
            let same = (try? FigureRenderer.surface(for: split[k], options: options).pixels().argb)
                == (try? FigureRenderer.surface(for: whole[k], options: options).pixels().argb)
            results.withLock { $0[k] = same }
        }
        #expect(results.withLock { $0.count == split.count && $0.values.allSatisfy { $0 } }, "frames whose pixels differ: \(results.withLock { $0.filter { !$0.value }.keys.sorted() })")
        #expect(counter.count.withLock { $0 } == 1, "the backdrop was drawn \(counter.count.withLock { $0 }) times for one set of options")
        // The PNG files are the same bytes too, and another set of options draws it once more.
        #expect(try FigureRenderer.render(split[2], options: options) == FigureRenderer.render(whole[2], options: options))
        _ = try FigureRenderer.render(split[0], options: RenderOptions(theme: .dark, scale: 2))
        #expect(counter.count.withLock { $0 } == 2)
    }

    /// The copy is not a blank start: a frame without the backdrop's lines has other pixels.
    @Test func theBackdropIsInTheFrame() throws {
        let (split, _) = Self.series(Counter())
        let bare = Figure(name: "step-1", description: "step 1", draw: split[0].draw)
        #expect(try FigureRenderer.render(split[0], options: RenderOptions()) != FigureRenderer.render(bare, options: RenderOptions()))
    }

    /// SVG and PDF draw the backdrop as vector operations: its text is in the SVG before the frame's.
    @Test func vectorFramesDrawTheBackdropFirst() throws {
        let (split, _) = Self.series(Counter())
        let runs = try FigureRenderer.surface(for: split[3], options: RenderOptions(format: .svg)).drawnText.map(\.text)
        #expect(runs.first == "−2.5" && runs.contains("step 4") && runs.contains("z = 4 × 0.25"), "\(runs)")
        let pdf = String(decoding: try FigureRenderer.render(split[3], options: RenderOptions(format: .pdf)), as: UTF8.self)
        #expect(pdf.hasPrefix("%PDF"))
    }

    /// The optimizers' frames, drawn from their shared contour backdrop, equal frames that draw
    /// the contour plot themselves (the contour lines under every step).
    @Test func optimizerFramesEqualFramesDrawnWhole() throws {
        let (traces, grid) = try TrainingFiguresTests.valleyTraces(steps: 8)
        let frames = OptimizerFigures.figures(traces, grid: grid, surface: "x^2 + 10*y^2")
        #expect(frames.count == 9 && frames.allSatisfy { $0.backdrop != nil })
        for figure in [frames[0], frames[4], frames[8]] {
            var whole = figure
            whole.backdrop = nil
            whole.draw = { canvas in figure.drawWhole(on: canvas) }
            #expect(try FigureRenderer.render(figure, options: RenderOptions()) == FigureRenderer.render(whole, options: RenderOptions()), "\(figure.name)")
        }
    }

    /// A PNG filmstrip's tiles paint the backdrop from one raster drawn at the tile's scale: the
    /// same pixels and text runs as tiles that draw it, and one drawing, not six. Where the tiles
    /// are not whole pixels (at scale 0.5 a tile is 112.5 pixels high; at 0.37 nothing is
    /// whole) each tile draws it, with the same pixels.
    @Test(arguments: [(RenderOptions(), 1), (RenderOptions(theme: .dark, scale: 2), 1),
                      (RenderOptions(theme: .highContrast, textScale: 1.5), 1), (RenderOptions(scale: 0.5), 6),
                      (RenderOptions(theme: .dark, scale: 0.37), 6)])
    func filmstripTilesHaveThePixelsOfTilesDrawnWhole(options: RenderOptions, drawings: Int) throws {
        let counter = Counter()
        let (split, whole) = Self.series(counter)
        let numbered = { (figures: [Figure]) in figures.enumerated().map { var frame = $1; frame.step = $0 + 1; return frame } }
        let strip = try #require(Filmstrip.figure(from: numbered(split), title: "series"))
        let wholeStrip = try #require(Filmstrip.figure(from: numbered(whole), title: "series"))
        let painted = try FigureRenderer.surface(for: strip, options: options)
        let drawn = try FigureRenderer.surface(for: wholeStrip, options: options)
        let (width, height, pixels) = painted.pixels()
        let expected = drawn.pixels().argb
        let differing = zip(pixels, expected).count { $0 != $1 }
        #expect(differing == 0 && pixels.count == expected.count,
                "\(differing) of \(width)×\(height) pixels differ from tiles that draw the backdrop (scale \(options.scale))")
        #expect(painted.drawnText == drawn.drawnText, "the text runs recorded differ")
        #expect(counter.count.withLock { $0 } == drawings,
                "the backdrop was drawn \(counter.count.withLock { $0 }) times for \(split.count) tiles")
    }
}
