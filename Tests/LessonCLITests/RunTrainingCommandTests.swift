import LessonTestSupport
import Foundation
import Testing

/// `lesson run gradient-descent` and `lesson run optimizers` as a person runs them.
@Suite struct RunTrainingCommandTests {
    private func json(_ result: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// The notes' numbers in `--json` after one epoch: J₀ = 27.25; GD 1.425; SGD 0.2, 0.92, 1.592,
    /// 2.2448; mini-batch 0.5, 2.225 (the text is `References/gradient-descent.txt`).
    @Test func gradientDescentNotesExample() throws {
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
    }

    /// A J that converges to a nonzero value below 10⁻⁴ is written m×10ⁿ: the bowl's SGD ended at
    /// J = 4.4×10⁻⁷ (the JSON's last loss) and the text printed "J = 0" (a named 4 decimals).
    @Test func optimizersWriteASmallLossNotZero() throws {
        let text = try runLesson(["run", "optimizers", "--variant", "bowl", "--no-figures"]).stdout
        #expect(text.contains("Where each ends, after 40 steps: sgd J = 4.4×10⁻⁷, momentum J = 0.3366, nesterov J = 0.0001, rmsprop J = 4.4×10⁻⁶, adam J = 0.4232"))
        #expect(!text.contains("J = 0,") && !text.contains("J = 0\n"))
        let object = try json(try runLesson(["run", "optimizers", "--variant", "bowl", "--json", "--no-figures"]))
        let sgd = try #require((object["losses"] as? [String: [Double]])?["sgd"]?.last)
        #expect(abs(sgd - 4.4e-7) < 5e-9, "the text writes the JSON's number: \(sgd)")
        // A coordinate of θ that rounds to 0 at 4 decimals is written as the JSON holds it.
        #expect(text.contains("  After 40 steps: θ = (−0.0021, 1.3×10⁻⁵), J = 4.4×10⁻⁶"))
        let rmsprop = try #require((object["trajectories"] as? [String: [[Double]]])?["rmsprop"]?.last)
        #expect(abs(rmsprop[1] - 1.3e-5) < 5e-7, "the text writes the JSON's y: \(rmsprop)")
    }

    /// `lesson run backprop` with a batch: the per-example δs, their average and the batch gradient
    /// (numbers from torch autograd on the same network, float64). The text of the batch,
    /// equal-weights and random-init variants is in their reference files.
    @Test func backpropBatch() throws {
        let result = try runLesson(["run", "backprop", "--variant", "batch", "--json", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let batch = try #require(try json(result)["batch"] as? [String: Any])
        #expect(batch["count"] as? Int == 3)
        #expect(abs((batch["loss"] as? Double ?? .nan) - 0.21542953173196594) < 1e-14)
        let grad = try #require(batch["grad_weights"] as? [[[Double]]])
        #expect(abs(grad[0][0][1] - -0.22579874459649438) < 1e-14 && abs(grad[1][0][1] - -0.3484807410617169) < 1e-14)
        #expect(abs(((batch["grad_bias"] as? [[Double]])?[0][1] ?? .nan) - 0.03156086805210134) < 1e-14)
        #expect((batch["deltas"] as? [[[Double]]])?.count == 3)
        // The existing example is unchanged: no batch key.
        let plain = try runLesson(["run", "backprop", "--json", "--no-figures"])
        #expect(try json(plain)["batch"] == nil)
    }

    /// Bad input: one sentence, exit 1.
    @Test(arguments: [
        (["run", "optimizers", "--learning-rate", "0"], "error: --learning-rate: the learning rate must be a number above 0, got 0"),
        (["run", "optimizers", "--learning-rate", "nan"], "error: The value 'nan' is invalid for '--learning-rate <α>': it is not a finite number; nan and inf are refused; --help lists the options"),
        (["run", "gradient-descent", "--learning-rate", "-1"], "error: --learning-rate: the learning rate must be a number above 0, got −1"),
        (["run", "optimizers", "--surface", "x^2 + (y"], "error: the expression \"x^2 + (y\" does not parse at the end (column 9): expected ')' to close the '(' at column 7"),
        (["run", "optimizers", "--optimizer", "sgd,lbfgs"], "error: --optimizer sgd,lbfgs: 'lbfgs' is not an optimizer; expected a comma list of sgd, momentum, nesterov, rmsprop, adam (or all)"),
        (["run", "optimizers", "--surface", "valley", "--optimizer", "sgd", "--learning-rate", "1", "--steps", "1000"],
         "error: sgd diverged: J = x^2 + 10*y^2 became non-finite at step 121 of 1000 with learning rate 1; use a smaller --learning-rate or fewer --steps"),
        (["run", "gradient-descent", "--x", "1 2 3", "--y", "1 2"], "error: the data set has 3 inputs x but 2 targets y; give one target per input"),
    ] as [([String], String)])
    func badInput(arguments: [String], message: String) throws {
        let result = try runLesson(arguments + ["--no-figures"])
        expectRefusal(result, message)
    }
}
