import Foundation

/// Reads an expression such as `cos(sin(x^2) + 3x^2)`.
///
/// Grammar (loosest first): sum = product {(+|−) product}; product = signed {(×|÷) signed |
/// implicit power}; signed = (−|+) signed | power; power = postfix [^ signed]; postfix =
/// primary {² | ³}; primary = number | name | name(sum) | (sum). So −x^2 = −(x²), 2^3^2 =
/// 2^(3^2), and `3x^2` = 3·x². `*`, `/`, `-`, `**` work for ×, ÷, −, ^; `ln` is log and `σ`
/// sigmoid; `pi`/`π` is π. Errors name the column (1-based) where reading stopped.
public struct ExpressionParser {
    private let text: String
    private let characters: [Character]
    private var position = 0
    /// How many signs, powers and parentheses the parser is inside; bounded so a deep expression is an error, not a stack overflow.
    private var depth = 0

    /// The deepest nesting of parentheses, functions, signs and powers accepted.
    public static let maximumDepth = 100
    /// The longest expression accepted: every node is traced, and the graph is walked recursively.
    public static let maximumLength = 1000

    /// Parses `text`, or throws an `InputError` that names the column and what was expected.
    public static func parse(_ text: String) throws -> Expression {
        var parser = ExpressionParser(text: text)
        parser.skipSpaces()
        guard !parser.atEnd else { throw InputError("the expression is empty; write one such as cos(sin(x^2) + 3x^2)") }
        guard parser.characters.count <= maximumLength else {
            throw InputError("the expression is \(parser.characters.count) characters long; the lesson traces expressions of at most \(maximumLength)")
        }
        let expression = try parser.sum()
        parser.skipSpaces()
        if !parser.atEnd {
            let c = parser.characters[parser.position]
            throw parser.failure(c == ")" ? "there is a ')' with no '(' to close" : "unexpected '\(c)'; expected an operator such as + or × here")
        }
        return expression
    }

    private init(text: String) {
        self.text = text
        self.characters = Array(text)
    }

    private var atEnd: Bool { position >= characters.count }
    private var current: Character? { atEnd ? nil : characters[position] }

    private mutating func skipSpaces() {
        while let c = current, c.isWhitespace { position += 1 }
    }

    private func failure(_ message: String, at column: Int? = nil) -> InputError {
        let where_ = column ?? position
        let place = where_ >= characters.count ? "at the end (column \(characters.count + 1))" : "at column \(where_ + 1)"
        let shown = text.count > 80 ? String(text.prefix(80)) + "…" : text
        return InputError("the expression \"\(shown)\" does not parse \(place): \(message)")
    }

    private mutating func sum() throws -> Expression {
        var left = try product()
        while true {
            skipSpaces()
            guard let c = current, c == "+" || c == "-" || c == "−" else { return left }
            position += 1
            let right = try product()
            left = .binary(c == "+" ? .add : .subtract, left, right)
        }
    }

    private mutating func product() throws -> Expression {
        var left = try signed()
        while true {
            skipSpaces()
            guard let c = current else { return left }
            if c == "*" && next == "*" { return left } // `**` is a power, handled below signed
            if c == "*" || c == "×" || c == "·" || c == "/" || c == "÷" {
                position += 1
                let right = try signed()
                left = .binary(c == "/" || c == "÷" ? .divide : .multiply, left, right)
            } else if c.isLetter || c == "(" || c == "σ" || c == "π" || Self.isDigit(c) || c == "." {
                // Implicit product: 3x, 2(x + 1), x sin(x).
                let right = try power()
                left = .binary(.multiply, left, right)
            } else {
                return left
            }
        }
    }

    private var next: Character? { position + 1 < characters.count ? characters[position + 1] : nil }

    private mutating func signed() throws -> Expression {
        skipSpaces()
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw failure("the expression nests more than \(Self.maximumDepth) levels deep (parentheses, functions, signs and powers)")
        }
        if let c = current, c == "-" || c == "−" || c == "+" {
            position += 1
            let operand = try signed()
            return c == "+" ? operand : .negate(operand)
        }
        return try power()
    }

    private mutating func power() throws -> Expression {
        let base = try postfix()
        skipSpaces()
        if current == "^" {
            position += 1
            return .binary(.power, base, try signed())
        }
        if current == "*" && next == "*" {
            position += 2
            return .binary(.power, base, try signed())
        }
        return base
    }

    private mutating func postfix() throws -> Expression {
        var base = try primary()
        while let c = current, c == "²" || c == "³" {
            position += 1
            base = .binary(.power, base, .number(c == "²" ? 2 : 3))
        }
        return base
    }

    private mutating func primary() throws -> Expression {
        skipSpaces()
        guard let c = current else { throw failure("expected a number, a variable, a function or '('") }
        let start = position
        if Self.isDigit(c) || c == "." {
            while let d = current, Self.isDigit(d) || d == "." { position += 1 }
            // An exponent such as 1e-3.
            if let e = current, e == "e" || e == "E", let after = next, Self.isDigit(after) || after == "-" || after == "+" {
                let save = position
                position += 2
                while let d = current, Self.isDigit(d) { position += 1 }
                if !characters[(save + 1)..<position].contains(where: Self.isDigit) { position = save }
            }
            let literal = String(characters[start..<position])
            guard let value = Double(literal) else { throw failure("'\(literal)' is not a number", at: start) }
            return .number(value)
        }
        if c == "(" {
            position += 1
            let inner = try sum()
            skipSpaces()
            guard current == ")" else {
                throw failure("expected ')' to close the '(' at column \(start + 1)")
            }
            position += 1
            return inner
        }
        if c.isLetter || c == "_" || c == "σ" || c == "π" {
            while let d = current, d.isLetter || Self.isDigit(d) || d == "_" { position += 1 }
            let name = String(characters[start..<position])
            if name == "pi" || name == "π" { return .number(Double.pi) }
            skipSpaces()
            if current == "(" {
                guard let operation = Self.function(named: name) else {
                    throw failure("unknown function '\(name)'; the functions are sin, cos, exp, log, tanh and sigmoid", at: start)
                }
                let open = position
                position += 1
                let argument = try sum()
                skipSpaces()
                guard current == ")" else { throw failure("expected ')' to close \(name)( opened at column \(open + 1)") }
                position += 1
                return .function(operation, argument)
            }
            if Self.function(named: name) != nil {
                throw failure("the function '\(name)' needs its argument in parentheses, such as \(name)(x)", at: start)
            }
            return .variable(name)
        }
        throw failure("unexpected '\(c)'; expected a number, a variable, a function or '('")
    }

    private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    private static func function(named name: String) -> GraphOperation? {
        switch name {
        case "sin": return .sin
        case "cos": return .cos
        case "exp": return .exp
        case "log", "ln": return .log
        case "tanh": return .tanh
        case "sigmoid", "σ": return .sigmoid
        default: return nil
        }
    }
}
