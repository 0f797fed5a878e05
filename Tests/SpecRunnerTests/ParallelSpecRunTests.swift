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
        // Suites of equal weight are spread evenly.
        #expect(shards.allSatisfy { $0.count == Self.suites.count / count || $0.count == Self.suites.count / count + 1 })
    }

    @Test("every shard gets a suite when there are at least as many suites as shards", arguments: 1...6)
    func everyShardHasASuite(count: Int) throws {
        let suites = Array(Self.suites.prefix(6))
        for index in 1...count {
            #expect(!(try SuiteShard(index: index, count: count).select(suites)).isEmpty, "shard \(index)/\(count)")
        }
    }

    @Test("shards are balanced by the suites' numbers of tests, the same on every machine")
    func balancedByTests() throws {
        let test = { (name: String) in SpecTest(name: name, location: SourceLocation(file: "f", line: 1, column: 1)) }
        let sizes = ["big": 6, "mid": 3, "small1": 2, "small2": 1]
        let suites = sizes.keys.sorted().map { name in
            SpecSuite(name: name, file: "spec/\(name).yml", tests: (1...sizes[name, default: 0]).map { test("t\($0)") })
        }
        let shards = try (1...2).map { try SuiteShard(index: $0, count: 2).select(suites).map(\.name) }
        // Largest first, each to the lighter shard: big (6) | mid, small1, small2 (6).
        #expect(shards == [["big"], ["mid", "small1", "small2"]])
    }

    @Test("malformed shards are refused", arguments: ["0/2", "3/2", "1/0", "2", "a/b", "1/2/3", ""])
    func malformed(text: String) {
        #expect(throws: Diagnostic.self) { try SuiteShard(parsing: text) }
    }
}
