import Testing
import Diagnostics
import SQLScanner

/// The statement texts of `script`, the most common thing the tests look at.
func texts(_ script: String) throws -> [String] {
    try SQLScanner.statements(in: script, file: "V1__test.sql").map(\.text)
}

/// The diagnostic scanning `script` throws, or nil when it scans.
func scanError(_ script: String) -> Diagnostic? {
    do {
        _ = try SQLScanner.statements(in: script, file: "V1__test.sql")
        return nil
    } catch {
        return error
    }
}

/// The 1-based line and column of a scalar offset, counted naively (independently of `LineIndex`).
func naivePosition(of offset: Int, in script: String) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    var previous: Unicode.Scalar?
    for scalar in script.unicodeScalars.prefix(offset) {
        if scalar == "\n" && previous == "\r" {
            // The second half of a CRLF break, already counted at the CR.
        } else if scalar == "\n" || scalar == "\r" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        previous = scalar
    }
    return (line, column)
}

/// The part of `script` at scalar offsets `offset ..< offset + count`.
func scalarSlice(_ script: String, offset: Int, count: Int) -> String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: script.unicodeScalars.dropFirst(offset).prefix(count))
    return String(view)
}

/// A named table row: a script and what the test expects of it.
struct ScriptCase<Expected: Sendable>: Sendable, CustomTestStringConvertible {
    let name: String
    let script: String
    let expected: Expected

    init(_ name: String, _ script: String, _ expected: Expected) {
        self.name = name
        self.script = script
        self.expected = expected
    }

    var testDescription: String { name }
}
