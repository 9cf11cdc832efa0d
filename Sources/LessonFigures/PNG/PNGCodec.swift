import CPNG
import CPNGSamples
import Foundation

/// An image decoded from a PNG: 8-bit RGBA, row by row, not premultiplied.
public struct RGBAImage: Equatable, Sendable {
    public var width: Int
    public var height: Int
    /// 4 bytes per pixel: red, green, blue, alpha.
    public var bytes: [UInt8]
    /// Whether the PNG held 16-bit samples (each v read as v/257, rounded).
    public var sixteenBit: Bool

    public init(width: Int, height: Int, bytes: [UInt8], sixteenBit: Bool = false) {
        precondition(bytes.count == width * height * 4, "RGBA image of \(width)×\(height) needs \(width * height * 4) bytes")
        self.width = width
        self.height = height
        self.bytes = bytes
        self.sixteenBit = sixteenBit
    }

    /// The pixel at (x, y) as (r, g, b, a).
    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        let i = (y * width + x) * 4
        return (bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3])
    }
}

/// A PNG that could not be read or written.
public struct PNGError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Decodes PNG with libpng: its simplified API for 8-bit images, its low-level one (through
/// CPNGSamples) for 16-bit ones (`PNGWriter` encodes).
public enum PNGCodec {
    // png.h's compound macro PNG_FORMAT_RGBA (FLAG_ALPHA 0x01 | FLAG_COLOR 0x02), which Swift does not import.
    private static let formatRGBA: UInt32 = 0x01 | 0x02
    // PNG_FORMAT_FLAG_LINEAR: the image has 16-bit samples.
    private static let flagLinear: UInt32 = 0x04

    /// Decodes any PNG (grayscale, palette, RGB, with or without alpha, 8 or 16 bits) to 8-bit RGBA.
    public static func decode(_ data: [UInt8]) throws -> RGBAImage {
        var image = png_image()
        image.version = 1
        let begun = data.withUnsafeBytes { buffer in
            png_image_begin_read_from_memory(&image, buffer.baseAddress, buffer.count)
        }
        guard begun != 0 else {
            let reason = message(of: image)
            png_image_free(&image)
            throw PNGError(message: "not a readable PNG (\(reason))")
        }
        // libpng's simplified API takes 16-bit samples as linear light and would gamma-encode
        // them on the way to 8 bits, and reads them as they are only premultiplied by alpha
        // (rounded, which moves a sample of a translucent pixel by up to 65535/(2α)). A 16-bit
        // image is read by CPNGSamples instead, straight, and scaled here so v reads as v/257.
        let sixteenBit = image.format & flagLinear != 0
        image.format = formatRGBA
        let width = Int(image.width), height = Int(image.height)
        guard width > 0, height > 0, width * height <= 100_000_000 else {
            png_image_free(&image)
            throw PNGError(message: "the PNG is \(width)×\(height) pixels; at most 100 million are read")
        }
        var bytes = [UInt8](repeating: 0, count: width * height * 4)
        if sixteenBit {
            png_image_free(&image)
            var samples = [UInt16](repeating: 0, count: width * height * 4)
            var message = [CChar](repeating: 0, count: 200)
            let read = data.withUnsafeBufferPointer { file in
                samples.withUnsafeMutableBufferPointer { out in
                    lesson_png_read_rgba16(file.baseAddress, file.count, UInt32(width), UInt32(height), out.baseAddress,
                                           &message, message.count)
                }
            }
            guard read != 0 else {
                let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                throw PNGError(message: "the PNG is damaged (\(reason))")
            }
            for index in samples.indices { bytes[index] = UInt8((Double(samples[index]) / 257).rounded()) }
            return RGBAImage(width: width, height: height, bytes: bytes, sixteenBit: true)
        }
        let finished = bytes.withUnsafeMutableBytes { buffer in
            png_image_finish_read(&image, nil, buffer.baseAddress, Int32(width * 4), nil)
        }
        guard finished != 0 else {
            let reason = message(of: image)
            png_image_free(&image)
            throw PNGError(message: "the PNG is damaged (\(reason))")
        }
        return RGBAImage(width: width, height: height, bytes: bytes)
    }

    /// Reads and decodes a PNG file; errors name the file.
    public static func read(_ url: URL) throws -> RGBAImage {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw PNGError(message: "\(url.path): cannot be read")
        }
        do { return try decode([UInt8](data)) } catch let error as PNGError {
            throw PNGError(message: "\(url.path): \(error.message)")
        }
    }

    /// The sentence libpng left in `image` after a failure.
    static func message(of image: png_image) -> String {
        var copy = image.message
        return withUnsafeBytes(of: &copy) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
