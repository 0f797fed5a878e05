import Diagnostics
import Dialect
import Foundation
import PostgresClient
import SpecRunner
import Specs
import TestResults
import Testing
import TestSupport

@Suite struct ParallelSpecRunTests {
    /// Eight suites; each writes its own marker row and checks it is the only one, so a worker that shared
    /// another's database without isolation would fail. Suite 3 holds a failing test, suite 6 a setup error.
    static func suites() throws -> [SpecSuite] {
        try (1...8).map { index in
            let check = index == 3 ? "count: 2" : "count: 1"
            let setup = index == 6 ? "setup:\n  - sql: SELECT * FROM no_such_table\n" : ""
            return try SpecLoader.load(text: """
                suite: suite_\(index)
                isolation: none
                \(setup)tests:
                  - name: marker
                    when:
                      - sql: INSERT INTO markers VALUES (\(index))
                    then:
                      - query: SELECT * FROM markers
                        \(check)
                  - name: cleanup
                    when:
                      - sql: DELETE FROM markers
                    then:
                      - query: SELECT * FROM markers
                        empty: true
                """, file: "spec/s\(index).yml")
        }
    }

    static func database() throws -> String {
        let name = try TestServer.createDatabase()
        let connection = try TestServer.connect(database: name)
        defer { connection.close() }
        try connection.execute("CREATE TABLE markers (id INT)")
        return name
    }

    /// Suite names in the order events arrived, with each test's outcome.
    final class Log {
        var lines: [String] = []
        func record(_ event: TestEvent) {
            switch event {
            case .suiteStarted(let name, _): lines.append("start \(name)")
            case .testFinished(let test): lines.append("  \(test.name): \(test.outcome)")
            case .suiteFinished(let suite): lines.append("end \(suite.name) \(suite.counts)")
            case .warning(let diagnostic): lines.append("warning \(diagnostic.message)")
            }
        }
    }

    static func comparable(_ results: [SuiteResult]) -> [String] {
        results.map { suite in
            "\(suite.name) \(suite.counts) " + suite.reportedTests.map { "\($0.name)=\($0.outcome)" }.joined(separator: ",")
        }
    }

    @Test("two workers give the serial run's results and events, in suite order, each on its own database")
    func sameAsSerial() throws {
        let suites = try Self.suites()
        let serialLog = Log()
        let serial = try SpecRunner(
            connection: TestServer.connect(database: Self.database()), dialect: .postgresql, events: serialLog.record)
            .run(suites)
        let databases = try [Self.database(), Self.database()]
        let parallelLog = Log()
        let parallel = try ParallelSpecRun(workers: 2, dialect: .postgresql).run(
            suites, connect: { try TestServer.connect(database: databases[$0]) }, events: parallelLog.record)
        #expect(Self.comparable(parallel) == Self.comparable(serial))
        #expect(parallelLog.lines == serialLog.lines)
        #expect(parallel.map(\.counts.failures).reduce(0, +) == 1)
        #expect(parallel.map(\.counts.errors).reduce(0, +) == 2)
    }

    @Test("the filter applies as in a serial run: suites with no selected test are left out")
    func filtered() throws {
        let databases = try [Self.database(), Self.database(), Self.database()]
        let results = try ParallelSpecRun(workers: 3, dialect: .postgresql).run(
            Self.suites(), filter: TestFilter(["suite_2", "suite_7"]),
            connect: { try TestServer.connect(database: databases[$0]) }, events: { _ in })
        #expect(results.map(\.name) == ["suite_2", "suite_7"])
    }

    @Test("a worker that cannot connect stops the run with its error, keeping what finished in order")
    func connectFailure() throws {
        let database = try Self.database()
        let stopped = #expect(throws: RunStopped.self) {
            try ParallelSpecRun(workers: 2, dialect: .postgresql).run(
                Self.suites(), connect: { index in
                    try TestServer.connect(database: index == 0 ? database : "no_such_database")
                }, events: { _ in })
        }
        #expect(stopped?.cause is PostgresError)
        // Whatever finished is a prefix of the suites, in their order.
        let names = stopped?.results.map(\.name) ?? []
        #expect(names == Array(try Self.suites().map(\.name).prefix(names.count)))
    }
}

@Suite struct SuiteShardTests {
    static let suites = (1...200).map { SpecSuite(name: "suite_\($0)", file: "spec/suite_\($0).yml") }

    @Test("the shards of a split are disjoint and together hold every suite", arguments: [1, 2, 3, 5])
    func partition(count: Int) throws {
        let shards = try (1...count).map { try SuiteShard(index: $0, count: count).select(Self.suites).map(\.name) }
        #expect(shards.flatMap { $0 }.sorted() == Self.suites.map(\.name).sorted())
        #expect(Set(shards.flatMap { $0 }).count == Self.suites.count)
        // Every shard gets a share; a hash that sent everything to one shard would fail here.
        #expect(shards.allSatisfy { $0.count > Self.suites.count / count / 2 })
    }

    @Test("adding suites never moves an existing suite to another shard")
    func stable() throws {
        let shard = try SuiteShard(parsing: "2/3")
        let before = shard.select(Self.suites).map(\.name)
        let more = Self.suites + (1...50).map { SpecSuite(name: "extra_\($0)", file: "spec/extra_\($0).yml") }
        #expect(shard.select(more).map(\.name).filter { $0.hasPrefix("suite_") } == before)
    }

    @Test("the split is the same on every machine (a fixed hash, not Swift's seeded one)")
    func fixedHash() throws {
        let shard = try SuiteShard(parsing: "1/2")
        // FNV-1a of the names, worked out independently (Python).
        #expect(shard.select(Array(Self.suites.prefix(8))).map(\.name) == ["suite_2", "suite_4", "suite_6", "suite_8"])
    }

    @Test("malformed shards are refused", arguments: ["0/2", "3/2", "1/0", "2", "a/b", "1/2/3", ""])
    func malformed(text: String) {
        #expect(throws: Diagnostic.self) { try SuiteShard(parsing: text) }
    }
}
