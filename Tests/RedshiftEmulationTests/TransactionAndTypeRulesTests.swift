import PostgresClient
import RedshiftEmulation
import Testing
import TestSupport

/// Rules that need the server to show them: ALTER COLUMN ... TYPE outside a transaction block only
/// (r_ALTER_TABLE.html), VARCHAR lengths in bytes (r_Character_types.html), and the refusals of functions Redshift
/// lists as unsupported or leader-node only.
@Suite("Redshift rules on the embedded server")
struct TransactionAndTypeRulesTests {
    let connection: Connection

    init() throws {
        connection = try TestServer.connect(database: TestServer.createDatabase(prefix: "redshift_rules"))
        try run("create table address (address1 varchar(12), city varchar(20))")
    }

    private func run(_ sql: String) throws(PostgresError) {
        try connection.execute(RedshiftEmulation.rewrite(sql).text)
    }

    private func sqlstate(_ sql: String) -> String? {
        do {
            try run(sql)
            return nil
        } catch .server(let message) {
            return message.sqlstate
        } catch {
            return "\(error)"
        }
    }

    @Test("ALTER COLUMN ... TYPE runs on its own, and fails inside BEGIN ... END with SQLSTATE 25001 (r_ALTER_TABLE.html)")
    func alterColumnType() throws {
        try run("alter table address alter column city type varchar(30)")
        try connection.execute("BEGIN")
        #expect(sqlstate("alter table address alter column city type varchar(40)") == "25001")
        try connection.execute("ROLLBACK")
        #expect(try connection.execute("select character_maximum_length from information_schema.columns where table_name = 'address' and column_name = 'city'").rows == [["30"]])
    }

    @Test("VARCHAR(12) holds 12 single-byte or 6 two-byte characters; 7 two-byte characters fail with 22001 (r_Character_types.html)")
    func byteLengths() throws {
        try run("insert into address (address1) values ('123456789012')")
        try run("insert into address (address1) values ('éééééé')")
        #expect(sqlstate("insert into address (address1) values ('ééééééé')") == "22001")
        // Blanks over the length are cut, not an error (r_Character_types.html, trailing blanks).
        try run("insert into address (address1) values ('éééééé ')")
        #expect(try connection.execute("select count(*) from address").rows == [["3"]])
    }

    @Test("what Redshift lists as unsupported or leader-node only fails with 0A000", arguments: [
        // c_unsupported-postgresql-functions.html
        "select 1 is distinct from 2",
        "select * from address where city is not distinct from null",
        // c_sql-functions-leader-node.html: a leader-node function with a user's table.
        "select current_schema(), address1 from address",
        "insert into address (address1) select g::varchar from generate_series(1, 3) g",
        "update address set city = now()::varchar",
    ])
    func refused(_ sql: String) throws {
        #expect(sqlstate(sql) == "0A000")
    }

    @Test("leader-node functions without a user's table run (c_sql-functions-leader-node.html)", arguments: [
        "select current_schema()",
        "select * from pg_catalog.pg_tables where schemaname = current_schema() limit 1",
        "select g from generate_series(1, 3) g",
        "with s as (select now() as t) select t from s",
    ])
    func leaderNode(_ sql: String) throws {
        #expect(sqlstate(sql) == nil)
    }
}
