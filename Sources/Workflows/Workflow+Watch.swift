import Diagnostics
import FileWatching
import Foundation
import Migrations
import MigrationResults
import SpecRunner
import Specs
import TargetDatabase
import TestResults

/// One run of the tests in `slipway test --watch`.
public struct WatchRun {
    /// The result, or why the run stopped (a bad spec, a failed migration).
    public var outcome: Result<TestRunResult, any Error>
    /// Wall time from the change (or the start) to the result, in seconds.
    public var duration: Double
    /// The folders watched, relative to the working directory.
    public var watched: [String]
}

extension Workflow {
    /// `slipway test --watch`: runs the tests as `test` does, then, on every change under the migration locations or
    /// the spec folder, re-runs what the change affects, until SIGINT or SIGTERM: a changed repeatable is re-applied
    /// on a copy of the migrated template, a changed versioned migration rebuilds the template, and then every
    /// selected suite runs; a changed spec file runs that suite alone. The embedded server stays up in between.
    /// Reports are not written (a run of one suite would leave a partial picture in the report folder).
    public func watch(
        _ request: TestRequest, migrationEvents: @escaping (MigrationEvent) -> Void,
        testEvents: @escaping (TestEvent) -> Void, changed: ([String]) -> Void, runEnded: (WatchRun) -> Void
    ) throws {
        guard settings.database == nil || invocation.ephemeral else {
            throw Diagnostic(
                category: .input, code: "watch-embedded",
                message: "--watch keeps a private embedded PostgreSQL warm, and a database is configured",
                hint: "add --ephemeral to watch on the embedded server, or run without --watch")
        }
        let locations = MigrationDiscovery.directories(locations: settings.locations, baseDirectory: invocation.currentDirectory)
        let specRoot = standardized(absolute(request.specDirectory))
        let watcher: FileWatcher
        do {
            watcher = try FileWatcher(roots: locations + [specRoot])
        } catch {
            throw Diagnostic(category: .input, code: "watch", message: "cannot watch the files: \(error)",
                             hint: "run without --watch")
        }
        let watched = (locations + [specRoot]).map { DisplayPath.relative($0, to: invocation.currentDirectory) }
        try withDatabase { database in
            let state = TestWatch(self, database, migrationEvents: migrationEvents, testEvents: testEvents)
            var changes: Set<String> = []
            var migrationsChanged = true
            repeat {
                let started = ContinuousClock.now
                let outcome = Result {
                    try watchRun(request, state, database, migrate: migrationsChanged, changedSpecs: changes)
                }
                runEnded(WatchRun(outcome: outcome, duration: (ContinuousClock.now - started).seconds, watched: watched))
                state.dropUnused()
                guard !interruption.isInterrupted,
                    let next = watcher.nextChanges(shouldStop: { [interruption] in interruption.isInterrupted })
                else { return }
                changes = next
                changed(next.map { DisplayPath.relative($0, to: invocation.currentDirectory) }.sorted())
                migrationsChanged = next.contains { path in locations.contains { path.hasPrefix($0 + "/") } }
            } while true
        }
    }

    /// One run: the migrations when they changed, then the suites the changes affect (every selected suite, unless
    /// only spec files changed: then theirs).
    private func watchRun(
        _ request: TestRequest, _ state: TestWatch, _ database: OpenedDatabase, migrate: Bool, changedSpecs: Set<String>
    ) throws -> TestRunResult {
        let project = try SpecLoader.discoverProject(directory: request.specDirectory)
        // Data-migration specs need a database of their own each: a full run has them.
        let selection = try TestSelection(
            project.suites.filter { $0.dataMigration == nil }, filter: TestFilter(request.filter), shard: request.shard,
            specDirectory: request.specDirectory, allowEmpty: request.allowEmpty)
        let migration = migrate || !state.isMigrated
            ? try state.migrate()
            : MigrateResult(initialVersion: nil, finalVersion: nil, applied: [], schema: "", totalTime: 0, dryRunScript: nil)
        let changed = selection.suites.filter { changedSpecs.contains(standardized(absolute($0.file))) }
        let suites = migrate || changed.isEmpty ? selection.suites : changed
        let results = selection.located(try state.run(suites, filter: selection.filter, shared: project.shared))
        return TestRunResult(
            migration: migration, suites: results, reportFiles: [],
            counts: results.map(\.counts).reduce(TestCounts(), +), jobs: 1,
            emulation: database.dialect.emulatesRedshift ? dialectProperty(database) : nil)
    }

    private func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
