/// An SQL callback found in a location, e.g. `afterMigrate__grant.sql`.
public struct SqlCallback: Sendable, Equatable {
    public var event: CallbackEvent
    /// The text after the separator with `_` turned into spaces, if any.
    public var description: String?
    /// The path relative to its location, with `/` separators.
    public var script: String
    /// The absolute path of the file.
    public var path: String
    /// The decoded text without a leading byte-order mark.
    public var text: String
    public var config: ScriptConfig

    public init(
        event: CallbackEvent, description: String?, script: String, path: String, text: String,
        config: ScriptConfig = ScriptConfig()
    ) {
        self.event = event
        self.description = description
        self.script = script
        self.path = path
        self.text = text
        self.config = config
    }
}
