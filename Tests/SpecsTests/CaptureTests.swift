import Diagnostics
import Testing
@testable import Specs

@Suite struct CaptureTests {
    @Test("a capture step keeps its query and names, and later SQL binds $name after its params")
    func decodes() throws {
        let suite = try SpecLoader.load(text: """
            tests:
              - name: t
                given:
                  - capture: SELECT email, 50 FROM users ORDER BY random() LIMIT 1
                    as: [email, n]
                when:
                  sql: CALL gen_orders($email, $n, $1)
                  params: [x]
                then:
                  - query: SELECT count(*) FROM orders WHERE email = $email AND note <> '$email' -- $n
                    equals: 50
            """, file: "spec/t.yml")
        let test = try #require(suite.tests.first)
        guard case .capture(let capture) = try #require(test.given.first) else {
            Issue.record("want a capture step, have \(test.given)")
            return
        }
        #expect(capture.names == ["email", "n"])
        #expect(capture.location == SourceLocation(file: "spec/t.yml", line: 4, column: 9))
        guard case .sql(let call) = try #require(test.when.first) else { return }
        #expect(call.captures == ["email", "n"])
        #expect(call.boundSQL == "CALL gen_orders($2, $3, $1)")
        #expect(call.sql == "CALL gen_orders($email, $n, $1)")
        let check = try #require(test.then.first?.kind.sqlTexts.first)
        // The name inside a string and a comment is text, not a reference.
        #expect(check.captures == ["email"])
        #expect(check.boundSQL == "SELECT count(*) FROM orders WHERE email = $1 AND note <> '$email' -- $n")
    }

    @Test("SQL without $name is sent as written")
    func noReferences() throws {
        let suite = try SpecLoader.load(text: "tests:\n  - name: t\n    when: SELECT $1, $$a$$, 'x$y'\n", file: "t.yml")
        guard case .sql(let text) = try #require(suite.tests.first?.when.first) else { return }
        #expect(text.captures.isEmpty)
        #expect(text.boundSQL == text.sql)
    }

    @Test("problems with captures are reported at their place", arguments: [
        ("tests:\n  - name: t\n    when: CALL p($email)\n", "3:11: `$email` names no value captured before this SQL runs"),
        ("tests:\n  - name: t\n    then:\n      - query: SELECT $who\n        equals: 1\n",
         "4:16: `$who` names no value captured before this SQL runs"),
        ("tests:\n  - name: t\n    when:\n      - capture: SELECT 1\n", "4:9: the capture has no 'as'; expected a name for each column it keeps"),
        ("tests:\n  - name: t\n    when:\n      - capture: SELECT 1\n        as: [1x]\n",
         "5:14: '1x' cannot be a captured name; use letters, digits and _, starting with a letter or _"),
        ("tests:\n  - name: t\n    when:\n      - sql: SELECT 1\n        as: [x]\n",
         "5:9: 'as' names the columns of a 'capture', and this step has none"),
        // A test's captures are its own: the next test does not see them.
        ("tests:\n  - name: a\n    when:\n      - capture: SELECT 1\n        as: [x]\n  - name: b\n    when: SELECT $x\n",
         "7:11: `$x` names no value captured before this SQL runs"),
    ])
    func problems(yaml: String, expected: String) {
        #expect(specProblems(yaml) == [expected])
    }

    @Test("a value captured in setup is seen by every test and by teardown")
    func suiteScope() throws {
        let suite = try SpecLoader.load(text: """
            setup:
              - capture: SELECT 1
                as: [one]
            teardown: SELECT $one
            tests:
              - name: a
                when: SELECT $one
              - name: b
                then:
                  - query: SELECT $one
                    equals: 1
            """, file: "t.yml")
        #expect(suite.tests.count == 2)
    }
}
