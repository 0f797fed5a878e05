import Diagnostics

/// One lexical token of a statement, with where it is, for tools that rewrite SQL token by token.
public struct SQLToken: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// An unquoted identifier or keyword.
        case word
        /// A `"quoted"` (or `U&"..."`) identifier.
        case quotedIdentifier
        /// A string literal, with any prefix (`E'...'`, `X'...'`, `U&'...'`).
        case string
        /// A dollar-quoted body; `delimiterLength` bytes of `$tag$` open it and close it.
        case dollarQuoted(delimiterLength: Int)
        case number
        /// A parameter (`$1`) or a lone `$`.
        case parameter
        case openParenthesis
        case closeParenthesis
        /// Any other single byte: operators, `,`, `;`, `.`, `:`, `[`, ...
        case symbol(UInt8)
    }

    public var kind: Kind
    /// The token's UTF-8 byte range in the scanned text.
    public var range: Range<Int>

    public init(kind: Kind, range: Range<Int>) {
        self.kind = kind
        self.range = range
    }
}

extension SQLScanner {
    /// The tokens of `text` in order, whitespace and comments left out, by the same lexical rules as
    /// ``statements(in:file:)``.
    ///
    /// - Throws: a `Diagnostic` at an unterminated quote, dollar body, quoted identifier or block comment.
    public static func tokens(in text: String, file: String) throws(Diagnostic) -> [SQLToken] {
        var lexer = ScriptLexer(script: text, file: file)
        var tokens: [SQLToken] = []
        while lexer.position < lexer.bytes.count {
            if try lexer.skipWhitespaceOrComment() { continue }
            let start = lexer.position
            let first = lexer.bytes[start]
            // A backslash is only a symbol here: statements never reach the server with psql's commands in them.
            if first == UInt8(ascii: "\\") {
                lexer.position += 1
                tokens.append(SQLToken(kind: .symbol(first), range: start..<lexer.position))
                continue
            }
            let token = try lexer.scanToken(collectingWords: false, recognisingKeywords: false)
            tokens.append(SQLToken(kind: kind(of: token, first: first, in: lexer.bytes, range: start..<lexer.position),
                                   range: start..<lexer.position))
        }
        return tokens
    }

    private static func kind(of token: Token, first: UInt8, in bytes: [UInt8], range: Range<Int>) -> SQLToken.Kind {
        switch token {
        case .identifier: return .word
        case .quotedIdentifier: return .quotedIdentifier
        case .openParenthesis: return .openParenthesis
        case .closeParenthesis: return .closeParenthesis
        case .other:
            if first.isASCIIDigit { return .number }
            if first == UInt8(ascii: "$") {
                guard range.count > 1, bytes[range.upperBound - 1] == UInt8(ascii: "$") else { return .parameter }
                let close = bytes[(range.lowerBound + 1)..<range.upperBound].firstIndex(of: UInt8(ascii: "$"))
                return .dollarQuoted(delimiterLength: (close ?? range.lowerBound) + 1 - range.lowerBound)
            }
            if first.isIdentifierStart || first == UInt8(ascii: "'") { return .string }
            return .symbol(first)
        }
    }
}
