import Diagnostics
import SQLScanner
import Testing

/// What a scanning error must say: its code and where (1-based line and column).
struct ExpectedError: Sendable {
    let code: String
    let line: Int
    let column: Int

    init(_ code: String, _ line: Int, _ column: Int) {
        self.code = code
        self.line = line
        self.column = column
    }
}

@Suite struct DiagnosticTests {
    static let cases: [ScriptCase<ExpectedError>] = [
        .init("string", "SELECT 1;\nSELECT 'abc", ExpectedError("unterminated-string", 2, 8)),
        .init("string closed only by an escaped quote", "SELECT E'a\\'", ExpectedError("unterminated-string", 1, 8)),
        .init("string with a doubled quote at the end", "SELECT 'a''", ExpectedError("unterminated-string", 1, 8)),
        .init("U& string", "SELECT U&'a", ExpectedError("unterminated-string", 1, 8)),
        .init("B string", "SELECT\n  B'01", ExpectedError("unterminated-string", 2, 3)),
        .init("quoted identifier", "SELECT \"abc", ExpectedError("unterminated-quoted-identifier", 1, 8)),
        .init("U& quoted identifier", "SELECT U&\"abc", ExpectedError("unterminated-quoted-identifier", 1, 8)),
        .init("dollar body with a differently cased tag", "SELECT 1;\r\n  $body$ x $Body$",
              ExpectedError("unterminated-dollar-quote", 2, 3)),
        .init("$$ body", "SELECT 1; SELECT $$ x; $ $", ExpectedError("unterminated-dollar-quote", 1, 18)),
        .init("nested comment closed once", "SELECT /* a /* b */ c", ExpectedError("unterminated-comment", 1, 8)),
        .init("second comment", "SELECT 1; /* x */ /* y", ExpectedError("unterminated-comment", 1, 19)),
        .init("location counts scalars", "SELECT 'é', \"x", ExpectedError("unterminated-quoted-identifier", 1, 13)),
        .init("COPY without \\.", "COPY t FROM STDIN;\n1\n2\n", ExpectedError("unterminated-copy-data", 1, 1)),
        .init("COPY at the end of the script", "SELECT 1;\n  copy t from stdin", ExpectedError("unterminated-copy-data", 2, 3)),
        .init("text after COPY on its line", "COPY t FROM STDIN; SELECT 1;\n\\.\n", ExpectedError("copy-trailing-text", 1, 20)),
        .init("\\set", "\\set x 1\nSELECT 1", ExpectedError("psql-meta-command", 1, 1)),
        .init("\\i after a statement", "SELECT 1;\n\\i other.sql", ExpectedError("psql-meta-command", 2, 1)),
        .init("\\gset ending a query", "SELECT 1 \\gset", ExpectedError("psql-meta-command", 1, 10)),
        .init("\\. without COPY", "SELECT 1;\n\\.\n", ExpectedError("psql-meta-command", 2, 1)),
    ]

    @Test("an unterminated construct is reported where it opens", arguments: cases)
    func locatesError(_ row: ScriptCase<ExpectedError>) throws {
        let error = try #require(scanError(row.script))
        #expect(error.category == .input)
        #expect(error.severity == .error)
        #expect(error.code == row.expected.code)
        #expect(error.location == SourceLocation(file: "V1__test.sql", line: row.expected.line,
                                                 column: row.expected.column))
        #expect(error.hint?.isEmpty == false)
    }

    @Test("a meta-command diagnostic names the command and asks for plain SQL")
    func metaCommandMessage() throws {
        let error = try #require(scanError("SELECT 1;\n\\connect other\nSELECT 2;"))
        #expect(error.message.contains("\\connect"))
        #expect(error.message.contains("plain SQL"))
    }

    @Test("a dollar-quote diagnostic names the tag to close with")
    func dollarQuoteMessage() throws {
        let error = try #require(scanError("DO $body$ BEGIN NULL; END $Body$"))
        #expect(error.message == "unterminated dollar-quoted string $body$")
    }

    @Test("a backslash inside literals and comments is not a meta-command")
    func backslashInText() throws {
        #expect(try texts("SELECT '\\x', E'\\\\', $$\\i$$, \"a\\b\" /* \\set */ + 1 -- \\q\n;") ==
            ["SELECT '\\x', E'\\\\', $$\\i$$, \"a\\b\" /* \\set */ + 1"])
    }
}
