import Diagnostics
import SQLScanner
import Testing
import TestSupport

/// The scanner never crashes or hangs, whatever it is given: it returns statements or a diagnostic.
@Suite struct ScannerFuzzTests {
    static let fragments = [
        ";", "'", "''", "\"", "$$", "$a$", "$1", "E'", "\\'", "\\\\", "U&'", "/*", "*/", "--", "\n", "\r\n",
        "SELECT ", "BEGIN", " ATOMIC ", "END", "CASE", "CREATE FUNCTION f() ", "COPY t FROM stdin", "\\.\n",
        "(", ")", "[", "e", "x", " ", "$", "0", "BEGIN ATOMIC SELECT 1; END",
    ]

    @Test("random scripts give statements inside the script, in order, or a diagnostic")
    func randomScripts() {
        var generator = SeededGenerator(seed: 0x5CA7)
        for _ in 0..<3000 {
            let script = FuzzInput.text(fragments: Self.fragments, using: &generator)
            do {
                let statements = try SQLScanner.statements(in: script, file: "fuzz.sql")
                let length = script.unicodeScalars.count
                var previous = -1
                for statement in statements {
                    #expect(statement.offset > previous && statement.offset < length, "\(script.debugDescription)")
                    #expect(statement.line >= 1 && statement.column >= 1)
                    previous = statement.offset
                }
            } catch {
                #expect(error.location?.file == "fuzz.sql", "\(script.debugDescription)")
            }
        }
    }
}
