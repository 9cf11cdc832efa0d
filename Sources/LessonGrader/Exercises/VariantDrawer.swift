import LessonCore

/// Draws a student's variant of a question: every parameter written as a range is replaced
/// by a value drawn deterministically from the exercise id, the student id, the question id
/// and the key (FNV-1a 64 hash seeding SplitMix64), so the sheet and the grading always agree.
///
/// Ranges an exercise may write instead of a value:
/// - `{range: [3, 7]}`: a whole number from 3 to 7 inclusive (`step: 2` for 3, 5, 7);
/// - `{one_of: [5, 7, 9]}`: one of the listed values;
/// - `{random_matrix: [5, 5], range: [-2, 3]}`: a matrix of whole numbers in the range.
///
/// Ranges may sit inside lists and mappings too (a layer's weights, one layer of a
/// receptive-field stack); each is drawn from its path, such as `layers.0.weights`.
public enum VariantDrawer {
    /// Whether a parameter value is a range to draw from.
    public static func isRandom(_ value: ParameterValue) -> Bool {
        guard case .map(let entries) = value else { return false }
        return entries["range"] != nil || entries["one_of"] != nil || entries["random_matrix"] != nil
    }

    /// Whether a parameter value is, or holds inside its lists and mappings, a range to draw from.
    public static func containsRandom(_ value: ParameterValue) -> Bool {
        if isRandom(value) { return true }
        switch value {
        case .scalar: return false
        case .list(let items): return items.contains(where: containsRandom)
        case .map(let entries): return entries.values.contains(where: containsRandom)
        }
    }

    /// The parameters with every range drawn for `student`.
    public static func resolve(_ values: [String: ParameterValue], exercise: String, student: String, question: String,
                               location: String) throws -> [String: ParameterValue] {
        var out = values
        for key in values.keys.sorted() {
            guard let value = values[key], containsRandom(value) else { continue }
            out[key] = try resolve(value, path: key, seed: [exercise, student, question], location: location)
        }
        return out
    }

    /// One value with its ranges drawn; a range at `path` is drawn from the hash of the seed
    /// parts and the path (at the top level the path is the key, as it always was).
    private static func resolve(_ value: ParameterValue, path: String, seed: [String], location: String) throws -> ParameterValue {
        try replacingRanges(value, path: path) { path, spec in
            var generator = SplitMix64(seed: hash(seed + [path]))
            return try draw(spec, using: &generator, place: "\(location), key '\(path)'")
        }
    }

    /// `value` with each range replaced by what `draw` gives for its path and its spec.
    private static func replacingRanges(_ value: ParameterValue, path: String,
                                        _ draw: (String, [String: ParameterValue]) throws -> ParameterValue) throws -> ParameterValue {
        if isRandom(value), case .map(let spec) = value { return try draw(path, spec) }
        switch value {
        case .scalar: return value
        case .list(let items):
            return .list(try items.enumerated().map { try replacingRanges($1, path: "\(path).\($0)", draw) })
        case .map(let entries):
            var out: [String: ParameterValue] = [:]
            for (key, item) in entries { out[key] = try replacingRanges(item, path: "\(path).\(key)", draw) }
            return .map(out)
        }
    }

