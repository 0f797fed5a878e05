/// Escapes text for XML 1.0 element content and attribute values.
///
/// `& < > " '` become entities (so `]]>` can never end anything); characters XML 1.0 forbids (C0 controls
/// other than tab, line feed and carriage return, U+FFFE, U+FFFF) become visible `\x07`-style text;
/// everything else, non-ASCII included, stays as is and is written as UTF-8.
enum XMLText {
    /// Text for element content; carriage returns become `&#13;` so parsers do not drop them.
    static func content(_ text: String) -> String {
        escape(text, inAttribute: false)
    }

    /// Text for a double-quoted attribute value; tabs and line breaks become character references so
    /// attribute-value normalisation does not turn them into spaces.
    static func attribute(_ text: String) -> String {
        escape(text, inAttribute: true)
    }

    private static func escape(_ text: String, inAttribute: Bool) -> String {
        // Most names and messages need nothing escaped: say so from the bytes, without rebuilding the string
        // scalar by scalar (a third of writing 200 reports). U+FFFE and U+FFFF are EF BF BE/BF in UTF-8.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0xEF || Self.special.contains($0) }) { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\r": result += "&#13;"
            case "\t" where inAttribute: result += "&#9;"
            case "\n" where inAttribute: result += "&#10;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    result += ControlCharacters.escaped(scalar)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// `& < > " '` as UTF-8 bytes.
    private static let special: Set<UInt8> = [0x26, 0x3C, 0x3E, 0x22, 0x27]
}
