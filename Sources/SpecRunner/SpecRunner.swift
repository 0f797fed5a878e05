import Dialect
import Diagnostics
import Foundation
import PostgresClient
import RedshiftEmulation
import Specs
import TestResults

/// Runs spec suites on one connection and returns their results; the isolation each suite asks for decides
/// the transactions around it.
///
/// On PostgreSQL a suite runs inside one transaction and each test inside a savepoint, so nothing a suite does
/// outlives it. Redshift has no savepoints: there, setup and teardown commit, and each test is one transaction
/// that is rolled back.
public final class SpecRunner {
    private let connection: Connection
    private let dialect: Dialect
    private let s3: S3Fixtures
    private let isInterrupted: () -> Bool
    let events: (TestEvent) -> Void
    private var notices: [String] = []
    /// What the current test captured so far (starting from what its suite's setup captured), by name.
    private var captured: [String: String?] = [:]
    /// Spec locations whose emulated Redshift rewrites were reported, so each is reported once per run.
    private var rewritesNoted: Set<SourceLocation> = []

    public init(
        connection: Connection, dialect: Dialect, s3: S3Fixtures = S3Fixtures(),
        isInterrupted: @escaping () -> Bool = { false }, events: @escaping (TestEvent) -> Void = { _ in }
    ) {
        self.connection = connection
        self.dialect = dialect
        self.s3 = s3
        self.isInterrupted = isInterrupted
        self.events = events
    }

    /// Runs every selected test. Throws only when the run cannot go on (the connection was lost or the run was
    /// interrupted); a failing or erroring test is a result.
    public func run(_ suites: [SpecSuite], filter: TestFilter = TestFilter()) throws -> [SuiteResult] {
        connection.noticeHandler = { [weak self] notice in self?.notices.append("\(notice.severity): \(notice.message)") }
        defer { connection.noticeHandler = nil }
        var results: [SuiteResult] = []
        for suite in suites {
            let tests = suite.tests.filter { filter.includes($0, in: suite) }
            guard !tests.isEmpty else { continue }
            let result: SuiteResult
            do {
                result = try run(suite, tests: tests)
            } catch let stopped as RunStopped {
                throw RunStopped(results: results + stopped.results, cause: stopped.cause)
            }
            events(.suiteFinished(result))
            results.append(result)
        }
        return results
    }

    private func run(_ suite: SpecSuite, tests: [SpecTest]) throws -> SuiteResult {
        events(.suiteStarted(name: suite.name, file: suite.file))
        IsolationWarnings.check(suite, dialect: dialect).forEach { events(.warning($0)) }
        let started = Date()
        let clock = ContinuousClock.now
        let plan = IsolationPlan(suite.isolation, dialect: dialect)
        var results: [TestCaseResult] = []
        try execute(plan.suiteBegin)
        defer { _ = try? connection.execute(plan.suiteEnd.joined(separator: "; ")) }
        // Not reset: what ran before on this runner (a data-migration spec's setup at its first version) stays
        // visible, and the spec check already holds each suite to the names it captures itself.
        let setupFailure = try runSteps(suite.setup, stage: "setup")
        let suiteCaptured = captured
        if let failure = setupFailure {
            return SuiteResult(
                name: suite.name, file: suite.file, tests: tests.map { notRun($0, suite, failure) },
                duration: seconds(since: clock), timestamp: started, setupError: failure)
        }
        for test in tests {
            let result: TestCaseResult
            do {
                if isInterrupted() { throw Self.interrupted(at: test) }
                captured = suiteCaptured
                result = try run(test, in: suite, plan: plan)
            } catch {
                var cause = error
                if var diagnostic = error as? Diagnostic {
                    // The location points at a step; say which test it belongs to.
                    diagnostic.notes.insert("in test: \"\(test.name)\" (suite \(suite.name))", at: 0)
                    cause = diagnostic
                }
                throw RunStopped.inSuite(
                    suite.name, file: suite.file, finished: results, stoppedAt: test.name, cause: cause,
                    duration: seconds(since: clock), timestamp: started)
            }
            events(.testFinished(result))
            results.append(result)
        }
        var suiteResult = SuiteResult(
            name: suite.name, file: suite.file, tests: results, duration: 0, timestamp: started)
        captured = suiteCaptured
        suiteResult.teardownError = try runSteps(suite.teardown, stage: "teardown")
        suiteResult.duration = seconds(since: clock)
        return suiteResult
    }

