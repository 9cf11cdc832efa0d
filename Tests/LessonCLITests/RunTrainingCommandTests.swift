import LessonTestSupport
import Foundation
import Testing

/// `lesson run gradient-descent` and `lesson run optimizers` as a person runs them.
@Suite struct RunTrainingCommandTests {
    private func json(_ result: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// The notes' numbers, in the text and in `--json`: J₀ = 27.25; GD 1.425; SGD 0.2, 0.92,
    /// 1.592, 2.2448; mini-batch 0.5, 2.225; checked against the lesson file with --strict.
    @Test func gradientDescentNotesExample() throws {
        let text = try runLesson(["run", "gradient-descent", "--no-figures", "--strict"])
        #expect(text.status == 0, "stderr: \(text.stderr)")
        #expect(text.stdout.contains("J₀ = (1/4)[(0 − 2)² + (0 − 4)² + (0 − 5)² + (0 − 8)²] = (1/4)(4 + 16 + 25 + 64) = 27.25"))
        #expect(text.stdout.contains("average (1/4)((−4) + (−16) + (−30) + (−64)) = −28.5; θ = 0 − 0.05×(−28.5) = 1.425"))
        #expect(text.stdout.contains("∂J₂/∂θ = 2(0.2×2 − 4)×2 = −14.4"))
        #expect(text.stdout.contains("average (1/2)((−21) + (−48)) = −34.5; θ = 0.5 − 0.05×(−34.5) = 2.225"))
        #expect(text.stdout.contains("with N = 100, GD makes 1 update per epoch, SGD 100, and mini-batches of 20 make 5"))
        #expect(text.stdout.contains("GD converges exactly when α < 2/λ_max = 0.1333"))
        #expect(text.stdout.contains("in agreement with the recomputation: 8 stated values"))

        let result = try runLesson(["run", "gradient-descent", "--json", "--no-figures", "--epochs", "1"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try json(result)
        #expect(object["initial_loss"] as? Double == 27.25)
        let methods = try #require(object["methods"] as? [String: [String: Any]])
        func close(_ a: [Double]?, _ b: [Double]) -> Bool { (a ?? []).count == b.count && zip(a ?? [], b).allSatisfy { abs($0 - $1) < 1e-12 } }
        #expect(close(methods["gd"]?["theta"] as? [Double], [1.425]))
        #expect(close(methods["sgd"]?["theta"] as? [Double], [0.2, 0.92, 1.592, 2.2448]))
        #expect(close(methods["mini-batch"]?["theta"] as? [Double], [0.5, 2.225]))
        #expect((methods["sgd"]?["loss"] as? [Double])?.count == 4)
    }

    /// `--seed` shuffles (the same seed, the same bytes); `--no-shuffle` gives back the order given.
    @Test func gradientDescentShuffling() throws {
        let a = try runLesson(["run", "gradient-descent", "--json", "--no-figures", "--seed", "3"])
        let b = try runLesson(["run", "gradient-descent", "--json", "--no-figures", "--seed", "3"])
        #expect(a.status == 0 && a.stdout == b.stdout)
        let orders = try #require(try json(a)["orders"] as? [[Int]])
        #expect(orders.allSatisfy { $0.sorted() == [0, 1, 2, 3] } && orders.contains { $0 != [0, 1, 2, 3] })
        let off = try runLesson(["run", "gradient-descent", "--json", "--no-figures", "--seed", "3", "--no-shuffle"])
        #expect(try json(off)["orders"] as? [[Int]] == Array(repeating: [0, 1, 2, 3], count: 5))
        let intercept = try runLesson(["run", "gradient-descent", "--variant", "intercept", "--no-figures"])
        #expect(intercept.status == 0 && intercept.stdout.contains("∂J₁/∂b = 2(0×1 + 0 − 2) = −4"), "\(intercept.stdout.prefix(3000))")
    }

    /// `trajectories` and `losses` map every optimizer to steps + 1 values.
    @Test func optimizersJson() throws {
        let result = try runLesson(["run", "optimizers", "--json", "--no-figures", "--surface", "x^2 + 10*y^2", "--steps", "7",
                                    "--start", "-4,1.5", "--learning-rate", "0.01"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try json(result)
        let trajectories = try #require(object["trajectories"] as? [String: [[Double]]])
        let losses = try #require(object["losses"] as? [String: [Double]])
        #expect(Set(trajectories.keys) == ["sgd", "momentum", "nesterov", "rmsprop", "adam"])
        #expect(trajectories.values.allSatisfy { $0.count == 8 } && losses.values.allSatisfy { $0.count == 8 })
        #expect(trajectories["sgd"]?[1] == [-3.92, 1.2] && losses["sgd"]?[0] == 38.5)
        let adam = try #require(trajectories["adam"]?[1])
        #expect(abs(adam[0] - -3.99) < 1e-9 && abs(adam[1] - 1.49) < 1e-9, "Adam's first step moves each coordinate by α")
        let one = try runLesson(["run", "optimizers", "--optimizer", "adam", "--no-figures"])
        #expect(one.status == 0 && one.stdout.contains("denominator = √v/√(1 − 0.999^1) + ε"))
        #expect(!one.stdout.contains("Momentum (momentum)"))
    }


    /// `lesson run backprop` with a batch: the per-example δs, their average and the batch gradient
    /// (numbers from torch autograd on the same network, float64); the equal-weights variant's symmetry.
    @Test func backpropBatchAndInitialisation() throws {
        let result = try runLesson(["run", "backprop", "--variant", "batch", "--json", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let batch = try #require(try json(result)["batch"] as? [String: Any])
        #expect(batch["count"] as? Int == 3)
        #expect(abs((batch["loss"] as? Double ?? .nan) - 0.21542953173196594) < 1e-14)
        let grad = try #require(batch["grad_weights"] as? [[[Double]]])
        #expect(abs(grad[0][0][1] - -0.22579874459649438) < 1e-14 && abs(grad[1][0][1] - -0.3484807410617169) < 1e-14)
        #expect(abs(((batch["grad_bias"] as? [[Double]])?[0][1] ?? .nan) - 0.03156086805210134) < 1e-14)
        #expect((batch["deltas"] as? [[[Double]]])?.count == 3)
        let text = try runLesson(["run", "backprop", "--variant", "batch", "--no-figures"])
        #expect(text.stdout.contains("average δ⁽²⁾ = (1/3)[(−0.6617) + (0.7936) + (−0.2664)] = (−0.0448)"))
        #expect(text.stdout.contains("Seed 000 numbers the input layer 1 and writes w⁽ˡ⁾ᵢⱼ for the weight from unit i of layer l to unit j of layer l + 1"))
        let equal = try runLesson(["run", "backprop", "--variant", "equal-weights", "--no-figures"])
        #expect(equal.stdout.contains("δ⁽¹⁾₃ = (w⁽²⁾₁₃δ⁽²⁾₁) × f′(z⁽¹⁾₃) = (0.3×(−0.4203)) × (1 − 0.4219²) = (−0.1261) × 0.822 = −0.1036"))
        #expect(equal.stdout.contains("after the update their weights are still identical"))
        let random = try runLesson(["run", "backprop", "--variant", "random-init", "--no-figures"])
        #expect(random.status == 0 && !random.stdout.contains("Symmetry:") && random.stdout.contains("with seed 1 (SplitMix64)"))
        // The seed's own indexing: input = layer 1, w_ij from unit i to unit j.
        let seed = try runLesson(["run", "backprop", "--variant", "by-hand", "--indexing", "seed", "--no-figures"])
        #expect(seed.status == 0 && seed.stdout.contains("  δ⁽³⁾ = (−0.488)   (this lesson's δ⁽²⁾)"))
        #expect(seed.stdout.contains("∂L/∂w⁽²⁾₂₁ = −0.2803"))
        // The existing example is unchanged: no batch key.
        let plain = try runLesson(["run", "backprop", "--json", "--no-figures"])
        #expect(try json(plain)["batch"] == nil)
    }

    /// Bad input: one sentence, exit 1.
    @Test(arguments: [
        (["run", "optimizers", "--learning-rate", "0"], "error: --learning-rate: the learning rate must be a number above 0, got 0\n"),
        (["run", "optimizers", "--learning-rate", "nan"], "error: The value 'nan' is invalid for '--learning-rate <α>': it is not a finite number; nan and inf are refused; --help lists the options\n"),
        (["run", "gradient-descent", "--learning-rate", "-1"], "error: --learning-rate: the learning rate must be a number above 0, got −1\n"),
        (["run", "optimizers", "--surface", "x^2 + (y"], "error: the expression \"x^2 + (y\" does not parse at the end (column 9): expected ')' to close the '(' at column 7\n"),
        (["run", "optimizers", "--optimizer", "sgd,lbfgs"], "error: --optimizer sgd,lbfgs: 'lbfgs' is not an optimizer; expected a comma list of sgd, momentum, nesterov, rmsprop, adam (or all)\n"),
        (["run", "optimizers", "--surface", "valley", "--optimizer", "sgd", "--learning-rate", "1", "--steps", "1000"],
         "error: sgd diverged: J = x^2 + 10*y^2 became non-finite at step 121 of 1000 with learning rate 1; use a smaller --learning-rate or fewer --steps\n"),
        (["run", "gradient-descent", "--x", "1 2 3", "--y", "1 2"], "error: the data set has 3 inputs x but 2 targets y; give one target per input\n"),
    ] as [([String], String)])
    func badInput(arguments: [String], message: String) throws {
        let result = try runLesson(arguments + ["--no-figures"])
        #expect(result.status == 1, "stdout: \(result.stdout)")
        #expect(result.stderr == message)
    }
}
