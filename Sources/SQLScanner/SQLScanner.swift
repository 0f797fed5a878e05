import Diagnostics

/// Splits migration scripts into statements, so they can be sent one at a time, errors can point at the right
/// line, and statements can be classified.
///
/// The rules are PostgreSQL's lexer (`scan.l`) for strings, quoted identifiers, dollar quotes and nesting block
/// comments, plus psql's (`psqlscan.l`) for `BEGIN ATOMIC ... END` bodies and `COPY ... FROM STDIN` data. As in psql,
/// a `;` inside parentheses does not end a statement (a rule's `DO (INSERT ...; INSERT ...)` is one). The work is linear in the script's size.
///
/// A leading byte order mark (U+FEFF) is skipped like whitespace. Slipway strips it before scanning; if a caller
/// does not, offsets, lines and columns still count it, so they agree with `LineIndex(script)`.
public enum SQLScanner {
    /// The statements of `script`, in order; empty statements and comment-only text yield none.
    ///
    /// - Parameter file: the script's path, used only in diagnostics' locations.
    /// - Throws: a `Diagnostic` of category `.input` located at the opening of an unterminated quote, dollar body,
    ///   quoted identifier or block comment, at a `COPY ... FROM STDIN` with no `\.` line, or at a psql
    ///   meta-command (code `psql-meta-command`).
    public static func statements(in script: String, file: String) throws(Diagnostic) -> [SQLStatement] {
        var lexer = ScriptLexer(script: script, file: file)
        return try lexer.statements()
    }
}