    private func run(_ test: SpecTest, in suite: SpecSuite, plan: IsolationPlan) throws -> TestCaseResult {
        if let reason = test.skip {
            return TestCaseResult(
                name: test.name, suite: suite.name, duration: 0, outcome: .skipped(reason.isEmpty ? nil : reason))
        }
        let clock = ContinuousClock.now
        notices = []
        try execute(plan.testBegin)
        let outcome = try outcome(of: test, in: suite)
        try execute(plan.testEnd)
        return TestCaseResult(
            name: test.name, suite: suite.name, duration: seconds(since: clock), outcome: outcome,
            output: notices.isEmpty ? nil : notices.joined(separator: "\n"))
    }

    private func outcome(of test: SpecTest, in suite: SpecSuite) throws -> Outcome {
        for (steps, stage) in [(suite.beforeEach, "before_each"), (test.given, "given"), (test.when, "when")] {
            if let failure = try runSteps(steps, stage: stage) { return .errored(failure) }
        }
        let evaluator = AssertionEvaluator(connection: connection, dialect: dialect, captured: captured)
        var failures: [TestFailure] = []
        for assertion in test.then {
            noteRewrites(Self.sql(of: assertion), at: assertion.location)
            do {
                if let failure = try evaluator.evaluate(assertion) {
                    failures.append(Self.annotate(failure, assertion))
                }
            } catch {
                return .errored(abortedNote(try unexpected(
                    error, sql: Self.sql(of: assertion), at: assertion.location,
                    cut: assertion.kind.sqlTexts.lazy.compactMap(\.cutComment).first)))
            }
        }
        if let failure = try runSteps(suite.afterEach, stage: "after_each") { return .errored(abortedNote(failure)) }
        guard let first = failures.first else { return .passed }
        if failures.count == 1 { return .failed(first) }
        return .failed(TestFailure(
            message: "\(failures.count) assertions failed; first: \(first.message)", type: first.type,
            details: failures.map(\.details).joined(separator: "\n\n")))
    }

    /// Runs steps in order, outside any test (on their own they commit); the first error becomes the returned
    /// failure, with `stage` saying where it happened.
    public func runSteps(_ steps: [Step], stage: String) throws -> TestFailure? {
        for step in steps {
            let evaluator = AssertionEvaluator(connection: connection, dialect: dialect, captured: captured)
            do {
                switch step {
                case .sql(let text):
                    noteRewrites(text.sql, at: step.location)
                    if text.hasParameters {
                        _ = try evaluator.result(text)
                    } else {
                        try dialect.run(text.sql, on: connection, objects: s3.objects)
                    }
                case .load(let fixture):
                    _ = try FixtureLoader(connection: connection, dialect: dialect, s3: s3).load(fixture)
                case .capture(let capture):
                    noteRewrites(capture.query.sql, at: step.location)
                    if let failure = keep(try evaluator.result(capture.query), for: capture, stage: stage) { return failure }
                }
            } catch let error as PostgresError {
                return try unexpected(error, sql: Self.sql(of: step), at: step.location, stage: stage, cut: Self.cutComment(of: step))
            } catch let unsupported as S3Copy.Unsupported {
                return TestFailure(
                    message: unsupported.message, type: "s3-copy",
                    details: "\(unsupported.message)\nat: \(step.location)\n\(unsupported.hint)")
            } catch let bad as FixtureLoader.Unloadable {
                // The console shows the details alone, so they repeat the message.
                return TestFailure(
                    message: bad.message, type: "fixture", details: "\(bad.message)\nat: \(step.location)\n\(bad.hint)")
            }
        }
        return nil
    }

    /// Keeps a capture's one row under its names; a failure when the query returned no row, several, or a number
    /// of columns other than the names.
    private func keep(_ result: QueryResult, for capture: Capture, stage: String) -> TestFailure? {
        let problem: String
        if result.rows.count != 1 {
            problem = "the capture's query returned \(result.rows.isEmpty ? "no row" : "\(result.rows.count) rows"); it must return exactly one"
        } else if result.columns.count != capture.names.count {
            problem = "the capture's query returned \(result.columns.count) columns for \(capture.names.count) names in 'as'"
        } else {
            for (name, value) in zip(capture.names, result.rows[0]) { captured[name] = value }
            return nil
        }
        return TestFailure(
            message: problem, type: "capture",
            details: "\(problem)\nin: \(stage)\nsql: \(capture.query.sql)\nat: \(capture.location)")
    }

    /// Reports what emulated Redshift rewrites in a spec's SQL (shown with `--verbose`), once per location.
    private func noteRewrites(_ sql: String, at location: SourceLocation) {
        guard dialect.emulatesRedshift, rewritesNoted.insert(location).inserted else { return }
        for note in RedshiftEmulation.rewrite(sql).notes {
            events(.warning(Diagnostic(
                .note, category: .input, location: location, code: "redshift-rewrite",
                message: "emulated Redshift rewrote this: \(note.description)")))
        }
    }

