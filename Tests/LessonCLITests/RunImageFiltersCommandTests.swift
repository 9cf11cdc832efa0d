import LessonTestSupport
import Foundation
import Testing

/// `lesson run image-filters` as a person runs it.
@Suite struct RunImageFiltersCommandTests {
    @Test func sharpenWorksOutTheChosenWindow() throws {
        let result = try runLesson(["run", "image-filters", "--no-figures", "--at", "47,13"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("z[47,13] = 74×0 + 76×(−2) + 232×0 + 78×(−2) + 241×9 + 230×(−2) + 74×0 + 82×(−2) + 236×0 = 1237"))
        #expect(result.stdout.contains("shown as 255 (shown = min(255, max(0, z)))"))
    }

    @Test func gaussianWritesTheFactorInFront() throws {
        let result = try runLesson(["run", "image-filters", "--variant", "gaussian", "--no-figures", "--at", "1,1"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("weights as printed, 5×5, times 1/256:"))
        #expect(result.stdout.contains("z[1,1] = 1/256 × (0×1 + 0×4 + 0×6"))
    }

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
        (["--kernel", "emboss"], "--kernel emboss: there is no kernel 'emboss'; the kernels are box-blur, gaussian"),
        (["--image", "/nonexistent/photo.png"], "cannot read the image file '/nonexistent/photo.png'"),
        (["--image", "Package.swift"], "the image 'Package.swift' cannot be used: not a readable PNG"),
        (["--at", "200,1"], "the pixel [200,1] is outside the 96×128 filtered image (rows 1–96, columns 1–128)"),
        (["--at", "0,1"], "--at 0,1: rows and columns are 1-based"),
    ])
    func badInputIsOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(["run", "image-filters", "--no-figures"] + arguments)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
