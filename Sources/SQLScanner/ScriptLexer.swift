import Diagnostics

/// One pass over a script's UTF-8 bytes that cuts it into statements.
///
/// Every character that matters to splitting is ASCII, and UTF-8 never hides an ASCII byte inside a longer
/// character, so the lexer reads bytes and converts to scalar offsets only where a statement or a diagnostic
/// starts. The whole scan is linear in the script's length.
struct ScriptLexer {
    let bytes: [UInt8]
    let file: String
    /// Byte offset of the next byte to read.
    var position = 0
    private var positions = ScriptPositionCounter()

    init(script: String, file: String) {
        bytes = Array(script.utf8)
        self.file = file
    }

    mutating func statements() throws(Diagnostic) -> [SQLStatement] {
        var statements: [SQLStatement] = []
        var builder = StatementBuilder()
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        while position < bytes.count {
            if try skipWhitespaceOrComment() { continue }
            if bytes[position] == UInt8(ascii: ";") && builder.semicolonEndsStatement {
                position += 1
                if let statement = try finish(builder) { statements.append(statement) }
                builder = StatementBuilder()
                continue
            }
            let start = position
            let token = try scanToken(
                collectingWords: builder.wantsMoreWords, recognisingKeywords: builder.wantsKeywords)
            builder.note(token, at: start..<position)
        }
        if let statement = try finish(builder) { statements.append(statement) }
        return statements
    }

    /// The finished statement, with its COPY data read from the script; nil when it had no tokens.
    private mutating func finish(_ builder: StatementBuilder) throws(Diagnostic) -> SQLStatement? {
        guard let start = builder.start else { return nil }
        let location = scriptPosition(ofByte: start)
        var statement = SQLStatement(
            text: text(start..<builder.end), offset: location.offset, line: location.line, column: location.column,
            words: builder.words)
        if builder.readsCopyData {
            statement.copyData = try readCopyData(startedAt: start)
        }
        return statement
    }

    /// Skips one whitespace byte or one whole comment; false when a token starts here.
    mutating func skipWhitespaceOrComment() throws(Diagnostic) -> Bool {
        let current = bytes[position]
        if current.isSQLWhitespace {
            position += 1
        } else if current == UInt8(ascii: "-") && byte(at: position + 1) == UInt8(ascii: "-") {
            skipToLineBreak()
        } else if current == UInt8(ascii: "/") && byte(at: position + 1) == UInt8(ascii: "*") {
            try skipBlockComment()
        } else {
            return false
        }
        return true
    }

    /// Reads the token that starts at `position`; words and keywords are built only when asked for, since most
    /// identifiers need neither.
    mutating func scanToken(collectingWords: Bool, recognisingKeywords: Bool) throws(Diagnostic) -> Token {
        let current = bytes[position]
        switch current {
        case UInt8(ascii: "'"):
            try skipQuoted(openedAt: position, as: .string)
            return .other
        case UInt8(ascii: "\""):
            return .quotedIdentifier(word: try quotedIdentifier(openedAt: position, collectingWords: collectingWords))
        case UInt8(ascii: "$"):
            try skipDollarQuoteOrParameter()
            return .other
        case UInt8(ascii: "("):
            position += 1
            return .openParenthesis
        case UInt8(ascii: ")"):
            position += 1
            return .closeParenthesis
        case UInt8(ascii: "\\"):
            throw metaCommand(at: position)
        default:
            if current.isASCIIDigit {
                position += 1
                // `1..n` (a PL/pgSQL range) is a number and `..`, as in PostgreSQL's lexer: `n` stays a word.
                while let next = byte(at: position), next.isNumberContinuation,
                    !(next == UInt8(ascii: ".") && byte(at: position + 1) == UInt8(ascii: "."))
                {
                    position += 1
                }
                return .other
            }
            if current.isIdentifierStart {
                return try wordOrPrefixedLiteral(
                    collectingWords: collectingWords, recognisingKeywords: recognisingKeywords)
            }
            position += 1
            return .other
        }
    }

    func byte(at offset: Int) -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    /// The script's text between two byte offsets.
    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The scalar offset, line and column of a byte offset; cheap for increasing offsets.
    mutating func scriptPosition(ofByte offset: Int) -> ScriptPositionCounter.Position {
        positions.position(ofByte: offset, in: bytes)
    }

    /// Moves to the next line break (or the end), leaving the break itself unread.
    mutating func skipToLineBreak() {
        while let next = byte(at: position), !next.isLineBreak { position += 1 }
    }

    /// Skips one line break: `\r\n`, `\n` or a lone `\r`; nothing when there is none.
    mutating func skipLineBreak() {
        switch byte(at: position) {
        case UInt8(ascii: "\r"):
            position += byte(at: position + 1) == UInt8(ascii: "\n") ? 2 : 1
        case UInt8(ascii: "\n"):
            position += 1
        default:
            break
        }
    }
}
