import Diagnostics

/// The scanner's diagnostics, all of category `.input` and located in the script.
extension ScriptLexer {
    /// A diagnostic located at a byte offset of the script.
    mutating func inputError(at offset: Int, code: String, message: String, hint: String) -> Diagnostic {
        let start = scriptPosition(ofByte: offset)
        return Diagnostic(
            category: .input, location: SourceLocation(file: file, line: start.line, column: start.column), code: code,
            message: message, hint: hint)
    }

    mutating func unterminated(_ construct: UnterminatedConstruct, openedAt offset: Int) -> Diagnostic {
        inputError(at: offset, code: construct.code, message: construct.message, hint: construct.hint)
    }

    /// A psql backslash command, which only psql understands: the server would reject it.
    mutating func metaCommand(at offset: Int) -> Diagnostic {
        var end = offset + 1
        while let next = byte(at: end), !next.isSQLWhitespace, end - offset < 40 { end += 1 }
        return inputError(
            at: offset, code: "psql-meta-command",
            message: "psql meta-command \(text(offset..<end)) in a migration; migrations must be plain SQL",
            hint: "replace it with SQL (e.g. SET instead of \\set, COPY ... FROM STDIN with \\. instead of \\copy)")
    }
}
