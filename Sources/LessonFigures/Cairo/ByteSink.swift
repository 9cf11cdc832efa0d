import CCairo

/// Collects the bytes Cairo writes through a `cairo_write_func_t`.
final class ByteSink {
    var bytes: [UInt8] = []

    /// The C callback: appends `length` bytes to the sink passed as `closure`.
    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }

    /// An unretained pointer to pass as Cairo's closure; the sink must outlive the surface.
    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}
