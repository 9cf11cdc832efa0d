import Foundation

/// Reads a model string such as `input(28,28,1) conv2d(8,7,stride=2) global_avg_pool dense(10)`.
///
/// Words are separated by spaces (an arrow `->` or `→` between them is allowed); each word is
/// a layer name with optional arguments in parentheses, positional first, then `key=value`.
/// An error names the word, its position (1-based column in the string) and what was expected.
public enum ModelParser {
    /// One word of the string before it is interpreted: `conv2d(8,7,stride=2)` at column 15.
    struct Word {
        var text: String
        var column: Int
        var name: String
        var positional: [String]
        var named: [(key: String, value: String)]
    }

    /// Parses the whole string into layers; the first must be `input(…)`.
    public static func parse(_ text: String) throws -> [ModelLayer] {
        let words = try split(text)
        guard !words.isEmpty else {
            throw InputError("the model is empty; write layers such as \"input(28,28,1) conv2d(8,7,stride=2) dense(10)\"")
        }
        var layers: [ModelLayer] = []
        for (index, word) in words.enumerated() {
            let place = "word \(index + 1) '\(word.text)' (column \(word.column))"
            do {
                let layer = try interpret(word)
                if index == 0, layer.kind != .input {
                    throw InputError("a model starts with input(…), such as input(28,28,1) or input(784)")
                }
                if index > 0, layer.kind == .input {
                    throw InputError("input(…) may only be the first word")
                }
                layers.append(layer)
            } catch let error as InputError {
                throw InputError("in the model, \(place): \(error.message)")
            }
        }
        return layers
    }

    /// Splits at spaces outside parentheses, keeping each word's column.
    static func split(_ text: String) throws -> [Word] {
        var words: [Word] = []
        var current = ""
        var start = 0
        var depth = 0
        var column = 0
        func flush() throws {
            defer { current = "" }
            let trimmed = current
            if trimmed.isEmpty || trimmed == "->" || trimmed == "→" || trimmed == "," { return }
            words.append(try word(trimmed, column: start))
        }
        for ch in text {
            column += 1
            if depth == 0, ch == " " || ch == "\t" || ch == "\n" || ch == "\r" {
                try flush()
                continue
            }
            if current.isEmpty { start = column }
            if ch == "(" { depth += 1 }
            if ch == ")" {
                depth -= 1
                if depth < 0 { throw InputError("in the model, column \(column): ')' without a matching '('") }
            }
            current.append(ch)
        }
        if depth > 0 { throw InputError("in the model, word '\(current)' (column \(start)): '(' is never closed") }
        try flush()
        return words
    }

