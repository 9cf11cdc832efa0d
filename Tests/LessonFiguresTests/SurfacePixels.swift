import LessonCore
@testable import LessonFigures

/// The colour of pixel (x, y) of a rendered surface, as 0…255 components (the background is opaque).
func pixel(_ surface: Surface, _ x: Double, _ y: Double) -> (r: Int, g: Int, b: Int) {
    let p = surface.pixels()
    let word = p.argb[Int(y) * p.width + Int(x)]
    return (Int((word >> 16) & 0xFF), Int((word >> 8) & 0xFF), Int(word & 0xFF))
}

/// `color` at `alpha` over `background`, as 0…255 components.
func blend(_ color: Color, _ alpha: Double, over background: Color) -> (r: Int, g: Int, b: Int) {
    func c(_ a: Double, _ b: Double) -> Int { Int(((b * alpha + a * (1 - alpha)) * 255).rounded()) }
    return (c(background.red, color.red), c(background.green, color.green), c(background.blue, color.blue))
}

/// Whether two colours differ by at most `tolerance` in every component.
func near(_ a: (r: Int, g: Int, b: Int), _ b: (r: Int, g: Int, b: Int), tolerance: Int = 3) -> Bool {
    abs(a.r - b.r) <= tolerance && abs(a.g - b.g) <= tolerance && abs(a.b - b.b) <= tolerance
}
