import Foundation
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

@Suite struct SharedSetupLoadingTests {
    @Test("_setup.yml is not a suite; scope suite puts its steps around every suite's own but data-migration specs'")
    func perSuite() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shared-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "scope: suite\nsetup: SELECT 'shared'\nteardown: SELECT 'shared end'\n"
            .write(toFile: directory + "/_setup.yml", atomically: true, encoding: .utf8)
        try "setup: SELECT 'own'\ntests:\n  - name: t\n    when: SELECT 1\n"
            .write(toFile: directory + "/a.yml", atomically: true, encoding: .utf8)
        try "migrate: { from: 1 }\ntests:\n  - name: t\n    when: SELECT 1\n"
            .write(toFile: directory + "/b.yml", atomically: true, encoding: .utf8)
        let project = try SpecLoader.discoverProject(directory: directory)
        #expect(project.shared == nil)
        #expect(project.suites.map(\.name) == ["a", "b"])
        let sql = { (steps: [Step]) in steps.compactMap { step -> String? in if case .sql(let text) = step { text.sql } else { nil } } }
        #expect(sql(project.suites[0].setup) == ["SELECT 'shared'", "SELECT 'own'"])
        #expect(sql(project.suites[0].teardown) == ["SELECT 'shared end'"])
        #expect(project.suites[1].setup.isEmpty)
        #expect(project.suites[1].dataMigration == DataMigration(from: "1", location: SourceLocation(file: directory + "/b.yml", line: 1, column: 1)))
    }

    @Test("a bad scope or version is reported at its place", arguments: [
        ("_setup.yml", "scope: always\n", "1:8: expected run or suite for 'scope', found 'always'"),
        ("a.yml", "migrate: { from: latest }\ntests: []\n", "1:18: expected a migration version such as \"1.0.1\" for 'from', found 'latest'"),
        ("a.yml", "migrate: { to: \"2\" }\ntests: []\n", "1:10: the 'migrate' mapping has no 'from'; expected the version to load the data at, e.g. \"1.0.1\""),
    ])
    func problems(file: String, yaml: String, expected: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shared-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try yaml.write(toFile: directory + "/" + file, atomically: true, encoding: .utf8)
        do {
            _ = try SpecLoader.discoverProject(directory: directory)
            Issue.record("want a problem")
        } catch {
            #expect(error.diagnostics.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0): \($0.message)" } == [expected])
        }
    }
}
