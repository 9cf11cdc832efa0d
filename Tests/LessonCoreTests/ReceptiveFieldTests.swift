import LessonTestSupport
import Testing
@testable import LessonCore

/// The receptive field formula against a second formulation: the interval of input cells
/// that output cell 0 of the last layer depends on, walked back layer by layer.
@Suite struct ReceptiveFieldTests {
    @Test func knownStacks() throws {
        #expect(try ReceptiveField(layers: []).size == 1)
        #expect(try ReceptiveField(layers: [.init(kernel: 3)]).size == 3)
        #expect(try ReceptiveField(layers: [.init(kernel: 3), .init(kernel: 3)]).size == 5)
        #expect(try ReceptiveField(layers: [.init(kernel: 3), .init(kernel: 2, stride: 2), .init(kernel: 3)]).size == 8)
        #expect(try ReceptiveField(layers: [.init(kernel: 3), .init(kernel: 3, dilation: 2), .init(kernel: 3, dilation: 4)]).size == 15)
        #expect(try ReceptiveField(layers: [.init(kernel: 3), .init(kernel: 2, stride: 2), .init(kernel: 3)]).steps.map(\.text) == [
            "layer 1: r = 1 + (3 − 1)·1 = 3, jump 1·1 = 1",
            "layer 2: r = 3 + (2 − 1)·1 = 4, jump 1·2 = 2",
            "layer 3: r = 4 + (3 − 1)·2 = 8, jump 2·1 = 2",
        ])
    }

    /// Property: over seeded stacks, r equals the width of the input interval that one output
    /// cell sees: [lo, hi] at layer l comes from [lo·s, hi·s + d(k − 1)] at layer l − 1.
    @Test func matchesTheWalkedBackInterval() throws {
        for seed in UInt64(1)...300 {
            var g = SplitMix64(seed: seed)
            let layers = (0..<Int.random(in: 1...6, using: &g)).map { _ in
                ReceptiveField.Layer(kernel: Int.random(in: 1...7, using: &g), stride: Int.random(in: 1...3, using: &g),
                                     dilation: Int.random(in: 1...3, using: &g))
            }
            var lo = 0, hi = 0
            for layer in layers.reversed() {
                lo = lo * layer.stride
                hi = hi * layer.stride + layer.dilation * (layer.kernel - 1)
            }
            #expect(try ReceptiveField(layers: layers).size == hi - lo + 1, "seed \(seed): \(layers)")
        }
    }

    @Test func badLayersAreOneSentence() {
        #expect(throws: InputError.self) { try ReceptiveField(layers: [.init(kernel: 0)]) }
        #expect(throws: InputError.self) { try ReceptiveField(layers: [.init(kernel: 3, stride: 0)]) }
    }
}
