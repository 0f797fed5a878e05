import Diagnostics
import Migrations
import Testing

@Suite struct MigrationPlanTests {
    typealias F = PlanFixtures
    let v1 = F.file("V1__Create.sql", "CREATE TABLE a (id int);")
    let v2 = F.file("V2__Add.sql", "ALTER TABLE a ADD b int;")
    let v3 = F.file("V3__More.sql", "ALTER TABLE a ADD c int;")
    let rViews = F.file("R__views.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;")

    @Test("a fresh database: everything pending, versioned first, then repeatables")
    func fresh() throws {
        let plan = try MigrationPlan(migrations: [rViews, v2, v1], applied: [])
        #expect(F.states(plan) == ["1: Pending", "2: Pending", "views: Pending"])
        #expect(F.pending(plan) == ["1", "2", "views"])
        #expect(plan.current == nil)
        #expect(plan.validate(pendingAllowed: true).isEmpty)
        #expect(plan.validate(pendingAllowed: false).map(\.code) == Array(repeating: "pending-migration", count: 3))
        #expect(plan.info.map(\.category) == [.versioned, .versioned, .repeatable])
        #expect(plan.info.map(\.undoable) == ["No", "No", ""])
    }

    @Test("everything applied: all Success, nothing pending, valid")
    func allApplied() throws {
        let plan = try MigrationPlan(
            migrations: [v1, v2, rViews], applied: [F.row(1, v1), F.row(2, v2), F.row(3, rViews)])
        #expect(F.states(plan) == ["1: Success", "2: Success", "views: Success"])
        #expect(plan.pending.isEmpty)
        #expect(plan.current?.version == MigrationVersion("2"))
        #expect(plan.validate(pendingAllowed: false).isEmpty)
        #expect(plan.info.first?.installedOn == "2024-01-15 10:00:00")
    }

    @Test("a new versioned migration is pending after the applied ones")
    func newVersioned() throws {
        let plan = try MigrationPlan(migrations: [v1, v2, v3], applied: [F.row(1, v1), F.row(2, v2)])
        #expect(F.states(plan) == ["1: Success", "2: Success", "3: Pending"])
        #expect(plan.pendingMigrations == [v3])
    }

    @Test("a version below the current one is Ignored unless outOfOrder")
    func outOfOrder() throws {
        let history = [F.row(1, v1), F.row(2, v3)]
        let strict = try MigrationPlan(migrations: [v1, v2, v3], applied: history)
        #expect(F.states(strict) == ["1: Success", "3: Success", "2: Ignored"])
        #expect(strict.pending.isEmpty)
        #expect(strict.validate(pendingAllowed: true).map(\.code) == ["ignored-migration"])
        let lenient = try MigrationPlan(migrations: [v1, v2, v3], applied: history, options: PlanOptions(outOfOrder: true))
        #expect(F.pending(lenient) == ["2"])
        #expect(lenient.validate(pendingAllowed: true).isEmpty)
        let after = try MigrationPlan(migrations: [v1, v2, v3], applied: history + [F.row(3, v2)])
        #expect(F.states(after) == ["1: Success", "3: Success", "2: Out of Order"])
        #expect(after.current?.version == MigrationVersion("3"))
    }

    @Test("a changed repeatable is Outdated and pending again; older runs are Superseded")
    func changedRepeatable() throws {
        let old = F.file("R__views.sql", "CREATE VIEW v AS SELECT 0;")
        let history = [F.row(1, v1), F.row(2, old), F.row(3, F.file("R__views.sql", "older"))]
        let plan = try MigrationPlan(migrations: [v1, rViews], applied: [history[0], history[2], F.row(4, old)])
        #expect(F.states(plan) == ["1: Success", "views: Superseded", "views: Outdated", "views: Pending"])
        #expect(F.pending(plan) == ["views"])
        #expect(plan.validate(pendingAllowed: true).isEmpty)
        #expect(plan.validate(pendingAllowed: false).map(\.code) == ["outdated-repeatable", "pending-migration"])
        let rerun = try MigrationPlan(migrations: [v1, rViews], applied: [history[0], F.row(2, old), F.row(3, rViews)])
        #expect(F.states(rerun) == ["1: Success", "views: Superseded", "views: Success"])
        #expect(rerun.pending.isEmpty)
    }

