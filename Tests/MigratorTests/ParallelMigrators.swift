import Dialect
import Dispatch
import Migrations
import MigrationResults
import Migrator
import TestSupport

extension MigrationProject {
    /// Starts `workers` migrators at once, each on its own connection, and counts what they applied and how
    /// many failed.
    func migrateInParallel(workers: Int, dialect: Dialect) throws -> Outcomes {
        let discovered = try discovered()
        let options = options
        let database = database
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            do {
                let connection = try TestServer.connect(database: database)
                defer { connection.close() }
                let result = try Migrator(connection: connection, dialect: dialect, options: options).migrate(discovered)
                outcomes.add(applied: result.applied.count, failed: false)
            } catch {
                outcomes.add(applied: 0, failed: true)
            }
        }
        return outcomes
    }
}
