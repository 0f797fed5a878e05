import Configuration
import Diagnostics
import Testing
import TestSupport

/// `secretId` hands the id to the fetcher the caller supplies (Secrets Manager in the executable, end to end in
/// `SecretTests`); here the fetcher is a table of secrets, to check what the loader does with the text.
@Suite("secretId settings")
struct SecretIdSettingsTests {
    static let secrets = [
        "prod/db": #"{"username": "etl", "password": "Pa55word", "host": "cluster.abc.eu-west-1.redshift.amazonaws.com", "port": 5439, "dbName": "dev"}"#,
        "broken": "not json",
    ]

    static let fetch: SecretFetcher = { id throws(Diagnostic) in
        guard let text = secrets[id] else { throw Diagnostic(category: .input, code: "ResourceNotFoundException", message: "no \(id)") }
        return text
    }

    static func load(_ commandLine: [String: String], environment: [String: String] = [:]) throws -> Settings {
        try SettingsLoader.load(
            commandLine: commandLine, environment: environment, currentDirectory: TemporaryDirectory().path, fetchSecret: fetch)
    }

    static func errors(_ commandLine: [String: String], environment: [String: String] = [:]) -> [String] {
        do {
            _ = try load(commandLine, environment: environment)
            return []
        } catch {
            return (error as? DiagnosticList)?.diagnostics.map(\.message) ?? ["\(error)"]
        }
    }

    @Test("the fetched secret fills the connection, marks Redshift by its host, and its password is a secret")
    func fills() throws {
        let settings = try Self.load(["secretId": "prod/db"])
        let database = try #require(settings.database)
        #expect(database["host"] == "cluster.abc.eu-west-1.redshift.amazonaws.com" && database["port"] == "5439")
        #expect(database["dbname"] == "dev" && database["user"] == "etl")
        #expect(database.isRedshift)
        #expect(settings.secrets.contains("Pa55word"))
        #expect(try Self.load([:], environment: ["SLIPWAY_SECRET_ID": "prod/db"]).database?["user"] == "etl")
    }

    @Test("an environment table in the config file may name the secret")
    func configFile() throws {
        let directory = try TemporaryDirectory()
        try directory.write("slipway.toml", "[environments.prod]\nsecretId = \"prod/db\"\n")
        let settings = try SettingsLoader.load(
            commandLine: ["environment": "prod"], environment: [:], currentDirectory: directory.path, fetchSecret: Self.fetch)
        #expect(settings.database?["dbname"] == "dev")
    }

    @Test("a URL and user given elsewhere win over the secret's fields")
    func precedence() throws {
        let settings = try Self.load(["secretId": "prod/db", "url": "postgresql://db.local:6543/other", "user": "admin"])
        #expect(settings.database?["host"] == "db.local" && settings.database?["user"] == "admin")
        #expect(settings.database?["password"] == "Pa55word")
    }

    @Test("bad text, a failed fetch, both secret settings, or no fetcher are errors naming the secret")
    func errors() throws {
        #expect(Self.errors(["secretId": "broken"]) == ["Secrets Manager secret broken does not hold a JSON object"])
        #expect(Self.errors(["secretId": "missing"]) == ["no missing"])
        #expect(Self.errors(["secretId": "prod/db", "secretEnv": "S"], environment: ["S": Self.secrets["prod/db"]!])
            == ["both secretEnv (S) and secretId (prod/db) are set"])
        do {
            _ = try SettingsLoader.load(commandLine: ["secretId": "prod/db"], environment: [:], currentDirectory: TemporaryDirectory().path)
            Issue.record("loaded without a fetcher")
        } catch {
            #expect((error as? DiagnosticList)?.diagnostics.map(\.message) == ["secretId is not supported by this command"])
        }
    }
}
