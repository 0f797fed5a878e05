import Dialect
import MigrationReports
import MigrationResults
import Migrations
import Testing

/// Reports are functions of result values: tested without a database.
@Suite struct MigrationTextTests {
    let step = AppliedStep(
        version: "1.0.1", description: "Products", script: "V1.0.1__Products.sql", type: "SQL", executionTime: 12,
        transactional: false)

    @Test("an applied step is one aligned line, marked when it ran outside a transaction")
    func appliedLine() {
        guard case .progress(let line) = MigrationText.line(for: .applied(step)) else {
            Issue.record("an applied step is progress")
            return
        }
        #expect(line.hasPrefix("  V 1.0.1      Products"))
        #expect(line.hasSuffix("    12 ms  (no transaction)"))
    }

    @Test("a run's summary counts the migrations and names the version reached")
    func summary() {
        let result = MigrateResult(
            initialVersion: nil, finalVersion: "1.0.1", applied: [step, step], schema: "public", totalTime: 30,
            dryRunScript: nil)
        #expect(MigrationText.undoSummary(result)
            == "Undid 2 migrations in 30 ms; schema \"public\" now at version 1.0.1\n" + MigrationText.communityNote)
        var none = result
        none.applied = []
        #expect(MigrationText.undoSummary(none) == "Nothing to undo.")
    }

    @Test("repair's summary lists each kind of change")
    func repairSummary() {
        let text = MigrationText.summary(RepairResult(removedFailed: ["V2__b.sql"], realigned: ["V1__a.sql"]))
        #expect(text.contains("removed failed rows of V2__b.sql"))
        #expect(text.contains("realigned V1__a.sql"))
    }

    @Test("a state filter keeps only the named states and reads the names info shows")
    func stateFilter() throws {
        let filter = try StateFilter(parsing: "Pending, out of order")
        #expect(filter.states == [.pending, .outOfOrder])
        let empty = InfoResult(
            entries: [], schema: "public", table: "flyway_schema_history", currentVersion: nil, dialect: .postgresql,
            serverVersion: "15")
        #expect(filter.apply(empty).entries.isEmpty)
        #expect(throws: (any Error).self) { try StateFilter(parsing: "Pendng") }
    }
}
