import Diagnostics

/// Setup and teardown every suite shares, from `_setup.yml` at the top of the spec folder.
public struct SharedSetup: Sendable, Equatable {
    /// How often the shared steps run.
    public enum Scope: String, Sendable, Equatable, CaseIterable {
        /// Once for the whole run, committed before the first suite (and before `--jobs` copies the database),
        /// the teardown after the last suite.
        case run
        /// As part of every suite's own setup and teardown (before and after them), inside its isolation.
        case suite
    }

    /// The file's path, as the loader found it.
    public var file: String
    public var description: String?
    public var scope: Scope
    public var setup: [Step]
    public var teardown: [Step]

    public init(file: String, description: String? = nil, scope: Scope = .run, setup: [Step] = [], teardown: [Step] = []) {
        self.file = file
        self.description = description
        self.scope = scope
        self.setup = setup
        self.teardown = teardown
    }
}

/// What a spec folder holds: its suites and the setup they share.
public struct SpecProject: Sendable, Equatable {
    /// The suites, sorted by path; with a shared setup of scope `suite`, its steps are already part of each.
    public var suites: [SpecSuite]
    /// The shared setup of scope `run`, which the run executes once around all suites.
    public var shared: SharedSetup?

    public init(suites: [SpecSuite], shared: SharedSetup? = nil) {
        self.suites = suites
        self.shared = shared
    }
}
