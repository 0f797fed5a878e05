import Configuration
import Diagnostics
import Testing
import TestSupport

@Suite struct ConfigFileTests {
    /// The seed story's configuration in Flyway 10+ TOML, with two environments.
    static let flywayToml = """
        [environments.default]
        url = "jdbc:redshift://${env.TEST_HOST}:${env.TEST_PORT}/${env.TEST_DB_NAME}"
        user = "${env.TEST_JDBC_USER}"
        password = "${env.TEST_JDBC_PASSWORD}"
        schemas = ["public"]

        [environments.prod]
        url = "jdbc:redshift://${env.PROD_HOST}:5439/prod"
        schemas = ["sales", "staging"]
        dialect = "redshift"

        [flyway]
        locations = ["filesystem:db/migration"]
        outOfOrder = true

        [flyway.placeholders]
        schema_name = "public"
        Bucket = "${env.TEST_DATA_S3_BUCKET}"
        """

    static let codeBuildEnvironment = [
        "TEST_HOST": "cluster.abc.eu-west-1.redshift.amazonaws.com", "TEST_PORT": "5439", "TEST_DB_NAME": "dev",
        "TEST_JDBC_USER": "awsuser", "TEST_JDBC_PASSWORD": "S3cret-pass", "TEST_DATA_S3_BUCKET": "bucket-1",
    ]

