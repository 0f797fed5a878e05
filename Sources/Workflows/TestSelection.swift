import JUnitReport
import SpecRunner
import Specs

/// The suites one `slipway test` run executes, and the report file each one gets.
struct TestSelection {
    /// Suites with at least one selected test, in discovery order, limited to the shard.
    var suites: [SpecSuite]
    /// One report file name per suite in ``suites``.
    var reportNames: [String]
    var filter: TestFilter
    /// The shared setup that runs once around the suites (`_setup.yml` of scope `run`).
    var shared: SharedSetup?

    /// Report names are assigned over all shards before sharding, so every shard names a suite's report as an
    /// unsharded run would, and reports from different shards never share a file name.
    init(_ discovered: [SpecSuite], filter: TestFilter, shard: SuiteShard?, shared: SharedSetup? = nil) {
        let selected = discovered.filter { suite in suite.tests.contains { filter.includes($0, in: suite) } }
        let named = zip(selected, ReportFileNames.assign(selected.map(\.name)))
            .filter { shard?.includes($0.0) ?? true }
        suites = named.map(\.0)
        reportNames = named.map(\.1)
        self.filter = filter
        self.shared = shared
    }
}
