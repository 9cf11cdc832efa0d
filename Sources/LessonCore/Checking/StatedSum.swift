import Foundation

/// A sum of products as a slide writes it: `1×1 + 0×(−1) + … + 0 = 2`.
///
/// The last term without a `×` is the bias; the number after `=` is the stated value.
public struct StatedSum: Equatable, Sendable, Codable {
    /// The (input, weight) pairs in the order written.
    public var products: [Pair]
    /// The bias written at the end, if any.
    public var bias: Double?
    /// The value the slide says the sum comes to.
    public var value: Double

    /// One product `a×b` of a stated sum.
    public struct Pair: Equatable, Sendable, Codable {
        public var input: Double
        public var weight: Double
        public init(input: Double, weight: Double) { self.input = input; self.weight = weight }
    }

    /// Creates a stated sum from its parts.
    public init(products: [Pair], bias: Double?, value: Double) {
        self.products = products
        self.bias = bias
        self.value = value
    }

    /// What the stated terms actually add up to.
    public var sumOfTerms: Double { products.reduce(0) { $0 + $1.input * $1.weight } + (bias ?? 0) }

    /// Parses `1×1 + 0×(−1) + … + 0 = 2`; `*` and `x` work for `×`, `-` for `−`.
    public static func parse(_ text: String) throws -> StatedSum {
        let sides = text.split(separator: "=", omittingEmptySubsequences: false)
        guard sides.count == 2, let value = MatrixLiteral.parseNumber(strip(sides[1])) else {
            throw InputError("the sum \"\(text)\" must look like \"1×1 + 0×(−1) + … + 0 = 2\": terms, '=' and the value")
        }
        var products: [Pair] = []
        var bias: Double?
        let terms = sides[0].split(separator: "+").map { strip($0) }
        for (n, term) in terms.enumerated() {
            let factors = term.split { $0 == "×" || $0 == "*" || $0 == "x" }.map { strip($0) }
            if factors.count == 2, let a = MatrixLiteral.parseNumber(factors[0]), let b = MatrixLiteral.parseNumber(factors[1]) {
                products.append(Pair(input: a, weight: b))
            } else if factors.count == 1, n == terms.count - 1, let b = MatrixLiteral.parseNumber(factors[0]) {
                bias = b
            } else {
                throw InputError("term \(n + 1) of the sum, \"\(term)\", is not a product such as 3×(−2) (only the last term, the bias, may stand alone)")
            }
        }
        return StatedSum(products: products, bias: bias, value: value)
    }

    private static func strip<S: StringProtocol>(_ text: S) -> String {
        var s = String(text).trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("("), s.hasSuffix(")") { s = String(s.dropFirst().dropLast()) }
        return s
    }
}
