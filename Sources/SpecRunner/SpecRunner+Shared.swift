import Foundation
import Specs
import TestResults

extension SpecRunner {
    /// Runs the shared setup of scope `run` once, committed, then `run` (the suites), then the shared teardown.
    /// See ``around(_:filter:setup:teardown:_:)`` for what a failure does.
    public func aroundShared(
        _ shared: SharedSetup?, suites: [SpecSuite], filter: TestFilter, _ run: () throws -> [SuiteResult]
    ) throws -> [SuiteResult] {
        guard let shared else { return try run() }
        return try around(
            suites, filter: filter,
            setup: { try runSteps(shared.setup, stage: "shared setup (\(shared.file))") },
            teardown: { try runSteps(shared.teardown, stage: "shared teardown (\(shared.file))") }, run)
    }

    /// Runs `setup`, then `run`, then `teardown`. When `setup` returns a failure nothing else runs: every selected
    /// test of `suites` is an error with that failure, as when a suite's own setup fails; a failing `teardown` is
    /// the last suite's teardown error. Both are reported in the suites' JUnit files.
    public func around(
        _ suites: [SpecSuite], filter: TestFilter, setup: () throws -> TestFailure?,
        teardown: () throws -> TestFailure?, _ run: () throws -> [SuiteResult]
    ) throws -> [SuiteResult] {
        if let failure = try setup() { return notRun(suites, filter: filter, failure) }
        var results = try run()
        if let failure = try teardown(), let last = results.indices.last, results[last].teardownError == nil {
            results[last].teardownError = failure
        }
        return results
    }

    /// Every selected test of `suites` errored with `failure`, reported as the suites' setup error.
    private func notRun(_ suites: [SpecSuite], filter: TestFilter, _ failure: TestFailure) -> [SuiteResult] {
        suites.compactMap { suite in
            let tests = suite.tests.filter { filter.includes($0, in: suite) }
            guard !tests.isEmpty else { return nil }
            events(.suiteStarted(name: suite.name, file: suite.file))
            let result = SuiteResult(
                name: suite.name, file: suite.file, tests: tests.map { notRun($0, suite, failure) }, duration: 0,
                timestamp: Date(), setupError: failure)
            result.tests.forEach { events(.testFinished($0)) }
            events(.suiteFinished(result))
            return result
        }
    }
}
