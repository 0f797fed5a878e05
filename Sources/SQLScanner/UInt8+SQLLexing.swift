/// Character classes of PostgreSQL's lexer, on UTF-8 bytes: every byte of a non-ASCII character counts as a
/// letter, exactly as the server's lexer treats high-bit bytes.
extension UInt8 {
    /// Space, tab, line feed, carriage return, form feed and vertical tab.
    var isSQLWhitespace: Bool {
        switch self {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B: true
        default: false
        }
    }

    var isASCIIDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }

    var isASCIILowercase: Bool { self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z") }

    var isASCIIUppercase: Bool { self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z") }

    /// A byte that may start an unquoted identifier or a dollar-quote tag.
    var isIdentifierStart: Bool {
        isASCIILowercase || isASCIIUppercase || self == UInt8(ascii: "_") || self >= 0x80
    }

    /// A byte that may continue a dollar-quote tag (identifiers also allow `$`).
    var isTagContinuation: Bool { isIdentifierStart || isASCIIDigit }

    var isIdentifierContinuation: Bool { isTagContinuation || self == UInt8(ascii: "$") }

    /// A byte that may follow the first digit of a numeric literal; trailing letters are kept in the same token
    /// (PostgreSQL 16 rejects them as "trailing junk") so they never read as words.
    var isNumberContinuation: Bool { isTagContinuation || self == UInt8(ascii: ".") }

    var isLineBreak: Bool { self == UInt8(ascii: "\n") || self == UInt8(ascii: "\r") }

    /// Whether the byte starts a Unicode scalar (is not a UTF-8 continuation byte).
    var startsScalar: Bool { self & 0xC0 != 0x80 }

    /// The byte with ASCII letters upper-cased, the only case folding PostgreSQL applies to identifiers.
    var asciiUppercased: UInt8 { isASCIILowercase ? self - 0x20 : self }
}
