import Configuration
import Diagnostics
import Testing
import TestSupport

/// URLs, config files and secrets never crash or hang the loader, and a loaded target never displays its password.
@Suite struct ParserFuzzTests {
    static let password = "Fuzz-Secret-7"

    static let urlFragments = [
        "postgresql://", "postgres://", "jdbc:postgresql://", "jdbc:redshift://", "user", ":", Self.password, "@",
        "host", "[::1]", "5432", "/", "db", "?", "&", "=", "sslmode", "require", "%", "%2F", "%zz", "host=", " ",
        "dbname=", "'", "\\", "port=", "currentSchema", ";", "#", "options=-c x=1",
    ]

    static let tomlFragments = [
        "[flyway]\n", "[environments.default]\n", "[environments.x]\n", "url = ", "\"", "'", "password = ",
        Self.password, "schemas = [\"a\", \"b\"]\n", "locations = ", "lockTimeout = ", "12", "-1", "true", "\n", "=",
        "[", "]", "{", "}", ".", "${env.HOME}", "${env.", "}", "#", "\"\"\"", "unknownKey = 1\n",
        "[flyway.placeholders]\n", "secretEnv = \"S\"\n",
    ]

    static let jsonFragments = [
        "{", "}", "\"username\"", "\"password\"", "\"host\"", "\"port\"", "\"dbName\"", ":", ",", "\"", Self.password,
        "5439", "null", "[", "]", "\\u0000", "\\", "true", "\"h\"",
    ]

    /// The target's display never shows its password (unless another of its values holds the same text).
    static func expectMasked(_ target: DatabaseTarget) {
        guard let password = target.parameters.first(where: { $0.key == "password" })?.value, !password.isEmpty,
              !target.parameters.contains(where: { $0.key != "password" && $0.value.contains(password) })
        else { return }
        #expect(!target.display.contains(password), "\(target.display)")
    }

    @Test("random URLs parse or give a diagnostic, and never display the password")
    func randomURLs() {
        var generator = SeededGenerator(seed: 0x0421)
        for _ in 0..<5000 {
            let url = FuzzInput.text(fragments: Self.urlFragments, maxPieces: 16, using: &generator)
            do {
                try Self.expectMasked(ConnectionString.parse(url))
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test("random config files and secrets load or give diagnostics, and never display the password")
    func randomConfigFiles() throws {
        let directory = try TemporaryDirectory()
        var generator = SeededGenerator(seed: 0x7047)
        for _ in 0..<600 {
            try directory.write("fuzz.toml", bytes: FuzzInput.bytes(fragments: Self.tomlFragments, using: &generator))
            let secret = FuzzInput.text(fragments: Self.jsonFragments, maxPieces: 20, using: &generator)
            do {
                let settings = try SettingsLoader.load(
                    commandLine: ["configFile": "fuzz.toml"], environment: ["S": secret, "HOME": "/h"],
                    currentDirectory: directory.path)
                if let database = settings.database { Self.expectMasked(database) }
            } catch {
                #expect(!error.diagnostics.isEmpty)
            }
        }
    }
}
