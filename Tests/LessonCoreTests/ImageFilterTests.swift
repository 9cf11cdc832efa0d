import Foundation
import LessonCore
import Testing

/// The notes' image kernels applied to gray pictures.
@Suite struct ImageFilterTests {
    @Test func notesKernelsAreThePrintedOnes() throws {
        #expect(try ImageKernel.named("gaussian").weights.sum == 256)
        #expect(try ImageKernel.named("sharpen").weights == Tensor(rows: [[0, -2, 0], [-2, 9, -2], [0, -2, 0]]))
        #expect(try ImageKernel.named("edge").sumsToZero)
        #expect(throws: InputError.self) { try ImageKernel.named("emboss") }
    }

    /// Property: the filter equals `Conv2D` with the scaled kernel and "same" padding, and the
    /// worked pixel equals that cell's step.
    @Test func filterEqualsDirectConvolution() throws {
        for seed in UInt64(0)..<60 {
            var g = SeededShapes(seed: seed)
            let kernel = ImageKernel.all[g.int(0...(ImageKernel.all.count - 1))]
            let image = g.matrix(g.int(1...9), g.int(1...9)).map { ($0 + 5) * 20 }
            let filter = ImageFilter(kernel: kernel)
            guard let direct = try? Conv2D(kernel: kernel.kernel, padding: filter.padding).forward(image) else {
                #expect(throws: InputError.self, "seed \(seed)") { try filter.apply(image) }
                continue
            }
            let trace = try filter.apply(image)
            #expect(trace.output.shape == direct.output.shape, "seed \(seed) \(kernel.name)")
            for (a, b) in zip(trace.output.scalars, direct.output.scalars) {
                #expect(agree(a, b), "seed \(seed) \(kernel.name): \(a) vs \(b)")
            }
            let step = direct.step(row: trace.worked.row, column: trace.worked.column)
            #expect(agree(trace.worked.value, step.value), "seed \(seed)")
            #expect(trace.worked.terms.map(\.input) == step.terms.map(\.input), "seed \(seed)")
        }
    }

    @Test func grayPixelsKeepTheirValueAndColourUsesLuma() {
        for v in UInt8(0)...UInt8(255) { #expect(GrayImage.luma(red: v, green: v, blue: v, alpha: 255) == Double(v)) }
        #expect(GrayImage.luma(red: 255, green: 0, blue: 0, alpha: 255) == 76)
        #expect(GrayImage.luma(red: 0, green: 0, blue: 0, alpha: 0) == 255)
    }

    /// 0.299·90 + 0.587·136 + 0.114·147 is 123.5 exactly; in floating point it came out as
    /// 123.49999999999999 and the picture read 123 (Pillow's convert("L") gives 124).
    @Test func lumaRoundsAnExactHalfUp() {
        #expect(GrayImage.luma(red: 90, green: 136, blue: 147, alpha: 255) == 124)
        #expect(GrayImage.luma(red: 11, green: 214, blue: 197, alpha: 255) == 151, "151.365, below the half")
        #expect(GrayImage.luma(red: 0, green: 0, blue: 0, alpha: 128) == 127, "black at 128/255 over white: 255·127/255")
    }

    /// Property: luma equals Y = 0.299·R + 0.587·G + 0.114·B worked in decimal arithmetic
    /// (Foundation's Decimal, exact for these three-decimal products) and rounded half up, on
    /// seeded random opaque pixels and on every tie (Y ending in .5) among them.
    @Test func lumaEqualsDecimalArithmeticOnOpaquePixels() {
        var random = SeededShapes(seed: 2026)
        var ties = 0
        for _ in 0..<20_000 {
            let (r, g, b) = (random.int(0...255), random.int(0...255), random.int(0...255))
            var y = Decimal(string: "0.299")! * Decimal(r) + Decimal(string: "0.587")! * Decimal(g) + Decimal(string: "0.114")! * Decimal(b)
            var rounded = Decimal()
            NSDecimalRound(&rounded, &y, 0, .plain)
            if (y - Decimal(Int(truncating: rounded as NSNumber))).magnitude == Decimal(string: "0.5")! { ties += 1 }
            let got = GrayImage.luma(red: UInt8(r), green: UInt8(g), blue: UInt8(b), alpha: 255)
            #expect(got == Double(truncating: rounded as NSNumber), "(\(r), \(g), \(b)): Y = \(y)")
        }
        #expect(ties > 5, "the sample holds ties: \(ties)")
    }

    @Test func sharpenOnAFlatPatchKeepsTheValue() throws {
        let image = Tensor(shape: [5, 5], repeating: 100)
        let trace = try ImageFilter(kernel: try ImageKernel.named("sharpen")).apply(image, focus: (2, 2))
        #expect(trace.worked.value == 100)
        let corner: Double = 900 - 200 - 200 // two neighbours are padding
        #expect(trace.output[0, 0] == corner)
    }
}