    @Test("repeatables run in description order, case-sensitively")
    func repeatableOrder() throws {
        let files = ["R__b.sql", "R__B.sql", "R__a.sql", "V2__x.sql", "R__A_b.sql"].map { F.file($0) }
        let plan = try MigrationPlan(migrations: files, applied: [])
        #expect(F.pending(plan) == ["2", "A b", "B", "a", "b"])
    }

    @Test("a changed versioned migration fails validation with both checksums")
    func checksumMismatch() throws {
        let plan = try MigrationPlan(migrations: [v1, v2], applied: [F.row(1, v1, checksum: 123), F.row(2, v2)])
        let findings = plan.validate(pendingAllowed: true)
        #expect(findings.map(\.code) == ["checksum-mismatch"])
        #expect(findings.first?.notes == ["applied to database: 123", "resolved locally:   \(v1.checksum)"])
        #expect(findings.first?.location?.file == "/m/V1__Create.sql")
        #expect(findings.first?.category == .validation)
        #expect(findings.first?.hint != nil)
    }

    @Test("a renamed description or a changed repeatable type fails validation")
    func descriptionAndType() throws {
        var renamed = F.row(1, v1)
        renamed.description = "Old name"
        var retyped = F.row(2, rViews)
        retyped.type = "JDBC"
        let plan = try MigrationPlan(migrations: [v1, rViews], applied: [renamed, retyped])
        #expect(plan.validate(pendingAllowed: true).map(\.code) == ["description-mismatch", "type-mismatch"])
        // Versioned rows match files by version and type, as in Flyway: another type is a different migration.
        var versionedRetyped = F.row(2, v2)
        versionedRetyped.type = "JDBC"
        let split = try MigrationPlan(migrations: [v1, v2], applied: [F.row(1, v1), versionedRetyped])
        #expect(F.states(split) == ["1: Success", "2: Future", "2: Pending"])
    }

