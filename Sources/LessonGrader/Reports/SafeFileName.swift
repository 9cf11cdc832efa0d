/// Turns a student id into a file name that cannot escape its folder.
///
/// Letters, digits, `-`, `_` and `.` are kept (ASCII only); anything else, including `/`,
/// becomes `_`; leading dots are dropped (no `..`, no hidden files); the name is cut to 64
/// characters. When anything was changed, a hash of the whole id is appended, so two ids
/// that differ only in replaced characters still get two files.
public enum SafeFileName {
    /// The file name (without extension) for `id`.
    public static func make(_ id: String) -> String {
        var name = String(id.unicodeScalars.map { scalar -> Character in
            let v = scalar.value
            let keep = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
                || scalar == "-" || scalar == "_" || scalar == "."
            return keep ? Character(scalar) : "_"
        })
        while name.hasPrefix(".") { name.removeFirst() }
        if name.count > 64 { name = String(name.prefix(64)) }
        if name == id && !name.isEmpty { return name }
        let hash = VariantDrawer.hash([id])
        let suffix = String(hash & 0xFFFF_FFFF, radix: 16)
        return (name.isEmpty ? "student" : name) + "-" + String(repeating: "0", count: 8 - suffix.count) + suffix
    }
}