    /// Splits one word into its name and arguments.
    static func word(_ text: String, column: Int) throws -> Word {
        let place = "in the model, word '\(text)' (column \(column))"
        guard let open = text.firstIndex(of: "(") else {
            return Word(text: text, column: column, name: text.lowercased(), positional: [], named: [])
        }
        guard text.hasSuffix(")") else { throw InputError("\(place): nothing may follow the closing ')'") }
        let name = String(text[..<open]).lowercased()
        let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        var positional: [String] = []
        var named: [(String, String)] = []
        let parts = arguments(inner).map { $0.trimmingCharacters(in: .whitespaces) }
        if !(parts.count == 1 && parts[0].isEmpty) {
            for (n, part) in parts.enumerated() {
                guard !part.isEmpty else { throw InputError("\(place): argument \(n + 1) is empty") }
                if let eq = part.firstIndex(of: "=") {
                    let key = part[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
                    let value = part[part.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                    guard !key.isEmpty, !value.isEmpty else { throw InputError("\(place): argument '\(part)' must be key=value") }
                    named.append((key, value))
                } else {
                    guard named.isEmpty else {
                        throw InputError("\(place): the positional argument '\(part)' comes after a key=value argument")
                    }
                    positional.append(part)
                }
            }
        }
        return Word(text: text, column: column, name: name, positional: positional, named: named)
    }

    /// The arguments inside a word's parentheses, split at the commas that are not inside a
    /// tuple: `8,(3,5),stride=[2,1]` is `8`, `(3,5)` and `stride=[2,1]`.
    static func arguments(_ inner: Substring) -> [String] {
        var parts: [String] = [], current = "", depth = 0
        for ch in inner {
            if ch == "(" || ch == "[" { depth += 1 }
            if ch == ")" || ch == "]" { depth -= 1 }
            if ch == ",", depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        parts.append(current)
        return parts
    }

    /// Turns a word into a layer, checking its arguments.
    static func interpret(_ word: Word) throws -> ModelLayer {
        let aliases: [String: LayerKind] = [
            "conv2d": .conv2d, "separable_conv2d": .separableConv2d, "depthwise_conv2d": .depthwiseConv2d,
            "max_pool": .maxPool, "max_pool2d": .maxPool, "avg_pool": .avgPool, "avg_pool2d": .avgPool,
            "batch_norm": .batchNorm, "batchnorm": .batchNorm, "simple_rnn": .simpleRNN, "lstm": .lstm,
        ]
        guard let kind = LayerKind(rawValue: word.name) ?? aliases[word.name] else {
            throw InputError("unknown layer '\(word.name)'; the layers are \(LayerKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var layer = ModelLayer(kind: kind, word: word.text)
        var arguments = Arguments(word: word, kind: kind)
        switch kind {
        case .input:
            guard (1...3).contains(word.positional.count), word.named.isEmpty else {
                throw InputError("expected \(kind.usage)")
            }
            layer.inputShape = try word.positional.enumerated().map { try Arguments.positiveInt($1, name: "size \($0 + 1)") }
            arguments.usedPositions = Set(word.positional.indices)
        case .dense:
            layer.units = try arguments.int("units", position: 0)
            layer.useBias = try arguments.bool("use_bias", default: true)
        case .conv1d, .conv2d, .separableConv2d:
            layer.units = try arguments.int("filters", position: 0)
            layer.kernel = try arguments.ints("kernel_size", position: 1, aliases: ["k", "kernel"])
            try readWindow(&layer, &arguments)
            if kind == .separableConv2d { layer.depthMultiplier = try arguments.int("depth_multiplier", default: 1) }
        case .depthwiseConv2d:
            layer.kernel = try arguments.ints("kernel_size", position: 0, aliases: ["k", "kernel"])
            try readWindow(&layer, &arguments)
            layer.depthMultiplier = try arguments.int("depth_multiplier", default: 1)
        case .maxPool, .avgPool, .maxPool1d, .avgPool1d:
            layer.kernel = try arguments.ints("pool_size", position: 0, aliases: ["size"])
            layer.stride = try arguments.ints("strides", default: layer.kernel, aliases: ["stride"])
            layer.padding = try arguments.padding()
            layer.useBias = false
            if layer.padding == .causal { throw InputError("padding must be valid or same, got 'causal' (Keras pads causally only in Conv1D)") }
        case .globalAvgPool, .globalMaxPool, .flatten, .batchNorm:
            layer.useBias = kind == .batchNorm
        case .dropout:
            layer.rate = try arguments.double("rate", position: 0)
            guard layer.rate >= 0, layer.rate < 1 else { throw InputError("the dropout rate must be at least 0 and below 1, got \(word.positional.first ?? "")") }
            layer.useBias = false
        case .simpleRNN, .lstm:
            layer.units = try arguments.int("units", position: 0)
            layer.returnSequences = try arguments.bool("return_sequences", default: false)
            layer.useBias = try arguments.bool("use_bias", default: true)
        }
        try arguments.finish()
        return layer
    }

    private static func readWindow(_ layer: inout ModelLayer, _ arguments: inout Arguments) throws {
        layer.stride = try arguments.ints("strides", default: [1], aliases: ["stride"])
        layer.padding = try arguments.padding()
        layer.dilation = try arguments.ints("dilation_rate", default: [1], aliases: ["dilation"])
        layer.useBias = try arguments.bool("use_bias", default: true)
        if layer.padding == .causal, layer.kind != .conv1d {
            throw InputError("padding must be valid or same, got 'causal' (Keras pads causally only in Conv1D)")
        }
        if layer.stride.contains(where: { $0 > 1 }), layer.dilation.contains(where: { $0 > 1 }) {
            throw InputError("Keras does not allow stride > 1 together with dilation > 1 (stride \(Arguments.written(layer.stride)), "
                             + "dilation \(Arguments.written(layer.dilation)))")
        }
    }

    /// The arguments of one word, consumed one by one so that leftovers can be named.
    struct Arguments {
        let word: Word
        let kind: LayerKind
        var usedPositions = Set<Int>()
        var usedKeys = Set<String>()

        init(word: Word, kind: LayerKind) { self.word = word; self.kind = kind }

        mutating func raw(_ name: String, position: Int?, aliases: [String]) throws -> String? {
            let keys = [name] + aliases
            let named = word.named.filter { keys.contains($0.key) }
            if named.count > 1 { throw InputError("'\(name)' is given more than once") }
            if let position, position < word.positional.count {
                guard named.isEmpty else { throw InputError("'\(name)' is given both by position and as \(named[0].key)=") }
                usedPositions.insert(position)
                return word.positional[position]
            }
            if let found = named.first {
                usedKeys.insert(found.key)
                return found.value
            }
            return nil
        }

        mutating func int(_ name: String, position: Int? = nil, default value: Int? = nil, aliases: [String] = []) throws -> Int {
            guard let text = try raw(name, position: position, aliases: aliases) else {
                if let value { return value }
                throw InputError("'\(name)' is missing; expected \(kind.usage)")
            }
            return try Self.positiveInt(text, name: name)
        }

        /// A window setting: one whole number (every spatial axis) or a tuple with one per
        /// spatial axis, `(3,5)` or `[3,5]` (a 1-D layer also takes `(3,)`), as Keras takes them.
        mutating func ints(_ name: String, position: Int? = nil, default value: [Int]? = nil, aliases: [String] = []) throws -> [Int] {
            guard let text = try raw(name, position: position, aliases: aliases) else {
                if let value { return value }
                throw InputError("'\(name)' is missing; expected \(kind.usage)")
            }
            let axes = kind.spatialAxes
            guard let first = text.first, first == "(" || first == "[" else { return [try Self.positiveInt(text, name: name)] }
            let close: Character = first == "(" ? ")" : "]"
            guard text.last == close else { throw InputError("\(name) '\(text)' has no closing '\(close)'") }
            var items = text.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if items.count == 2, items[1].isEmpty { items.removeLast() } // Python's one-tuple (3,)
            if items == [""] { items = [] }
            if items.contains(where: { $0.contains(" ") }) {
                throw InputError("\(name) '\(text)': separate a tuple's values with commas, such as \(axes == 1 ? "(3,)" : "(3,5)")")
            }
            guard items.count == axes else {
                let example = axes == 1 ? "3 or (3,)" : "3 or (3,5)"
                throw InputError("\(name) '\(text)' has \(items.isEmpty ? "no" : String(items.count)) \(Counted.noun(items.count, "value")); "
                                 + "\(kind.rawValue) takes one number or \(axes) (one per spatial axis), such as \(example)")
            }
            return try items.map { try Self.positiveInt($0, name: name) }
        }

        /// A window setting as written back in messages: `2` or `(2, 1)`.
        static func written(_ values: [Int]) -> String {
            values.count == 1 ? "\(values[0])" : "(" + values.map(String.init).joined(separator: ", ") + ")"
        }

        mutating func double(_ name: String, position: Int? = nil) throws -> Double {
            guard let text = try raw(name, position: position, aliases: []) else {
                throw InputError("'\(name)' is missing; expected \(kind.usage)")
            }
            guard let value = MatrixLiteral.parseNumber(text) else { throw InputError("\(name) '\(text)' is not a number") }
            return value
        }

        mutating func bool(_ name: String, default value: Bool) throws -> Bool {
            guard let text = try raw(name, position: nil, aliases: []) else { return value }
            switch text.lowercased() {
            case "true", "yes", "1": return true
            case "false", "no", "0": return false
            default: throw InputError("\(name) must be true or false, got '\(text)'")
            }
        }

        mutating func padding() throws -> KerasPadding {
            guard let text = try raw("padding", position: nil, aliases: []) else { return .valid }
            guard let value = KerasPadding(rawValue: text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))) else {
                throw InputError(kind == .conv1d ? "padding must be valid, same or causal, got '\(text)'" : "padding must be valid or same, got '\(text)'")
            }
            return value
        }

        func finish() throws {
            for position in word.positional.indices where !usedPositions.contains(position) {
                throw InputError("too many arguments ('\(word.positional[position])' is extra); expected \(kind.usage)")
            }
            for (key, _) in word.named where !usedKeys.contains(key) {
                throw InputError("unknown argument '\(key)'; expected \(kind.usage)")
            }
        }

        static func positiveInt(_ text: String, name: String) throws -> Int {
            guard let value = Int(text), value >= 1 else {
                throw InputError("\(name) must be a whole number of at least 1, got '\(text)'")
            }
            return value
        }
    }
}
