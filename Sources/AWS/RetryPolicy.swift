import Foundation

/// How often and how patiently a call is tried: AWS's standard retry mode (3 attempts, backoff with full
/// jitter, doubling from `baseDelay` up to `maxDelay`), with a bounded timeout per attempt.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    /// Seconds; the first retry waits a random time up to this, the next up to twice this, ….
    public var baseDelay: Double
    public var maxDelay: Double
    /// Seconds one attempt may take, connecting included.
    public var timeout: Double

    public init(maxAttempts: Int = 3, baseDelay: Double = 1, maxDelay: Double = 20, timeout: Double = 10) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.timeout = timeout
    }

    /// The standard policy, with `AWS_MAX_ATTEMPTS` when it is a positive number.
    public static func standard(environment: [String: String]) -> RetryPolicy {
        var policy = RetryPolicy()
        if let attempts = environment["AWS_MAX_ATTEMPTS"].flatMap(Int.init), attempts > 0 { policy.maxAttempts = attempts }
        return policy
    }

    /// Seconds to wait before attempt `attempt + 1` (1-based `attempt`).
    func delay(after attempt: Int) -> Double {
        Double.random(in: 0...1) * min(maxDelay, baseDelay * pow(2, Double(attempt - 1)))
    }
}

/// Waits up to `seconds`, returning early (false) when interrupted.
func pause(_ seconds: Double, isInterrupted: () -> Bool) -> Bool {
    let gate = DispatchSemaphore(value: 0)
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
        if isInterrupted() { return false }
        _ = gate.wait(timeout: .now() + min(0.1, max(0, end.timeIntervalSinceNow)))
    }
    return !isInterrupted()
}
