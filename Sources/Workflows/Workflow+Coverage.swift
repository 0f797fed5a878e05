import Coverage
import Diagnostics
import Foundation
import Migrations
import Migrator
import PostgresClient
import RoutineProfiler
import TargetDatabase

/// The routines the migrations defined, as this run found them after migrate, with what measures them.
struct RoutineRun {
    enum Measure {
        /// plpgsql_check: static check and line coverage.
        case plpgsqlCheck(PlpgsqlCheck, [PlpgsqlCheck.Routine])
        /// Amazon Redshift: procedure-level coverage from its record of calls, since this backend session began.
        case redshiftCalls(backend: String, since: String)
        /// Neither: the server has no plpgsql_check and coverage was not asked for.
        case none
    }

    var sources: RoutineSources
    var measure: Measure
    var findings: [Diagnostic] = []
}

extension Workflow {
    /// Finds the migrations' routines, runs plpgsql_check's static check on them and, with `coverage`, starts the
    /// profiler on this session and forgets what migrate and the callbacks counted.
    ///
    /// - Throws: with `coverage`, an `.input` diagnostic naming the package when the server has no plpgsql_check.
    func prepareRoutines(
        _ discovered: DiscoveredMigrations, _ migrator: Migrator, _ database: OpenedDatabase, coverage: Bool
    ) throws -> RoutineRun {
        let sources = try routineSources(discovered, migrator, database)
        if database.dialect.kind == .redshift, !database.dialect.emulatesRedshift {
            guard coverage else { return RoutineRun(sources: sources, measure: .none) }
            let row = try database.connection.execute("SELECT pg_backend_pid()::text, getdate()::text").rows.first
            return RoutineRun(sources: sources, measure: .redshiftCalls(backend: row?[0] ?? "", since: row?[1] ?? ""))
        }
        let check: PlpgsqlCheck
        do {
            check = try PlpgsqlCheck.open(database.connection, createIfAvailable: database.embedded != nil)
        } catch _ where !coverage {
            return RoutineRun(sources: sources, measure: .none)
        }
        let routines = try check.routines(definedBy: sources)
        let findings = try check.check(routines).map { $1.diagnostic(source: $0.source) }
        if coverage {
            try check.resetProfiles(routines)
            try check.startProfiling()
        }
        return RoutineRun(sources: sources, measure: .plpgsqlCheck(check, routines), findings: findings)
    }

    /// The applied migrations' routine definitions, in the order the history says they ran.
    private func routineSources(
        _ discovered: DiscoveredMigrations, _ migrator: Migrator, _ database: OpenedDatabase
    ) throws -> RoutineSources {
        let entries = try migrator.info(discovered, serverVersion: database.serverVersion).entries
        let applied = entries.compactMap { entry -> (rank: Int, file: ResolvedMigration)? in
            guard let rank = entry.installedRank, entry.applied?.success == true, let file = entry.resolved else { return nil }
            return (rank, file)
        }
        return RoutineSources(appliedFiles: applied.sorted { $0.rank < $1.rank }.map { entry in
            (DisplayPath.relative(entry.file.path, to: invocation.currentDirectory), entry.file.text)
        })
    }

    /// What the profiler counted in these databases (each worker's; shared memory keeps them per database).
    ///
    /// On Redshift, a failed read of its record of calls is a warning, not a failed run: the tests' verdict stands.
    func coverage(
        _ run: RoutineRun, _ database: OpenedDatabase, workerDatabases: [String], warn: (Diagnostic) -> Void
    ) throws -> CoverageReport? {
        switch run.measure {
        case .none: return nil
        case .redshiftCalls(let backend, let since):
            do {
                let calls = try database.connection.execute(
                    "SELECT querytxt FROM svl_stored_proc_call WHERE pid = $1 AND starttime >= $2 ORDER BY starttime",
                    parameters: [backend, since]).rows.compactMap { $0.first ?? nil }
                return CoverageReport(ProcedureCalls.profiles(calls: calls, sources: run.sources), procedureLevel: true)
            } catch {
                warn(Diagnostic(
                    .warning, category: .input, code: "coverage",
                    message: "no procedure-level coverage: could not read SVL_STORED_PROC_CALL (\(error))",
                    hint: "the user needs to see its own calls there (it does unless its access is restricted)"))
                return nil
            }
        case .plpgsqlCheck(let check, let routines):
            var profiles = try check.profiles(routines)
            for name in workerDatabases where name != database.connection.database {
                let connection = try database.connector(toDatabase: name)()
                defer { connection.close() }
                let others = try PlpgsqlCheck.open(connection, createIfAvailable: false).profiles(routines)
                profiles = zip(profiles, others).map { $0.adding($1) }
            }
            return CoverageReport(profiles)
        }
    }

    /// Writes `cobertura.xml` and `lcov.info` into `directory`; returns their paths.
    func writeCoverage(_ report: CoverageReport, to directory: String) throws -> [String] {
        let absolute = absolute(directory)
        let files = [
            ("cobertura.xml", CoberturaXML.render(
                report, sourceRoot: invocation.currentDirectory,
                timestamp: Int64(Date().timeIntervalSince1970 * 1000))),
            ("lcov.info", LCOVText.render(report)),
        ]
        do {
            try FileManager.default.createDirectory(atPath: absolute, withIntermediateDirectories: true)
            for (name, text) in files {
                try Data(text.utf8).write(to: URL(fileURLWithPath: absolute + "/" + name), options: .atomic)
            }
        } catch {
            throw Diagnostic(
                category: .input, code: "coverage-dir", message: "could not write the coverage reports in \(directory)",
                notes: [error.localizedDescription], hint: "make \(directory) writable, or choose another --coverage-dir")
        }
        return files.map { "\(directory)/\($0.0)" }
    }
}
