import Diagnostics
import Foundation
import SpecRunner
import Specs
import TargetDatabase
import TestResults

extension Workflow {
    /// The number of workers to use: what was asked, else one per core on the embedded server (nobody else
    /// uses it) and 1 on a configured one; never more than there are suites.
    func workers(_ requested: Int?, suites: Int, database: OpenedDatabase, events: (TestEvent) -> Void) -> Int {
        var jobs = requested ?? (database.embedded == nil ? 1 : ProcessInfo.processInfo.activeProcessorCount)
        if jobs > 1, !database.dialect.supportsDatabaseCopies {
            // Said only when asked for: the default of one worker per core is not the user's choice.
            if requested != nil {
                events(.warning(Diagnostic(
                    .note, category: .input, code: "jobs",
                    message: "running the tests on one worker: \(database.dialect.name) cannot copy a database from a template")))
            }
            jobs = 1
        }
        return max(1, min(jobs, suites))
    }

    /// Runs the selected suites on this connection, or, with several jobs, each worker on its own database: the
    /// migrated one or a copy of it (so no worker sees another's data).
    ///
    /// - Parameter finished: with the names of the databases the suites ran in, once they all ran (before the
    ///   copies are dropped); when set, each worker's session has plpgsql_check's profiler on.
    func runSuites(
        _ selection: TestSelection, jobs: Int, on database: OpenedDatabase, events: @escaping (TestEvent) -> Void,
        finished: (([String]) throws -> Void)? = nil
    ) throws -> [SuiteResult] {
        let runner = SpecRunner(
            connection: database.connection, dialect: database.dialect, s3: s3Fixtures,
            isInterrupted: { [interruption] in interruption.isInterrupted }, events: events)
        // Data-migration specs run afterwards, each on a database of its own.
        let suites = selection.suites.filter { $0.dataMigration == nil }
        // The shared setup commits on this database before any worker copies it, so every copy has it.
        return try runner.aroundShared(selection.shared, suites: suites, filter: selection.filter) {
            guard jobs > 1 else {
                let results = try runner.run(suites, filter: selection.filter)
                try finished?([database.connection.database])
                return results
            }
            return try runInWorkers(suites, selection.filter, jobs: jobs, on: database, events: events, finished: finished)
        }
    }

    private func runInWorkers(
        _ suites: [SpecSuite], _ filter: TestFilter, jobs: Int, on database: OpenedDatabase,
        events: @escaping (TestEvent) -> Void, finished: (([String]) throws -> Void)?
    ) throws -> [SuiteResult] {
        let profiling = finished != nil
        return try database.withWorkerDatabases(jobs) { names in
            let connectors = names.map(database.connector(toDatabase:))
            let run = ParallelSpecRun(
                workers: jobs, dialect: database.dialect, s3: s3Fixtures,
                isInterrupted: { [interruption] in interruption.isInterrupted })
            let results = try run.run(
                suites, filter: filter,
                connect: { [interruption] index in
                    let connection = try connectors[index]()
                    if profiling { try connection.execute("SET plpgsql_check.profiler = on") }
                    interruption.watchWorker(connection.makeCanceller())
                    return connection
                }, events: events)
            try finished?(names)
            return results
        }
    }
}
