import Diagnostics

/// One spec file: a named suite of SQL tests with the steps that prepare and clean up around them.
public struct SpecSuite: Sendable, Equatable {
    /// How the runner wraps each test so that it leaves no trace.
    public enum Isolation: String, Sendable, Equatable, CaseIterable {
        /// Each test (with `before_each`, `given`, `when`, `then`, `after_each`) runs in a transaction that is
        /// rolled back afterwards.
        case transaction
        /// No wrapping: the tests see and keep each other's changes.
        case none
    }

    /// The suite's name: `suite:`, or the file name without its extension.
    public var name: String
    /// The spec file's path, as it was given to the loader.
    public var file: String
    public var description: String?
    public var tags: [String]
    public var isolation: Isolation
    /// Steps run once, before the first test.
    public var setup: [Step]
    /// Steps run once, after the last test.
    public var teardown: [Step]
    /// Steps run before each test, inside its isolation.
    public var beforeEach: [Step]
    /// Steps run after each test, inside its isolation.
    public var afterEach: [Step]
    /// The tests, in file order.
    public var tests: [SpecTest]
    /// For a data-migration spec: the versions its own fresh database is migrated to before and after `setup`.
    public var dataMigration: DataMigration?

    public init(
        name: String,
        file: String,
        description: String? = nil,
        tags: [String] = [],
        isolation: Isolation = .transaction,
        setup: [Step] = [],
        teardown: [Step] = [],
        beforeEach: [Step] = [],
        afterEach: [Step] = [],
        tests: [SpecTest] = [],
        dataMigration: DataMigration? = nil
    ) {
        self.name = name
        self.file = file
        self.description = description
        self.tags = tags
        self.isolation = isolation
        self.setup = setup
        self.teardown = teardown
        self.beforeEach = beforeEach
        self.afterEach = afterEach
        self.tests = tests
        self.dataMigration = dataMigration
    }
}
