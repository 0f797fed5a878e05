import Diagnostics
import JUnitReport
import SpecRunner
import Specs
import TestResults

/// The suites one `slipway test` run executes, and the report file each one gets.
struct TestSelection {
    /// Suites with at least one selected test, in discovery order, limited to the shard.
    var suites: [SpecSuite]
    /// One report file name per suite in ``suites``.
    var reportNames: [String]
    /// The report names of the selected suites that other shards run.
    var otherShardsReportNames: Set<String>
    var filter: TestFilter
    /// The shared setup that runs once around the suites (`_setup.yml` of scope `run`).
    var shared: SharedSetup?

    /// Report names are assigned over all shards before sharding, so every shard names a suite's report as an
    /// unsharded run would, and reports from different shards never share a file name.
    ///
    /// - Throws: a `Diagnostic` when nothing is selected (no spec files, a filter that matches no test, an empty
    ///   shard), unless `allowEmpty`: a run of zero tests that passes looks like a run whose tests all passed.
    init(
        _ discovered: [SpecSuite], filter: TestFilter, shard: SuiteShard?, specDirectory: String, allowEmpty: Bool,
        shared: SharedSetup? = nil
    ) throws(Diagnostic) {
        let selected = discovered.filter { suite in suite.tests.contains { filter.includes($0, in: suite) } }
        let inShard = Set((shard?.select(selected, filter: filter) ?? selected).map(\.name))
        let all = zip(selected, ReportFileNames.assign(selected.map(\.name)))
        let named = all.filter { inShard.contains($0.0.name) }
        suites = named.map(\.0)
        reportNames = named.map(\.1)
        otherShardsReportNames = Set(all.filter { !inShard.contains($0.0.name) }.map(\.1))
        self.filter = filter
        self.shared = shared
        guard suites.isEmpty, !allowEmpty else { return }
        throw Self.empty(discovered, selected: selected.count, filter: filter, shard: shard, specDirectory: specDirectory)
    }

    /// The results with each test's line in its spec file, for the list of failures that ends a run.
    func located(_ results: [SuiteResult]) -> [SuiteResult] {
        let specs = Dictionary(suites.map { ($0.name, $0) }) { first, _ in first }
        return results.map { result in
            guard let suite = specs[result.name] else { return result }
            let lines = Dictionary(suite.tests.map { ($0.name, $0.location.line) }) { first, _ in first }
            var located = result
            for index in located.tests.indices { located.tests[index].line = lines[located.tests[index].name] }
            return located
        }
    }

    private static func empty(
        _ discovered: [SpecSuite], selected: Int, filter: TestFilter, shard: SuiteShard?, specDirectory: String
    ) -> Diagnostic {
        let tests = discovered.reduce(0) { $0 + $1.tests.count }
        let message: String
        let hint: String
        if discovered.isEmpty {
            message = "no tests to run: the spec folder '\(specDirectory)' holds no spec files (*.yml, *.yaml)"
            hint = "add a spec file, or point --specs at the folder that holds them"
        } else if selected == 0 {
            let patterns = filter.patterns.map { "--filter \($0)" }.joined(separator: ", ")
            message = "no tests to run: \(patterns) matches none of the \(tests) tests in \(discovered.count) "
                + "suite\(discovered.count == 1 ? "" : "s")"
            hint = "a filter matches a test's or suite's name (ignoring case) or, as tag:NAME, a tag; check the spelling"
        } else {
            message = "no tests to run: shard \(shard.map(\.description) ?? "") has none of the \(selected) "
                + "selected suite\(selected == 1 ? "" : "s")"
            hint = "use at most as many shards as there are suites (\(selected))"
        }
        return Diagnostic(
            category: .input, code: "no-tests", message: message,
            hint: hint + "; --allow-empty makes a run without tests pass")
    }
}
