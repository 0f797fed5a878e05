import Configuration
import Diagnostics
import Testing
import TestSupport

@Suite struct RedactionTests {
    @Test("replaces each secret and its percent-encoded forms with ***")
    func redactsSecrets() {
        let redactor = Redactor(secrets: ["p@ss word/1", "ab", "Tiger"])
        let text = "raw p@ss word/1, encoded p%40ss%20word%2F1, userinfo p%40ss%20word%2F1, Tiger, short ab"
        #expect(redactor.redact(text) == "raw ***, encoded ***, userinfo ***, ***, short ab")
    }

    @Test("redacts a diagnostic's message, notes and hint")
    func redactsDiagnostics() {
        let redactor = Redactor(secrets: ["Tiger"])
        let diagnostic = Diagnostic(category: .connection, message: "auth Tiger", notes: ["detail: Tiger"], hint: "not Tiger")
        let redacted = redactor.redact(diagnostic)
        #expect(redacted.description == "error: auth ***\n  detail: ***\n  hint: not ***")
    }

    @Test("replaces a longer secret whole even when a shorter one is inside it")
    func longestFirst() {
        #expect(Redactor(secrets: ["abc", "abcdef"]).redact("x abcdef y abc") == "x *** y ***")
    }

    /// A password that every source below carries.
    static let password = "Kn0wnPa55!"

    @Test("no diagnostic shows a password, whichever source gave it", arguments: [
        // A junk URL on the command line holding the password.
        (["url": "mysql://u:\(password)@h/db"], [String: String](), nil as String?),
        // The password as a setting, with a broken URL in the environment.
        (["password": password], ["FLYWAY_URL": "jdbc:postgresql://h:99999/db"], nil),
        // The password in FLYWAY_PASSWORD and a bad flag elsewhere.
        ([:], ["FLYWAY_PASSWORD": password, "FLYWAY_OUT_OF_ORDER": password], nil),
        // The password inside a keyword string with an unterminated quote.
        ([:], ["SLIPWAY_URL": "host=h password=\(password) dbname='x"], nil),
        // The password in a secret that lacks a field.
        (["secretEnv": "S"], ["S": #"{"username":"u","password":"\#(password)","host":"h"}"#], nil),
        // The password in a config file that has an unknown key and a wrong type.
        ([:], ["PW": password], "[environments.default]\nurl = \"postgresql://u:${env.PW}@h:0/db\"\npasword = \"\(password)\"\n"),
        // The password in a config file whose value lands in a flag.
        ([:], [:], "password = \"\(password)\"\nmixed = \"\(password)\"\n"),
        // The password in PGPASSWORD, echoed by a bad dialect value.
        (["dialect": password], ["PGPASSWORD": password, "PGHOST": "h"], nil),
    ])
    func noPasswordInDiagnostics(_ commandLine: [String: String], _ environment: [String: String], _ toml: String?) throws {
        let directory = try TemporaryDirectory()
        if let toml { try directory.write("slipway.toml", toml) }
        let errors = loadErrors(commandLine, environment: environment, in: directory)
        #expect(!errors.isEmpty)
        #expect(!DiagnosticList(errors).description.contains(Self.password))
        #expect(!DiagnosticList(errors).description.contains("Kn0wnPa55%21"))
    }

    @Test("loaded settings list every password seen, even overridden ones")
    func collectsSecrets() throws {
        let directory = try TemporaryDirectory()
        try directory.write("slipway.toml", "password = \"file_pw\"")
        let settings = try load(
            ["password": "cli_pw", "url": "postgresql://u:url_pw@h/db"],
            environment: ["FLYWAY_PASSWORD": "flyway_pw", "SLIPWAY_PASSWORD": "slipway_pw", "PGPASSWORD": "pg_pw"],
            in: directory)
        #expect(Set(settings.secrets) == ["cli_pw", "file_pw", "flyway_pw", "slipway_pw", "pg_pw", "url_pw"])
        #expect(settings.database?["password"] == "cli_pw")
        #expect(settings.database?.display == "postgresql://u:***@h/db")
    }
}
