import Configuration
import Diagnostics
import Testing
import TestSupport

@Suite struct FlywayConfTests {
    /// A Flyway 8/9 project's flyway.conf, written as its users write them.
    static let conf = """
        # Flyway 8 configuration
        ! an old-style comment
        flyway.url=jdbc:redshift://${TEST_HOST}:5439/dev
        flyway.user = awsuser
        flyway.password: ${TEST_JDBC_PASSWORD}
        flyway.schemas=sales,\\
            staging
        flyway.locations=filesystem:sql/migrations
        flyway.placeholders.Owner=etl
        flyway.placeholders.path=C:\\data\\in
        flyway.outOfOrder=true
        flyway.table=schema_history
        """

    @Test("reads flyway.conf in the project root as Flyway does: comments, separators, ${VAR}, continuations")
    func readsFlywayConf() throws {
        let directory = try TemporaryDirectory()
        try directory.write("flyway.conf", Self.conf)
        let settings = try load(
            environment: ["TEST_HOST": "cluster.redshift.amazonaws.com", "TEST_JDBC_PASSWORD": "S3cret-pass"], in: directory)
        let database = try #require(settings.database)
        #expect(database["host"] == "cluster.redshift.amazonaws.com")
        #expect(database["user"] == "awsuser")
        #expect(database["password"] == "S3cret-pass")
        #expect(database.isRedshift)
        #expect(settings.schemas == ["sales", "staging"])
        #expect(settings.locations == ["sql/migrations"])
        // Flyway doubles backslashes before Properties.load reads them, so they stay literal.
        #expect(settings.placeholders == ["owner": "etl", "path": "C:\\data\\in"])
        #expect(settings.outOfOrder)
        #expect(settings.table == "schema_history")
        #expect(settings.secrets == ["S3cret-pass"])
        #expect(settings.configFile?.hasSuffix("/flyway.conf") == true)
    }

    @Test("an unset ${VAR} in flyway.conf becomes empty, as in Flyway")
    func unsetVariableIsEmpty() throws {
        let directory = try TemporaryDirectory()
        try directory.write("flyway.conf", "flyway.placeholders.suffix=${NOT_SET}x\nflyway.placeholders.keep=${flyway:user}\n")
        #expect(try load(in: directory).placeholders == ["suffix": "x", "keep": "${flyway:user}"])
    }

    @Test("a trailing backslash before another flyway. line does not swallow it")
    func backslashBeforeSetting() throws {
        let directory = try TemporaryDirectory()
        try directory.write("flyway.conf", "flyway.placeholders.dir=C:\\temp\\\nflyway.table=t2\n")
        let settings = try load(in: directory)
        #expect(settings.placeholders == ["dir": "C:\\temp\\"])
        #expect(settings.table == "t2")
    }

    @Test("--config-file and FLYWAY_CONFIG_FILES read .conf files; later files win")
    func namedConfFiles() throws {
        let directory = try TemporaryDirectory()
        try directory.write("conf/base.conf", "flyway.table=base\nflyway.outOfOrder=true\n")
        try directory.write("conf/ci.conf", "flyway.table=ci\n")
        let fromVariable = try load(environment: ["FLYWAY_CONFIG_FILES": "conf/base.conf,conf/ci.conf"], in: directory)
        #expect(fromVariable.table == "ci")
        #expect(fromVariable.outOfOrder)
        #expect(try load(["configFile": "conf/base.conf"], in: directory).table == "base")
        let missing = loadErrors(environment: ["FLYWAY_CONFIG_FILES": "conf/none.conf"], in: directory)
        #expect(missing.map(\.message) == ["config file conf/none.conf does not exist (named by environment variable FLYWAY_CONFIG_FILES)"])
    }

    @Test("an unknown flyway. key is an error at its line, as Flyway rejects it; other keys are not Flyway's")
    func unknownKey() throws {
        let directory = try TemporaryDirectory()
        try directory.write("flyway.conf", "other.key=1\nflyway.url=postgresql://h/db\nflyway.outOfOrdr=true\n")
        let errors = loadErrors(in: directory)
        #expect(errors.map(\.code) == ["unknown-setting"])
        #expect(errors.first?.location == SourceLocation(file: "flyway.conf", line: 3, column: 1))
    }

    @Test("accepted Flyway keys without effect each draw a one-line note")
    func acceptedKeysDrawNotes() throws {
        let directory = try TemporaryDirectory()
        try directory.write("flyway.conf", """
            flyway.postgresql.transactional.lock=false
            flyway.group=true
            flyway.jdbcProperties.accessToken=abc
            flyway.baselineOnMigrate=true
            """)
        let settings = try load(in: directory)
        #expect(settings.baselineOnMigrate)
        #expect(settings.warnings.map(\.severity) == [.note, .note, .note])
        #expect(settings.warnings.first?.message.hasPrefix(
            "setting 'flyway.postgresql.transactional.lock' in flyway.conf has no effect in Slipway: ") == true)
        #expect(settings.warnings.first?.location?.line == 1)
    }

    @Test("skipExecutingMigrations=true is refused: ignoring it would run what it says to skip")
    func refusesSkipExecutingMigrations() throws {
        let directory = try TemporaryDirectory()
        try directory.write("flyway.conf", "flyway.skipExecutingMigrations=true\n")
        #expect(loadErrors(in: directory).map(\.code) == ["unsupported-setting"])
        try directory.write("flyway.conf", "flyway.skipExecutingMigrations=false\n")
        #expect(try load(in: directory).warnings.map(\.code) == ["no-effect"])
    }
}
