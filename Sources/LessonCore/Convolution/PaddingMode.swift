/// The three named amounts of zero padding of the course notes (seeds/003).
///
/// With effective kernel size k' = d(k − 1) + 1 along an axis of n cells, at stride 1:
/// - full: p = k' − 1, every position where kernel and input overlap in at least one cell,
///   output n + k' − 1 (the size of the mathematical convolution of the notes);
/// - valid: p = 0, only positions where the kernel lies wholly on the input, output n − k' + 1;
/// - same: p = (k' − 1)/2, output n. Symmetric only when k' is odd; PyTorch's and Keras's
///   `padding="same"` put the extra zero at the end (bottom, right) otherwise.
public enum PaddingMode: String, Sendable, Codable, CaseIterable {
    case full, valid, same

    /// The padding on each side along one axis, or an `InputError` when it cannot be symmetric.
    public func padding(kernel: Int, dilation: Int = 1, axis: String) throws -> Int {
        if dilation > OutputSize.largestSetting {
            throw InputError(.outOfRange(setting: "dilation", axis: axis, value: dilation, limit: .atMost(OutputSize.largestSetting)))
        }
        let total = dilation * max(kernel - 1, 0)
        switch self {
        case .full: return total
        case .valid: return 0
        case .same:
            guard total % 2 == 0 else {
                throw InputError("\"same\" padding needs d(k − 1) = \(dilation)×(\(kernel) − 1) = \(total) zeros along the \(axis), which cannot be split evenly between the two sides, and this lesson pads both sides alike; use an odd kernel, or 'lesson run conv2d --padding same' (or conv2d-backward, conv2d-modes, conv1d, conv-channels), which pad as Keras does with the extra zero at the bottom and right")
            }
            return total / 2
        }
    }

    /// The padding on each side for a kernel of shape rows × columns.
    public func padding(kernelShape: [Int], dilation: Pair2 = Pair2(1)) throws -> Pair2 {
        precondition(kernelShape.count == 2, "a 2-D kernel shape, got \(kernelShape)")
        return Pair2(rows: try padding(kernel: kernelShape[0], dilation: dilation.rows, axis: "rows"),
                     columns: try padding(kernel: kernelShape[1], dilation: dilation.columns, axis: "columns"))
    }

    /// A sentence on what the mode keeps, for traces.
    public var explanation: String {
        switch self {
        case .full: return "full: p = k − 1, every position where kernel and input overlap in at least one cell; output (n + k − 1) per axis"
        case .valid: return "valid: p = 0, only positions where the kernel lies wholly on the input; output (n − k + 1) per axis"
        case .same: return "same: p = (k − 1)/2, the output keeps the input's size at stride 1"
        }
    }
}
