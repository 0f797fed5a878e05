import Configuration
import Diagnostics
import Testing
import TestSupport

@Suite struct SettingsPrecedenceTests {
    @Test("uses Flyway's defaults and no database when nothing is configured")
    func defaults() throws {
        let directory = try TemporaryDirectory()
        let settings = try load(in: directory)
        #expect(settings == Settings())
        #expect(settings.database == nil)
        #expect(settings.schemas == [])
        #expect(settings.table == "flyway_schema_history")
        #expect(settings.locations == ["db/migration"])
        #expect(settings.ignoreMigrationPatterns == ["*:future"])
        #expect(settings.baselineDescription == "<< Flyway Baseline >>")
        #expect(settings.cleanDisabled && settings.validateOnMigrate && settings.placeholderReplacement)
        #expect(!settings.outOfOrder && !settings.mixed && !settings.baselineOnMigrate)
        #expect(settings.configFile == nil)
        // Bounded by default: ten minutes for any lock, the migration lock included.
        #expect(settings.lockTimeout == 600_000)
        #expect(settings.statementTimeout == nil)
    }

    @Test("the command line beats the environment")
    func commandLineBeatsEnvironment() throws {
        let directory = try TemporaryDirectory()
        let settings = try load(
            ["table": "cli_history", "outOfOrder": "false", "placeholders.Owner": "cli"],
            environment: ["FLYWAY_TABLE": "env_history", "FLYWAY_OUT_OF_ORDER": "true", "FLYWAY_PLACEHOLDERS_OWNER": "env",
                          "FLYWAY_PLACEHOLDERS_OTHER": "kept"],
            in: directory)
        #expect(settings.table == "cli_history")
        #expect(settings.outOfOrder == false)
        #expect(settings.placeholders == ["owner": "cli", "other": "kept"])
    }

    @Test("the environment beats the config file, and the file beats the defaults")
    func environmentBeatsFile() throws {
        let directory = try TemporaryDirectory()
        try directory.write("slipway.toml", """
            table = "file_history"
            mixed = true
            [placeholders]
            owner = "file"
            """)
        let settings = try load(environment: ["SLIPWAY_TABLE": "env_history", "SLIPWAY_PLACEHOLDERS_OWNER": "env"], in: directory)
        #expect(settings.table == "env_history")
        #expect(settings.mixed == true)
        #expect(settings.placeholders == ["owner": "env"])
    }

    @Test("the command line beats the config file")
    func commandLineBeatsFile() throws {
        let directory = try TemporaryDirectory()
        try directory.write("flyway.toml", """
            [flyway]
            locations = ["filesystem:sql"]
            baselineVersion = "3"
            """)
        let settings = try load(["locations": "a,b"], in: directory)
        #expect(settings.locations == ["a", "b"])
        #expect(settings.baselineVersion == "3")
    }

    @Test("SLIPWAY_ variables beat FLYWAY_ ones")
    func slipwayBeatsFlyway() throws {
        let directory = try TemporaryDirectory()
        let settings = try load(
            environment: ["FLYWAY_SCHEMAS": "flyway_a", "SLIPWAY_SCHEMAS": "slip_a,slip_b",
                          "FLYWAY_PLACEHOLDERS_X": "f", "SLIPWAY_PLACEHOLDERS_X": "s"],
            in: directory)
        #expect(settings.schemas == ["slip_a", "slip_b"])
        #expect(settings.placeholders == ["x": "s"])
    }

    @Test("reads every kind of setting from FLYWAY_ variables in UPPER_SNAKE case")
    func readsFlywayVariables() throws {
        let directory = try TemporaryDirectory()
        let settings = try load(environment: [
            "FLYWAY_BASELINE_ON_MIGRATE": "TRUE", "FLYWAY_VALIDATE_MIGRATION_NAMING": "false",
            "FLYWAY_SQL_MIGRATION_SUFFIXES": ".sql, .pgsql", "FLYWAY_INSTALLED_BY": "ci",
            "SLIPWAY_LOCK_TIMEOUT": "5000", "SLIPWAY_CONNECT_RETRIES": "3",
            "FLYWAY_PLACEHOLDERS_SCHEMA_NAME": "public", "FLYWAY_CLEAN_ON_VALIDATION_ERROR": "true",
        ], in: directory)
        #expect(settings.baselineOnMigrate == true)
        #expect(settings.validateMigrationNaming == false)
        #expect(settings.sqlMigrationSuffixes == [".sql", ".pgsql"])
        #expect(settings.installedBy == "ci")
        #expect(settings.lockTimeout == 5000)
        #expect(settings.connectRetries == 3)
        #expect(settings.placeholders == ["schema_name": "public"])
        // Flyway 8/9's setting, removed in Flyway 10: accepted, with a note.
        #expect(settings.warnings.map(\.code) == ["no-effect"])
    }

    @Test("warns about unknown SLIPWAY_ variables but not SLIPWAY_PG_BIN")
    func warnsAboutUnknownSlipwayVariables() throws {
        let directory = try TemporaryDirectory()
        let settings = try load(environment: ["SLIPWAY_TABEL": "x", "SLIPWAY_PG_BIN": "/usr/lib/postgresql/15/bin"], in: directory)
        #expect(settings.warnings.map(\.message) == ["environment variable SLIPWAY_TABEL is not a Slipway setting and is ignored"])
        #expect(settings.warnings.first?.severity == .warning)
    }

    @Test("splits lists at commas, trimming blanks and dropping empty items", arguments: [
        ("a,b", ["a", "b"]), (" a , b ,", ["a", "b"]), ("", []), ("single", ["single"]),
    ])
    func parsesLists(_ text: String, _ expected: [String]) throws {
        let directory = try TemporaryDirectory()
        #expect(try load(["schemas": text], in: directory).schemas == expected)
    }

    @Test("rejects values that do not fit the setting, naming where they came from", arguments: [
        (["outOfOrder": "yes"], [String: String](), "command line setting 'outOfOrder' must be true or false"),
        ([:], ["FLYWAY_MIXED": "1"], "environment variable FLYWAY_MIXED must be true or false"),
        ([:], ["SLIPWAY_CONNECT_RETRIES": "-1"], "environment variable SLIPWAY_CONNECT_RETRIES must be a whole number"),
        (["tabel": "x"], [:], "unknown command line setting 'tabel'"),
        (["dialect": "mysql"], [:], "command line setting 'dialect' names an unknown dialect"),
        (["locations": "classpath:db/migration"], [:], "location 'classpath:db/migration'"),
    ])
    func rejectsBadValues(_ commandLine: [String: String], _ environment: [String: String], _ message: String) throws {
        let directory = try TemporaryDirectory()
        let errors = loadErrors(commandLine, environment: environment, in: directory)
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains(message) == true, "\(errors)")
        #expect(errors.first?.category == .input)
    }

    @Test("strips Flyway's filesystem: prefix from locations")
    func stripsFilesystemPrefix() throws {
        let directory = try TemporaryDirectory()
        #expect(try load(["locations": "filesystem:db/migration,sql"], in: directory).locations == ["db/migration", "sql"])
    }

    @Test("hints at a filesystem path for classpath: locations")
    func classpathHint() throws {
        let directory = try TemporaryDirectory()
        let error = try #require(loadErrors(["locations": "classpath:db/migration"], in: directory).first)
        #expect(error.code == "classpath-location")
        #expect(error.hint == "use the directory that holds the files, e.g. filesystem:src/main/resources/db/migration")
    }
}
