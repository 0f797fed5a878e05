import Dialect
import Lint
import Testing

/// `slipway lint --dialect redshift` on PostgreSQL names what the emulation cannot reproduce.
@Suite struct NotEmulatedTests {
    static let emulated = Dialect(kind: .redshift, server: .postgresql)

    @Test("what only a cluster can test is flagged on emulated Redshift", arguments: [
        "CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'db' IAM_ROLE 'arn:aws:iam::1:role/r';",
        "CREATE EXTERNAL TABLE spectrum.sales (id int) STORED AS PARQUET LOCATION 's3://b/sales/';",
        "UNLOAD ('select * from venue') TO 's3://b/unload/venue_' IAM_ROLE 'arn:aws:iam::1:role/r';",
        "CREATE VIEW v AS SELECT 1 WITH NO SCHEMA BINDING;",
        "ALTER TABLE target APPEND FROM source;",
    ])
    func flagged(sql: String) throws {
        #expect(try Linter.lint(file: "V2__x.sql", text: sql, dialect: Self.emulated).map(\.rule.name) == ["not-emulated"])
        // On a real cluster, and on plain PostgreSQL, there is nothing to say.
        #expect(try Linter.lint(file: "V2__x.sql", text: sql, dialect: .redshift).map(\.rule.name) == [])
    }

    @Test("what the emulation does run is not flagged")
    func quiet() throws {
        let sql = "CREATE TABLE t (id int identity(1,1)) DISTSTYLE AUTO; COPY t FROM 's3://b/t.csv' CSV; "
            + "COPY t FROM 's3://b/cust.manifest' IAM_ROLE 'arn:aws:iam::1:role/r' MANIFEST;"
        #expect(try Linter.lint(file: "V2__x.sql", text: sql, dialect: Self.emulated).isEmpty)
    }
}
