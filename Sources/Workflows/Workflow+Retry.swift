import Diagnostics
import Foundation
import TargetDatabase

extension Workflow {
    /// Opens the database, retrying a failed connection up to `connectRetries` times as Flyway does
    /// (`JdbcUtils.openConnection`): after 1 s, then twice as long each time, at most `connectRetriesInterval`
    /// seconds. An interrupt ends the wait and the run.
    func openDatabase() throws(Diagnostic) -> OpenedDatabase {
        var (retries, wait) = (0, 1)
        while true {
            do {
                return try OpenedDatabase(
                    settings: settings, ephemeral: invocation.ephemeral, keep: invocation.keep,
                    environment: invocation.environment, interruption: interruption, embeddedPort: invocation.embeddedPort)
            } catch where error.category == .connection && retries < settings.connectRetries && !interruption.isInterrupted {
                retries += 1
                let seconds = min(wait, max(settings.connectRetriesInterval, 1))
                wait *= 2
                var notice = error
                notice.severity = .warning
                notice.hint = "retrying in \(seconds) s (retry \(retries) of \(settings.connectRetries), connectRetries)"
                notices(notice)
                guard pause(seconds: seconds) else { throw error }
            }
        }
    }

    /// Waits, checking for an interrupt every 100 ms; false when one came.
    private func pause(seconds: Int) -> Bool {
        let deadline = Date().addingTimeInterval(TimeInterval(seconds))
        while Date() < deadline {
            if interruption.isInterrupted { return false }
            usleep(100_000)
        }
        return !interruption.isInterrupted
    }
}
