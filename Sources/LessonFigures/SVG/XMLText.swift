/// Text made safe for XML and HTML content and double-quoted attributes.
enum XMLText {
    /// `&`, `<`, `>` and `"` as entities; with `newlines`, a line break as `&#10;` too, so it
    /// survives inside an attribute.
    static func escaped(_ text: String, newlines: Bool = false) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n" where newlines: out += "&#10;"
            default: out.append(character)
            }
        }
        return out
    }
}
