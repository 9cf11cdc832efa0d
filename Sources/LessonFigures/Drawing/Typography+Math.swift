extension Typography {
    /// ASCII math as the notes typeset it: `x^2` → x², `e^(−z)` → e⁻ᶻ, `e^(2z)` → e²ᶻ, `2*theta` →
    /// 2θ, `a*b` → a·b, and the Greek names `theta`, `alpha`, `beta`, `gamma`, `lambda`, `eta`
    /// as letters when they stand as words. A power whose characters have no superscript form
    /// is left as it is written.
    public static func typeset(_ text: String) -> String {
        guard mayNeedTypesetting(text) else { return text }
        var result = ""
        let characters = Array(text)
        var i = 0
        while i < characters.count {
            let character = characters[i]
            if character == "^", i + 1 < characters.count {
                var exponent: [Character] = []
                var end = i + 1
                if characters[end] == "(" {
                    var depth = 0
                    while end < characters.count {
                        if characters[end] == "(" { depth += 1 }
                        if characters[end] == ")" { depth -= 1; if depth == 0 { break } }
                        if depth > 0, end > i + 1 { exponent.append(characters[end]) }
                        end += 1
                    }
                } else {
                    while end < characters.count, characters[end].isLetter || characters[end].isNumber {
                        exponent.append(characters[end]); end += 1
                    }
                    end -= 1
                }
                let raised = exponent.map { superscripts[$0 == "-" ? "−" : $0] }
                if !exponent.isEmpty, end < characters.count, raised.allSatisfy({ $0 != nil }) {
                    result += raised.compactMap { $0 }.map(String.init).joined()
                    i = end + 1
                    continue
                }
            }
            if character == "*" {
                let previous = i > 0 ? characters[i - 1] : nil, next = i + 1 < characters.count ? characters[i + 1] : nil
                // 2*theta → 2θ (a number times a name); anything else is a centred dot.
                if previous?.isNumber == true, next?.isLetter == true { i += 1; continue }
                result.append("·"); i += 1; continue
            }
            if character.isLetter, i == 0 || !characters[i - 1].isLetter {
                var end = i
                while end < characters.count, characters[end].isLetter { end += 1 }
                let word = String(characters[i..<end])
                if let letter = greek[word] { result.append(letter); i = end; continue }
                result += word; i = end; continue
            }
            result.append(character)
            i += 1
        }
        return result
    }

    /// Whether `text` has a `^`, a `*` or a Greek name in it: a byte scan, since most texts
    /// are numbers and words, and Foundation's substring search was a tenth of drawing a figure.
    private static func mayNeedTypesetting(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        if bytes.contains(UInt8(ascii: "^")) || bytes.contains(UInt8(ascii: "*")) { return true }
        return greekNames.contains { name in
            bytes.count >= name.count && (0...(bytes.count - name.count)).contains { start in
                bytes[start] == name[0] && bytes[start..<start + name.count].elementsEqual(name)
            }
        }
    }

    private static let greekNames: [[UInt8]] = greek.keys.map { Array($0.utf8) }

    static let greek: [String: Character] = [
        "theta": "θ", "alpha": "α", "beta": "β", "gamma": "γ", "lambda": "λ", "eta": "η",
    ]

    private static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "+": "⁺", "−": "⁻", "=": "⁼", "(": "⁽", ")": "⁾", "n": "ⁿ", "i": "ⁱ", "x": "ˣ", "z": "ᶻ", "y": "ʸ",
        "a": "ᵃ", "b": "ᵇ", "e": "ᵉ", "k": "ᵏ", "l": "ˡ", "t": "ᵗ", "T": "ᵀ", "θ": "ᶿ",
    ]
}
