/// Which of the two operations called "convolution" is computed.
public enum ConvolutionMode: String, Sendable, Codable, CaseIterable {
    /// Cross-correlation: the kernel is laid on the window as printed. This is what
    /// CNN layers (PyTorch `conv2d`, Keras `Conv2D`) and every slide of the course compute.
    case crossCorrelation = "cross-correlation"
    /// The mathematical convolution: the kernel is rotated by 180° before it is laid on the window.
    case convolution

    /// A sentence for traces: which operation, and what was done to the kernel.
    public var explanation: String {
        switch self {
        case .crossCorrelation: return "cross-correlation (the kernel is laid on each window as printed, no flip; what CNN layers compute)"
        case .convolution: return "true convolution (the kernel is rotated by 180° before it is laid on each window)"
        }
    }
}
