import CCairo
import Foundation

/// The figures' two font faces, DejaVu Sans and DejaVu Sans Bold, opened once per process
/// straight from their files by FreeType.
///
/// Cairo's toy font API asks fontconfig for the file of "DejaVu Sans", and fontconfig first loads
/// its whole configuration and font cache: 12–15 ms before the first text of every run, a tenth
/// of `lesson run conv2d` (issue 15). The files are where the system packages put them (Debian
/// and Ubuntu, Fedora, Arch); where they are not, the toy API and fontconfig find the font as
/// before. Glyphs are the same either way: the canvas sets every font option explicitly.
enum FontFaces {
    /// Where distributions install DejaVu Sans: regular and bold.
    static let places = [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf", "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    ]

    /// The family the faces are (the themes' family).
    static let family = "DejaVu Sans"

    /// Cairo font faces for normal and bold text, or nil where the files are not found (never
    /// destroyed: they live as long as the process, as does FreeType's library).
    nonisolated(unsafe) static let faces: (normal: OpaquePointer, bold: OpaquePointer)? = {
        guard let (normal, bold) = places.first(where: { FileManager.default.isReadableFile(atPath: $0.0)
            && FileManager.default.isReadableFile(atPath: $0.1) }) else { return nil }
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else { return nil }
        func open(_ path: String) -> OpaquePointer? {
            var face: FT_Face?
            guard FT_New_Face(library, path, 0, &face) == 0, let face else { return nil }
            guard let cairoFace = cairo_ft_font_face_create_for_ft_face(face, 0),
                  cairo_font_face_status(cairoFace) == CAIRO_STATUS_SUCCESS else { return nil }
            return cairoFace
        }
        guard let regular = open(normal), let heavy = open(bold) else { return nil }
        return (regular, heavy)
    }()

    /// Sets `family`'s face of `weight` on the context `cr`: the face opened from its file when
    /// that is the family and the files were found, else the toy API's (fontconfig's).
    static func select(_ cr: OpaquePointer, family: String, weight: FontWeight) {
        if family == Self.family, let faces {
            cairo_set_font_face(cr, weight == .bold ? faces.bold : faces.normal)
        } else {
            cairo_select_font_face(cr, family, CAIRO_FONT_SLANT_NORMAL, weight == .bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        }
    }
}
