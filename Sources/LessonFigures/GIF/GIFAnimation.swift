import CGif

/// An animated GIF written with giflib, one frame at a time, into memory.
///
/// Every frame covers the whole screen (`width` × `height`; a smaller frame is padded with
/// its top-left pixel, the figure's background) and carries its own colour table: the exact
/// colours when a frame has at most 256, else giflib's median-cut quantizer
/// (`GifQuantizeBuffer`, 5 bits per channel, so a colour may move by up to 8 levels).
/// The animation loops forever (NETSCAPE2.0 extension). The same frames give the same bytes.
/// The giflib handle is closed in `deinit` if `finish()` was not reached.
public final class GIFAnimation {
    /// The screen size in pixels.
    public let width: Int
    public let height: Int
    /// The number of frames added so far.
    public private(set) var frameCount = 0
    private var file: UnsafeMutablePointer<GifFileType>?
    private let sink = GIFSink()

    /// Starts a GIF89a of `width` × `height` pixels that loops forever.
    public init(width: Int, height: Int) throws {
        guard width > 0, height > 0, width <= 65_535, height <= 65_535 else {
            throw GIFError("a GIF must be between 1 and 65535 pixels on a side, not \(width)×\(height)")
        }
        self.width = width
        self.height = height
        var error: Int32 = 0
        guard let file = EGifOpen(Unmanaged.passUnretained(sink).toOpaque(), GIFSink.write, &error) else {
            throw GIFError("opening a GIF for writing", code: error)
        }
        self.file = file
        EGifSetGifVersion(file, true)
        try check(EGifPutScreenDesc(file, Int32(width), Int32(height), 8, 0, nil), "writing the GIF screen")
        // NETSCAPE2.0: loop count 0 = forever.
        try check(EGifPutExtensionLeader(file, APPLICATION_EXT_FUNC_CODE), "writing the GIF loop extension")
        let application = Array("NETSCAPE2.0".utf8)
        try check(EGifPutExtensionBlock(file, Int32(application.count), application), "writing the GIF loop extension")
        try check(EGifPutExtensionBlock(file, 3, [1, 0, 0] as [UInt8]), "writing the GIF loop extension")
        try check(EGifPutExtensionTrailer(file), "writing the GIF loop extension")
    }

    deinit {
        if let file { var error: Int32 = 0; EGifCloseFile(file, &error) }
    }

    /// Adds a frame from straight (not premultiplied) 8-bit RGB samples, 3 bytes per pixel,
    /// `frameWidth` × `frameHeight`, shown for `delay` hundredths of a second.
    public func add(rgb: [UInt8], frameWidth: Int, frameHeight: Int, delay: Int) throws {
        guard let file else { throw GIFError("adding a frame to a finished GIF") }
        precondition(rgb.count == frameWidth * frameHeight * 3, "a \(frameWidth)×\(frameHeight) frame needs \(frameWidth * frameHeight * 3) RGB bytes")
        guard frameWidth <= width, frameHeight <= height else {
            throw GIFError("a frame of \(frameWidth)×\(frameHeight) does not fit a GIF of \(width)×\(height)")
        }
        let count = width * height
        var red = [UInt8](repeating: rgb.first ?? 255, count: count)
        var green = [UInt8](repeating: rgb.count > 1 ? rgb[1] : 255, count: count)
        var blue = [UInt8](repeating: rgb.count > 2 ? rgb[2] : 255, count: count)
        for y in 0..<frameHeight {
            for x in 0..<frameWidth {
                let source = (y * frameWidth + x) * 3, target = y * width + x
                red[target] = rgb[source]; green[target] = rgb[source + 1]; blue[target] = rgb[source + 2]
            }
        }
        var indices = [UInt8](repeating: 0, count: count)
        var colors = [GifColorType](repeating: GifColorType(Red: 0, Green: 0, Blue: 0), count: 256)
        if let exact = Self.exactPalette(red, green, blue) {
            for (i, color) in exact.colors.enumerated() {
                colors[i] = GifColorType(Red: UInt8(color >> 16), Green: UInt8((color >> 8) & 0xFF), Blue: UInt8(color & 0xFF))
            }
            for i in 0..<count {
                let key = UInt32(red[i]) << 16 | UInt32(green[i]) << 8 | UInt32(blue[i])
                indices[i] = exact.index[key] ?? 0
            }
        } else {
            var size: Int32 = 256
            let status = GifQuantizeBuffer(UInt32(width), UInt32(height), &size, &red, &green, &blue, &indices, &colors)
            guard status == GIF_OK else { throw GIFError("reducing a frame to 256 colours failed") }
        }
        guard let map = GifMakeMapObject(256, colors) else { throw GIFError("making a GIF colour table failed: out of memory") }
        defer { GifFreeMapObject(map) }

        var control = GraphicsControlBlock(DisposalMode: DISPOSE_DO_NOT, UserInputFlag: false,
                                           DelayTime: Int32(max(0, min(delay, 65_535))), TransparentColor: NO_TRANSPARENT_COLOR)
        var extensionBytes = [UInt8](repeating: 0, count: 4)
        let length = EGifGCBToExtension(&control, &extensionBytes)
        try check(EGifPutExtension(file, GRAPHICS_EXT_FUNC_CODE, Int32(length), extensionBytes), "writing a GIF frame delay")
        try check(EGifPutImageDesc(file, 0, 0, Int32(width), Int32(height), false, map), "writing a GIF frame")
        try indices.withUnsafeMutableBufferPointer { buffer in
            for y in 0..<height {
                guard let row = buffer.baseAddress?.advanced(by: y * width) else { continue }
                try check(EGifPutLine(file, row, Int32(width)), "writing row \(y + 1) of a GIF frame")
            }
        }
        frameCount += 1
    }

    /// Closes the GIF and returns its bytes.
    public func finish() throws -> [UInt8] {
        guard let file else { throw GIFError("finishing a GIF twice") }
        self.file = nil
        var error: Int32 = 0
        guard EGifCloseFile(file, &error) == GIF_OK else { throw GIFError("closing the GIF", code: error) }
        return sink.bytes
    }

    private func check(_ status: Int32, _ doing: String) throws {
        guard status == GIF_OK else { throw GIFError(doing, code: file?.pointee.Error ?? 0) }
    }

    /// The frame's colours sorted, with each one's index, when there are at most 256.
    private static func exactPalette(_ red: [UInt8], _ green: [UInt8], _ blue: [UInt8]) -> (colors: [UInt32], index: [UInt32: UInt8])? {
        var seen = Set<UInt32>()
        for i in 0..<red.count {
            seen.insert(UInt32(red[i]) << 16 | UInt32(green[i]) << 8 | UInt32(blue[i]))
            if seen.count > 256 { return nil }
        }
        let colors = seen.sorted()
        var index: [UInt32: UInt8] = [:]
        for (i, color) in colors.enumerated() { index[color] = UInt8(i) }
        return (colors, index)
    }
}

/// Collects the bytes giflib writes through its output function.
private final class GIFSink {
    var bytes: [UInt8] = []

    static let write: OutputFunc = { file, data, length in
        guard let file, let data, let user = file.pointee.UserData, length >= 0 else { return 0 }
        let sink = Unmanaged<GIFSink>.fromOpaque(user).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return length
    }
}
