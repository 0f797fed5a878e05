import SQLScanner
import Testing

@Suite struct CopyDataTests {
    @Test("data lines with ; and quotes follow COPY FROM STDIN, and the next statement starts after \\.")
    func dataLines() throws {
        let script = "COPY t (a, b) FROM STDIN;\n1\tx;y\n2\t'q\"$$ /*\n\\.\nSELECT 1;"
        let statements = try SQLScanner.statements(in: script, file: "f.sql")
        #expect(statements.map(\.text) == ["COPY t (a, b) FROM STDIN", "SELECT 1"])
        #expect(statements.map(\.copyData) == ["1\tx;y\n2\t'q\"$$ /*\n", nil])
        #expect(statements.last?.line == 5)
    }

    @Test("CRLF data lines end in \\n and later lines are still counted")
    func crlf() throws {
        let script = "copy t from stdin;\r\n1\r\n2\r\n\\.\r\nSELECT 2"
        let statements = try SQLScanner.statements(in: script, file: "f.sql")
        #expect(statements.map(\.copyData) == ["1\n2\n", nil])
        #expect(statements.last.map { Start($0.offset, $0.line, $0.column) } == Start(30, 5, 1))
    }

    static let dataCases: [ScriptCase<String>] = [
        .init("comment after the ;", "COPY t FROM STDIN WITH (FORMAT csv); -- data\na,\"b;c\"\n\\.\n", "a,\"b;c\"\n"),
        .init("no data lines", "COPY t FROM STDIN;\n\\.\n", ""),
        .init("\\. at the end without a line break", "COPY t FROM STDIN;\n1\n\\.", "1\n"),
        .init("\\. followed by CR only", "COPY t FROM STDIN;\n1\n\\.\r", "1\n"),
        .init("\\. with a trailing space is data", "COPY t FROM STDIN;\n\\. \n\\.\n", "\\. \n"),
        .init("escapes in data are kept", "COPY t FROM STDIN;\n1\\t2\\\\\n\\N\n\\.\n", "1\\t2\\\\\n\\N\n"),
        .init("empty data lines are kept", "COPY t FROM STDIN;\n\n\n\\.\n", "\n\n"),
        .init("lone CR line breaks", "COPY t FROM STDIN;\r1\r2\r\\.\r", "1\n2\n"),
        .init("long column list", "COPY t (c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17)"
              + " FROM STDIN;\n1\n\\.\n", "1\n"),
        .init("options after STDIN", "COPY t FROM STDIN WITH (FORMAT csv, HEADER true);\nh\nv\n\\.\n", "h\nv\n"),
    ]

    @Test("COPY data is read up to the \\. line", arguments: dataCases)
    func copyData(_ row: ScriptCase<String>) throws {
        let statements = try SQLScanner.statements(in: row.script, file: "f.sql")
        #expect(statements.count == 1)
        #expect(statements.first?.copyData == row.expected)
    }

    static let notFromStdin: [ScriptCase<Int>] = [
        .init("COPY TO STDOUT", "COPY t TO STDOUT; SELECT 1", 2),
        .init("stdin table inside a query", "COPY (SELECT * FROM stdin) TO STDOUT; SELECT 1", 2),
        .init("COPY from a file", "COPY t FROM '/tmp/f';\nSELECT 1", 2),
        .init("FROM STDIN in a non-COPY statement", "SELECT * FROM stdin;\nSELECT 1", 2),
        .init("quoted stdin", "COPY t FROM \"stdin\";\nSELECT 1", 2),
    ]

    @Test("other statements have no COPY data", arguments: notFromStdin)
    func noCopyData(_ row: ScriptCase<Int>) throws {
        let statements = try SQLScanner.statements(in: row.script, file: "f.sql")
        #expect(statements.count == row.expected)
        #expect(statements.allSatisfy { $0.copyData == nil })
    }

    @Test("several COPY blocks in one script")
    func severalBlocks() throws {
        let script = "COPY a FROM STDIN;\n1\n\\.\nCOPY b FROM STDIN;\n2\n\\.\nCOPY c FROM STDIN;\n\\.\n"
        let statements = try SQLScanner.statements(in: script, file: "f.sql")
        #expect(statements.map(\.copyData) == ["1\n", "2\n", ""])
        #expect(statements.map(\.line) == [1, 4, 7])
    }
}