    /// Without savepoints an expected error (`fails:`) leaves the test's transaction aborted; a later error
    /// that is only a consequence of it says so.
    private func abortedNote(_ failure: TestFailure) -> TestFailure {
        guard !dialect.supportsSavepoints, failure.type == "SQLSTATE \(SQLState.inFailedSQLTransaction)" else { return failure }
        var noted = failure
        noted.details += "\nnote: without savepoints (Redshift) an earlier statement's error, such as the one a "
            + "`fails:` check expects, aborted this test's transaction; make `fails:` the last check of its test"
        return noted
    }

    /// A SQL error inside a test: SQLSTATE first, then everything the server said, the SQL and where it is.
    private func unexpected(
        _ error: PostgresError, sql: String, at location: SourceLocation, stage: String? = nil, cut: String? = nil
    ) throws -> TestFailure
    {
        guard case .server(let message) = error else {
            throw Diagnostic(
                category: .connection, location: location, code: "connection-lost",
                message: PostgresError.lostConnectionMessage(String(describing: error)),
                hint: "check that the server is up, then run the tests again")
        }
        var notes: [String] = []
        if let detail = message.detail { notes.append("detail: \(detail)") }
        if let hint = message.hint { notes.append("hint: \(hint)") }
        if message.sqlstate == SQLState.invalidTransactionTermination {
            notes.append("the code under test commits or rolls back: set `isolation: none` on this suite")
        }
        if !dialect.emulatesRedshift,
            let setting = RedshiftWords.settingHint(sqlstate: message.sqlstate, message: message.message) {
            notes.append("note: \(setting)")
        }
        // A syntax error, or a "comment" that reads like SQL, suggests YAML cut the SQL short.
        if let cut, message.sqlstate == SQLState.syntaxError || cut.contains(where: { "'\"(),".contains($0) }) {
            notes.append("hint: YAML ended this SQL at ` #`: `\(cut)` is a YAML comment, not SQL; write the SQL as a "
                + "block scalar (`|` and the SQL on the lines below) or in quotes")
        }
        if let context = message.context { notes.append("context: \(context)") }
        if let stage { notes.append("in: \(stage)") }
        notes.append("sql: \(sql)")
        notes.append("at: \(location)")
        return TestFailure.unexpected(ServerError(sqlState: message.sqlstate, message: message.message), notes: notes)
    }

    private func execute(_ statements: [String]) throws {
        for statement in statements {
            do {
                try connection.execute(statement)
            } catch {
                throw Diagnostic(
                    category: .connection, code: "isolation",
                    message: "could not run `\(statement)` around the tests: \(error)",
                    hint: "check the connection; set `isolation: none` if the server does not support transactions here")
            }
        }
    }

    /// A test that never ran because its suite's setup failed: errored with that failure.
    func notRun(_ test: SpecTest, _ suite: SpecSuite, _ failure: TestFailure) -> TestCaseResult {
        TestCaseResult(name: test.name, suite: suite.name, duration: 0, outcome: .errored(failure))
    }

    private static func annotate(_ failure: TestFailure, _ assertion: Assertion) -> TestFailure {
        var annotated = failure
        annotated.details = failure.details + "\nsql: \(sql(of: assertion))\nat: \(assertion.location)"
        if let description = assertion.description {
            annotated.message = "\(description): \(failure.message)"
            // The console shows only the details: they lead with the description, as pg_prove's failures do.
            annotated.details = "check: \(description)\n" + annotated.details
        }
        return annotated
    }

    private static func sql(of step: Step) -> String {
        switch step {
        case .sql(let text): return text.sql
        case .load(let fixture): return "load \(fixture.table) (\(fixture.rows.count) rows)"
        case .capture(let capture): return capture.query.sql
        }
    }

    private static func cutComment(of step: Step) -> String? {
        switch step {
        case .sql(let text): text.cutComment
        case .capture(let capture): capture.query.cutComment
        case .load: nil
        }
    }

    private static func sql(of assertion: Assertion) -> String {
        if let query = assertion.kind.sqlTexts.first { return query.sql }
        switch assertion.kind {
        case .tableExists(let name): return "table_exists: \(name)"
        case .columnExists(let table, let column): return "column_exists: \(table).\(column)"
        case .procedureExists(let name): return "procedure_exists: \(name)"
        case .functionExists(let name): return "function_exists: \(name)"
        default: return ""
        }
    }

    private static func interrupted(at test: SpecTest) -> Diagnostic {
        Diagnostic(
            category: .testsFailed, location: test.location, code: "interrupted",
            message: "interrupted before test \"\(test.name)\"")
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        (ContinuousClock.now - start).seconds
    }
}
