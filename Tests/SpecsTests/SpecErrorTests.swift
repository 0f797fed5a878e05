import Diagnostics
import Testing
@testable import Specs

/// Loads `yaml` as the spec file `t.yml` and returns each diagnostic as `line:column: message`.
func specProblems(_ yaml: String, file: String = "t.yml") -> [String] {
    do {
        _ = try SpecLoader.load(text: yaml, file: file)
        return []
    } catch {
        return error.diagnostics.map { diagnostic in
            let place = diagnostic.location.map { "\($0.line):\($0.column)" } ?? "-"
            return "\(place): \(diagnostic.message)"
        }
    }
}

@Suite struct SpecErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        var expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "YAML syntax", yaml: "tests:\n  - name: a\n    when: [SELECT 1\n",
             expected: "4:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 3, column 11)"),
        Case(name: "unknown key with a suggestion",
             yaml: "tests:\n  - name: a\n    then:\n      - query: SELECT 1\n        equal: 1\n",
             expected: "5:9: unknown key 'equal' in the assertion; did you mean 'equals'?"),
        Case(name: "unknown key without a suggestion", yaml: "owner: me\ntests: []\n",
             expected: "1:1: unknown key 'owner' in the spec file"),
        Case(name: "wrong type", yaml: "tests: hello\n",
             expected: "1:8: expected a list of tests for 'tests', found 'hello'"),
        Case(name: "missing test name", yaml: "tests:\n  - when: SELECT 1\n",
             expected: "2:5: the test has no 'name'; expected the test's name"),
        Case(name: "missing tests", yaml: "suite: s\n",
             expected: "1:1: the spec file has no 'tests'"),
        Case(name: "assertion without query",
             yaml: "tests:\n  - name: a\n    then:\n      - equals: 1\n",
             expected: "4:9: 'equals' checks the result of 'query', but the assertion has no 'query'"),
        Case(name: "assertion without a check",
             yaml: "tests:\n  - name: a\n    then:\n      - query: SELECT 1\n",
             expected: "4:9: the assertion has no check"),
        Case(name: "two checks in one assertion",
             yaml: "tests:\n  - name: a\n    then:\n      - query: SELECT 1\n        equals: 1\n        count: 1\n",
             expected: "6:9: an assertion checks one thing, but this one has both 'equals' and 'count'"),
        Case(name: "query check given sql",
             yaml: "tests:\n  - name: a\n    then:\n      - sql: SELECT 1\n        equals: 1\n",
             expected: "4:9: 'equals' checks the result of 'query', but this assertion has 'sql'"),
        Case(name: "statement check given query",
             yaml: "tests:\n  - name: a\n    then:\n      - query: SELECT 1\n        fails: true\n",
             expected: "4:9: 'fails' runs the statement in 'sql', but this assertion has 'query'"),
        Case(name: "query and sql together",
             yaml: "tests:\n  - name: a\n    then:\n      - query: SELECT 1\n        sql: SELECT 2\n        equals: 1\n",
             expected: "5:9: an assertion has either 'query' or 'sql', not both"),
        Case(name: "catalog check given params",
             yaml: "tests:\n  - name: a\n    then:\n      - table_exists: t\n        params: [1]\n",
             expected: "5:9: 'table_exists' looks the name up in the catalog and takes no 'params'"),
        Case(name: "duplicate test names",
             yaml: "tests:\n  - name: a\n    when: SELECT 1\n  - name: a\n    when: SELECT 2\n",
             expected: "4:5: a test named 'a' is already in this suite"),
        Case(name: "duplicate key", yaml: "tests: []\nsuite: a\nsuite: b\n",
             expected: "2:1: a mapping has the key 'suite' more than once"),
        Case(name: "missing CSV fixture", yaml: "setup:\n  - load: products\ntests: []\n",
             expected: "2:11: the fixture file 'fixtures/products.csv' does not exist"),
        Case(name: "fixture row width",
             yaml: "setup:\n  - load:\n      table: t\n      columns: [a, b]\n      rows:\n        - [1, 2, 3]\n        - [4, 5, 6]\ntests: []\n",
             expected: "6:11: this row has 3 values, but 'columns' names 2 columns"),
        Case(name: "rows of different widths",
             yaml: "tests:\n  - name: a\n    then:\n      - query: SELECT 1\n        rows: [[1, 2], [3]]\n",
             expected: "5:24: this row has 1 values, but the first row has 2"),
        Case(name: "inline rows without columns",
             yaml: "setup:\n  - load: {table: t, rows: [[1]]}\ntests: []\n",
             expected: "2:11: the load step has 'rows' but no 'columns'"),
        Case(name: "csv and rows together",
             yaml: "setup:\n  - load: {table: t, csv: a.csv, columns: [a], rows: [[1]]}\ntests: []\n",
             expected: "2:48: a load step has either 'csv' or 'rows', not both"),
        Case(name: "sql and load in one step",
             yaml: "setup:\n  - sql: SELECT 1\n    load: t\ntests: []\n",
             expected: "3:5: a step has either 'sql' or 'load', not both"),
        Case(name: "negative count",
             yaml: "tests:\n  - name: a\n    then:\n      - query: SELECT 1\n        count: -1\n",
             expected: "5:16: expected a whole number (0 or more) for 'count', found '-1'"),
        Case(name: "empty: false",
             yaml: "tests:\n  - name: a\n    then:\n      - query: SELECT 1\n        empty: false\n",
             expected: "5:16: expected 'true' for 'empty', found 'false'"),
        Case(name: "bad SQLSTATE",
             yaml: "tests:\n  - name: a\n    then:\n      - sql: SELECT 1\n        fails: {sqlstate: 235}\n",
             expected: "5:27: expected a five-character SQLSTATE such as \"23502\" for 'sqlstate', found '235'"),
        Case(name: "bad message pattern",
             yaml: "tests:\n  - name: a\n    then:\n      - sql: SELECT 1\n        fails: {message: \"value (\"}\n",
             expected: "5:26: 'message' is not a supported regular expression: a '(' is never closed (at character 8)"),
        Case(name: "message pattern with a back-reference",
             yaml: "tests:\n  - name: a\n    then:\n      - sql: SELECT 1\n        fails: {message: \"(a)\\\\1\"}\n",
             expected: "5:26: 'message' is not a supported regular expression: '\\1' is not supported (back-references and other letter escapes are not) (at character 4)"),
        Case(name: "unknown isolation", yaml: "isolation: savepoint\ntests: []\n",
             expected: "1:12: expected transaction or none for 'isolation', found 'savepoint'"),
        Case(name: "column_exists without a table",
             yaml: "tests:\n  - name: a\n    then:\n      - column_exists: close_date\n",
             expected: "4:24: expected 'table.column' (the table may be schema-qualified) for 'column_exists', found 'close_date'"),
        Case(name: "test that does nothing", yaml: "tests:\n  - name: a\n    tags: [x]\n",
             expected: "2:5: the test has neither 'when' nor 'then'"),
        Case(name: "skip: null", yaml: "tests:\n  - name: a\n    skip:\n    when: SELECT 1\n",
             expected: "3:10: expected true or a reason for 'skip', found nothing (null)"),
        Case(name: "empty SQL", yaml: "tests:\n  - name: a\n    when: \"  \"\n",
             expected: "3:11: expected text for 'when', found only blanks"),
        Case(name: "a list where a value belongs",
             yaml: "tests:\n  - name: a\n    then:\n      - query: SELECT 1\n        equals: [1, 2]\n",
             expected: "5:17: expected a value (text, number, true/false or null) in 'equals', found a list"),
        Case(name: "params that are not a list",
             yaml: "tests:\n  - name: a\n    when: {sql: SELECT $1, params: 3}\n",
             expected: "3:36: expected a list of values for 'params', e.g. [a@x.com, 3], found '3'"),
        Case(name: "empty file", yaml: "", expected: "1:1: the spec file is empty"),
        Case(name: "a NUL escape in an inline fixture value",
             yaml: "setup:\n  - load: {table: items, columns: [id, name], rows: [[1, \"a\\0b\"]]}\ntests:\n  - name: a\n    when: SELECT 1\n",
             expected: "2:58: this text holds a NUL character (\\0)"),
        Case(name: "a NUL escape in a test name", yaml: "tests:\n  - name: \"a\\x00\"\n    when: SELECT 1\n",
             expected: "2:11: this text holds a NUL character (\\0)"),
        Case(name: "a list as the whole file", yaml: "- name: a\n",
             expected: "1:1: expected a mapping for the spec file, found a list"),
    ]

    @Test("each kind of problem is reported at its node with a message that says what is expected", arguments: cases)
    func problem(_ testCase: Case) {
        #expect(specProblems(testCase.yaml) == [testCase.expected])
    }

    @Test("an unknown key lists the valid keys in a note")
    func unknownKeyNote() throws {
        let error = try #require(throws: DiagnosticList.self) {
            try SpecLoader.load(text: "tests:\n  - name: a\n    wehn: SELECT 1\n", file: "t.yml")
        }
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.message == "unknown key 'wehn' in the test; did you mean 'when'?")
        #expect(diagnostic.notes == ["valid keys: name, tags, skip, given, when, then"])
        #expect(diagnostic.category == .input)
        #expect(diagnostic.code == "unknown-key")
        #expect(diagnostic.location == Diagnostics.SourceLocation(file: "t.yml", line: 3, column: 5))
    }

    @Test("every problem in a file is reported at once, in file order")
    func allProblemsAtOnce() {
        let yaml = """
            isolation: sometimes
            tests:
              - name: a
                then:
                  - query: SELECT 1
                    equal: 1
              - name: b
                when: [SELECT 1]
                then:
                  - sql: SELECT 1
                    rows: [[1]]
              - name: a
                when: SELECT 2
            """
        #expect(specProblems(yaml) == [
            "1:12: expected transaction or none for 'isolation', found 'sometimes'",
            "6:9: unknown key 'equal' in the assertion; did you mean 'equals'?",
            "10:9: 'rows' checks the result of 'query', but this assertion has 'sql'",
            "12:5: a test named 'a' is already in this suite",
        ])
    }
}
