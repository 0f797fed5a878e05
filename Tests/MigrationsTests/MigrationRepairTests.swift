import Diagnostics
import Migrations
import Testing

@Suite struct MigrationRepairTests {
    typealias F = PlanFixtures
    let v1 = F.file("V1__Create.sql", "CREATE TABLE a (id int);")
    let v2 = F.file("V2__Add.sql", "ALTER TABLE a ADD b int;")
    let v3 = F.file("V3__More.sql", "ALTER TABLE a ADD c int;")

    @Test("removes failed rows first")
    func failed() throws {
        let failedRow = F.row(2, v2, success: false)
        let actions = try MigrationPlan.repair(migrations: [v1, v2], applied: [F.row(1, v1), failedRow])
        #expect(actions == [.removeFailedRow(failedRow)])
    }

    /// The rows Flyway Teams writes: V2 undone and pending again; V3 undone, then applied again.
    @Test("for Flyway Community: undo rows go, with the apply rows they undid; a version applied again keeps its latest")
    func flywayCommunity() {
        let u2 = F.file("U2__Add.sql", "ALTER TABLE a DROP b;")
        let u3 = F.file("U3__More.sql", "ALTER TABLE a DROP c;")
        let rows = [F.row(1, v1), F.row(2, v2), F.row(3, u2), F.row(4, v3), F.row(5, u3), F.row(6, v3)]
        let actions = MigrationPlan.flywayCommunityHistory(applied: rows)
        #expect(actions == [2, 3, 4, 5].map { .removeForCommunity(rows[$0 - 1]) })
        let kept = rows.filter { row in !actions.contains(.removeForCommunity(row)) }
        #expect(kept.map(\.installedRank) == [1, 6])
        #expect(!kept.contains { $0.type == "UNDO_SQL" })
        #expect(MigrationPlan.flywayCommunityHistory(applied: [F.row(1, v1), F.row(2, v2)]).isEmpty)
    }

