import Diagnostics
import Migrations
import Testing

@Suite struct MigrationNameTests {
    @Test("parses every kind of migration name", arguments: [
        ("V1__Create_table.sql", MigrationKind.versioned, "1", "Create table"),
        ("V1_0_1__Products.sql", .versioned, "1.0.1", "Products"),
        ("V2024.01.15.1__x.SQL", .versioned, "2024.01.15.1", "x"),
        ("U3__Drop_it.sql", .undo, "3", "Drop it"),
        ("B5__Baseline.sql", .baselineMigration, "5", "Baseline"),
        ("V7__a__b.sql", .versioned, "7", "a  b"),
        ("V8__Add-col (x).sql", .versioned, "8", "Add-col (x)"),
        ("V9.sql", .versioned, "9", ""),
        ("V10__.sql", .versioned, "10", ""),
        ("V11__Café_ünïcode.sql", .versioned, "11", "Café ünïcode"),
    ])
    func versioned(fileName: String, kind: MigrationKind, version: String, description: String) throws {
        guard case .migration(let name) = MigrationName.parse(fileName) else {
            Issue.record("\(fileName) did not parse as a migration")
            return
        }
        #expect(name.kind == kind)
        #expect(name.version?.description == version)
        #expect(name.description == description)
    }

    @Test("parses repeatables without a version", arguments: [
        ("R__Views.sql", "Views"), ("R__refresh_all_views.sql", "refresh all views"), ("R__.sql", ""),
    ])
    func repeatable(fileName: String, description: String) throws {
        guard case .migration(let name) = MigrationName.parse(fileName) else {
            Issue.record("\(fileName) did not parse")
            return
        }
        #expect(name.kind == .repeatable)
        #expect(name.version == nil)
        #expect(name.description == description)
    }

    @Test("rebuilds the file name Flyway uses for ${flyway:filename}", arguments: [
        ("V1_1__x_y.sql", "V1_1__x_y.sql"), ("R__.sql", "R.sql"), ("V2.sql", "V2.sql"), ("V3__a.SQL", "V3__a.SQL"),
    ])
    func canonicalName(fileName: String, canonical: String) {
        guard case .migration(let name) = MigrationName.parse(fileName) else {
            Issue.record("\(fileName) did not parse")
            return
        }
        #expect(name.canonicalFileName == canonical)
    }

    @Test("recognises callbacks with and without a description", arguments: [
        ("beforeMigrate.sql", CallbackEvent.beforeMigrate, String?.none),
        ("afterMigrate__grant_rights.sql", .afterMigrate, "grant rights"),
        ("afterMigrateError.sql", .afterMigrateError, nil),
        ("afterEachMigrate.sql", .afterEachMigrate, nil),
        ("beforeEachMigrateStatement__x.sql", .beforeEachMigrateStatement, "x"),
        ("afterMigrateApplied.sql", .afterMigrateApplied, nil),
    ])
    func callbacks(fileName: String, event: CallbackEvent, description: String?) {
        #expect(MigrationName.parse(fileName) == .callback(CallbackName(event: event, description: description)))
    }

    @Test("reports why a name is invalid", arguments: [
        ("V__x.sql", "must contain a version"),
        ("V.sql", "must contain a version"),
        ("V1_init.sql", "invalid version '1_init'"),
        ("V1.2b__x.sql", "invalid version '1.2b'"),
        ("Vx__y.sql", "invalid version 'x'"),
        ("R1__x.sql", "cannot contain a version"),
        ("Rviews.sql", "cannot contain a version"),
        ("R.sql", "has no description"),
        ("v1__lower.sql", "not a recognised migration name"),
        ("create_tables.sql", "not a recognised migration name"),
        ("beforeMigrate1__x.sql", "cannot contain a version"),
    ])
    func invalid(fileName: String, reason: String) {
        guard case .invalid(let diagnostic) = MigrationName.parse(fileName) else {
            Issue.record("\(fileName) was accepted")
            return
        }
        #expect(diagnostic.message.contains(reason), "\(diagnostic.message)")
        #expect(diagnostic.hint != nil)
        #expect(diagnostic.code == "bad-migration-name")
    }

    @Test("ignores files that are not SQL", arguments: ["V1__x.sql.conf", "README.md", "V1__x.txt", "notes"])
    func notSQL(fileName: String) {
        #expect(MigrationName.parse(fileName) == .notSQL)
    }

    @Test("honours custom prefixes, separators and suffixes")
    func customNaming() {
        let naming = NamingOptions(versionedPrefix: "M", separator: "-", suffixes: [".psql", ".sql"])
        guard case .migration(let name) = MigrationName.parse("M3-add_x.PSQL", naming: naming) else {
            Issue.record("custom name did not parse")
            return
        }
        #expect(name.version?.description == "3")
        #expect(name.description == "add x")
    }

    @Test("multibyte prefixes, separators and suffixes split where their characters are")
    func multibyteNaming() {
        let naming = NamingOptions(versionedPrefix: "Ü", separator: "→", suffixes: [".sqlé"])
        guard case .migration(let name) = MigrationName.parse("Ü1_2→añadir_ß.SQLÉ", naming: naming) else {
            Issue.record("multibyte name did not parse")
            return
        }
        #expect(name.version?.description == "1.2")
        #expect(name.description == "añadir ß")
        #expect(name.canonicalFileName == "Ü1_2→añadir_ß.SQLÉ")
        #expect(MigrationName.parse("Ü3.sqlé", naming: naming) != .notSQL)
        #expect(MigrationName.parse("Ü3.sql", naming: naming) == .notSQL)
    }
}
