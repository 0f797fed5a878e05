import Testing
@testable import Specs

@Suite struct ScalarTextTests {
    /// Loads a spec whose only assertion expects `scalar` and returns the expected value.
    private func expected(_ scalar: String) throws -> String? {
        let yaml = "tests:\n  - name: a\n    then:\n      - query: SELECT 1\n        equals: \(scalar)\n"
        let suite = try SpecLoader.load(text: yaml, file: "t.yml")
        let kind = try #require(suite.tests.first?.then.first?.kind)
        guard case .equals(_, let value) = kind else {
            Issue.record("expected an equals assertion, got \(kind)")
            return "not an equals assertion"
        }
        return value
    }

    @Test("values keep the text written in the file; unquoted null words are NULL and booleans are t/f", arguments: [
        ("10.50", "10.50"), ("007", "007"), ("1e3", "1e3"), ("0x1F", "0x1F"), ("-0", "-0"),
        ("\"\"", ""), ("''", ""), ("\"null\"", "null"), ("'~'", "~"), ("!!str null", "null"), ("\"true\"", "true"),
        ("true", "t"), ("True", "t"), ("FALSE", "f"), ("yes", "yes"), ("off", "off"),
        ("2024-01-31", "2024-01-31"), ("Zürich", "Zürich"),
    ] as [(String, String?)])
    func scalarText(written: String, text: String?) throws {
        #expect(try expected(written) == text)
    }

    @Test("unquoted null, Null, NULL, ~ and nothing at all are SQL NULL", arguments: ["null", "Null", "NULL", "~", ""])
    func nullWords(written: String) throws {
        #expect(try expected(written) == nil)
    }

    @Test("cells of rows and params follow the same rules")
    func rowsAndParams() throws {
        let yaml = """
            tests:
              - name: a
                when: {sql: "CALL p($1, $2, $3, $4)", params: [10.50, ~, "", true]}
                then:
                  - query: SELECT 1
                    rows:
                      - [007, null, "", false, 'x']
            """
        let test = try #require(try SpecLoader.load(text: yaml, file: "t.yml").tests.first)
        guard case .sql(let sql) = try #require(test.when.first) else {
            Issue.record("expected a SQL step")
            return
        }
        #expect(sql.params == ["10.50", nil, "", "t"])
        guard case .rows(_, let rows) = try #require(test.then.first?.kind) else {
            Issue.record("expected a rows assertion")
            return
        }
        #expect(rows == [["007", nil, "", "f", "x"]])
    }

    @Test("a block scalar keeps its lines")
    func blockScalar() throws {
        let yaml = "tests:\n  - name: a\n    when: |\n      SELECT 1;\n      SELECT 2;\n"
        let test = try #require(try SpecLoader.load(text: yaml, file: "t.yml").tests.first)
        #expect(test.when.map(\.location.line) == [3])
        guard case .sql(let sql) = try #require(test.when.first) else {
            Issue.record("expected a SQL step")
            return
        }
        #expect(sql.sql == "SELECT 1;\nSELECT 2;\n")
    }
}