    @Test("realigns checksum, description and type of changed versioned migrations")
    func align() throws {
        var renamed = F.row(2, v2)
        renamed.description = "Old"
        let changed = F.row(1, v1, checksum: 42)
        let actions = try MigrationPlan.repair(migrations: [v1, v2], applied: [changed, renamed])
        #expect(actions == [
            .align(changed, description: "Create", type: "SQL", checksum: v1.checksum),
            .align(renamed, description: "Add", type: "SQL", checksum: v2.checksum),
        ])
        let after = try MigrationPlan(migrations: [v1, v2], applied: [F.row(1, v1), F.row(2, v2)])
        #expect(after.validate(pendingAllowed: false).isEmpty)
    }

    @Test("marks missing migrations deleted with a DELETE row copied from the applied one")
    func missing() throws {
        let missing = F.row(1, v1)
        let actions = try MigrationPlan.repair(migrations: [v2], applied: [missing, F.row(2, v2)])
        let insert = HistoryRowValues(
            version: "1", description: "Create", type: "DELETE", script: "V1__Create.sql", checksum: v1.checksum)
        #expect(actions == [.markDeleted(missing, insert: insert)])
        let repaired = try MigrationPlan(
            migrations: [v2],
            applied: [missing, F.row(2, v2), F.marker(3, "1", "Create", type: "DELETE", script: "V1__Create.sql")])
        #expect(F.states(repaired) == ["1: Deleted", "2: Success"])
        #expect(repaired.validate(pendingAllowed: false).isEmpty)
    }

    @Test("future rows are kept by default (*:future) and deleted without that pattern")
    func future() throws {
        let history = [F.row(1, v1), F.row(2, v2)]
        #expect(try MigrationPlan.repair(migrations: [v1], applied: history).isEmpty)
        let actions = try MigrationPlan.repair(
            migrations: [v1], applied: history, options: PlanOptions(ignoreMigrationPatterns: []))
        #expect(actions.count == 1)
        guard case .markDeleted(let row, let insert) = actions.first else {
            Issue.record("expected a DELETE row")
            return
        }
        #expect(row == history[1])
        #expect(insert.type == "DELETE")
    }

    @Test("a missing repeatable gets a DELETE row and is Deleted afterwards")
    func missingRepeatable() throws {
        let rViews = F.file("R__views.sql", "SELECT 1;")
        let applied = F.row(2, rViews)
        let actions = try MigrationPlan.repair(migrations: [v1], applied: [F.row(1, v1), applied])
        #expect(actions == [.markDeleted(applied, insert: HistoryRowValues(
            version: nil, description: "views", type: "DELETE", script: "R__views.sql", checksum: rViews.checksum))])
        let after = try MigrationPlan(
            migrations: [v1],
            applied: [F.row(1, v1), applied, F.marker(3, nil, "views", type: "DELETE", script: "R__views.sql")])
        #expect(F.states(after) == ["1: Success", "views: Deleted", "views: Success"])
        #expect(after.validate(pendingAllowed: false).isEmpty)
        let restored = try MigrationPlan(
            migrations: [v1, rViews],
            applied: [F.row(1, v1), applied, F.marker(3, nil, "views", type: "DELETE", script: "R__views.sql")])
        #expect(F.pending(restored) == ["views"])
    }

    @Test("a repeatable stored with its raw checksum gets the checksum after placeholder replacement")
    func repeatablePlaceholderChecksum() throws {
        var file = F.file("R__grants.sql", "GRANT SELECT ON t TO ${role};")
        file.effectiveChecksum = Checksum.flyway("GRANT SELECT ON t TO reader;")
        let raw = F.row(1, file, checksum: file.checksum)
        let actions = try MigrationPlan.repair(migrations: [file], applied: [raw])
        #expect(actions == [.align(raw, description: "grants", type: "SQL", checksum: file.effectiveChecksum)])
    }

    @Test("cuts long descriptions like Flyway when writing rows")
    func longDescription() {
        let long = String(repeating: "x", count: 250)
        let row = HistoryRowValues(version: "1", description: long, type: "SQL", script: "V1.sql", checksum: 1)
        #expect(row.description == String(repeating: "x", count: 197) + "...")
        #expect(HistoryText.abbreviatedDescription(String(repeating: "y", count: 200)).count == 200)
        let script = String(repeating: "s", count: 1200)
        #expect(HistoryText.abbreviatedScript(script) == "..." + String(repeating: "s", count: 997))
        #expect(HistoryRowValues.baseline(version: .one) == HistoryRowValues(
            version: "1", description: "<< Flyway Baseline >>", type: "BASELINE",
            script: "<< Flyway Baseline >>", checksum: nil))
    }

    // Redshift's VARCHAR(200) and VARCHAR(1000) hold that many BYTES (r_Character_types.html): "é" takes two.
    @Test("on Redshift a multibyte description or script is cut to the column's bytes, whole characters only")
    func redshiftByteCut() {
        let fits = String(repeating: "é", count: 100)
        #expect(HistoryText.redshiftDescription(fits) == fits)
        let over = String(repeating: "é", count: 101)
        // Flyway counts 101 characters and keeps them: 202 bytes, too many for Redshift.
        #expect(HistoryText.abbreviatedDescription(over) == over)
        #expect(HistoryText.redshiftDescription(over) == String(repeating: "é", count: 98) + "...")
        #expect(HistoryText.redshiftDescription("a" + over).utf8.count == 200)
        #expect(HistoryText.redshiftDescription(String(repeating: "x", count: 250))
            == HistoryText.abbreviatedDescription(String(repeating: "x", count: 250)))
        #expect(HistoryText.storedDescriptionMatches(HistoryText.redshiftDescription(over), file: over))
        #expect(!HistoryText.storedDescriptionMatches(String(repeating: "é", count: 98), file: over))
        let script = String(repeating: "ü", count: 600)
        #expect(HistoryText.redshiftScript(script) == "..." + String(repeating: "ü", count: 498))
        #expect(HistoryText.redshiftScript("V1.sql") == "V1.sql")
    }
}

@Suite struct MigrationPlanScaleTests {
    @Test("plans 5,000 migrations with half applied")
    func fiveThousand() throws {
        let files = (1...5_000).map { number in
            PlanFixtures.file("V\(number / 100)_\(number % 100)__step_\(number).sql", "SELECT \(number);")
        } + (1...200).map { PlanFixtures.file("R__view_\($0).sql", "SELECT \($0);") }
        let history = files.prefix(2_500).enumerated().map { PlanFixtures.row($0.offset + 1, $0.element) }
        let result = try MigrationPlan(migrations: files.shuffled(), applied: history.shuffled())
        #expect(result.pending.count == 2_700)
        #expect(result.pending.first?.version == files[2_500].version)
        #expect(result.info.prefix(2_500).allSatisfy { $0.state == .success })
        #expect(result.validate(pendingAllowed: true).isEmpty)
    }
}