    @Test("reads the default environment of flyway.toml with ${env.X} expanded")
    func readsFlywayTomlDefaultEnvironment() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("flyway.toml", Self.flywayToml)
        let settings = try load(environment: Self.codeBuildEnvironment, in: directory)
        let database = try #require(settings.database)
        #expect(database.parameters == [
            .init("host", "cluster.abc.eu-west-1.redshift.amazonaws.com"), .init("port", "5439"), .init("dbname", "dev"),
            .init("sslmode", "require"), .init("user", "awsuser"), .init("password", "S3cret-pass"),
        ])
        #expect(database.isRedshift)
        #expect(database.display == "postgresql://awsuser:***@cluster.abc.eu-west-1.redshift.amazonaws.com:5439/dev?sslmode=require")
        #expect(settings.schemas == ["public"])
        #expect(settings.locations == ["db/migration"])
        #expect(settings.outOfOrder)
        #expect(settings.placeholders == ["schema_name": "public", "bucket": "bucket-1"])
        #expect(settings.secrets == ["S3cret-pass"])
        #expect(settings.configFile == path)
        #expect(settings.environment == "default")
    }

    @Test("picks the environment named on the command line, ignoring the other environments' variables")
    func picksNamedEnvironment() throws {
        let directory = try TemporaryDirectory()
        try directory.write("flyway.toml", Self.flywayToml)
        let settings = try load(["environment": "prod"], environment: ["PROD_HOST": "prod.example.com", "TEST_DATA_S3_BUCKET": "b"], in: directory)
        #expect(settings.database?["host"] == "prod.example.com")
        #expect(settings.database?["dbname"] == "prod")
        #expect(settings.schemas == ["sales", "staging"])
        #expect(settings.environment == "prod")
    }

    @Test("picks the environment that [flyway] names, with [environments.X.flyway] overriding [flyway]")
    func picksEnvironmentFromFile() throws {
        let directory = try TemporaryDirectory()
        try directory.write("flyway.toml", """
            [environments.test]
            url = "postgresql://localhost/test"
            [environments.test.flyway]
            cleanDisabled = false
            [flyway]
            environment = "test"
            cleanDisabled = true
            """)
        let settings = try load(in: directory)
        #expect(settings.environment == "test")
        #expect(settings.database?["dbname"] == "test")
        #expect(settings.cleanDisabled == false)
    }

    @Test("an environment that does not exist is an error listing the ones that do")
    func unknownEnvironment() throws {
        let directory = try TemporaryDirectory()
        try directory.write("flyway.toml", Self.flywayToml)
        let errors = loadErrors(environment: Self.codeBuildEnvironment.merging(["FLYWAY_ENVIRONMENT": "staging"]) { $1 }, in: directory)
        #expect(errors.map(\.message) == ["environment 'staging' is not defined in flyway.toml"])
        #expect(errors.first?.hint == "use one of: default, prod, or add [environments.staging]")
    }

    @Test("an unset ${env.X} is an error naming the variable, the file and the line")
    func unsetVariable() throws {
        let directory = try TemporaryDirectory()
        try directory.write("flyway.toml", Self.flywayToml)
        var environment = Self.codeBuildEnvironment
        environment["TEST_JDBC_USER"] = nil
        let errors = loadErrors(environment: environment, in: directory)
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.message == "environment variable TEST_JDBC_USER is not set, but flyway.toml uses it in ${env.TEST_JDBC_USER}")
        #expect(error.location == SourceLocation(file: "flyway.toml", line: 3, column: 9))
    }

    @Test("unknown keys are errors with their line and the valid keys in the hint")
    func unknownKeys() throws {
        let directory = try TemporaryDirectory()
        try directory.write("flyway.toml", """
            [environments.default]
            url = "postgresql://h/db"
            jdbcProps = "x"

            [flyway]
            locatoins = ["sql"]
            """)
        let errors = loadErrors(in: directory)
        #expect(errors.map(\.message) == [
            "unknown setting 'locatoins' in [flyway] of flyway.toml",
            "unknown setting 'jdbcProps' in [environments.default] of flyway.toml",
        ])
        #expect(errors.map(\.location) == [
            SourceLocation(file: "flyway.toml", line: 6, column: 1), SourceLocation(file: "flyway.toml", line: 3, column: 1),
        ])
        #expect(errors.first?.hint?.contains("locations") == true)
        #expect(errors.last?.hint?.contains("secretEnv") == true)
        #expect(errors.last?.hint?.contains("displayName") == false)
    }

    @Test("keys of environments not chosen are checked too")
    func checksOtherEnvironments() throws {
        let directory = try TemporaryDirectory()
        try directory.write("flyway.toml", """
            [environments.other]
            uri = "x"
            """)
        #expect(loadErrors(in: directory).map(\.message) == ["unknown setting 'uri' in [environments.other] of flyway.toml"])
    }

    @Test("values of the wrong type are errors naming the key, file and line", arguments: [
        ("[flyway]\nschemas = 5", "setting 'schemas' in [flyway] of slipway.toml must be a list", 2),
        ("outOfOrder = \"yes\"", "setting 'outOfOrder' at the top level of slipway.toml must be true or false", 1),
        ("[flyway]\n\nlocations = [\"a\", 1]", "must be an array of strings, not an array holding an integer", 3),
        ("flyway = 3", "setting 'flyway' at the top level of slipway.toml must be a table, not an integer", 1),
        ("connectRetries = 1.5", "setting 'connectRetries' at the top level of slipway.toml must be a whole number", 1),
    ])
    func wrongTypes(_ toml: String, _ message: String, _ line: Int) throws {
        let directory = try TemporaryDirectory()
        try directory.write("slipway.toml", toml)
        let errors = loadErrors(in: directory)
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains(message) == true, "\(errors)")
        #expect(errors.first?.location?.line == line)
        #expect(errors.first?.code == "wrong-type")
    }

    @Test("strings from ${env.X} can give flags, numbers and lists")
    func expandedStringsTakeAnyKind() throws {
        let directory = try TemporaryDirectory()
        try directory.write("slipway.toml", """
            outOfOrder = "${env.OOO}"
            connectRetries = "${env.RETRIES}"
            schemas = "${env.SCHEMAS}"
            baselineVersion = 2
            """)
        let settings = try load(environment: ["OOO": "true", "RETRIES": "4", "SCHEMAS": "a,b"], in: directory)
        #expect(settings.outOfOrder)
        #expect(settings.connectRetries == 4)
        #expect(settings.schemas == ["a", "b"])
        #expect(settings.baselineVersion == "2")
    }

    @Test("slipway.toml is read before flyway.toml, and flyway.toml when it is the only one")
    func fileFallback() throws {
        let directory = try TemporaryDirectory()
        let flyway = try directory.write("flyway.toml", "[flyway]\ntable = \"from_flyway\"")
        #expect(try load(in: directory).table == "from_flyway")
        #expect(try load(in: directory).configFile == flyway)
        let slipway = try directory.write("slipway.toml", "table = \"from_slipway\"")
        #expect(try load(in: directory).table == "from_slipway")
        #expect(try load(in: directory).configFile == slipway)
    }

    @Test("a named config file is used instead of the default ones and must exist")
    func namedConfigFile() throws {
        let directory = try TemporaryDirectory()
        try directory.write("slipway.toml", "table = \"default_file\"")
        try directory.write("ci.toml", "table = \"ci_file\"")
        #expect(try load(["configFile": "ci.toml"], in: directory).table == "ci_file")
        #expect(try load(environment: ["SLIPWAY_CONFIG_FILE": "ci.toml"], in: directory).table == "ci_file")
        let errors = loadErrors(["configFile": "missing.toml"], in: directory)
        #expect(errors.map(\.message) == ["config file missing.toml does not exist (named by command line setting 'configFile')"])
    }

    @Test("ignores the keys Flyway Desktop writes into flyway.toml")
    func ignoresFlywayDesktopKeys() throws {
        let directory = try TemporaryDirectory()
        try directory.write("flyway.toml", """
            databaseType = "PostgreSql"
            id = "1f2e"
            name = "shop"
            [flywayDesktop]
            developmentEnvironment = "development"
            [environments.default]
            url = "postgresql://h/db"
            displayName = "Local"
            """)
        #expect(try load(in: directory).database?["host"] == "h")
    }

    @Test("TOML syntax errors point at their line")
    func syntaxError() throws {
        let directory = try TemporaryDirectory()
        try directory.write("slipway.toml", "table = \"ok\"\nschemas = [\n")
        let errors = loadErrors(in: directory)
        #expect(errors.first?.code == "toml-syntax")
        #expect(errors.first?.location?.file == "slipway.toml")
        #expect((errors.first?.location?.line ?? 0) >= 2)
    }
}
