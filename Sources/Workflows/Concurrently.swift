import Dispatch

/// Work started on another thread now, whose result the caller collects later with ``value()``.
///
/// `@unchecked Sendable`: `result` is written once on the worker, before `finished` is signalled, and read only
/// after waiting for that signal.
final class Concurrently<Value: Sendable>: @unchecked Sendable {
    private var result: Result<Value, any Error>?
    private let finished = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async {
            self.result = Result(catching: work)
            self.finished.signal()
        }
    }

    /// Waits for the work to end; returns its value or throws its error, on every call.
    func value() throws -> Value {
        finished.wait()
        defer { finished.signal() }
        return try result.unsafelyUnwrapped.get()
    }
}
