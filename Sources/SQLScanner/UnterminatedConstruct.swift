/// A construct that runs from an opening delimiter to a closing one, and what to say when the closing one is
/// missing.
enum UnterminatedConstruct: Equatable {
    /// `'...'`, and the `B'`, `X'`, `N'` and `U&'` forms, where only `''` escapes a quote.
    case string
    /// `E'...'`, where a backslash also escapes the next character.
    case escapeString
    /// `"..."` or `U&"..."`.
    case quotedIdentifier
    /// `$tag$ ... $tag$`, with its opening delimiter.
    case dollarQuote(delimiter: String)
    case blockComment

    var code: String {
        switch self {
        case .string, .escapeString: "unterminated-string"
        case .quotedIdentifier: "unterminated-quoted-identifier"
        case .dollarQuote: "unterminated-dollar-quote"
        case .blockComment: "unterminated-comment"
        }
    }

    var message: String {
        switch self {
        case .string, .escapeString: "unterminated quoted string"
        case .quotedIdentifier: "unterminated quoted identifier"
        case .dollarQuote(let delimiter): "unterminated dollar-quoted string \(delimiter)"
        case .blockComment: "unterminated /* comment"
        }
    }

    var hint: String {
        switch self {
        case .string:
            "close the string with ' (write '' for a quote inside it)"
        case .escapeString:
            "close the string with ' (in E'...' strings a backslash escapes the next character: \\' does not close it)"
        case .quotedIdentifier:
            "close the identifier with \" (write \"\" for a quote inside it)"
        case .dollarQuote(let delimiter):
            "end the body with exactly \(delimiter) (tags are case-sensitive)"
        case .blockComment:
            "close it with */ (block comments nest in PostgreSQL: each /* inside needs its own */)"
        }
    }
}
