import Diagnostics
import Dialect
import Specs

/// What a suite should know before it runs where there are no savepoints (Redshift): each test is one
/// transaction, so a statement that fails aborts the rest of the test, and a statement that commits ends the
/// isolation.
enum IsolationWarnings {
    static func check(_ suite: SpecSuite, dialect: Dialect) -> [Diagnostic] {
        guard !dialect.supportsSavepoints, suite.isolation == .transaction else { return [] }
        var warnings: [Diagnostic] = []
        for test in suite.tests {
            let fails = test.then.indices.filter { test.then[$0].kind.isFails }
            if let first = fails.first, first < test.then.count - 1 || !suite.afterEach.isEmpty {
                warnings.append(Diagnostic(
                    .warning, category: .input, location: test.then[first].location, code: "fails-aborts-test",
                    message: "without savepoints (Redshift) the expected error aborts this test's transaction, so "
                        + "the checks after it cannot run",
                    hint: "make `fails:` the last check of the test (and drop after_each), or move it to a test of its own"))
            }
        }
        let steps = suite.setup + suite.teardown + suite.beforeEach + suite.afterEach
            + suite.tests.flatMap { $0.given + $0.when }
        let statements = steps.compactMap { step -> SQLText? in
            if case .sql(let text) = step { return text }
            return nil
        } + suite.tests.flatMap { $0.then.compactMap(\.kind.statement) }
        if let truncate = statements.first(where: { dialect.commitsImplicitly(sql: $0.sql) }) {
            warnings.append(Diagnostic(
                .warning, category: .input, location: truncate.location, code: "isolation-lost",
                message: Dialect.truncateCommits + ", so this suite's tests are not rolled back",
                hint: "set `isolation: none` on the suite and clean up in before_each, or use DELETE FROM; code under "
                    + "test that truncates (a procedure) loses the isolation too"))
        }
        return warnings
    }
}

extension AssertionKind {
    var isFails: Bool {
        if case .fails = self { return true }
        return false
    }

    /// The statement of a `fails:` or `succeeds:` check, which may change data.
    var statement: SQLText? {
        switch self {
        case .fails(let statement, _, _), .succeeds(let statement): return statement
        default: return nil
        }
    }
}
