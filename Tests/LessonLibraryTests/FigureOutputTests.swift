import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LessonCore
import LessonFigures
import LessonLibrary
import Testing

/// `FigureOutput.write` (what `lesson run` writes): every figure that can be drawn is written
/// even when another cannot, the error names the one that failed, and the temporary files of a
/// killed run are removed.
@Suite struct FigureOutputTests {
    private func scratch(_ name: String = #function) throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("figure-output-\(name.filter { $0.isLetter })-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func frame(_ step: Int, width: Double = 640) -> Figure {
        Figure(name: "step-\(step)", description: "Step \(step).", step: step, width: width, height: 360) { canvas in
            canvas.fillRect(x: 20, y: 20, width: 100 + Double(step) * 10, height: 100, Theme.light.highlight)
        }
    }

    @Test func theFiguresThatCanBeDrawnAreWrittenAndTheFailureIsThrown() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Step 2 is too wide for a Cairo image; steps 1 and 3 are drawn on either side of it.
        let figures = [frame(1), frame(2, width: 40_000), frame(3)]
        #expect {
            _ = try FigureOutput.write(figures, to: folder, options: RenderOptions())
        } throws: { error in
            "\(error)".contains("Cairo")
        }
        let names = try Set(FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(names == ["step-1.png", "step-3.png"])
        for step in [1, 3] {
            let written = try [UInt8](Data(contentsOf: folder.appendingPathComponent("step-\(step).png")))
            #expect(written == (try FigureRenderer.render(frame(step), options: RenderOptions())))
        }
    }

    /// A killed run's temporary file goes (its pid is past any pid Linux gives); a live run's
    /// (the process that started this test, writing into the same folder) stays.
    @Test func theTemporaryFilesOfAKilledRunAreRemovedAndALiveRunsKept() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let leftover = ".step-1.png.2147483646.7" + AtomicFile.temporarySuffix
        let live = ".step-2.png.\(getppid()).3" + AtomicFile.temporarySuffix
        for name in [leftover, live, "notes.lesson-partial"] { // the last is not hidden: not ours
            try Data("half a PNG".utf8).write(to: folder.appendingPathComponent(name))
        }
        let written = try FigureOutput.write([frame(1), frame(2)], to: folder, options: RenderOptions())
        #expect(written.map(\.lastPathComponent) == ["step-1.png", "step-2.png"])
        let names = try Set(FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(names == ["step-1.png", "step-2.png", "notes.lesson-partial", live])
    }

    /// With several figures that cannot be drawn, the error thrown is the first one's in the
    /// figures' order, whatever order the threads finished in.
    @Test func theFirstFailureInTheFiguresOrderIsThrown() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Step 2 cannot be drawn (too wide); step 4 cannot be written (a folder has its name).
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("step-4.png"), withIntermediateDirectories: false)
        let figures = [frame(1), frame(2, width: 40_000), frame(3), frame(4)]
        for _ in 0..<5 {
            #expect {
                _ = try FigureOutput.write(figures, to: folder, options: RenderOptions())
            } throws: { error in
                "\(error)".contains("Cairo") && !"\(error)".contains("step-4")
            }
        }
        #expect {
            _ = try FigureOutput.write([frame(1), frame(4)], to: folder, options: RenderOptions())
        } throws: { error in
            "\(error)" == "cannot write '\(folder.path)/step-4.png': Is a directory"
        }
    }
}
