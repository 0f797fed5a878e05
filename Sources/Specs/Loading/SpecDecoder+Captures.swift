import Diagnostics

/// Checks that every `$name` refers to a value captured before it runs, so a typo fails at load time.
extension SpecDecoder {
    /// Names captured in `setup` are seen by every test and by `teardown`; names captured in `before_each`,
    /// `given` or `when` by the rest of that test (its checks and `after_each`).
    mutating func checkCaptureReferences(in suite: SpecSuite) {
        var reported: Set<SourceLocation> = []
        let suiteNames = check(suite.setup, known: [], &reported)
        _ = check(suite.teardown, known: suiteNames, &reported)
        for test in suite.tests {
            let known = check(suite.beforeEach + test.given + test.when, known: suiteNames, &reported)
            for text in test.then.flatMap(\.kind.sqlTexts) { check(text, known: known, &reported) }
            _ = check(suite.afterEach, known: known, &reported)
        }
    }

    /// The names known after `steps`, reporting each reference that comes before its capture.
    private mutating func check(_ steps: [Step], known: Set<String>, _ reported: inout Set<SourceLocation>) -> Set<String> {
        var known = known
        for step in steps {
            switch step {
            case .sql(let text): check(text, known: known, &reported)
            case .capture(let capture):
                check(capture.query, known: known, &reported)
                known.formUnion(capture.names)
            case .load: continue
            }
        }
        return known
    }

    private mutating func check(_ text: SQLText, known: Set<String>, _ reported: inout Set<SourceLocation>) {
        guard let unknown = text.captures.first(where: { !known.contains($0) }), reported.insert(text.location).inserted
        else { return }
        record(Diagnostic(
            category: .input, location: text.location, code: "unknown-capture",
            message: "`$\(unknown)` names no value captured before this SQL runs",
            hint: "capture it in an earlier step of the test (`capture: <query>` with `as: [\(unknown)]`), or in the suite's setup"))
    }
}