    @Test("an applied migration without its file is Missing below the latest file, Future above it")
    func missingAndFuture() throws {
        let history = [F.row(1, v1), F.row(2, v2), F.row(3, v3)]
        let plan = try MigrationPlan(migrations: [v2], applied: history)
        #expect(F.states(plan) == ["1: Missing", "2: Success", "3: Future"])
        #expect(plan.validate(pendingAllowed: true).map(\.code) == ["missing-migration"])
        #expect(plan.migrationBlockers().isEmpty)
        #expect(plan.futureVersionWarning(schema: "public")?.message
            == "Schema \"public\" has a version (3) that is newer than the latest available migration (2) !")
        let tolerant = try MigrationPlan(
            migrations: [v2], applied: history,
            options: PlanOptions(ignoreMigrationPatterns: [IgnorePattern("*:missing"), IgnorePattern("*:future")]))
        #expect(tolerant.validate(pendingAllowed: true).isEmpty)
        let strict = try MigrationPlan(migrations: [v2], applied: history, options: PlanOptions(ignoreMigrationPatterns: []))
        #expect(strict.validate(pendingAllowed: true).map(\.code) == ["missing-migration", "future-migration"])
        let none = try MigrationPlan(migrations: [], applied: history)
        #expect(F.states(none) == ["1: Future", "2: Future", "3: Future"])
    }

    @Test("a failed row is Failed, blocks migrate and fails validation")
    func failedRow() throws {
        let plan = try MigrationPlan(migrations: [v1, v2, v3], applied: [F.row(1, v1), F.row(2, v2, success: false)])
        #expect(F.states(plan) == ["1: Success", "2: Failed", "3: Pending"])
        #expect(plan.validate(pendingAllowed: true).map(\.code) == ["failed-migration"])
        #expect(plan.migrationBlockers().map(\.severity) == [.error])
        #expect(plan.failed.map(\.version) == [MigrationVersion("2")])
        let missingFailed = try MigrationPlan(migrations: [v2], applied: [F.row(1, v1, success: false)])
        #expect(F.states(missingFailed) == ["1: Failed (Missing)", "2: Pending"])
    }

    @Test("a baseline row hides lower files; files at the baseline are Ignored (Baseline)")
    func baselineRow() throws {
        let files = (1...5).map { F.file("V\($0)__m\($0).sql") }
        let baseline = F.marker(1, "3", "<< Flyway Baseline >>", type: "BASELINE")
        let plan = try MigrationPlan(migrations: files, applied: [baseline])
        #expect(F.states(plan) == [
            "1: Below Baseline", "2: Below Baseline", "3: Ignored (Baseline)", "3: Baseline", "4: Pending", "5: Pending",
        ])
        #expect(plan.info[3].category == .marker)
        #expect(F.pending(plan) == ["4", "5"])
        #expect(plan.validate(pendingAllowed: true).isEmpty)
        #expect(plan.current?.version == MigrationVersion("3"))
    }

    @Test("a baseline migration (B file) replaces lower versions on an empty database only")
    func baselineMigration() throws {
        let files = [F.file("V1__a.sql"), F.file("V2__b.sql"), F.file("B2__all.sql"), F.file("V3__c.sql")]
        let fresh = try MigrationPlan(migrations: files, applied: [])
        #expect(F.states(fresh) == ["1: Below Baseline", "2: Ignored (Baseline)", "2: Pending", "3: Pending"])
        #expect(fresh.pending.map(\.type) == ["SQL_BASELINE", "SQL"])
        #expect(fresh.info.map(\.category) == [.versioned, .versioned, .baseline, .versioned])
        let existing = try MigrationPlan(migrations: files, applied: [F.row(1, files[0])])
        #expect(F.states(existing) == ["1: Success", "2: Pending", "2: Ignored", "3: Pending"])
        #expect(existing.validate(pendingAllowed: true).isEmpty)
        let baselined = try MigrationPlan(migrations: files, applied: [F.row(1, files[2])])
        #expect(F.states(baselined) == ["1: Below Baseline", "2: Ignored (Baseline)", "2: Baseline", "3: Pending"])
    }

    @Test("the target stops versioned migrations but not repeatables", arguments: [
        (MigrationTarget.version(MigrationVersion("2") ?? .one), 0, ["1", "2", "views"], "3: Above Target"),
        (.latest, 0, ["1", "2", "3", "views"], "3: Pending"),
        (.current, 1, ["views"], "3: Above Target"),
        (.current, 0, ["views"], "3: Above Target"),
    ])
    func target(target: MigrationTarget, appliedCount: Int, pending: [String], thirdState: String) throws {
        let history = [F.row(1, v1)].prefix(appliedCount)
        let plan = try MigrationPlan(migrations: [v1, v2, v3, rViews], applied: Array(history),
                                     options: PlanOptions(target: target))
        #expect(F.pending(plan) == pending)
        #expect(F.states(plan).contains(thirdState))
        #expect(plan.validate(pendingAllowed: true).isEmpty)
    }

    @Test("an undo row marks its version Undone and makes it pending again")
    func undoRows() throws {
        let u3 = F.file("U3__More.sql", "ALTER TABLE a DROP c;")
        let history = [F.row(1, v1), F.row(2, v2), F.row(3, v3), F.row(4, u3)]
        let plan = try MigrationPlan(migrations: [v1, v2, v3, u3], applied: history)
        #expect(F.states(plan) == ["1: Success", "2: Success", "3: Undone", "3: Pending"])
        // The undone version is pending again: not undoable until it is applied.
        #expect(plan.info.map(\.undoable) == ["No", "No", "", "No"])
        #expect(plan.allInfo.count == 5)
        #expect(F.pending(plan) == ["3"])
        #expect(plan.current?.version == MigrationVersion("2"))
        #expect(plan.validate(pendingAllowed: true).isEmpty)
        let undoable = try MigrationPlan(migrations: [v1, v2, v3, u3], applied: Array(history.prefix(3)))
        #expect(undoable.info.map(\.undoable) == ["No", "No", "Yes"])
        #expect(undoable.pending.isEmpty)
    }

    @Test("a DELETE row marks the applied migration Deleted; two of them corrupt the history")
    func deleteRows() throws {
        let history = [F.row(1, v1), F.row(2, v2), F.marker(3, "2", v2.description, type: "DELETE", script: v2.script)]
        let plan = try MigrationPlan(migrations: [v1], applied: history)
        #expect(F.states(plan) == ["1: Success", "2: Deleted"])
        #expect(plan.info.last?.undoable == "")
        #expect(plan.validate(pendingAllowed: false).isEmpty)
        #expect(plan.current?.version == MigrationVersion("1"))
        let back = try MigrationPlan(migrations: [v1, v2], applied: history)
        #expect(F.states(back) == ["1: Success", "2: Deleted", "2: Pending"])
        #expect(throws: DiagnosticList.self) {
            try MigrationPlan(migrations: [v1], applied: history + [F.marker(4, "2", "x", type: "DELETE")])
        }
    }

    @Test("Flyway's rank-0 schema marker is a Success row with an empty category")
    func schemaMarker() throws {
        let schema = F.marker(0, "0", "<< Flyway Schema Creation >>", type: "SCHEMA", script: "\"app\"")
        let plan = try MigrationPlan(migrations: [v1], applied: [schema])
        #expect(F.states(plan) == ["0: Success", "1: Pending"])
        #expect(plan.info.first?.category == .marker)
        #expect(plan.validate(pendingAllowed: true).isEmpty)
    }

    @Test("a repeatable applied with its raw-text checksum counts as applied")
    func rawRepeatableChecksum() throws {
        var file = F.file("R__grants.sql", "GRANT SELECT ON t TO ${role};")
        file.effectiveChecksum = Checksum.flyway("GRANT SELECT ON t TO reader;")
        let plan = try MigrationPlan(migrations: [file], applied: [F.row(1, file, checksum: file.checksum)])
        #expect(F.states(plan) == ["grants: Success"])
        #expect(plan.pending.isEmpty)
        #expect(file.historyRow.checksum == file.effectiveChecksum)
    }

    @Test("a corrupt version in the history is reported, not trusted")
    func corruptVersion() {
        #expect(throws: DiagnosticList.self) {
            try MigrationPlan(migrations: [v1], applied: [F.marker(1, "1.x", "bad", type: "SQL")])
        }
    }

    @Test("cherry-picking applies only the picked versions, in the order given")
    func cherryPick() throws {
        let options = PlanOptions(cherryPick: [MigrationVersion("3") ?? .one, .one])
        let plan = try MigrationPlan(migrations: [v1, v2, v3, rViews], applied: [], options: options)
        #expect(F.pending(plan) == ["3", "1"])
        #expect(plan.validate(pendingAllowed: true).isEmpty)
    }

    @Test("ignore patterns parse case-insensitively and reject unknown parts", arguments: [
        ("*:future", true), ("Versioned:Missing", true), (" repeatable : ignored ", true), ("*:*", true),
        ("*:failed", false), ("sql:missing", false), ("missing", false), ("a:b:c", false),
    ])
    func patterns(text: String, valid: Bool) {
        #expect(((try? IgnorePattern(text)) != nil) == valid)
    }
}
