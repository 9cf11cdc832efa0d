import Foundation
import LessonCore

/// How figures are rendered: file format, theme, scale (2 doubles the pixels of a PNG) and
/// text scale (1.25 makes every text a quarter bigger on the same canvas).
public struct RenderOptions: Sendable, Equatable {
    public var format: FigureFormat
    public var theme: Theme
    public var scale: Double
    public var textScale: Double

    public init(format: FigureFormat = .png, theme: Theme = .light, scale: Double = 1, textScale: Double = 1) {
        self.format = format
        self.theme = theme
        self.scale = scale
        self.textScale = textScale
    }
}

/// Turns figures into PNG, SVG or PDF bytes and writes them, each file whole or not at all.
public enum FigureRenderer {
    /// Draws `figure` into a new surface (background filled with the theme's colour).
    /// A raster frame with a backdrop starts from a copy of the backdrop's pixels.
    public static func surface(for figure: Figure, options: RenderOptions) throws -> Surface {
        let surface = try Surface(format: options.format, width: figure.width * options.scale,
                                  height: figure.height * options.scale)
        surface.title = figure.name
        surface.summary = Typography.plain(figure.description) // the SVG's <desc>, the PDF's Subject
        let canvas: Canvas
        if let backdrop = figure.backdrop, surface.format == .png {
            try surface.start(from: backdrop.raster(width: figure.width, height: figure.height, options: options))
            canvas = try Canvas(surface: surface, theme: options.theme, scale: options.scale)
            canvas.textScale = options.textScale
            figure.draw(canvas)
        } else {
            canvas = try Self.canvas(on: surface, width: figure.width, height: figure.height, options: options)
            figure.drawWhole(on: canvas)
        }
        try canvas.finish()
        return surface
    }

    /// A canvas on `surface` with `options`' theme, scale and text scale, its background filled.
    static func canvas(on surface: Surface, width: Double, height: Double, options: RenderOptions) throws -> Canvas {
        let canvas = try Canvas(surface: surface, theme: options.theme, scale: options.scale)
        canvas.textScale = options.textScale
        canvas.fillBackground(options.theme.background, width: width, height: height)
        return canvas
    }

    /// The encoded file of `figure` (for a deck format, its frame: PNG, SVG or PDF; decks are
    /// assembled by `FigureAnimation`, `StepperPage` and `BeamerDeck`).
    public static func render(_ figure: Figure, options: RenderOptions) throws -> [UInt8] {
        try surface(for: figure, options: options).encoded()
    }

    /// Renders `figure` and writes it to `directory/<name>.<ext>` atomically (a temporary
    /// file renamed into place), so a failure never leaves a half-written file.
    @discardableResult
    public static func write(_ figure: Figure, to directory: URL, options: RenderOptions) throws -> URL {
        guard !options.format.isDeck else {
            throw FigureWriteError("a \(options.format.rawValue) file holds a whole lesson variant, not one figure; write it with FigureOutput")
        }
        let bytes = try render(figure, options: options)
        let url = directory.appendingPathComponent(figure.name).appendingPathExtension(options.format.fileExtension)
        try writeAtomically(bytes, to: url)
        return url
    }

    /// Creates `directory` (and its parents) or throws a sentence saying why it cannot be used.
    public static func prepare(directory: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw FigureWriteError("cannot write figures to '\(directory.path)': it is a file, not a folder")
            }
        } else {
            do {
                try Folders.make(directory.path)
            } catch {
                throw FigureWriteError("cannot create the output folder '\(directory.path)': \(error)")
            }
        }
        guard FileManager.default.isWritableFile(atPath: directory.path) else {
            throw FigureWriteError("cannot write figures to '\(directory.path)': the folder is not writable")
        }
    }

    /// Writes `bytes` to `url` through a temporary file in the same folder and a rename
    /// (`AtomicFile`: not synced to disk one by one, and left as it is when it holds these
    /// bytes already).
    public static func writeAtomically(_ bytes: [UInt8], to url: URL) throws {
        do {
            try AtomicFile.write(bytes, to: url.path)
        } catch {
            throw FigureWriteError("\(error)")
        }
    }

    /// Writes `data` to `url` atomically, as `writeAtomically(_:to:)` writes bytes.
    public static func writeAtomically(_ data: Data, to url: URL) throws {
        do {
            try AtomicFile.write(data, to: url.path)
        } catch {
            throw FigureWriteError("\(error)")
        }
    }
}

/// A figure that could not be written: the sentence names the file or folder.
public struct FigureWriteError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
