/// The loss surfaces the optimizers lesson knows by name, each an expression in x and y.
public enum NamedSurface: String, Codable, Sendable, CaseIterable {
    /// x² + y²: round contours, every optimizer heads straight in.
    case bowl
    /// x² + 10y²: an elongated valley, where plain SGD zig-zags across and momentum helps.
    case valley
    /// (1 − x)² + 100(y − x²)²: a curved, flat-bottomed valley with its minimum at (1, 1).
    case rosenbrock
    /// x² − y²: a saddle at the origin, where the gradient vanishes but J has no minimum.
    case saddle

    /// The expression, as the autodiff parser reads it.
    public var expression: String {
        switch self {
        case .bowl: return "x^2 + y^2"
        case .valley: return "x^2 + 10*y^2"
        case .rosenbrock: return "(1 - x)^2 + 100*(y - x^2)^2"
        case .saddle: return "x^2 - y^2"
        }
    }

    /// A start that shows the surface's character.
    public var start: (x: Double, y: Double) {
        switch self {
        case .bowl: return (-4, 3)
        case .valley: return (-4, 1.5)
        case .rosenbrock: return (-1.5, 2)
        case .saddle: return (-2, 0.01)
        }
    }

    /// The plotted window.
    public var window: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        switch self {
        case .bowl: return (-5...5, -4...4)
        case .valley: return (-5...5, -2.5...2.5)
        case .rosenbrock: return (-2...2, -1...3)
        case .saddle: return (-3...3, -2.5...2.5)
        }
    }
}
