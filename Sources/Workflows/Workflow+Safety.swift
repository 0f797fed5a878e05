import Diagnostics

extension Workflow {
    /// Refuses a command that changes a database when none is configured and `--ephemeral` was not given: a
    /// deploy stage whose variables are misnamed would otherwise change a throwaway server, exit 0, and leave
    /// production unmigrated. A dry run changes nothing, so it may use the embedded server.
    func requireConfiguredDatabase(_ command: String, dryRun: Bool = false) throws(Diagnostic) {
        guard settings.database == nil, !invocation.ephemeral, !dryRun else { return }
        throw Diagnostic(
            category: .input, code: "no-database",
            message: "\(command) changes a database, and none is configured "
                + "(no --url, FLYWAY_URL, --secret-env, config file url or PGHOST)",
            hint: "configure the database (e.g. FLYWAY_URL, FLYWAY_USER and FLYWAY_PASSWORD), "
                + "or pass --ephemeral to \(command) a throwaway embedded PostgreSQL")
    }
}
