import LessonCore
import LessonFigures
import Testing

/// The cnn figures, checked by decoding the PNG and looking at the pixels that must be highlighted.
@Suite struct CNNFiguresTests {
    static func matrix(_ text: String) -> Tensor {
        do { return try MatrixLiteral.parse(text) } catch { preconditionFailure("bad literal \(text)") }
    }

    static func traces() throws -> (CNNForwardTrace, CNNBackwardTrace) {
        let network = try SmallCNN(filters: [matrix("1 0 -1; 2 0 -2; 1 0 -1"), matrix("1 2 1; 0 0 0; -1 -2 -1")], biases: [0.5, -0.5],
                                   denseWeights: matrix("0.1 -0.1 0.2 0 -0.1 0.1 0 -0.2; -0.1 0.2 -0.1 0.1 0.1 -0.2 0.1 0.1; 0 -0.1 0 -0.1 0.2 0.1 -0.1 0.1"),
                                   denseBias: [0.1, 0, -0.1])
        let image = matrix("1 3 3 1 2 2; 3 0 1 2 1 3; 3 3 1 3 0 2; 1 0 2 3 3 0; 3 3 1 0 3 3; 1 0 0 1 3 1")
        let forward = try network.forward(image, target: [0, 1, 0])
        return (forward, try network.backward(forward, target: [0, 1, 0]))
    }

    /// The colour a short way inside the top-left corner of a cell (away from its number and note).
    static func corner(_ image: RGBAImage, _ grid: Grid, _ r: Int, _ c: Int) -> (r: Int, g: Int, b: Int) {
        let rect = grid.cellRect(r, c)
        let p = image.pixel(x: Int(rect.x + rect.width * 0.2), y: Int(rect.y + rect.height * 0.2))
        return (Int(p.r), Int(p.g), Int(p.b))
    }

    static func isOrange(_ p: (r: Int, g: Int, b: Int)) -> Bool { p.r > p.b + 40 && p.g > p.b }
    static func isWhite(_ p: (r: Int, g: Int, b: Int)) -> Bool { p.r > 245 && p.g > 245 && p.b > 245 }

    @Test func theFiguresAreOnePerLayerEachWayAndAnOverview() throws {
        let (forward, backward) = try Self.traces()
        let names = CNNFigures.figures(forward, backward).map(\.name)
        #expect(names == ["overview", "forward-1-conv", "forward-2-relu", "forward-3-pool", "forward-4-flatten", "forward-5-dense",
                          "backward-5-dense", "backward-4-flatten", "backward-3-pool", "backward-2-relu", "backward-1-conv"])
    }

    @Test func maxPoolingMarksEachWindowsWinner() throws {
        let (forward, backward) = try Self.traces()
        let figure = try #require(CNNFigures.figures(forward, backward).first { $0.name == "forward-3-pool" })
        let image = try PNGCodec.decode(try FigureRenderer.render(figure, options: RenderOptions()))
        #expect(image.width == 1280 && image.height == 720)
        let grids = CNNFigures.poolingLayout(forward)
        // a₁: the windows' winners are a₁[2,1] = 5.5, a₁[2,4] = 4.5, a₁[4,1] = 4.5, a₁[3,4] = 4.5.
        for (r, c) in [(1, 0), (1, 3), (3, 0), (2, 3)] {
            #expect(Self.isOrange(Self.corner(image, grids[0][0], r, c)), "a₁[\(r + 1),\(c + 1)] won its window")
        }
        #expect(Self.isWhite(Self.corner(image, grids[0][0], 0, 0)), "a₁[1,1] = 4.5 lost to 5.5")
        #expect(Self.isWhite(Self.corner(image, grids[0][0], 3, 1)), "a₁[4,2] = 2.5 lost to 4.5")
        // a₂: a₂[4,2] = 5.5 won window (2,1); a₂[4,1] = 1.5 did not.
        #expect(Self.isOrange(Self.corner(image, grids[0][1], 3, 1)))
        #expect(Self.isWhite(Self.corner(image, grids[0][1], 3, 0)))
    }

    @Test func poolRoutingSendsTheGradientOnlyToTheWinners() throws {
        let (forward, backward) = try Self.traces()
        let figure = try #require(CNNFigures.figures(forward, backward).first { $0.name == "backward-3-pool" })
        let image = try PNGCodec.decode(try FigureRenderer.render(figure, options: RenderOptions()))
        let grids = CNNFigures.poolingBackwardLayout(forward, backward)
        #expect(Self.isOrange(Self.corner(image, grids[1][0], 1, 0)), "∂L/∂a₁[2,1] received ∂L/∂p₁[1,1]")
        #expect(Self.isWhite(Self.corner(image, grids[1][0], 0, 0)), "∂L/∂a₁[1,1] received nothing")
        #expect(Self.isOrange(Self.corner(image, grids[1][1], 3, 2)), "∂L/∂a₂[4,3] received ∂L/∂p₂[2,2]")
    }
}
