import ArgumentParser
import Foundation
import LessonCore
import LessonLibrary

/// `lesson run image-filters`: a kernel of the notes on a PNG picture.
struct RunImageFilters: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image-filters",
        abstract: "Apply the notes' image kernels to a PNG: before and after, and one window worked out.",
        discussion: """
            Without options, sharpens the lesson's own 128×96 picture (lessons/image-filters.png). \
            --image reads any PNG (gray or colour; colour is turned into gray). Kernels: \
            \(ImageKernel.all.map(\.name).joined(separator: ", ")).
            """
    )

    @Option(help: ArgumentHelp("A PNG file to filter.", valueName: "file.png"))
    var image: String?

    @Option(help: ArgumentHelp("The kernel: \(ImageKernel.all.map(\.name).joined(separator: ", ")).", valueName: "name"))
    var kernel: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The pixel to work out: row,column, 1-based.", valueName: "row,column"))
    var at: String?

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let directory = try LessonDirectory.locate()
            let file = try directory.load(ImageFiltersLesson.id)
            let variant = try file.variant(options.variant)
            var example = try ImageFiltersLesson.Example(variant, folder: directory.url)
            var changed = false
            if let image {
                example.imageURL = URL(fileURLWithPath: image)
                example.imageName = image
                changed = true
            }
            if let kernel {
                do { example.kernel = try ImageKernel.named(kernel) } catch let error as InputError {
                    throw error.located(in: "--kernel \(kernel)")
                }
                changed = true
            }
            if let at {
                let pair = try MatrixArgument.pair(at, option: "--at")
                guard pair.rows >= 1, pair.columns >= 1 else {
                    throw InputError("--at \(at): rows and columns are 1-based, so both must be 1 or more")
                }
                example.focus = (pair.rows - 1, pair.columns - 1)
            }
            if changed { example.statedSize = nil }
            let output = try ImageFiltersLesson.run(example, title: changed ? "Image filter" : file.title,
                                                    source: changed ? nil : file.source,
                                                    variant: changed ? "custom" : variant.name,
                                                    description: changed ? nil : variant.description)
            try options.finish(output)
        }
    }
}
