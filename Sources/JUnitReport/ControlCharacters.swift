/// Shows characters that must not reach an XML file or a terminal as visible escape text.
enum ControlCharacters {
    /// `\x07` for control characters up to U+00FF, `\u{FFFE}` above.
    static func escaped(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return scalar.value <= 0xFF
            ? "\\x" + String(repeating: "0", count: max(0, 2 - hex.count)) + hex
            : "\\u{\(hex)}"
    }
}
