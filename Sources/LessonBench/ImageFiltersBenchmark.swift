import Foundation
import LessonCore
import LessonFigures
import LessonLibrary

/// Issue 3: `lesson run image-filters` on its own picture, and the filter alone on a
/// 1280×720 picture (the size of a photo someone might pass with --image).
enum ImageFiltersBenchmark {
    static func run(directory: LessonDirectory) throws {
        try measureLessonRun(ImageFiltersLesson.self, variant: "gaussian", directory: directory, label: "image-filters: load, filter, render and write 2 PNG (128×96, gaussian)")
        var photo = Tensor(shape: [720, 1280])
        for r in 0..<720 { for c in 0..<1280 { photo[r, c] = Double((r * 7 + c * 13) % 256) } }
        for name in ["sharpen", "gaussian"] {
            let filter = ImageFilter(kernel: try ImageKernel.named(name))
            try measure("image-filters: \(name) on 1280×720, with the worked window", repetitions: 5) {
                _ = try filter.apply(photo)
            }
        }
        let m = try ConvolutionMatrix(kernel: Tensor(rows: [[1, 4, 1], [1, 4, 3], [3, 3, 1]]), inputShape: [16, 16], padding: Pair2(1))
        try measure("conv-matrix: build the 256×256 matrix of a 16×16 input and multiply", repetitions: 20) {
            _ = try ConvolutionMatrix(kernel: m.kernel, inputShape: [16, 16], padding: Pair2(1)).multiply(Tensor(shape: [16, 16], repeating: 1))
        }
    }
}
