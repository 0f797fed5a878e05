import Diagnostics
import Migrations
import Testing
import TestSupport

@Suite struct MigrationDiscoveryTests {
    @Test("finds migrations in nested directories with Flyway's script paths and order")
    func nested() throws {
        let dir = try TemporaryDirectory()
        try dir.write("db/migration/V1_1__Second.sql", "SELECT 2;\n")
        try dir.write("db/migration/sub/V1__First.sql", "\u{FEFF}CREATE TABLE t (id int);\r\n")
        try dir.write("db/migration/sub/deeper/R__views.sql", "SELECT ${schema};")
        try dir.write("db/migration/R__Alpha.sql", "SELECT 1;")
        try dir.write("db/migration/U1__First.sql", "DROP TABLE t;")
        try dir.write("db/migration/.hidden/V9__hidden.sql", "SELECT 9;")
        try dir.write("db/migration/README.md", "notes")
        try dir.write("db/migration/afterMigrate__grant.sql", "GRANT ...;")
        try dir.write("db/migration/V1_1__Second.sql.conf", "executeInTransaction=false\n")
        let found = try MigrationDiscovery.discover(locations: ["filesystem:db/migration"], baseDirectory: dir.path)
        #expect(found.migrations.map(\.script) == [
            "sub/V1__First.sql", "U1__First.sql", "V1_1__Second.sql", "R__Alpha.sql", "sub/deeper/R__views.sql",
        ])
        let first = found.migrations[0]
        #expect(first.text == "CREATE TABLE t (id int);\r\n")
        #expect(first.checksum == 92_137_680)
        #expect(first.path == dir.path + "/db/migration/sub/V1__First.sql")
        #expect(first.historyRow == HistoryRowValues(
            version: "1", description: "First", type: "SQL", script: "sub/V1__First.sql", checksum: 92_137_680))
        #expect(found.migrations[1].type == "UNDO_SQL")
        #expect(found.migrations[2].config.executeInTransaction == false)
        #expect(found.callbacks.map(\.event) == [.afterMigrate])
        #expect(found.callbacks.first?.description == "grant")
        #expect(found.warnings.isEmpty)
    }

    @Test("a callback for an event Slipway never fires is kept but warned about, naming the file")
    func neverFiredCallback() throws {
        let dir = try TemporaryDirectory()
        try dir.write("db/migration/beforeEachMigrateStatement.sql", "SELECT 1;")
        try dir.write("db/migration/afterMigrate.sql", "SELECT 2;")
        let found = try MigrationDiscovery.discover(locations: ["filesystem:db/migration"], baseDirectory: dir.path)
        #expect(found.callbacks.count == 2)
        #expect(found.warnings.map(\.code) == ["callback-never-fires"])
        #expect(found.warnings.first?.severity == .warning)
        #expect(found.warnings.first?.location?.file == "beforeEachMigrateStatement.sql")
    }

    @Test("reports badly named files as errors, or as warnings when naming says so")
    func badNames() throws {
        let dir = try TemporaryDirectory()
        try dir.write("m/V1__ok.sql", "SELECT 1;")
        try dir.write("m/V2-oops.sql", "SELECT 2;")
        try dir.write("m/seed.sql", "SELECT 3;")
        #expect {
            try MigrationDiscovery.discover(locations: ["m"], baseDirectory: dir.path)
        } throws: { error in
            guard let list = error as? DiagnosticList else { return false }
            return list.diagnostics.map(\.location?.file) == ["m/V2-oops.sql", "m/seed.sql"]
                && list.diagnostics.allSatisfy { $0.severity == .error && $0.code == "bad-migration-name" }
        }
        let found = try MigrationDiscovery.discover(
            locations: ["m"], baseDirectory: dir.path, naming: NamingOptions(badNames: .warning))
        #expect(found.migrations.map(\.script) == ["V1__ok.sql"])
        #expect(found.warnings.map(\.severity) == [.warning, .warning])
    }

    @Test("reports duplicate versions and repeatable descriptions, naming both files")
    func duplicates() throws {
        let dir = try TemporaryDirectory()
        try dir.write("m/V1__a.sql", "SELECT 1;")
        try dir.write("m/x/V1.0__b.sql", "SELECT 1;")
        try dir.write("m/R__v.sql", "SELECT 1;")
        try dir.write("m/y/R__v.sql", "SELECT 2;")
        try dir.write("m/U1__a.sql", "SELECT 1;")
        #expect {
            try MigrationDiscovery.discover(locations: ["m"], baseDirectory: dir.path)
        } throws: { error in
            guard let list = error as? DiagnosticList else { return false }
            return list.diagnostics.count == 2
                && list.diagnostics[0].message.contains("version 1")
                && list.diagnostics[0].notes.contains { $0.hasSuffix("m/V1__a.sql") }
                && list.diagnostics[0].notes.contains { $0.hasSuffix("m/x/V1.0__b.sql") }
                && list.diagnostics[1].message.contains("description 'v'")
        }
    }

    @Test("a missing first location is an error with a hint; a missing later one is a warning")
    func missingLocations() throws {
        let dir = try TemporaryDirectory()
        try dir.write("m/V1__a.sql", "SELECT 1;")
        #expect {
            try MigrationDiscovery.discover(locations: ["nope", "m"], baseDirectory: dir.path)
        } throws: { error in
            (error as? DiagnosticList)?.diagnostics.map(\.code) == ["missing-location"]
        }
        let found = try MigrationDiscovery.discover(locations: ["m", "filesystem:nope"], baseDirectory: dir.path)
        #expect(found.migrations.count == 1)
        #expect(found.warnings.map(\.code) == ["missing-location"])
        #expect(found.warnings.first?.hint != nil)
    }

    @Test("decodes the encoding named in the .conf file and reports invalid bytes with their line")
    func encodings() throws {
        let dir = try TemporaryDirectory()
        try dir.write("m/V1__latin.sql", bytes: Array("SELECT 'caf".utf8) + [0xE9] + Array("';\n".utf8))
        try dir.write("m/V1__latin.sql.conf", "encoding=ISO-8859-1")
        let found = try MigrationDiscovery.discover(locations: ["m"], baseDirectory: dir.path)
        #expect(found.migrations.first?.text == "SELECT 'café';\n")
        #expect(found.migrations.first?.checksum == Checksum.flyway("SELECT 'café';\n"))

        try dir.write("m/V2__bad.sql", bytes: Array("SELECT 1;\nSELECT 'caf".utf8) + [0xE9] + Array("';\n".utf8))
        #expect {
            try MigrationDiscovery.discover(locations: ["m"], baseDirectory: dir.path)
        } throws: { error in
            guard let diagnostic = (error as? DiagnosticList)?.diagnostics.first else { return false }
            return diagnostic.location == SourceLocation(file: "m/V2__bad.sql", line: 2, column: 12)
                && diagnostic.message.contains("byte offset 21")
        }
    }

    @Test("a NUL character is refused at its line and column, in UTF-8 and in UTF-16, whose zero bytes are no NUL")
    func nulCharacters() throws {
        let dir = try TemporaryDirectory()
        let utf16LE = { (text: String) in Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
        try dir.write("m/V1__wide.sql", bytes: utf16LE("SELECT 1;\n"))
        try dir.write("m/V1__wide.sql.conf", "encoding=UTF-16LE")
        #expect(try MigrationDiscovery.discover(locations: ["m"], baseDirectory: dir.path).migrations.first?.text
            == "SELECT 1;\n")
        for (name, bytes, conf) in [
            ("V2__nul.sql", Array("SELECT 1;\nSELECT 'a".utf8) + [0] + Array("';\n".utf8), nil),
            ("V2__nul.sql", utf16LE("SELECT 1;\nSELECT 'a\0';\n"), "encoding=UTF-16LE"),
        ] as [(String, [UInt8], String?)] {
            try dir.write("m/" + name, bytes: bytes)
            if let conf { try dir.write("m/\(name).conf", conf) }
            #expect {
                try MigrationDiscovery.discover(locations: ["m"], baseDirectory: dir.path)
            } throws: { error in
                guard let diagnostic = (error as? DiagnosticList)?.diagnostics.first else { return false }
                return diagnostic.code == "nul-character"
                    && diagnostic.location == SourceLocation(file: "m/V2__nul.sql", line: 2, column: 10)
            }
        }
    }

    @Test("Flyway's encoding setting decodes files whose .conf names none; a .conf's own encoding wins")
    func defaultEncoding() throws {
        let dir = try TemporaryDirectory()
        try dir.write("m/V1__latin.sql", bytes: Array("SELECT 'caf".utf8) + [0xE9] + Array("';\n".utf8))
        try dir.write("m/V2__utf8.sql", "SELECT 'café';\n")
        try dir.write("m/V2__utf8.sql.conf", "encoding=UTF-8")
        let found = try MigrationDiscovery.discover(
            locations: ["m"], baseDirectory: dir.path, naming: NamingOptions(encoding: "ISO-8859-1"))
        #expect(found.migrations.map(\.text) == ["SELECT 'café';\n", "SELECT 'café';\n"])
    }

    @Test("baseline migrations take the configured prefix (Flyway's baselineMigrationPrefix)")
    func baselinePrefix() throws {
        let dir = try TemporaryDirectory()
        try dir.write("m/BASE2__start.sql", "SELECT 1;\n")
        let found = try MigrationDiscovery.discover(
            locations: ["m"], baseDirectory: dir.path, naming: NamingOptions(baselinePrefix: "BASE"))
        #expect(found.migrations.map(\.kind) == [.baselineMigration])
    }

    @Test("reports a bad .conf file at its line")
    func badConfig() throws {
        let dir = try TemporaryDirectory()
        try dir.write("m/V1__a.sql", "SELECT 1;")
        try dir.write("m/V1__a.sql.conf", "# comment\nmixed=true\n")
        #expect {
            try MigrationDiscovery.discover(locations: ["m"], baseDirectory: dir.path)
        } throws: { error in
            (error as? DiagnosticList)?.diagnostics.first?.location
                == SourceLocation(file: "m/V1__a.sql.conf", line: 2, column: 1)
        }
    }

    @Test("computes a repeatable's stored checksum after placeholder replacement")
    func repeatableChecksum() throws {
        let dir = try TemporaryDirectory()
        try dir.write("m/R__views.sql", "CREATE VIEW ${schema}.v AS SELECT 1; -- ${flyway:filename}")
        try dir.write("m/V1__a.sql", "SELECT '${schema}';")
        let found = try MigrationDiscovery.discover(locations: ["m"], baseDirectory: dir.path)
        let resolved = try found.resolvingRepeatableChecksums(placeholders: Placeholders(["schema": "s1"]))
        let repeatable = try #require(resolved.migrations.last)
        #expect(repeatable.checksum == Checksum.flyway("CREATE VIEW ${schema}.v AS SELECT 1; -- ${flyway:filename}"))
        #expect(repeatable.effectiveChecksum == Checksum.flyway("CREATE VIEW s1.v AS SELECT 1; -- R__views.sql"))
        #expect(resolved.migrations.first?.effectiveChecksum == resolved.migrations.first?.checksum)
        #expect(throws: DiagnosticList.self) { try found.resolvingRepeatableChecksums(placeholders: Placeholders()) }
    }
}
