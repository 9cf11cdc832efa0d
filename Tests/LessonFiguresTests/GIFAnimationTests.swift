import CGif
import LessonCore
import LessonFigures
import Testing

/// A GIF decoded with giflib: frames as RGB, each with its delay, and whether it loops.
struct DecodedGIF {
    var width: Int
    var height: Int
    var frames: [(rgb: [UInt8], delay: Int)]
    var loops: Bool

    /// The pixel at (x, y) of frame `index` as 0xRRGGBB.
    func pixel(_ index: Int, _ x: Double, _ y: Double) -> UInt32 {
        let i = (Int(y) * width + Int(x)) * 3, rgb = frames[index].rgb
        return UInt32(rgb[i]) << 16 | UInt32(rgb[i + 1]) << 8 | UInt32(rgb[i + 2])
    }

    init(_ bytes: [UInt8]) throws {
        let reader = Reader(bytes)
        var error: Int32 = 0
        let read: InputFunc = { file, buffer, length in
            guard let file, let buffer, let user = file.pointee.UserData else { return 0 }
            let reader = Unmanaged<Reader>.fromOpaque(user).takeUnretainedValue()
            let count = min(Int(length), reader.bytes.count - reader.position)
            for i in 0..<count { buffer[i] = reader.bytes[reader.position + i] }
            reader.position += count
            return Int32(count)
        }
        guard let file = DGifOpen(Unmanaged.passUnretained(reader).toOpaque(), read, &error) else {
            throw GIFError("opening the GIF", code: error)
        }
        defer { DGifCloseFile(file, &error) }
        guard DGifSlurp(file) == GIF_OK else { throw GIFError("reading the GIF", code: file.pointee.Error) }
        width = Int(file.pointee.SWidth)
        height = Int(file.pointee.SHeight)
        frames = []
        loops = false
        for index in 0..<Int(file.pointee.ImageCount) {
            let image = file.pointee.SavedImages[index]
            var control = GraphicsControlBlock()
            _ = DGifSavedExtensionToGCB(file, Int32(index), &control)
            for block in 0..<Int(image.ExtensionBlockCount) {
                let ext = image.ExtensionBlocks[block]
                if ext.Function == APPLICATION_EXT_FUNC_CODE, ext.ByteCount == 11,
                   String(decoding: UnsafeBufferPointer(start: ext.Bytes, count: 11), as: UTF8.self) == "NETSCAPE2.0" {
                    loops = true
                }
            }
            let map = image.ImageDesc.ColorMap ?? file.pointee.SColorMap
            let w = Int(image.ImageDesc.Width), h = Int(image.ImageDesc.Height)
            var rgb = [UInt8](repeating: 0, count: w * h * 3)
            for i in 0..<(w * h) {
                let color = map!.pointee.Colors[Int(image.RasterBits[i])]
                rgb[i * 3] = color.Red; rgb[i * 3 + 1] = color.Green; rgb[i * 3 + 2] = color.Blue
            }
            frames.append((rgb, Int(control.DelayTime)))
        }
    }

    private final class Reader {
        let bytes: [UInt8]
        var position = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }
}

@Suite struct GIFAnimationTests {
    /// The 5×5 example's GIF, decoded back with giflib: one frame per step at 2 s, 5 s on the
    /// last, looping; the cells the PNG frames colour have the same colour in the GIF (to within
    /// the quantizer's 5 bits per channel), and the same input gives the same bytes.
    @Test func exampleAnimationDecodesToTheStepFrames() throws {
        let trace = try Fixtures.exampleTrace()
        let figures = FigureAnimation.frames(of: try Fixtures.exampleFrames())
        #expect(figures.count == 9, "the overview is not a frame of the animation")
        let options = RenderOptions(format: .gif, theme: .light, scale: 1)
        let bytes = try FigureAnimation.render(figures, options: options)
        #expect(Array(bytes.prefix(6)) == Array("GIF89a".utf8))
        #expect(try FigureAnimation.render(figures, options: options) == bytes, "same frames, same bytes")

        let gif = try DecodedGIF(bytes)
        #expect(gif.width == 1280 && gif.height == 720)
        #expect(gif.frames.count == 9)
        #expect(gif.frames.map(\.delay) == Array(repeating: 200, count: 8) + [500])
        #expect(gif.loops)

        let layout = ConvolutionFigures.layout(for: trace)
        for (index, figure) in figures.enumerated() {
            let png = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .png)).rgb()
            for r in 0..<3 {
                for c in 0..<3 {
                    let cell = layout.output.cellRect(r, c)
                    let (x, y) = (cell.x + 8, cell.y + 8)
                    let i = (Int(y) * png.width + Int(x)) * 3
                    let expected = (Double(png.bytes[i]), Double(png.bytes[i + 1]), Double(png.bytes[i + 2]))
                    let got = gif.pixel(index, x, y)
                    #expect(close(got, expected, tolerance: 8),
                            "frame \(index + 1), output cell (\(r + 1),\(c + 1)): GIF \(String(got, radix: 16)) vs PNG \(expected)")
                }
            }
            // The cell being written is the current colour in its own frame, not in the one before.
            let cell = layout.output.cellRect(index / 3, index % 3)
            let current = gif.pixel(index, cell.x + 8, cell.y + 8)
            if index > 0 { #expect(gif.pixel(index - 1, cell.x + 8, cell.y + 8) != current, "frame \(index + 1)") }
        }
    }

    @Test func framesSmallerThanTheScreenArePaddedWithTheirBackground() throws {
        let animation = try GIFAnimation(width: 4, height: 2)
        try animation.add(rgb: [10, 20, 30, 200, 100, 0], frameWidth: 2, frameHeight: 1, delay: 7)
        let gif = try DecodedGIF(try animation.finish())
        #expect(gif.frames.count == 1 && gif.frames[0].delay == 7)
        #expect(gif.pixel(0, 0, 0) == 0x0A141E && gif.pixel(0, 1, 0) == 0xC86400)
        #expect(gif.pixel(0, 3, 1) == 0x0A141E, "padding takes the top-left colour")
    }

    @Test func aFrameLargerThanTheScreenIsAnError() throws {
        let animation = try GIFAnimation(width: 2, height: 2)
        #expect(throws: GIFError.self) { try animation.add(rgb: [UInt8](repeating: 0, count: 27), frameWidth: 3, frameHeight: 3, delay: 1) }
    }
}
