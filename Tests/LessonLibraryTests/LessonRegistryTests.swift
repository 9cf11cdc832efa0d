import Foundation
import LessonCore
import LessonLibrary
import LessonTestSupport
import Testing

/// The registry is the one list of lessons: it and `lessons/` name the same lessons, and the
/// README's table is the registry's.
@Suite struct LessonRegistryTests {
    let directory = LessonDirectory(url: packageRoot.appendingPathComponent("lessons"))

    @Test func everyLessonFileHasALessonAndEveryLessonAFile() throws {
        let files = Set(try directory.ids())
        let registered = Set(LessonRegistry.ids)
        #expect(files.subtracting(registered).isEmpty, "lesson files with no lesson in LessonRegistry.lessons: \(files.subtracting(registered).sorted())")
        #expect(registered.subtracting(files).isEmpty, "lessons with no file in lessons/: \(registered.subtracting(files).sorted())")
        #expect(LessonRegistry.ids.count == registered.count, "a lesson id is registered twice: \(LessonRegistry.ids)")
    }

    @Test func everyVariantOfEveryLessonRuns() throws {
        for lesson in LessonRegistry.lessons {
            let file = try directory.load(lesson.id)
            for variant in file.variants {
                let output = try lesson.run(file, variant: variant)
                #expect(output.lesson == lesson.id && output.variant == variant.name)
                #expect(!output.figures.isEmpty, "\(lesson.id)/\(variant.name) draws no figure")
                #expect(output.text.hasPrefix(file.title), "\(lesson.id)/\(variant.name) starts with its title")
            }
        }
    }

    @Test func theReadmeTableIsTheRegistry() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(LessonRegistry.markdownTable + "\n"),
                "README.md's lesson table differs from the registry; paste the output of 'lesson list --markdown'")
    }

    @Test func aCustomHeadingDropsTheSourceUnlessTheLessonKeepsIt() {
        let heading = LessonHeading(title: "T", source: "seeds/004", variant: "padding-1", description: "d")
        #expect(heading.lines == ["T — variant padding-1", "d", "From the course notes: seeds/004"])
        #expect(heading.custom(title: "Mine").lines == ["Mine — variant custom"])
        #expect(heading.custom(title: nil).lines == ["T — variant custom", "d", "From the course notes: seeds/004"])
    }

    @Test func aMistakeInALessonFilesExampleNamesTheFileAndLine() throws {
        let yaml = """
            title: T
            summary: S
            example:
              input: "1 2; 3 4"
              kernel: "1 0 1; 0 1 0; 1 0 1"
            """
        let file = try LessonFile(id: "conv2d", document: try YAMLValue.parse(yaml, file: "lessons/conv2d.yaml"))
        #expect(throws: InputError.self) { try Conv2DLesson.run(file, variant: file.variants[0]) }
        do { _ = try Conv2DLesson.run(file, variant: file.variants[0]) } catch let error as InputError {
            #expect(error.places == ["lessons/conv2d.yaml, line 4 (example)"], "\(error.message)")
            #expect(error.message.contains("the kernel (3 rows) is larger than the padded input"))
        }
    }
}
