import LessonCore
@testable import LessonFigures
import Testing

/// The window frame on the side-by-side figure stays on the picture: on a small picture (pixels
/// 100 px or more across) the frame of a border pixel's window used to reach a whole pixel past
/// the picture, through the labels and the title.
@Suite struct ImageFilterWindowFrameTests {
    /// Every pixel of every 3×3 and 4×4 picture as the worked one: no pixel of the window's
    /// orange lies more than the frame's 3 px pad and its 1.5 px half-width (plus 1 px of
    /// antialiasing) outside the input picture, and the frame is drawn.
    @Test(arguments: [3, 4])
    func theWindowFrameStaysOnThePicture(side: Int) throws {
        let image = Tensor(shape: [side, side], scalars: (0..<(side * side)).map { Double($0 * 255 / (side * side - 1)) })
        let filter = ImageFilter(kernel: try ImageKernel.named("sharpen"))
        let orange = Theme.light.highlight
        let target = (r: Int(orange.red * 255), g: Int(orange.green * 255), b: Int(orange.blue * 255))
        for row in 0..<side {
            for column in 0..<side {
                let trace = try filter.apply(image, focus: (row, column))
                let layout = ImageFilterFigures.pictureLayout(inputShape: image.shape, outputShape: trace.output.shape)
                let surface = try FigureRenderer.surface(for: ImageFilterFigures.figures(trace, imageName: "small")[0],
                                                         options: RenderOptions())
                let p = surface.pixels(), a = layout.input, reach = 3 + 1.5 + 1
                var outside: [(Int, Int)] = [], inside = 0
                for y in 0..<p.height {
                    for x in 0..<p.width {
                        let word = p.argb[y * p.width + x]
                        let colour = (r: Int((word >> 16) & 0xFF), g: Int((word >> 8) & 0xFF), b: Int(word & 0xFF))
                        guard near(colour, target, tolerance: 24) else { continue }
                        let onPicture = Double(x) >= a.x - reach && Double(x) <= a.x + a.width + reach
                            && Double(y) >= a.y - reach && Double(y) <= a.y + a.height + reach
                        if onPicture { inside += 1 } else { outside.append((x, y)) }
                    }
                }
                let place = "\(side)×\(side), pixel (\(row), \(column))"
                #expect(outside.isEmpty, "\(place): \(outside.count) orange pixels off the picture, first at \(outside.prefix(3))")
                #expect(inside > 100, "\(place): the window frame is drawn (\(inside) orange pixels)")
            }
        }
    }
}
