import Diagnostics

/// Progress a run reports as it happens, so the command line can print each step when it completes.
public enum MigrationEvent: Sendable, Equatable {
    case createdSchemas([String])
    case createdHistoryTable(String)
    case waitingForLock(holder: String)
    case baselined(version: String)
    case applying(script: String)
    case applied(AppliedStep)
    /// Another run applied this migration between this run's plan and its lock (Redshift's locking).
    case appliedElsewhere(script: String)
    /// An SQL callback is about to run, e.g. `beforeMigrate` from `beforeMigrate.sql`.
    case callback(event: String, script: String)
    case warning(Diagnostic)
    /// A NOTICE or WARNING the server sent while a script ran (e.g. `RAISE NOTICE`).
    case serverNotice(script: String, message: String)
}

/// One migration that ran.
public struct AppliedStep: Sendable, Equatable {
    public var version: String?
    public var description: String
    public var script: String
    public var type: String
    /// Wall time of the script and its history row, in milliseconds.
    public var executionTime: Int
    public var transactional: Bool

    public init(
        version: String?, description: String, script: String, type: String, executionTime: Int, transactional: Bool
    ) {
        self.version = version
        self.description = description
        self.script = script
        self.type = type
        self.executionTime = executionTime
        self.transactional = transactional
    }
}
