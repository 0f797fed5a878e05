import Dialect
import Specs

/// The statements that wrap a suite and each of its tests, for the suite's isolation and the server.
struct IsolationPlan {
    var suiteBegin: [String] = []
    var suiteEnd: [String] = []
    var testBegin: [String] = []
    var testEnd: [String] = []

    init(_ isolation: SpecSuite.Isolation, dialect: Dialect) {
        guard isolation == .transaction else { return }
        if dialect.supportsSavepoints {
            suiteBegin = ["BEGIN"]
            suiteEnd = ["ROLLBACK"]
            testBegin = ["SAVEPOINT slipway_test"]
            testEnd = ["ROLLBACK TO SAVEPOINT slipway_test"]
        } else {
            testBegin = ["BEGIN"]
            testEnd = ["ROLLBACK"]
        }
    }
}