    /// The ways a question's ranges can be drawn, for `lesson exercise check`: every
    /// combination of the values its `range` and `one_of` parameters can take, each with its
    /// random matrices drawn from a seeded generator (and, when there are random matrices, at
    /// least `minimum` variants, so that many different matrices are tried); past `limit`
    /// combinations, a seeded sample of `limit` of them. The same call gives the same variants.
    public static func variants(_ values: [String: ParameterValue], location: String, minimum: Int = 200,
                                limit: Int = 20_000) throws -> VariantSample {
        // The ranges, by path, in a stable order.
        var specs: [String: [String: ParameterValue]] = [:]
        for key in values.keys.sorted() {
            guard let value = values[key] else { continue }
            _ = try replacingRanges(value, path: key) { path, spec in specs[path] = spec; return .scalar("") }
        }
        let paths = specs.keys.sorted()
        var options: [String: [ParameterValue]] = [:]
        var matrices: [String] = []
        var combinations = 1
        for path in paths {
            guard let spec = specs[path] else { continue }
            let place = "\(location), key '\(path)'"
            if spec["random_matrix"] != nil { matrices.append(path); continue }
            let count: Int
            if let list = spec["one_of"] {
                guard case .list(let items) = list, !items.isEmpty else { throw InputError("\(place): one_of must be a non-empty list") }
                count = items.count
                options[path] = items
            } else {
                let (low, high, step) = try range(spec, place: place)
                let (span, overflow) = high.subtractingReportingOverflow(low)
                count = overflow ? Int.max : span / step + 1
                if count <= limit { options[path] = stride(from: low, through: high, by: step).map { .scalar(String($0)) } }
            }
            let (product, overflow) = combinations.multipliedReportingOverflow(by: count)
            combinations = overflow ? Int.max : product
        }
        let enumerated = paths.filter { !matrices.contains($0) }
        let isSample = combinations > limit
        let count = isSample ? limit : (matrices.isEmpty ? combinations : max(combinations, minimum))
        var variants: [[String: ParameterValue]] = []
        var labels: [String] = []
        for index in 0..<count {
            var chosen: [String: ParameterValue] = [:]
            var remaining = index % max(combinations, 1)
            for path in enumerated {
                guard let spec = specs[path] else { continue }
                if !isSample, let list = options[path] {
                    chosen[path] = list[remaining % list.count]
                    remaining /= list.count
                } else {
                    var generator = SplitMix64(seed: hash(["check", String(index), path]))
                    chosen[path] = try draw(spec, using: &generator, place: "\(location), key '\(path)'")
                }
            }
            var variant = values
            for key in values.keys.sorted() {
                guard let value = values[key], containsRandom(value) else { continue }
                variant[key] = try replacingRanges(value, path: key) { path, spec in
                    if let value = chosen[path] { return value }
                    var generator = SplitMix64(seed: hash(["check", String(index), path]))
                    return try draw(spec, using: &generator, place: "\(location), key '\(path)'")
                }
            }
            variants.append(variant)
            labels.append(enumerated.map { "\($0) = \(chosen[$0]?.text ?? "")" }.joined(separator: ", "))
        }
        return VariantSample(values: variants, labels: labels, combinations: combinations, isSample: isSample,
                             ranges: enumerated, randomMatrices: matrices)
    }

    /// Checks that every range of a question can be drawn (so errors show when the exercise loads).
    public static func validate(_ values: [String: ParameterValue], location: String) throws {
        _ = try resolve(values, exercise: "", student: "", question: "", location: location)
    }

    private static func draw(_ spec: [String: ParameterValue], using generator: inout SplitMix64, place: String) throws -> ParameterValue {
        if let options = spec["one_of"] {
            guard case .list(let items) = options, !items.isEmpty else { throw InputError("\(place): one_of must be a non-empty list") }
            return items[Int(generator.next() % UInt64(items.count))]
        }
        let (low, high, step) = try range(spec, place: place)
        func number() -> Int { low + step * Int(generator.next() % UInt64((high - low) / step + 1)) }
        if let shapeValue = spec["random_matrix"] {
            guard case .list(let dims) = shapeValue, dims.count == 2, case .scalar(let r) = dims[0], case .scalar(let c) = dims[1],
                  let rows = Int(r), let columns = Int(c), (1...50).contains(rows), (1...50).contains(columns) else {
                throw InputError("\(place): random_matrix must be [rows, columns], each 1 to 50")
            }
            let text = (0..<rows).map { _ in (0..<columns).map { _ in String(number()) }.joined(separator: " ") }
                .joined(separator: "; ")
            return .scalar(text)
        }
        return .scalar(String(number()))
    }

    private static func range(_ spec: [String: ParameterValue], place: String) throws -> (Int, Int, Int) {
        guard case .list(let bounds)? = spec["range"], bounds.count == 2, case .scalar(let a) = bounds[0],
              case .scalar(let b) = bounds[1], let low = Int(a), let high = Int(b), low <= high else {
            throw InputError("\(place): range must be [low, high], two whole numbers with low ≤ high")
        }
        var step = 1
        if let stepValue = spec["step"] {
            guard case .scalar(let s) = stepValue, let parsed = Int(s), parsed >= 1 else {
                throw InputError("\(place): step must be a whole number of at least 1")
            }
            step = parsed
        }
        return (low, high, step)
    }

    /// FNV-1a 64 over the parts, separated by a zero byte.
    static func hash(_ parts: [String]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for (i, part) in parts.enumerated() {
            if i > 0 { h = (h ^ 0) &* 0x0000_0100_0000_01B3 }
            for byte in part.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        return h
    }
}

/// The variants of one question that `lesson exercise check` prepares (`VariantDrawer.variants`).
public struct VariantSample: Sendable {
    /// Each variant's parameters, every range drawn.
    public let values: [[String: ParameterValue]]
    /// What each variant drew from the ranges and lists: "n = 2, k = 5" (random matrices not listed).
    public let labels: [String]
    /// How many combinations the ranges and lists give (random matrices not counted).
    public let combinations: Int
    /// Whether `values` is a seeded sample of the combinations rather than every one of them.
    public let isSample: Bool
    /// The paths of the ranges and lists, such as `n` or `layers.0.k`.
    public let ranges: [String]
    /// The paths of the random matrices.
    public let randomMatrices: [String]
}
