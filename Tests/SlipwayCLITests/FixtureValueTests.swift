import Foundation
import Testing
import TestSupport

/// Values from CSV fixtures and spec parameters reach the database exactly as written: they are sent as data,
/// never spliced into SQL text.
@Suite struct FixtureValueTests {
    @Test("quotes, backslashes, $$, newlines, tabs and non-ASCII arrive exactly; SQL in a value stays a value")
    func exactValues() throws {
        let project = try ExampleProject(.postgresql)
        let database = try ScratchDatabase()
        let csv = [
            "email,name",
            "a@x,\"it's \"\"quoted\"\"\"",
            "b@x,back\\slash \\\\n",
            "c@x,$$ dollar $tag$",
            "d@x,\"line1\nline2\"",
            "e@x,tab\there",
            "f@x,é 🙂 日本",
            "g@x,\"x'); DROP TABLE users; --\"",
        ]
        try project.write("spec/fixtures/tricky.csv", csv.joined(separator: "\n") + "\n")
        try project.write("spec/tricky.yml", #"""
            suite: tricky
            tests:
              - name: fixture values arrive exactly
                given:
                  - load: { table: users, csv: fixtures/tricky.csv }
                then:
                  - query: |-
                      SELECT count(*) FROM users WHERE (email, name) IN (VALUES
                        ('a@x', 'it''s "quoted"'), ('b@x', 'back\slash \\n'), ('c@x', '$$ dollar $tag$'),
                        ('d@x', E'line1\nline2'), ('e@x', E'tab\there'), ('f@x', 'é 🙂 日本'),
                        ('g@x', 'x''); DROP TABLE users; --'))
                    equals: 7
              - name: parameters arrive exactly
                when:
                  sql: INSERT INTO users (email, name) VALUES ($1, $2)
                  params: ["p@x", "'; DROP TABLE users; -- $$ \\ \t é"]
                then:
                  - query: SELECT name = E'''; DROP TABLE users; -- $$ \\ \t é' FROM users WHERE email = 'p@x'
                    equals: true
            """#)
        let run = try project.run(["test", "--url", database.url, "--filter", "arrive exactly"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("✓ fixture values arrive exactly"), "\(run.stdout)")
        #expect(run.stdout.contains("✓ parameters arrive exactly"), "\(run.stdout)")
    }

    @Test("a NUL byte in a fixture stops the run before anything runs, naming file, line and column")
    func nulRejected() throws {
        let project = try ExampleProject(.postgresql)
        let database = try ScratchDatabase()
        try Data("email,name\na@x,nul\0here\n".utf8).write(
            to: URL(fileURLWithPath: project.directory + "/spec/fixtures/nul.csv"))
        try project.write("spec/nul.yml", """
            suite: nul
            tests:
              - name: loads a NUL
                given:
                  - load: { table: users, csv: fixtures/nul.csv }
                then:
                  - query: SELECT count(*) FROM users
                    equals: 1
            """)
        let run = try project.run(["test", "--url", database.url, "--filter", "loads a NUL"])
        #expect(run.status == 4, "\(run.output)")
        #expect(run.stderr.contains("spec/fixtures/nul.csv:2:8: error: the file holds a NUL character"), "\(run.stderr)")
        // Checked before migrating: nothing ran at all.
        #expect(try database.rows("SELECT to_regclass('users') IS NULL") == [["t"]])
    }
}
