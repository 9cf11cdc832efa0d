import LessonCore

extension Pool2D {
    /// The pooling a `pool2d-*` question describes: `op` (max, avg or min), `size` (default 2), `stride`
    /// (default: the size), `padding` (default 0), `count_include_pad` (default true) and `ceil_mode`
    /// (default false), as PyTorch names them.
    static func from(_ parameters: QuestionParameters) throws -> Pool2D {
        let op = PoolingOp(rawValue: try parameters.choice("op", PoolingOp.allCases.map(\.rawValue), default: "max")) ?? .max
        let size = try parameters.pair("size", default: Pair2(2))
        return Pool2D(op: op, size: size, stride: try parameters.pair("stride", default: size),
                      padding: try parameters.pair("padding", default: Pair2(0)),
                      countIncludePad: try parameters.bool("count_include_pad", default: true),
                      ceilMode: try parameters.bool("ceil_mode", default: false))
    }

    /// The question sheet's line: `max pooling, window 2, stride 2, padding 0` (and ceil_mode, and how an average counts padding).
    var sheetLine: String {
        var line = "\(op.word) pooling, window \(size), stride \(stride), padding \(padding)"
        if op == .avg, padding != Pair2(0) { line += countIncludePad ? " (counted in the average)" : " (not counted in the average)" }
        if ceilMode { line += ", ceil_mode (the output size rounded up)" }
        return line
    }

    /// The output of this pooling (whose trace is `trace`) with the output size rounded the other way, when that
    /// changes the output: the mistake of dropping a ceil_mode question's partial last window, or of adding one to
    /// a floor-mode question.
    func otherRounding(of trace: PoolingTrace) -> (name: String, output: Tensor)? {
        var other = self
        other.ceilMode.toggle()
        guard let theirs = try? other.forward(trace.input), theirs.output.shape != trace.output.shape else { return nil }
        return (ceilMode ? "the output size rounded down (ceil_mode left out: the partial last window dropped)"
                         : "the output size rounded up (ceil_mode: a partial last window added)", theirs.output)
    }
}
