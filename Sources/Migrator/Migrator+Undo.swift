import Diagnostics
import Foundation
import MigrationDrivers
import MigrationResults
import Migrations

extension Migrator {
    /// Undoes the latest applied versioned migration, or with a `target` version every applied version above
    /// it, newest first: each `U` file and its `UNDO_SQL` history row in one transaction (or none, for files
    /// that cannot run in one), between the undo callbacks.
    ///
    /// Checks first that every version to undo has an undo file; when one has none, nothing is changed.
    public func undo(_ discovered: DiscoveredMigrations) throws -> MigrateResult {
        let started = ContinuousClock.now
        let driver = try openDriver()
        let scripts = ScriptPreparer(session: driver.session, options: options, dialect: dialect)
        let callbacks = Callbacks(discovered.callbacks, scripts: scripts)
        let target = try undoTarget()
        return try withLock(driver) {
            let applied = try driver.readHistoryIfExists()
            let plan = try MigrationPlan(migrations: scripts.resolve(discovered), applied: applied, options: options.plan)
            try checkBeforeRunning(plan, callbacks: callbacks)
            let undo = try plan.undoPlan(target: target)
            let steps = try runPhase(.undo, undo.steps.map(\.undo), driver: driver, callbacks: callbacks)
            return MigrateResult(
                initialVersion: plan.current?.version?.description,
                finalVersion: undo.resultingVersion?.description, applied: steps, schema: driver.session.defaultSchema,
                totalTime: elapsedMilliseconds(since: started), dryRunScript: dryRunScript(driver))
        }
    }

    /// `--target` for undo: a version to undo down to; none (or `latest`) undoes the latest version only.
    private func undoTarget() throws(Diagnostic) -> MigrationVersion? {
        switch options.plan.target {
        case .latest: return nil
        case .current:
            throw Diagnostic(
                category: .input, code: "bad-undo-target",
                message: "undo needs a version to undo down to, not 'current'",
                hint: "give --target a version (the migrations above it are undone), or leave it out to undo the latest")
        case .version(let version): return version
        }
    }
}
