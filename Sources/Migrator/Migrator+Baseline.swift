import Dialect
import Diagnostics
import Foundation
import MigrationDrivers
import MigrationResults
import Migrations
import PostgresClient

extension Migrator {
    // MARK: baseline, repair

    /// Marks an existing database as being at the baseline version, so migrate starts above it.
    ///
    /// - Parameter discovered: only its callbacks are used (beforeBaseline, afterBaseline).
    @discardableResult
    public func baseline(_ discovered: DiscoveredMigrations = DiscoveredMigrations(migrations: [])) throws -> String {
        let driver = try openDriver()
        let callbacks = Callbacks(discovered.callbacks, scripts: ScriptPreparer(session: driver.session, options: options, dialect: dialect))
        return try callbacks.around(.beforeBaseline, .afterBaseline, error: .afterBaselineError, with: self) {
            try withLock(driver) { try baselineLocked(driver) }
        }
    }

    func baselineLocked(_ driver: any MigrationDriver) throws -> String {
        let created = try createMissingSchemas(driver)
        if try driver.historyExists() {
            let rows = try driver.readHistory()
            if let existing = rows.first(where: { $0.type == HistoryType.baseline }) {
                guard existing.version == options.plan.baselineVersion.description else {
                    throw Diagnostic(
                        category: .validation, code: "baseline-exists",
                        message: "\(driver.history.displayName) already has a baseline at version "
                            + "\(existing.version ?? "?")",
                        hint: "a database is baselined once; run info to see its history")
                }
                return options.plan.baselineVersion.description
            }
            if rows.contains(where: { $0.type != HistoryType.schema }) {
                throw Diagnostic(
                    category: .validation, code: "baseline-not-empty",
                    message: "cannot baseline: \(driver.history.displayName) already contains migrations",
                    hint: "baseline is for databases that no migration tool has touched yet")
            }
        } else {
            try createHistory(driver, createdSchemas: created)
        }
        try insertBaseline(driver)
        return options.plan.baselineVersion.description
    }

    /// Removes failed rows, realigns checksums and descriptions with the files, and marks migrations whose
    /// files are gone as deleted.
    ///
    /// - Parameter forFlywayCommunity: also remove the `UNDO_SQL` rows Flyway Community refuses, with the apply
    ///   rows they undid (see ``MigrationPlan/flywayCommunityHistory(applied:)``).
    public func repair(_ discovered: DiscoveredMigrations, forFlywayCommunity: Bool = false) throws -> RepairResult {
        let driver = try openDriver()
        let callbacks = Callbacks(discovered.callbacks, scripts: ScriptPreparer(session: driver.session, options: options, dialect: dialect))
        return try callbacks.around(.beforeRepair, .afterRepair, error: .afterRepairError, with: self) {
            try withLock(driver) {
                try repairLocked(discovered, driver: driver, forFlywayCommunity: forFlywayCommunity)
            }
        }
    }

    func repairLocked(_ discovered: DiscoveredMigrations, driver: any MigrationDriver, forFlywayCommunity: Bool)
        throws -> RepairResult
    {
        guard try driver.historyExists() else { return RepairResult() }
        let applied = try driver.readHistory()
        let scripts = ScriptPreparer(session: driver.session, options: options, dialect: dialect)
        let actions = try MigrationPlan.repair(
            migrations: scripts.resolve(discovered), applied: applied, options: options.plan)
            + (forFlywayCommunity ? MigrationPlan.flywayCommunityHistory(applied: applied) : [])
        var result = RepairResult()
        let installedBy = options.installedBy ?? driver.session.user
        try writer.transaction {
            if let lock = driver.transactionLock { try writer.write(lock) }
            for action in actions {
                switch action {
                case .removeFailedRow(let row):
                    try driver.history.delete(rank: row.installedRank, with: writer)
                    result.removedFailed.append(row.script)
                case .align(let row, let description, let type, let checksum):
                    try driver.history.realign(
                        rank: row.installedRank, checksum: checksum, description: description, type: type,
                        with: writer)
                    result.realigned.append(row.script)
                case .removeForCommunity(let row):
                    try driver.history.delete(rank: row.installedRank, with: writer)
                    result.removedForCommunity.append(row.script)
                case .markDeleted(let row, let insert):
                    try driver.history.insert(insert, installedBy: installedBy, success: row.success, with: writer)
                    result.markedDeleted.append(row.script)
                }
            }
        }
        return result
    }
}
