import SQLScanner
import Testing

/// Where a statement starts: scalar offset, 1-based line and 1-based column.
struct Start: Sendable, Equatable {
    let offset: Int
    let line: Int
    let column: Int

    init(_ offset: Int, _ line: Int, _ column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }
}

@Suite struct PositionTests {
    static let cases: [ScriptCase<[Start]>] = [
        .init("one per line", "SELECT 1;\nSELECT 2;", [Start(0, 1, 1), Start(10, 2, 1)]),
        .init("indented on one line", "  SELECT 1;  SELECT 2", [Start(2, 1, 3), Start(13, 1, 14)]),
        .init("after a multi-line comment and a line comment",
              "/* a\nb\nc */ SELECT 1;\n  -- x\n  SELECT 2", [Start(12, 3, 6), Start(31, 5, 3)]),
        .init("CRLF file", "SELECT 1;\r\nSELECT 2;\r\n\r\n  SELECT 3", [Start(0, 1, 1), Start(11, 2, 1), Start(26, 4, 3)]),
        .init("lone CR line breaks", "SELECT 1;\rSELECT 2;\r\rx", [Start(0, 1, 1), Start(10, 2, 1), Start(21, 4, 1)]),
        .init("after a multi-line string", "SELECT 'a\nb';\n SELECT 2", [Start(0, 1, 1), Start(15, 3, 2)]),
        .init("after a multi-line dollar body", "SELECT $$\r\n;\r\n$$; x", [Start(0, 1, 1), Start(18, 3, 5)]),
        .init("columns count scalars, not characters", "SELECT 'e\u{301}🙂';SELECT 2", [Start(0, 1, 1), Start(13, 1, 14)]),
        .init("a leading BOM is counted", "\u{FEFF}SELECT 1;\nSELECT 2", [Start(1, 1, 2), Start(11, 2, 1)]),
    ]

    @Test("statements start at the right offset, line and column", arguments: cases)
    func starts(_ row: ScriptCase<[Start]>) throws {
        let statements = try SQLScanner.statements(in: row.script, file: "f.sql")
        #expect(statements.map { Start($0.offset, $0.line, $0.column) } == row.expected)
    }

    @Test("the text is found in the script at the statement's offset", arguments: LexicalRuleTests.cases)
    func textIsAtOffset(_ row: ScriptCase<[String]>) throws {
        for statement in try SQLScanner.statements(in: row.script, file: "f.sql") {
            #expect(scalarSlice(row.script, offset: statement.offset, count: statement.text.unicodeScalars.count)
                == statement.text)
            let (line, column) = naivePosition(of: statement.offset, in: row.script)
            #expect(statement.line == line)
            #expect(statement.column == column)
        }
    }
}
