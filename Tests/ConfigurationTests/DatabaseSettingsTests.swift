import Configuration
import Diagnostics
import Testing
import TestSupport

@Suite struct DatabaseSettingsTests {
    static let secretJSON = """
        {"username":"awsuser","password":"Secr3t!","engine":"redshift","host":"c.abc.us-east-1.redshift.amazonaws.com",\
        "port":5439,"dbName":"dev","dbClusterIdentifier":"c"}
        """

    @Test("user and password settings override what the URL has")
    func userAndPasswordOverrideURL() throws {
        let directory = try TemporaryDirectory()
        let settings = try load(
            ["user": "cli_user"],
            environment: ["FLYWAY_URL": "postgresql://url_user:url_pw@h/db", "FLYWAY_PASSWORD": "env_pw"], in: directory)
        let database = try #require(settings.database)
        #expect(database["user"] == "cli_user")
        #expect(database["password"] == "env_pw")
        #expect(Set(settings.secrets) == ["env_pw", "url_pw"])
        #expect(!database.isRedshift)
    }

    @Test("a Secrets Manager secret gives the whole connection")
    func secretGivesConnection() throws {
        let directory = try TemporaryDirectory()
        let settings = try load(environment: ["SLIPWAY_SECRET_ENV": "DB_SECRET", "DB_SECRET": Self.secretJSON], in: directory)
        let database = try #require(settings.database)
        #expect(database.parameters == [
            .init("host", "c.abc.us-east-1.redshift.amazonaws.com"), .init("port", "5439"), .init("dbname", "dev"),
            .init("user", "awsuser"), .init("password", "Secr3t!"),
        ])
        #expect(database.isRedshift)
        #expect(settings.secrets == ["Secr3t!"])
        #expect(settings.secretEnv == "DB_SECRET")
    }

    @Test("the secret only fills what url, user and password leave open; port may be text, dbname any spelling")
    func secretFillsGaps() throws {
        let directory = try TemporaryDirectory()
        let secret = #"{"username":"s_user","password":"s_pw","host":"pg.internal","port":"6432","dbname":"shop","engine":"postgres"}"#
        let settings = try load(
            ["url": "postgresql://h/app", "user": "me", "secretEnv": "S"], environment: ["S": secret], in: directory)
        let database = try #require(settings.database)
        #expect(database.parameters == [
            .init("host", "h"), .init("dbname", "app"), .init("user", "me"), .init("port", "6432"), .init("password", "s_pw"),
        ])
        #expect(!database.isRedshift)
        #expect(settings.secrets == ["s_pw"])
    }

    @Test("bad secrets name the variable and the field, never the value", arguments: [
        ("not json Pa55word", "environment variable S does not hold a JSON object"),
        (#"["Pa55word"]"#, "environment variable S does not hold a JSON object"),
        (#"{"username":"u","host":"h","dbName":"d","port":5432}"#, "the secret in S has no field 'password'"),
        (#"{"username":"u","password":"Pa55word","host":"h","port":5432}"#, "the secret in S has no field 'dbName'"),
        (#"{"username":"u","password":"Pa55word","host":"h","dbName":"d","port":"x"}"#, "field 'port' of the secret in S is not a number"),
        (#"{"username":["u"],"password":"Pa55word","host":"h","dbName":"d"}"#, "field 'username' of the secret in S must be a string or a number"),
    ])
    func badSecrets(_ json: String, _ message: String) throws {
        let directory = try TemporaryDirectory()
        let errors = loadErrors(["secretEnv": "S"], environment: ["S": json], in: directory)
        #expect(errors.count == 1)
        #expect(errors.first?.message.hasPrefix(message) == true, "\(errors)")
        #expect(errors.first?.code == "bad-secret")
        #expect(!errors.description.contains("Pa55word"))
    }

    @Test("a secretEnv naming an unset variable is an error")
    func unsetSecretVariable() throws {
        let directory = try TemporaryDirectory()
        let errors = loadErrors(["secretEnv": "NOPE"], in: directory)
        #expect(errors.map(\.message) == ["environment variable NOPE, named by secretEnv, is not set"])
    }

    @Test("PGHOST alone configures a database that libpq's variables describe")
    func libpqEnvironment() throws {
        let directory = try TemporaryDirectory()
        let settings = try load(
            environment: ["PGHOST": "db.example.com", "PGPORT": "5433", "PGPASSWORD": "pgpass-secret", "FLYWAY_USER": "ci"],
            in: directory)
        let database = try #require(settings.database)
        #expect(database.parameters == [.init("user", "ci")])
        #expect(database.display == "libpq environment (PGHOST=db.example.com, PGPORT=5433) with user=ci")
        #expect(settings.secrets == ["pgpass-secret"])
    }

    @Test("PGSERVICE configures a database too")
    func libpqService() throws {
        let directory = try TemporaryDirectory()
        let database = try #require(try load(environment: ["PGSERVICE": "prod"], in: directory).database)
        #expect(database.parameters.isEmpty)
        #expect(database.display == "libpq environment (PGSERVICE=prod)")
    }

    @Test("Redshift is recognised by host name and overridden by an explicit dialect", arguments: [
        ("postgresql://x.redshift-serverless.amazonaws.com/dev", nil, true),
        ("postgresql://c.abc.us-east-1.REDSHIFT.amazonaws.com:5439/dev", nil, true),
        ("postgresql://localhost/dev", "redshift", true),
        ("jdbc:redshift://proxy.local:5439/dev", "postgresql", false),
        ("postgresql://redshift.example.com/dev", nil, false),
    ] as [(String, String?, Bool)])
    func recognisesRedshift(_ url: String, _ dialect: String?, _ isRedshift: Bool) throws {
        let directory = try TemporaryDirectory()
        var commandLine = ["url": url]
        commandLine["dialect"] = dialect
        #expect(try load(commandLine, in: directory).database?.isRedshift == isRedshift)
    }

    @Test("JDBC warnings reach the settings' warnings")
    func jdbcWarnings() throws {
        let directory = try TemporaryDirectory()
        let settings = try load(["url": "jdbc:postgresql://h/db?prepareThreshold=0"], in: directory)
        #expect(settings.warnings.map(\.code) == ["unused-jdbc-parameter"])
    }
}
