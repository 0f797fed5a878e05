import SQLScanner
import Testing

@Suite struct WordsTests {
    static let cases: [ScriptCase<[String]>] = [
        .init("create index concurrently", "create index concurrently idx on t (a)",
              ["CREATE", "INDEX", "CONCURRENTLY", "IDX", "ON", "T", "A"]),
        .init("alter column", "ALTER TABLE t ALTER COLUMN c TYPE int",
              ["ALTER", "TABLE", "T", "ALTER", "COLUMN", "C", "TYPE", "INT"]),
        .init("quoted identifiers as written", "CREATE TABLE \"My Table\" (\"Id\"\"x\" int)",
              ["CREATE", "TABLE", "\"My Table\"", "\"Id\"\"x\"", "INT"]),
        .init("U& identifier as written", "DROP TABLE U&\"d\\0061t\"", ["DROP", "TABLE", "U&\"d\\0061t\""]),
        .init("literals and parameters skipped",
              "INSERT INTO t VALUES ('x', 1, E'y', $$z$$, $q$w$q$, $1, 2.5, U&'w', B'1', X'F', N'n')",
              ["INSERT", "INTO", "T", "VALUES"]),
        .init("operators and casts skipped", "SELECT a+b, c::text FROM s.t", ["SELECT", "A", "B", "C", "TEXT", "FROM", "S", "T"]),
        .init("comments skipped", "/* CREATE */ -- DROP\nVACUUM /* x */ full", ["VACUUM", "FULL"]),
        .init("words inside parentheses count", "REINDEX (CONCURRENTLY) TABLE t", ["REINDEX", "CONCURRENTLY", "TABLE", "T"]),
        .init("only ASCII letters are upper-cased", "select straße from ü", ["SELECT", "STRAßE", "FROM", "ü"]),
        .init("number junk is not a word", "SELECT 1e5, 12abc", ["SELECT"]),
        .init("$ inside identifiers", "SELECT a$b FROM t", ["SELECT", "A$B", "FROM", "T"]),
        .init("at most 16 words",
              "SELECT a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17",
              ["SELECT", "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11", "A12", "A13", "A14", "A15"]),
        .init("a statement of only literals", "VALUES (1)", ["VALUES"]),
    ]

    @Test("words are the statement's leading identifiers", arguments: cases)
    func words(_ row: ScriptCase<[String]>) throws {
        let statements = try SQLScanner.statements(in: row.script, file: "f.sql")
        #expect(statements.count == 1)
        #expect(statements.first?.words == row.expected)
    }

    @Test("each statement has its own words")
    func wordsPerStatement() throws {
        let statements = try SQLScanner.statements(in: "BEGIN; create unique index concurrently i on t (a); commit",
                                                    file: "f.sql")
        #expect(statements.map(\.words) == [["BEGIN"], ["CREATE", "UNIQUE", "INDEX", "CONCURRENTLY", "I", "ON", "T", "A"],
                                            ["COMMIT"]])
    }
}
