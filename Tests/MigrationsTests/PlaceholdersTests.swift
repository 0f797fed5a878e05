import Diagnostics
import Foundation
import Migrations
import Testing

@Suite struct PlaceholdersTests {
    let placeholders = Placeholders(["Schema": "sales", "empty": "", "owner": "app_${x}"])

    @Test("replaces placeholders case-insensitively, everywhere in the text", arguments: [
        ("CREATE TABLE ${schema}.t();", "CREATE TABLE sales.t();"),
        ("${SCHEMA}${Schema}", "salessales"),
        ("-- in a comment ${schema}\nSELECT '${schema}';", "-- in a comment sales\nSELECT 'sales';"),
        ("x${empty}y", "xy"),
        ("GRANT TO ${owner};", "GRANT TO app_${x};"),
        ("no placeholders $ here $1 $$body$$", "no placeholders $ here $1 $$body$$"),
        ("$${schema}", "$${schema}"),
        ("$$${schema}", "$$sales"),
        ("café ${schema} 😀", "café sales 😀"),
        ("ends with $", "ends with $"),
    ])
    func replaces(text: String, expected: String) throws {
        #expect(try placeholders.replace(in: text, file: "V1__x.sql") == expected)
    }

    @Test("fills built-ins and the file name")
    func builtIns() throws {
        let values = Placeholders.builtIns(
            defaultSchema: "public", user: "alice", database: "shop", timestamp: "2024-01-15 10:00:00",
            workingDirectory: "/work", table: "flyway_schema_history", environment: nil)
        let placeholders = Placeholders(values)
        let text = "${flyway:defaultSchema} ${flyway:user} ${flyway:database} ${flyway:timestamp} "
            + "${flyway:workingDirectory} ${flyway:table} [${flyway:environment}] ${flyway:filename}"
        #expect(try placeholders.replace(in: text, fileName: "R__v.sql", file: "R__v.sql")
            == "public alice shop 2024-01-15 10:00:00 /work flyway_schema_history [] R__v.sql")
    }

    @Test("formats the timestamp like Flyway")
    func timestamp() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(Placeholders.timestamp(Date(timeIntervalSince1970: 1_705_312_805), timeZone: utc) == "2024-01-15 10:00:05")
    }

    @Test("reports every missing placeholder with its line and column")
    func missing() {
        let text = "SELECT 1;\n  -- ${nope}\nSELECT 'é${schema}${flyway:database}';"
        #expect {
            try placeholders.replace(in: text, file: "db/V2__x.sql")
        } throws: { error in
            guard let list = error as? DiagnosticList else { return false }
            let locations = list.diagnostics.map(\.location)
            return list.diagnostics.count == 2
                && locations[0] == SourceLocation(file: "db/V2__x.sql", line: 2, column: 6)
                && locations[1] == SourceLocation(file: "db/V2__x.sql", line: 3, column: 19)
                && list.diagnostics[0].message.contains("${nope}")
                && list.diagnostics[1].message.contains("built-in placeholder ${flyway:database}")
        }
    }

    @Test("reports an unterminated placeholder")
    func unterminated() {
        #expect {
            try placeholders.replace(in: "SELECT ${schema", file: "f.sql")
        } throws: { error in
            (error as? DiagnosticList)?.diagnostics.first?.code == "unterminated-placeholder"
        }
    }

    @Test("leaves the text alone when replacement is off for the file or globally")
    func disabled() throws {
        let raw = "SELECT '${undefined}';"
        let file = ResolvedMigration(
            kind: .versioned, version: .one, description: "x", script: "V1__x.sql", path: "/m/V1__x.sql",
            text: raw, checksum: Checksum.flyway(raw), config: ScriptConfig(placeholderReplacement: false))
        #expect(try file.executableText(placeholders: placeholders) == raw)
        var global = placeholders
        global.isEnabled = false
        var enabledByScript = file
        enabledByScript.config.placeholderReplacement = nil
        #expect(try enabledByScript.executableText(placeholders: global) == raw)
        #expect(throws: DiagnosticList.self) { try enabledByScript.executableText(placeholders: placeholders) }
    }

    @Test("replaces every placeholder of a large file")
    func large() throws {
        let text = String(repeating: "INSERT INTO ${schema}.t VALUES (1, '$1 text');\n", count: 100_000)
        let result = try placeholders.replace(in: text, file: "big.sql")
        #expect(result.utf8.count == text.utf8.count - 100_000 * 4)
    }
}
