import Dialect
import Diagnostics
import Lint
import Testing

@Suite struct LinterTests {
    static func rules(_ sql: String, dialect: Dialect = .postgresql) throws -> [String] {
        try Linter.lint(file: "V2__x.sql", text: sql, dialect: dialect).map(\.rule.name)
    }

    @Test("each rule fires on its statement", arguments: [
        ("DROP TABLE orders;", "drop-table"),
        ("DROP TABLE IF EXISTS sales.orders CASCADE;", "drop-table"),
        ("ALTER TABLE orders DROP COLUMN note;", "drop-column"),
        ("ALTER TABLE ONLY sales.orders DROP note;", "drop-column"),
        ("ALTER TABLE orders ADD COLUMN status text NOT NULL;", "add-column-not-null"),
        ("ALTER TABLE orders ADD status text NOT NULL, ADD other int;", "add-column-not-null"),
        ("CREATE INDEX orders_user ON orders (user_id);", "create-index-not-concurrently"),
        ("CREATE UNIQUE INDEX ON sales.orders USING btree (id);", "create-index-not-concurrently"),
        ("ALTER TABLE orders ALTER COLUMN amount TYPE numeric(14, 2);", "alter-column-type"),
        ("ALTER TABLE orders ALTER amount SET DATA TYPE bigint;", "alter-column-type"),
        ("ALTER TABLE orders RENAME COLUMN amount TO total;", "rename"),
        ("ALTER TABLE orders RENAME TO purchases;", "rename"),
        ("ALTER VIEW open_orders RENAME TO pending_orders;", "rename"),
    ])
    func fires(sql: String, rule: String) throws {
        #expect(try Self.rules(sql) == [rule])
    }

    @Test("safe statements draw no finding", arguments: [
        "CREATE TABLE orders (id int NOT NULL);",
        "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';",
        "ALTER TABLE orders ADD COLUMN note text;",
        "ALTER TABLE orders ADD COLUMN total int GENERATED ALWAYS AS (1) STORED NOT NULL;",
        "ALTER TABLE orders ADD CONSTRAINT positive CHECK (amount IS NOT NULL);",
        "ALTER TABLE orders DROP CONSTRAINT positive;",
        "ALTER TABLE orders ALTER COLUMN note DROP DEFAULT;",
        "ALTER TABLE orders ALTER COLUMN note DROP NOT NULL;",
        "CREATE INDEX CONCURRENTLY orders_user ON orders (user_id);",
        "TRUNCATE orders;",
        "INSERT INTO orders (note) VALUES ('DROP TABLE orders');",
    ])
    func quiet(sql: String) throws {
        #expect(try Self.rules(sql) == [])
    }

    @Test("TRUNCATE is flagged on Redshift only, and CREATE INDEX on PostgreSQL only")
    func dialectRules() throws {
        #expect(try Self.rules("TRUNCATE staging;", dialect: .redshift) == ["truncate-in-transaction"])
        #expect(try Self.rules("TRUNCATE staging;", dialect: .postgresql) == [])
        #expect(try Self.rules("CREATE INDEX i ON t (c);", dialect: .redshift) == [])
    }

    @Test("changing a table created earlier in the same file is safe")
    func tableCreatedInFile() throws {
        let sql = """
            CREATE TABLE sales.orders (id int);
            CREATE INDEX orders_id ON sales.orders (id);
            ALTER TABLE orders ADD COLUMN status text NOT NULL;
            ALTER TABLE sales.orders ALTER COLUMN id TYPE bigint;
            CREATE INDEX other_id ON other (id);
            CREATE INDEX archive_id ON archive.orders (id);
            DROP TABLE sales.orders;
            """
        let findings = try Linter.lint(file: "V2__x.sql", text: sql, dialect: .postgresql)
        #expect(findings.map(\.rule.name) == ["create-index-not-concurrently", "create-index-not-concurrently"])
        #expect(findings.map(\.location.line) == [5, 6])
    }

    @Test("a lint-ignore comment on the line before or the same line silences the named rule only", arguments: [
        "-- slipway:lint-ignore drop-table\nDROP TABLE orders;",
        "DROP TABLE orders; -- slipway:lint-ignore drop-table",
        "-- slipway:lint-ignore rename, drop-table\nDROP TABLE orders;",
        "-- slipway:lint-ignore all\nDROP TABLE orders;",
    ])
    func silenced(sql: String) throws {
        #expect(try Self.rules(sql) == [])
    }

    @Test("a lint-ignore comment for another rule or further away does not silence", arguments: [
        "-- slipway:lint-ignore drop-column\nDROP TABLE orders;",
        "-- slipway:lint-ignore drop-table\n\nDROP TABLE orders;",
    ])
    func notSilenced(sql: String) throws {
        #expect(try Self.rules(sql) == ["drop-table"])
    }

    @Test("every rule can be silenced in the file")
    func everyRuleSilenced() throws {
        let statements = [
            "DROP TABLE t;", "ALTER TABLE t DROP COLUMN c;", "ALTER TABLE t ADD c int NOT NULL;",
            "CREATE INDEX i ON t (c);", "ALTER TABLE t ALTER c TYPE text;", "ALTER TABLE t RENAME TO u;",
        ]
        for (statement, rule) in zip(statements, LintRules.statementRules.map(\.rule.name)) {
            #expect(try Self.rules(statement) == [rule])
            #expect(try Self.rules("-- slipway:lint-ignore \(rule)\n" + statement) == [])
        }
        #expect(try Self.rules("-- slipway:lint-ignore truncate-in-transaction\nTRUNCATE t;", dialect: .redshift) == [])
    }

    @Test("a finding reads file:line:col: level: message [rule] with advice and how to silence it")
    func findingText() throws {
        let finding = try #require(try Linter.lint(file: "db/migration/V2__x.sql", text: "SELECT 1;\n  DROP TABLE t;", dialect: .postgresql).first)
        let text = finding.diagnostic.description
        #expect(text.hasPrefix("db/migration/V2__x.sql:2:3: error: DROP TABLE destroys the table and its data [drop-table]"))
        #expect(text.contains("-- slipway:lint-ignore drop-table"))
    }

    @Test("the report fails at or above the chosen level")
    func failLevels() {
        let warning = LintFinding(rule: LintRules.statementRules[3].rule, location: SourceLocation(file: "f", line: 1, column: 1))
        let error = LintFinding(rule: LintRules.statementRules[0].rule, location: SourceLocation(file: "f", line: 1, column: 1))
        #expect(LintReport(findings: [warning], scripts: ["f"]).hasFindings(atOrAbove: .warning))
        #expect(!LintReport(findings: [warning], scripts: ["f"]).hasFindings(atOrAbove: .error))
        #expect(LintReport(findings: [warning, error], scripts: ["f"]).hasFindings(atOrAbove: .error))
        #expect(!LintReport(findings: [], scripts: ["f"]).hasFindings(atOrAbove: .warning))
    }
}
