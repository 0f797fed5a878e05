import Diagnostics
import SQLScanner
import Testing
import TestSupport

/// Scripts assembled from tricky pieces: splitting must give the pieces back.
@Suite struct RandomScriptTests {
    /// Statements whose every `;`, quote and comment marker is inside a construct that hides it.
    static let pieces = [
        "SELECT 1",
        "SELECT 'a;b'",
        "SELECT 'it''s;'",
        "SELECT E'x\\';y\\\\'",
        "SELECT \"we;ird\"\"id\" FROM t",
        "SELECT $$ ; ' \" $$",
        "SELECT $tag$ $$ ; $tag$",
        "SELECT 1 /* c; /* n; */ ' */ + 2",
        "SELECT 1 -- c; '\n + 2",
        "SELECT 1 -- c;\r\n + 2",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END",
        "INSERT INTO t VALUES (U&'\\0061;', B'01', X'3B', N'n;')",
        "SELECT 'é🙂;' AS \"ü\"",
        "UPDATE t SET a = $1 WHERE b = $2",
        "BEGIN",
        "COMMIT",
        "CREATE OR REPLACE FUNCTION g() RETURNS void AS $body$\nBEGIN\n  PERFORM 1;\nEND;\n$body$ LANGUAGE plpgsql",
        "SELECT (1 +\r\n 2)",
    ]

    /// Whitespace and comments between statements; "" leaves the `;` alone.
    static let separators = ["", " ", "\n", "\r\n", "\r", "\t", "-- c; 'x\n", "/* x; /* y */ */", ";", " ;\n"]

    /// One statement of a generated script: its text and, for COPY, its data.
    struct Piece: Equatable {
        var text: String
        var copyData: String?
    }

    static func randomPiece(using generator: inout SeededGenerator) -> Piece {
        guard Int.random(in: 0..<8, using: &generator) == 0 else {
            return Piece(text: pieces.randomElement(using: &generator) ?? "SELECT 1")
        }
        let lines = (0..<Int.random(in: 0..<4, using: &generator)).map { "\($0);'\"\\N\t$$ /* x" }
        return Piece(text: "COPY t (a, b) FROM STDIN", copyData: lines.map { $0 + "\n" }.joined())
    }

    static func separator(using generator: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0..<3, using: &generator))
            .map { _ in separators.randomElement(using: &generator) ?? " " }.joined()
    }

    /// A script of random pieces and the pieces it must split into.
    static func randomScript(using generator: inout SeededGenerator) -> (script: String, pieces: [Piece]) {
        var script = Bool.random(using: &generator) ? "\u{FEFF}" : ""
        var pieces: [Piece] = []
        let count = Int.random(in: 0..<12, using: &generator)
        for index in 0..<count {
            script += separator(using: &generator)
            let piece = randomPiece(using: &generator)
            pieces.append(piece)
            script += piece.text
            if let data = piece.copyData {
                let lineBreak = Bool.random(using: &generator) ? "\n" : "\r\n"
                let lines = data.split(separator: "\n").map { $0 + lineBreak }.joined()
                script += ";" + lineBreak + lines + "\\." + lineBreak
            } else if index < count - 1 || Bool.random(using: &generator) {
                // Only the last statement may go without its `;`.
                script += ";"
            }
        }
        return (script + separator(using: &generator), pieces)
    }

    @Test("splitting a random script gives back its pieces, at their places", arguments: [1, 2, 3])
    func splitsIntoPieces(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<150 {
            let (script, pieces) = Self.randomScript(using: &generator)
            let statements = try SQLScanner.statements(in: script, file: "gen.sql")
            #expect(statements.map { Piece(text: $0.text, copyData: $0.copyData) } == pieces, "\(script.debugDescription)")
            for statement in statements {
                let (line, column) = naivePosition(of: statement.offset, in: script)
                #expect(statement.line == line && statement.column == column)
                #expect(scalarSlice(script, offset: statement.offset, count: statement.text.unicodeScalars.count)
                    == statement.text)
            }
        }
    }

    @Test("rejoining the statements with ; splits into the same statements")
    func rejoinIsStable() throws {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<200 {
            let (script, _) = Self.randomScript(using: &generator)
            let statements = try SQLScanner.statements(in: script, file: "gen.sql")
            let rejoined = statements.map { statement in
                statement.copyData.map { statement.text + ";\n" + $0 + "\\.\n" } ?? statement.text + ";\n"
            }.joined()
            let again = try SQLScanner.statements(in: rejoined, file: "gen.sql")
            #expect(again.map(\.text) == statements.map(\.text))
            #expect(again.map(\.copyData) == statements.map(\.copyData))
            #expect(again.map(\.words) == statements.map(\.words))
        }
    }

    /// Fragments that open, close or confuse every construct the scanner knows.
    static let garbage = [
        "'", "\"", "$", "$a$", "$$", "$1", "/*", "*/", "--", "\n", "\r", "\r\n", ";", "E'", "U&", "\\", "\\.", "(",
        ")", "BEGIN", "END", "CASE", "CREATE", "FUNCTION", "COPY", "FROM", "STDIN", "a", " ", "1", "é", "🙂",
        "\u{FEFF}", "*", "/", "-", "x'", "e",
    ]

    @Test("random garbage never crashes or hangs the scanner", arguments: [7, 8, 9, 10])
    func garbageEitherScansOrThrows(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<300 {
            let script = (0..<Int.random(in: 0..<60, using: &generator))
                .map { _ in Self.garbage.randomElement(using: &generator) ?? "" }.joined()
            let lineCount = naivePosition(of: script.unicodeScalars.count, in: script).line
            do {
                for statement in try SQLScanner.statements(in: script, file: "junk.sql") {
                    #expect(!statement.text.isEmpty)
                    #expect(scalarSlice(script, offset: statement.offset, count: statement.text.unicodeScalars.count)
                        == statement.text)
                }
            } catch {
                #expect(error.category == .input)
                #expect(error.location.map { $0.line >= 1 && $0.line <= lineCount && $0.column >= 1 } == true)
            }
        }
    }
}
