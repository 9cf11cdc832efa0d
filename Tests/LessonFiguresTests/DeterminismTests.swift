import LessonFigures
import Testing

/// A figure's bytes depend only on the figure and the options, not on what was rendered before.
@Suite struct DeterminismTests {
    @Test(arguments: [FigureFormat.png, .svg, .pdf])
    func bytesDoNotDependOnRendersInOtherFormatsBefore(format: FigureFormat) throws {
        let frames = try Fixtures.exampleFrames()
        let options = RenderOptions(format: format)
        let alone = try FigureRenderer.render(frames[0], options: options)
        for other in FigureFormat.allCases where other != format {
            for frame in frames { _ = try FigureRenderer.render(frame, options: RenderOptions(format: other, scale: 1.5)) }
        }
        let same = try FigureRenderer.render(frames[0], options: options) == alone
        #expect(same, "\(format.rawValue): the first frame has other bytes after renders in other formats")
    }
}
