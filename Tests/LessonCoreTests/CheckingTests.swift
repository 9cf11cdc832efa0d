import Testing
@testable import LessonCore

/// The two real mismatches of the notes' 5×5 example (EXAMPLES.md, last section).
@Suite struct CheckingTests {
    let input = Tensor(rows: [[1, 0, 3, 0, 2], [0, 3, 4, 0, 2], [1, 0, 2, 0, 1], [8, 12, 0, 1, 0], [0, 6, 3, 2, 0]])
    let kernel = Tensor(rows: [[1, -1, 0], [0, 2, -2], [-1, 0, 2]])

    @Test func thePrintedKernelAndTheMiscountedSumAreBothCaught() throws {
        let trace = try Conv2D(kernel: kernel).forward(input)
        let printed = Tensor(rows: [[1, -1, 0], [0, 2, -3], [-1, 0, 2]])
        let slideOutput = Tensor(rows: [[2, 5, -1], [-15, -7, 2], [31, -8, 1]])
        let sum = try StatedSum.parse("0×1 + 2×(−1) + 0×0 + 12×0 + 0×2 + 1×(−2) + 6×(−1) + 3×0 + 2×2 + 0 = −8")
        let mismatches = trace.check(statedOutput: slideOutput, statedKernel: printed,
                                     statedCells: [StatedCell(row: 2, column: 1, sum: sum)])
        #expect(mismatches.map(\.subject) == ["kernel[2,3]", "z[3,2] (worked sum)"])
        #expect(mismatches[0].details.contains("with the stated kernel, z[1,1] would be −2, not 2"))
        #expect(mismatches[1].stated == "−8" && mismatches[1].recomputed == "−6")
        #expect(mismatches[1].details.contains("the stated terms add up to −6, not −8"))
    }

    @Test func aWrongWeightInAWorkedSumIsNamedWithItsPlace() throws {
        let trace = try Conv2D(kernel: kernel).forward(input)
        let sum = try StatedSum.parse("1×1 + 0×(−1) + 3×0 + 0×0 + 3×2 + 4×(−3) + 1×(−1) + 0×0 + 2×2 + 0 = −2")
        let mismatches = trace.check(statedOutput: nil, statedCells: [StatedCell(row: 0, column: 0, sum: sum)])
        #expect(mismatches.count == 1)
        #expect(mismatches[0].details.contains("term 6 uses weight −3 where the kernel has −2 at [2,3]"))
    }

    @Test func agreeingStatementsGiveNoMismatch() throws {
        let trace = try Conv2D(kernel: kernel).forward(input)
        #expect(trace.check(statedOutput: trace.output, statedKernel: kernel).isEmpty)
    }
}
