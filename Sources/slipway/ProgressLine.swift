import Dispatch
import Foundation
import Synchronization

/// On a terminal, a line on stderr saying which migration is running and for how long, once it has run for
/// ``delay``: a long migration then looks busy, not hung, without `--verbose`. Other output erases the line first
/// (it is drawn again on the next tick), so it never mixes into what the run prints.
///
/// `@unchecked Sendable`: `timer` is set once in `init`; everything that changes is in `state`, behind its mutex.
final class ProgressLine: @unchecked Sendable {
    /// How long a migration runs before the line appears.
    static let delay: Duration = .seconds(2)

    private struct State {
        var script: String?
        var started = ContinuousClock.now
        var shown = false
    }

    private let state = Mutex(State())
    private let timer = DispatchSource.makeTimerSource(queue: .global())

    init() {
        timer.schedule(deadline: .now() + .milliseconds(500), repeating: .milliseconds(500))
        timer.setEventHandler { [weak self] in self?.tick() }
        timer.resume()
    }

    deinit {
        timer.cancel()
    }

    /// Starts the clock for `script`.
    func start(_ script: String) {
        state.withLock { state in
            Self.erase(&state)
            state.script = script
            state.started = .now
        }
    }

    /// Stops the clock and erases the line.
    func stop() {
        state.withLock { state in
            Self.erase(&state)
            state.script = nil
        }
    }

    /// Runs `body` (a write to the terminal) with the line erased, so that the two never interleave.
    func around(_ body: () -> Void) {
        state.withLock { state in
            Self.erase(&state)
            body()
        }
    }

    private func tick() {
        state.withLock { state in
            let elapsed = ContinuousClock.now - state.started
            guard let script = state.script, elapsed >= Self.delay else { return }
            Self.write("\r\u{1B}[K  \(script): running for \(elapsed.components.seconds) s")
            state.shown = true
        }
    }

    private static func erase(_ state: inout State) {
        if state.shown { write("\r\u{1B}[K") }
        state.shown = false
    }

    private static func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
