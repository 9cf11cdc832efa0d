import ArgumentParser
import Foundation
import LessonCore

extension ImageFiltersLesson {
    public static let abstract = "Apply the notes' image kernels to a PNG: before and after, and one window worked out."
    public static let discussion = """
        Without options, sharpens the lesson's own 128×96 picture (lessons/image-filters.png). \
        --image reads any PNG, gray or colour: colour becomes Y = 0.299·R + 0.587·G + 0.114·B, \
        rounded; a 16-bit sample v reads as v/257, rounded; a transparent pixel is laid over \
        white by its alpha. Kernels: \
        \(ImageKernel.all.map(\.name).joined(separator: ", ")).
        """
    public static let customTitle: String? = "Image filter"

    /// Reads a variant; its picture is found next to the lesson files.
    public static func example(_ variant: LessonVariant) throws -> Example {
        try Example(variant, folder: try LessonDirectory.locate().url)
    }

    /// The picture, the kernel and the pixel worked out.
    public struct Options: LessonOptions {
        @Option(parsing: .unconditional, help: ArgumentHelp("A PNG file to filter.", valueName: "file.png")) var image: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("The kernel: \(ImageKernel.all.map(\.name).joined(separator: ", ")).", valueName: "name"))
        var kernel: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("The pixel to work out: row,column, 1-based.", valueName: "row,column")) var at: String?

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            var changes = OptionChanges()
            changes.set(&example.imageURL, to: image.map { URL(fileURLWithPath: $0) })
            changes.set(&example.imageName, to: image)
            try changes.set(&example.kernel, from: kernel) { name in
                do { return try ImageKernel.named(name) } catch let error as InputError { throw error.located(in: "--kernel \(name)") }
            }
            if let at {
                let pair = try MatrixArgument.pair(at, option: "--at")
                guard pair.rows >= 1, pair.columns >= 1 else {
                    throw InputError("--at \(at): rows and columns are 1-based, so both must be 1 or more")
                }
                example.focus = (pair.rows - 1, pair.columns - 1)
                example.focusOption = at
            }
            if changes.any { example.statedSize = nil }
            return changes.any
        }
    }
}
