import Configuration
import Diagnostics
import Testing
import TestSupport

@Suite struct FlywaySettingsTests {
    @Test("FLYWAY_DEFAULT_SCHEMA puts the history in that schema, first among the managed ones")
    func defaultSchema() throws {
        let directory = try TemporaryDirectory()
        #expect(try load(environment: ["FLYWAY_DEFAULT_SCHEMA": "audit"], in: directory).schemas == ["audit"])
        let both = try load(environment: ["FLYWAY_DEFAULT_SCHEMA": "audit", "FLYWAY_SCHEMAS": "sales,audit"], in: directory)
        #expect(both.schemas == ["audit", "sales"])
    }

    @Test("Flyway's variables Slipway does not use draw a note naming them; an unknown FLYWAY_ variable a warning")
    func flywayVariables() throws {
        let directory = try TemporaryDirectory()
        let settings = try load(environment: [
            "FLYWAY_INIT_SQL": "SET x = 1", "FLYWAY_JDBC_PROPERTIES_ssl": "true", "FLYWAY_OUT_OF_ORDR": "true",
            "FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK": "false",
        ], in: directory)
        #expect(settings.warnings.map(\.severity) == [.note, .note, .warning, .note])
        #expect(settings.warnings.map(\.message)[2] == "environment variable FLYWAY_OUT_OF_ORDR is not a Flyway setting and is ignored")
        #expect(settings.warnings[0].message.hasPrefix("environment variable FLYWAY_INIT_SQL has no effect in Slipway: "))
        #expect(!settings.outOfOrder)
    }

    @Test("Flyway's own spellings of variables are honoured (FLYWAY_DRYRUN_OUTPUT, FLYWAY_CONFIG_FILES)")
    func flywaySpellings() throws {
        let directory = try TemporaryDirectory()
        try directory.write("x.toml", "table = \"from_x\"")
        let settings = try load(environment: ["FLYWAY_DRYRUN_OUTPUT": "release.sql", "FLYWAY_CONFIG_FILES": "x.toml"], in: directory)
        #expect(settings.dryRunOutput == "release.sql")
        #expect(settings.table == "from_x")
        #expect(settings.warnings.isEmpty)
    }

    @Test("FLYWAY_BASELINE_MIGRATION_PREFIX, FLYWAY_ENCODING and FLYWAY_CONNECT_RETRIES_INTERVAL are honoured")
    func moreFlywayVariables() throws {
        let directory = try TemporaryDirectory()
        let settings = try load(environment: [
            "FLYWAY_BASELINE_MIGRATION_PREFIX": "BASE", "FLYWAY_ENCODING": "ISO-8859-1", "FLYWAY_CONNECT_RETRIES_INTERVAL": "5",
        ], in: directory)
        #expect(settings.baselineMigrationPrefix == "BASE")
        #expect(settings.encoding == "ISO-8859-1")
        #expect(settings.connectRetriesInterval == 5)
        #expect(settings.warnings.isEmpty)
    }

    @Test("flyway.toml keys Flyway accepts are accepted, with a note each, also as nested tables")
    func tomlKeysFlywayAccepts() throws {
        let directory = try TemporaryDirectory()
        try directory.write("flyway.toml", """
            [environments.default]
            url = "postgresql://h/db"
            initSql = "SET search_path = x"
            [environments.default.jdbcProperties]
            ssl = "true"
            [environments.other]
            url = "postgresql://o/db"
            provisioner = "clean"

            [flyway]
            defaultSchema = "audit"
            createSchemas = true
            group = true
            failOnMissingLocations = true
            executeInTransaction = true
            skipDefaultCallbacks = false
            reportEnabled = true
            outputQueryResults = false
            postgresql.transactional.lock = false
            [flyway.oracle]
            sqlplus = true
            """)
        let settings = try load(in: directory)
        #expect(settings.schemas == ["audit"])
        let names = settings.warnings.map(\.message).compactMap { $0.split(separator: "'").dropFirst().first }
        #expect(Set(names) == [
            "initSql", "jdbcProperties", "createSchemas", "group", "failOnMissingLocations", "executeInTransaction",
            "skipDefaultCallbacks", "reportEnabled", "outputQueryResults", "postgresql.transactional.lock", "oracle.sqlplus",
        ])
        #expect(settings.warnings.allSatisfy { $0.severity == .note })
    }

    @Test("a key Flyway does not know stays an error in flyway.toml")
    func unknownTomlKey() throws {
        let directory = try TemporaryDirectory()
        try directory.write("flyway.toml", "[flyway]\npostgresql.transactional.lok = false\n")
        #expect(loadErrors(in: directory).map(\.code) == ["unknown-setting"])
    }

    @Test("the README's table of Flyway settings is the one the catalog makes")
    func readmeTableMatchesCatalog() throws {
        let readme = try String(
            contentsOfFile: #filePath.replacingOccurrences(of: "Tests/ConfigurationTests/FlywaySettingsTests.swift", with: "README.md"),
            encoding: .utf8)
        #expect(readme.contains(FlywaySettingsTable.markdown + "\n"))
    }
}
