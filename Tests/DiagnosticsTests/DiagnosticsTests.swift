import Diagnostics
import Testing

@Suite struct LineIndexTests {
    @Test("offsets map to 1-based line and column across LF, CRLF and CR", arguments: [
        ("ab\ncd", 3, 2, 1),
        ("ab\r\ncd", 4, 2, 1),
        ("ab\r\ncd", 5, 2, 2),
        ("ab\rcd", 3, 2, 1),
        ("a\n\nb", 3, 3, 1),
        ("héllo\nwörld", 8, 2, 3),
        ("abc", 0, 1, 1),
    ])
    func positions(text: String, offset: Int, line: Int, column: Int) {
        let position = LineIndex(text).position(ofOffset: offset)
        #expect(position.line == line)
        #expect(position.column == column)
    }
}

@Suite struct DiagnosticTests {
    @Test("renders compiler-style with code, notes and hint")
    func rendering() {
        let diagnostic = Diagnostic(
            category: .migration, location: SourceLocation(file: "db/V1__a.sql", line: 3, column: 7), code: "42P01",
            message: "relation \"x\" does not exist", notes: ["statement: SELECT * FROM x"],
            hint: "fix the migration")
        #expect(diagnostic.description == """
            db/V1__a.sql:3:7: error: relation "x" does not exist
              code: 42P01
              statement: SELECT * FROM x
              hint: fix the migration
            """)
    }
}
