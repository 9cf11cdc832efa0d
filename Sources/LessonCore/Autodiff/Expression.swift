/// An arithmetic expression of numbers and variables, as the parser reads it.
///
/// Built from +, −, ×, ÷, powers and the functions sin, cos, exp, log (natural), tanh and
/// sigmoid; `ComputationGraph` turns it into nodes.
public indirect enum Expression: Hashable, Sendable {
    /// A constant.
    case number(Double)
    /// A named input such as x.
    case variable(String)
    /// −a.
    case negate(Expression)
    /// A function of one argument.
    case function(GraphOperation, Expression)
    /// a ∘ b for +, −, ×, ÷ and ^.
    case binary(GraphOperation, Expression, Expression)
}

/// What a node of a computation graph computes, with its local derivatives.
public enum GraphOperation: String, Codable, CaseIterable, Sendable {
    case variable, constant
    case add, subtract, multiply, divide, power, negate
    case sin, cos, exp, log, tanh, sigmoid

    /// The functions an expression may call, by name.
    public static let functions: [GraphOperation] = [.sin, .cos, .exp, .log, .tanh, .sigmoid]

    /// Whether this is a function of one argument written `name(a)`.
    public var isFunction: Bool { Self.functions.contains(self) }
}
