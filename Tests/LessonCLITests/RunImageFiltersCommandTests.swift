import LessonTestSupport
import Foundation
import Testing

/// `lesson run image-filters` as a person runs it.
@Suite struct RunImageFiltersCommandTests {
    @Test func readsAColourPNGAsGray() throws {
        let folder = try temporaryFolder()
        // Any figure the tool draws is a colour PNG.
        let drawn = try runLesson(["run", "separable", "--out", folder.path])
        #expect(drawn.status == 0, "stderr: \(drawn.stderr)")
        let picture = folder.appendingPathComponent("parameters.png").path
        let result = try runLesson(["run", "image-filters", "--image", picture, "--kernel", "edge-pair", "--json",
                                    "--out", folder.appendingPathComponent("filtered").path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["input_shape"] as? [Int] == [720, 1280])
        #expect(object?["output_shape"] as? [Int] == [720, 1279])
    }

    @Test(arguments: [
        (["--kernel", "emboss"], "error: --kernel emboss: there is no kernel 'emboss'; the kernels are box-blur, gaussian, sharpen, edge, sobel, sobel-y, edge-pair, edge-pair-vertical"),
        (["--image", "/nonexistent/photo.png"], "error: cannot read the image file '/nonexistent/photo.png'"),
        (["--image", "Package.swift"], "error: the image 'Package.swift' cannot be used: not a readable PNG (Not a PNG file)"),
        (["--at", "200,1"], "error: lessons/image-filters.yaml, line 10 (example): the pixel [200,1] is outside the 96×128 filtered image (rows 1–96, columns 1–128)"),
        (["--at", "0,1"], "error: --at 0,1: rows and columns are 1-based, so both must be 1 or more"),
    ])
    func badInputIsOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(["run", "image-filters", "--no-figures"] + arguments)
        expectRefusal(result, message)
    }
}
