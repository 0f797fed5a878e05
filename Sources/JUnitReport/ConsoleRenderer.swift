import TestResults

/// The text `slipway test` prints: a header per suite, a line per test as it completes, a closing summary.
///
/// Pure: returns strings without trailing newlines and never prints. ANSI colour codes appear only when
/// `color` is true. Control characters from names and server text are shown as `\x1B`-style escapes so
/// they cannot drive the terminal.
public struct ConsoleRenderer: Sendable {
    public var color: Bool

    public init(color: Bool = false) {
        self.color = color
    }

    /// `orders (tests/orders.sql)`, printed before the suite's tests run.
    public func header(suiteName: String, file: String) -> String {
        paint(.bold, "\(safe(suiteName)) (\(safe(file)))")
    }

    /// One test as it completes: `  ✓ name (12 ms)`, `  ✗ name (12 ms)` or `  ! name (12 ms)` followed by
    /// the failure details and output indented by six spaces, or `  - name (skipped: reason)`.
    public func line(for test: TestCaseResult) -> String {
        let name = safe(test.name)
        let time = "(\(milliseconds(test.duration)))"
        switch test.outcome {
        case .passed:
            return "  \(paint(.green, "✓")) \(name) \(paint(.dim, time))"
        case .failed(let failure), .errored(let failure):
            let mark = if case .failed = test.outcome { "✗" } else { "!" }
            return (["  \(paint(.red, mark)) \(name) \(paint(.dim, time))"] + explanation(failure, output: test.output))
                .joined(separator: "\n")
        case .skipped(let reason):
            let why = reason.map { "skipped: \(safe($0))" } ?? "skipped"
            return "  \(paint(.yellow, "-")) \(name) (\(why))"
        }
    }

    /// A suite whose setup failed: `  ! setup failed: message` and the indented details.
    /// A suite's setup or teardown (`stage`) that failed.
    public func stageFailure(_ failure: TestFailure, stage: String) -> String {
        (["  \(paint(.red, "!")) \(stage) failed: \(safe(failure.message))"] + indented(failure.details))
            .joined(separator: "\n")
    }

    /// `Tests: 12 passed, 2 failed, 1 errored, 1 skipped (3 suites, 0.84 s)`; `duration` is the run's wall
    /// time in seconds, shown with two decimals ("1 suite" when there is one).
    public func summary(for suites: [SuiteResult], duration: Double) -> String {
        let counts = suites.reduce(TestCounts()) { $0 + $1.counts }
        let parts = [
            paint(counts.passed > 0 ? .green : nil, "\(counts.passed) passed"),
            paint(counts.failures > 0 ? .red : nil, "\(counts.failures) failed"),
            paint(counts.errors > 0 ? .red : nil, "\(counts.errors) errored"),
            paint(counts.skipped > 0 ? .yellow : nil, "\(counts.skipped) skipped"),
        ]
        let suiteCount = "\(suites.count) suite\(suites.count == 1 ? "" : "s")"
        return "Tests: \(parts.joined(separator: ", ")) "
            + "(\(suiteCount), \(DecimalText.fixed(duration, fractionDigits: 2)) s)"
    }

    /// The failed and errored tests, one line each with its spec file and line, as pg_prove ends a run with the
    /// tests that failed: `Failed tests (1):` then `  ✗ spec/orders.yml:12: orders › counts rows`; nil when all passed.
    public func failureList(for suites: [SuiteResult]) -> String? {
        var lines: [String] = []
        for suite in suites {
            for test in suite.reportedTests {
                let mark: String
                switch test.outcome {
                case .failed: mark = "✗"
                case .errored: mark = "!"
                case .passed, .skipped: continue
                }
                let place = [suite.file, test.line.map(String.init)].compactMap { $0 }.filter { !$0.isEmpty }
                    .joined(separator: ":")
                lines.append("  \(paint(.red, mark)) \(safe(place.isEmpty ? "" : place + ": "))\(safe(suite.name)) › \(safe(test.name))")
            }
        }
        guard !lines.isEmpty else { return nil }
        return (["Failed tests (\(lines.count)):"] + lines).joined(separator: "\n")
    }

    /// The failure details (or message when there are none) and the test's output, indented.
    private func explanation(_ failure: TestFailure, output: String?) -> [String] {
        var lines = indented(failure.details.isEmpty ? failure.message : failure.details)
        if let output, !output.isEmpty {
            lines.append("      output:")
            lines += indented(output, by: 8)
        }
        return lines
    }

    private func indented(_ text: String, by width: Int = 6) -> [String] {
        let indent = String(repeating: " ", count: width)
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { indent + safe(String($0)) }
    }

    private func milliseconds(_ seconds: Double) -> String {
        "\(DecimalText.fixed(seconds * 1_000, fractionDigits: 0)) ms"
    }

    /// The text with control characters other than tab (including ESC and a stray `\r`) made visible.
    private func safe(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            let isControl = (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
            if isControl { result += ControlCharacters.escaped(scalar) } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    private enum Style: String {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33"
    }

    private func paint(_ style: Style?, _ text: String) -> String {
        guard color, let style else { return text }
        return "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m"
    }
}
