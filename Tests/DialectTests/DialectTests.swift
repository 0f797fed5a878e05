import Dialect
import SQLScanner
import Testing

@Suite struct DialectTests {
    @Test("the advisory-lock key is Flyway's for the default table")
    func flywayLockKey() {
        #expect(Dialect.flywayLockKey(qualifiedTable: "\"public\".\"flyway_schema_history\"") == 77_433_833_903_597)
        guard case .advisory(let key) = Dialect.postgresql.lockStrategy(schema: "public", table: "flyway_schema_history")
        else {
            Issue.record("PostgreSQL must use an advisory lock")
            return
        }
        #expect(key == 77_433_833_903_597)
    }

    @Test("Redshift locks the history table inside each migration's transaction")
    func redshiftLock() {
        #expect(Dialect.redshift.lockStrategy(schema: "etl", table: "hist")
            == .historyTableLock(statement: "LOCK \"etl\".\"hist\""))
    }

    @Test("detection reads Redshift's version string")
    func detection() {
        #expect(Dialect.detect(versionString: "PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.77467") == .redshift)
        #expect(Dialect.detect(versionString: "PostgreSQL 15.18 (Debian 15.18-0+deb12u1) on x86_64-pc-linux-gnu") == .postgresql)
    }

    @Test("the PostgreSQL history DDL is Flyway's")
    func postgresHistoryDDL() {
        let ddl = Dialect.postgresql.createHistoryTable(schema: "s", table: "flyway_schema_history")
        #expect(ddl == [
            "CREATE TABLE \"s\".\"flyway_schema_history\" (\"installed_rank\" INT NOT NULL, \"version\" VARCHAR(50), \"description\" VARCHAR(200) NOT NULL, \"type\" VARCHAR(20) NOT NULL, \"script\" VARCHAR(1000) NOT NULL, \"checksum\" INTEGER, \"installed_by\" VARCHAR(100) NOT NULL, \"installed_on\" TIMESTAMP NOT NULL DEFAULT now(), \"execution_time\" INTEGER NOT NULL, \"success\" BOOLEAN NOT NULL)",
            "ALTER TABLE \"s\".\"flyway_schema_history\" ADD CONSTRAINT \"flyway_schema_history_pk\" PRIMARY KEY (\"installed_rank\")",
            "CREATE INDEX \"flyway_schema_history_s_idx\" ON \"s\".\"flyway_schema_history\" (\"success\")",
        ])
    }

    @Test("the Redshift history DDL has SORTKEY, getdate() and no success index")
    func redshiftHistoryDDL() {
        let ddl = Dialect.redshift.createHistoryTable(schema: "s", table: "flyway_schema_history")
        #expect(ddl.count == 2)
        #expect(ddl[0].contains("\"installed_rank\" INT NOT NULL SORTKEY"))
        #expect(ddl[0].contains("DEFAULT getdate()"))
        #expect(!ddl.joined().contains("_s_idx"))
    }

    @Test("PostgreSQL statements that cannot run in a transaction", arguments: [
        ("CREATE INDEX CONCURRENTLY i ON t (a)", true),
        ("create unique index concurrently i on t (a)", true),
        ("DROP INDEX CONCURRENTLY i", true),
        ("CREATE INDEX i ON t (a)", false),
        ("VACUUM ANALYZE t", true),
        ("CREATE DATABASE d", true),
        ("DROP TABLESPACE x", true),
        ("ALTER SYSTEM SET work_mem = '8MB'", true),
        ("REINDEX SCHEMA public", true),
        ("REINDEX TABLE t", false),
        ("DISCARD ALL", true),
        ("CREATE TABLE t (a int)", false),
        ("TRUNCATE t", false),
    ])
    func postgresClassification(sql: String, outside: Bool) throws {
        let statement = try #require(try SQLScanner.statements(in: sql, file: "x.sql").first)
        #expect(Dialect.postgresql.cannotRunInTransaction(statement) == outside)
    }

    @Test("Redshift statements that cannot run in a transaction", arguments: [
        ("CREATE LIBRARY f LANGUAGE plpythonu FROM 's3://b/f.zip'", true),
        ("CREATE EXTERNAL TABLE spectrum.t (a int) STORED AS PARQUET LOCATION 's3://b/'", true),
        ("DROP EXTERNAL TABLE spectrum.t", true),
        ("ALTER TABLE t APPEND FROM s", true),
        ("ALTER TABLE t ALTER COLUMN c TYPE VARCHAR(300)", true),
        ("ALTER TABLE t ADD COLUMN c INT", false),
        ("VACUUM t", true),
        ("CREATE TABLE t (a int)", false),
        ("ALTER EXTERNAL TABLE spectrum.t ADD PARTITION (d = '2024-01-01') LOCATION 's3://b/d/'", true),
        ("DROP EXTERNAL SCHEMA spectrum", true),
        // External tables are altered with plain ALTER TABLE, never in a transaction block
        // (docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html; statements from r_ALTER_TABLE_external-table.html).
        ("alter table spectrum.sales_part add if not exists partition(saledate='2008-01-01') location 's3://b/s/'", true),
        ("alter table spectrum.sales_part drop partition(saledate='2008-01-01')", true),
        ("alter table spectrum.sales_part partition(saledate='2008-01-01') set location 's3://b/s/'", true),
        ("alter table spectrum.sales set location 's3://redshift-downloads/tickit/spectrum/sales/'", true),
        ("alter table spectrum.sales set file format parquet", true),
        ("alter table spectrum.sales set table properties ('numRows'='170000')", true),
        ("ALTER TABLE t RENAME TO u", false),
        ("CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'd' IAM_ROLE 'r'", false),
        ("CREATE DATABASE d", true),
        ("DROP LIBRARY f", true),
        ("TRUNCATE t", false),
        ("CREATE OR REPLACE PROCEDURE p() AS $$ BEGIN TRUNCATE t; END; $$ LANGUAGE plpgsql", false),
    ])
    func redshiftClassification(sql: String, outside: Bool) throws {
        let statement = try #require(try SQLScanner.statements(in: sql, file: "x.sql").first)
        #expect(Dialect.redshift.cannotRunInTransaction(statement) == outside)
    }

    @Test("TRUNCATE commits implicitly only on Redshift")
    func truncate() throws {
        let statement = try #require(try SQLScanner.statements(in: "TRUNCATE products_staging", file: "x.sql").first)
        #expect(Dialect.redshift.commitsImplicitly(statement))
        #expect(!Dialect.postgresql.commitsImplicitly(statement))
    }

    @Test("database copies: from a template, by copying files only when asked; not on Redshift")
    func copies() {
        #expect(Dialect.postgresql.copyDatabaseStatement("w1", template: "my db")
            == "CREATE DATABASE \"w1\" TEMPLATE \"my db\"")
        #expect(Dialect.postgresql.copyDatabaseStatement("w1", template: "t", copyingFiles: true)
            == "CREATE DATABASE \"w1\" TEMPLATE \"t\" STRATEGY FILE_COPY")
        #expect(Dialect.postgresql.supportsDatabaseCopies)
        #expect(!Dialect.redshift.supportsDatabaseCopies)
    }

    @Test("session setup: the vanished-client check from PostgreSQL 14, lock_timeout only on PostgreSQL")
    func sessionSetup() {
        #expect(Dialect.postgresql.sessionSetupStatements(lockTimeout: 500, statementTimeout: 9000, serverVersion: 150_018)
            == ["SET client_connection_check_interval = 1000", "SET lock_timeout = 500", "SET statement_timeout = 9000"])
        #expect(Dialect.postgresql.sessionSetupStatements(lockTimeout: nil, statementTimeout: nil, serverVersion: 130_011)
            .isEmpty)
        #expect(Dialect.redshift.sessionSetupStatements(lockTimeout: 500, statementTimeout: 9000, serverVersion: 80_002)
            == ["SET statement_timeout = 9000"])
    }
}
