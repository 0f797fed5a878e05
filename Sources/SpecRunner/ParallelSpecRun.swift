import Dialect
import Foundation
import PostgresClient
import Specs
import TestResults

/// Runs suites on several workers at once, each on its own connection (normally to its own copy of the
/// migrated database), and hands back the same results and events a serial ``SpecRunner`` run would.
///
/// Workers take the next suite as they become free, so a long suite does not hold back a whole share. Events are
/// delivered on the calling thread, suite by suite in suite order once each suite has finished, so the console
/// reads exactly as a serial run's (only later).
public struct ParallelSpecRun {
    /// Opens worker `index`'s connection; called on that worker's thread, because a `Connection` must stay on
    /// the thread that uses it.
    public typealias Connect = @Sendable (_ index: Int) throws -> Connection

    public var workers: Int
    public var dialect: Dialect
    public var s3: S3Fixtures
    public var isInterrupted: @Sendable () -> Bool

    public init(workers: Int, dialect: Dialect, s3: S3Fixtures = S3Fixtures(), isInterrupted: @escaping @Sendable () -> Bool = { false }) {
        self.workers = workers
        self.dialect = dialect
        self.s3 = s3
        self.isInterrupted = isInterrupted
    }

    /// Runs every selected test. Throws the first error that stopped a worker (lost connection, interruption);
    /// the other workers finish the suite they are on and take no more.
    public func run(
        _ suites: [SpecSuite], filter: TestFilter = TestFilter(), connect: @escaping Connect,
        events: (TestEvent) -> Void
    ) throws -> [SuiteResult] {
        let selected = suites.filter { suite in suite.tests.contains { filter.includes($0, in: suite) } }
        guard !selected.isEmpty else { return [] }
        let count = max(1, min(workers, selected.count))
        let board = Board(count: selected.count, workers: count)
        let group = DispatchGroup()
        for index in 0..<count {
            DispatchQueue.global().async(group: group) { [dialect, s3, isInterrupted] in
                Self.work(index, selected, filter, board, dialect, s3, isInterrupted, connect)
            }
        }
        let results = try board.deliver(events)
        group.wait()
        return results
    }

    private static func work(
        _ index: Int, _ suites: [SpecSuite], _ filter: TestFilter, _ board: Board, _ dialect: Dialect,
        _ s3: S3Fixtures, _ isInterrupted: @escaping @Sendable () -> Bool, _ connect: Connect
    ) {
        defer { board.workerFinished() }
        do {
            let connection = try connect(index)
            defer { connection.close() }
            while let next = board.take() {
                let recorder = EventRecorder()
                let runner = SpecRunner(
                    connection: connection, dialect: dialect, s3: s3, isInterrupted: isInterrupted,
                    events: recorder.record)
                let result = try runner.run([suites[next]], filter: filter)
                board.finish(next, result: result.first, events: recorder.events)
            }
        } catch {
            board.fail(error)
        }
    }

    /// One suite's events, recorded on its worker and replayed later on the caller's thread.
    private final class EventRecorder {
        var events: [TestEvent] = []
        func record(_ event: TestEvent) { events.append(event) }
    }

    /// The shared state: which suite is next, what finished, and the first error.
    ///
    /// `@unchecked Sendable`: every field is read and written only while `changed` is locked.
    private final class Board: @unchecked Sendable {
        private let count: Int
        private var next = 0
        private var finished: [Int: (SuiteResult?, [TestEvent])] = [:]
        private var runningWorkers: Int
        private var error: (any Error)?
        private let changed = NSCondition()

        init(count: Int, workers: Int) {
            self.count = count
            runningWorkers = workers
        }

        func take() -> Int? {
            locked {
                guard error == nil, next < count else { return nil }
                defer { next += 1 }
                return next
            }
        }

        func finish(_ index: Int, result: SuiteResult?, events: [TestEvent]) {
            locked { finished[index] = (result, events) }
        }

        func fail(_ failure: any Error) {
            locked { if error == nil { error = failure } }
        }

        func workerFinished() {
            locked { runningWorkers -= 1 }
        }

        /// Replays each suite's events in suite order as soon as that suite and all before it have finished.
        func deliver(_ events: (TestEvent) -> Void) throws -> [SuiteResult] {
            var results: [SuiteResult] = []
            for index in 0..<count {
                guard let (result, recorded) = wait(for: index) else { break }
                recorded.forEach(events)
                if let result { results.append(result) }
            }
            if let failure = locked({ () -> (any Error)? in
                while runningWorkers > 0 { changed.wait() }
                return error
            }) {
                // What finished in order, then the suite that stopped, for the reports.
                guard let stopped = failure as? RunStopped else { throw RunStopped(results: results, cause: failure) }
                throw RunStopped(results: results + stopped.results, cause: stopped.cause)
            }
            return results
        }

        /// The suite's outcome, or nil when every worker has stopped without it (after an error).
        private func wait(for index: Int) -> (SuiteResult?, [TestEvent])? {
            locked {
                while true {
                    if let entry = finished.removeValue(forKey: index) { return entry }
                    if runningWorkers == 0 { return nil }
                    changed.wait()
                }
            }
        }

        private func locked<T>(_ body: () -> T) -> T {
            changed.lock()
            defer {
                changed.broadcast()
                changed.unlock()
            }
            return body()
        }
    }
}
