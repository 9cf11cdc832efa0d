import CGif

/// A GIF that giflib could not write or read: what was being done and giflib's reason.
public struct GIFError: Error, CustomStringConvertible {
    public var message: String

    /// Creates an error from giflib's error code (`D_GIF_ERR_…`, `E_GIF_ERR_…`).
    public init(_ doing: String, code: Int32) {
        let reason = GifErrorString(code).map { String(cString: $0) } ?? "giflib error \(code)"
        message = "\(doing) failed: \(reason)"
    }

    /// Creates an error with a sentence of its own.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
