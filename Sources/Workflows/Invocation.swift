/// What the command line hands to a ``Workflow``: its flags as canonical settings, and the process context.
public struct Invocation: Sendable {
    /// Settings from flags, under their canonical (Flyway) names, e.g. `url`, `placeholders.schema`.
    public var commandLine: [String: String]
    public var environment: [String: String]
    public var currentDirectory: String
    /// Use the embedded PostgreSQL even when a database is configured.
    public var ephemeral: Bool
    /// Leave the embedded PostgreSQL running afterwards.
    public var keep: Bool
    /// Let the embedded PostgreSQL listen on this localhost TCP port too (it always has its private unix socket).
    public var embeddedPort: Int?

    public init(commandLine: [String: String], environment: [String: String], currentDirectory: String,
                ephemeral: Bool, keep: Bool, embeddedPort: Int? = nil)
    {
        self.commandLine = commandLine
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.ephemeral = ephemeral
        self.keep = keep
        self.embeddedPort = embeddedPort
    }
}
