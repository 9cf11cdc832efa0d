import LessonTestSupport
import Foundation
import LessonCore
import LessonFigures
import Testing

/// Runs `tool` with `arguments` in `directory`; returns its exit status and standard output.
/// Fails the test when the tool is not installed (`bash .ci/test-setup` installs it).
private func run(_ tools: [String], _ arguments: [String], in directory: URL) throws -> (status: Int32, output: String)? {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    guard let tool = tools.lazy.flatMap({ name in paths.map { "\($0)/\(name)" } })
        .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
        Issue.record("\(tools[0]) is not installed: run `bash .ci/test-setup` first")
        return nil
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

private func temporaryFolder(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A frame that draws a heading and caption lines full of the notation decks must carry.
private func notationFigure(_ step: Int) -> Figure {
    Figure(name: "notation-\(step)", description: "Notation frame \(step): δ and ⌊⌋ & friends <ok>.", step: step) { canvas in
        Caption.title("Backward · δ⁽ˡ⁾ · step \(step) of 2", on: canvas, width: 1280)
        Caption.lines(["δ⁽²⁾ = ∂L/∂z⁽²⁾ ⊙ σ′(z⁽²⁾) = −0.25 × 1.5", "⌊(7 + 2·1 − 3)/2⌋ + 1 = 4, y₁₂ = e⁻ᶻ, 2θ, x² (stated −3, 50% & #1)"],
                      on: canvas, width: 1280, bottom: 680)
    }
}

@Suite struct DeckTests {
    @Test func latexTextTypesetsTheCourseNotation() {
        #expect(LaTeXText.math("δ⁽ˡ⁾") == "$\\delta ^{(l)}$")
        #expect(LaTeXText.math("y₁₂ = 3×1 + 0×(−1)") == "$y_{12} = 3\\times 1 + 0\\times (-1)$")
        #expect(LaTeXText.math("⌊7/2⌋ gives 3") == "$\\lfloor 7/2\\rfloor \\text{ gives } 3$")
        #expect(LaTeXText.math("e⁻ᶻ, x², 2θ") == "$e^{-z}, x^{2}, 2\\theta$")
        #expect(LaTeXText.math("50% & #1 {a_b}") == "$50\\% \\& \\#1 \\{a\\_b\\}$")
        #expect(LaTeXText.math("δᴸ = ŷ − y") == "$\\delta ^{L} = \\hat{y} - y$")
        #expect(LaTeXText.math("").isEmpty)
        // Words with hyphens stay words, and a run of words is one \text with single spaces
        // (the deck of image-filters was titled "image − filters", "Image  filter").
        #expect(LaTeXText.math("image-filters, variant sharpen") == "$\\text{image-filters, variant sharpen}$")
        #expect(LaTeXText.math("Image filter 3×3") == "$\\text{Image filter } 3\\times 3$")
        #expect(LaTeXText.math("x - y") == "$x - y$")
        #expect(LaTeXText.math("x-y") == "$x-y$")
    }

    /// A name the user wrote (an autodiff variable, `Typography.literal`) reaches the decks as
    /// written: upright in the Beamer frame's title, plain on the stepper page. Before, the two
    /// invisible marks around it were written into the HTML (U+E000, U+E001) and as `\text{?}`.
    @Test func namesTheUserWroteReachTheDecksWithoutTheirMarks() throws {
        #expect(LaTeXText.math("at " + Typography.literal("foo_bar") + " = 1") == "$\\text{at } \\mathrm{foo\\_bar} = 1$")
        #expect(LaTeXText.math("sin(" + Typography.literal("x") + "²)") == "$sin(\\mathrm{x}^{2})$")
        let figure = Figure(name: "named", description: "J at " + Typography.literal("foo_bar") + " = 1.", step: 1) { canvas in
            Caption.title("J = sin(" + Typography.literal("foo_bar") + ") at " + Typography.literal("foo_bar") + " = 1", on: canvas, width: 1280)
            Caption.lines(["∂J/∂" + Typography.literal("foo_bar") + " = cos(1)"], on: canvas, width: 1280, bottom: 680)
        }
        let svg = try RenderedFrame(figure, options: RenderOptions(format: .svg))
        let html = StepperPage.html(title: "named", frames: [svg], theme: .light)
        #expect(!html.unicodeScalars.contains { $0 == "\u{E000}" || $0 == "\u{E001}" })
        #expect(html.contains("<p id=\"heading\">J = sin(foo_bar) at foo_bar = 1</p>"), "\(html.prefix(3000))")
        #expect(html.contains("<p id=\"sum\">∂J/∂foo_bar = cos(1)</p>"))
        let tex = BeamerDeck.tex(title: "named", frames: [try RenderedFrame(figure, options: RenderOptions(format: .pdf))])
        #expect(!tex.contains("\\text{?}") && tex.contains("\\mathrm{foo\\_bar}"), "\(tex)")
    }

    /// The Beamer deck is plain ASCII, has one frame per figure with its PDF, and pdfLaTeX
    /// compiles it as written (one page per frame).
    @Test func beamerDeckCompilesWithPdfLaTeX() throws {
        let folder = try temporaryFolder("beamer")
        defer { try? FileManager.default.removeItem(at: folder) }
        let figures = Array(try Fixtures.exampleFrames().prefix(2)) + [notationFigure(1), notationFigure(2)]
        let options = RenderOptions(format: .tex)
        let frames = try figures.map { try RenderedFrame($0, options: options) }
        for frame in frames {
            #expect(Array(frame.bytes.prefix(5)) == Array("%PDF-".utf8))
            try Data(frame.bytes).write(to: folder.appendingPathComponent(frame.name + ".pdf"))
        }
        let tex = BeamerDeck.tex(title: "2D convolution: the 5×5 example", frames: frames)
        #expect(tex.unicodeScalars.allSatisfy { $0.isASCII }, "pdfLaTeX needs no Unicode: \(tex.unicodeScalars.filter { !$0.isASCII })")
        #expect(tex.components(separatedBy: "\\begin{frame}").count - 1 == 4)
        #expect(tex.contains("\\includegraphics[width=\\textwidth,height=0.66\\textheight,keepaspectratio]{step-1.pdf}"))
        #expect(tex.contains("$z[1,1] = 1\\times 1 + 0\\times (-1) + 3\\times 0"))
        #expect(tex.contains("\\delta ^{(2)} = \\partial L/\\partial z^{(2)} \\odot \\sigma '(z^{(2)})"))
        try Data(tex.utf8).write(to: folder.appendingPathComponent("deck.tex"))
        guard let result = try run(["pdflatex"], ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "deck.tex"],
                                   in: folder) else { return }
        #expect(result.status == 0, "pdflatex failed:\n\(result.output.split(separator: "\n").filter { $0.hasPrefix("!") }.joined(separator: "\n"))")
        #expect(result.output.contains("Output written on deck.pdf (4 pages"), "\(result.output.suffix(400))")
    }

    /// The stepper page, loaded in headless Chromium: → shows frame 2 (its SVG, heading, sum
    /// and alt text), space frame 3, End the last, ← the one before, Home the first.
    @Test func htmlStepperStepsWithTheKeysInChromium() throws {
        let folder = try temporaryFolder("stepper")
        defer { try? FileManager.default.removeItem(at: folder) }
        let figures = try Fixtures.exampleFrames()
        let frames = try figures.map { try RenderedFrame($0, options: RenderOptions(format: .html)) }
        let page = StepperPage.html(title: "2D convolution", frames: frames, theme: .light)
        #expect(!page.contains("http://") || page.components(separatedBy: "http://").dropFirst().allSatisfy { $0.hasPrefix("www.w3.org/") },
                "no network: only SVG namespaces")
        #expect(!page.contains("src="), "no outside files")
        #expect(page.components(separatedBy: "<template id=\"frame-").count - 1 == figures.count)

        // Keys are sent the way a browser sends them; after each, the script notes what shows.
        let probe = """
            <script>
            (function () {
              var notes = [];
              function press(key) {
                document.dispatchEvent(new KeyboardEvent("keydown", { key: key, bubbles: true, cancelable: true }));
                var stage = document.getElementById("stage"), n = stage.getAttribute("data-current");
                var same = stage.innerHTML.trim() === document.getElementById("frame-" + n).innerHTML.trim();
                notes.push([key, n, String(same), document.getElementById("heading").textContent,
                            document.getElementById("sum").textContent, stage.getAttribute("aria-label"),
                            document.getElementById("counter").textContent]);
              }
              ["ArrowRight", " ", "End", "ArrowLeft", "Home", "ArrowLeft"].forEach(press);
              var pre = document.createElement("pre");
              pre.id = "probe";
              pre.textContent = JSON.stringify(notes);
              document.body.appendChild(pre);
            })();
            </script>
            </body>
            """
        try Data(page.replacingOccurrences(of: "</body>", with: probe).utf8).write(to: folder.appendingPathComponent("page.html"))
        let profile = folder.appendingPathComponent("profile").path
        guard let result = try run(["chromium", "chromium-browser"],
                                   ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile)",
                                    "--virtual-time-budget=2000", "--dump-dom", folder.appendingPathComponent("page.html").absoluteString],
                                   in: folder) else { return }
        #expect(result.status == 0)
        guard let start = result.output.range(of: "<pre id=\"probe\">"),
              let end = result.output[start.upperBound...].range(of: "</pre>") else {
            Issue.record("the probe did not run: \(result.output.prefix(300))")
            return
        }
        let json = result.output[start.upperBound..<end.lowerBound]
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        let lines = try JSONDecoder().decode([[String]].self, from: Data(json.utf8))
        guard lines.count == 6, lines.allSatisfy({ $0.count == 7 }) else {
            Issue.record("the probe noted \(lines)")
            return
        }
        let expected = [2, 3, 10, 9, 1, 1]
        #expect(lines.map { Int($0[1]) } == expected)
        for (line, n) in zip(lines, expected) {
            let frame = frames[n - 1]
            #expect(line[2] == "true", "after \(line[0]) the stage shows frame \(n)'s SVG")
            #expect(line[3] == (frame.heading ?? ""))
            #expect(line[4] == frame.captionLines.joined(separator: "\n"))
            #expect(line[5] == frame.description)
            #expect(line[6] == "\(n) / 10")
        }
        #expect(lines.first?[4] == "z[1,2] = 0×1 + 3×(−1) + 0×0 + 3×0 + 4×2 + 0×(−2) + 0×(−1) + 2×0 + 0×2 + 0 = 5")
    }
}
