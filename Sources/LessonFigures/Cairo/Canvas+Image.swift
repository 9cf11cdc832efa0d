import CCairo
import LessonCore

extension Canvas {
    /// Draws a matrix of gray levels (0…255, rows × columns) as a picture filling the rectangle
    /// (x, y, width, height), each value a sharp-edged block (nearest-neighbour scaling, so
    /// single pixels stay visible when enlarged). A failure to create the pixel buffer puts the
    /// context in an error state that `finish()` reports.
    public func grayImage(_ gray: Tensor, x: Double, y: Double, width: Double, height: Double) {
        precondition(gray.rank == 2, "grayImage of a tensor of shape \(gray.shape)")
        let rows = gray.shape[0], columns = gray.shape[1]
        guard rows > 0, columns > 0, let image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(columns), Int32(rows)) else { return }
        defer { cairo_surface_destroy(image) }
        if cairo_surface_status(image) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(image) {
            let stride = Int(cairo_image_surface_get_stride(image))
            cairo_surface_flush(image)
            for r in 0..<rows {
                let line = UnsafeMutableRawPointer(data + r * stride).assumingMemoryBound(to: UInt32.self)
                for c in 0..<columns {
                    let v = UInt32(min(255, max(0, gray[r, c].rounded())))
                    line[c] = 0xFF00_0000 | (v << 16) | (v << 8) | v
                }
            }
            cairo_surface_mark_dirty(image)
        }
        cairo_save(pointer)
        cairo_rectangle(pointer, x, y, width, height)
        cairo_clip(pointer)
        cairo_translate(pointer, x, y)
        cairo_scale(pointer, width / Double(columns), height / Double(rows))
        cairo_set_source_surface(pointer, image, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(pointer), CAIRO_FILTER_NEAREST)
        cairo_paint(pointer)
        cairo_restore(pointer)
    }
}
