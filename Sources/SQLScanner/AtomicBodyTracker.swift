/// psql's heuristic for SQL-standard function bodies (`BEGIN ATOMIC ... END`, PostgreSQL 14+), whose `;` do not
/// end the statement.
///
/// As in `psqlscan.l`: when a statement's first unquoted identifiers are `CREATE [OR REPLACE] FUNCTION|PROCEDURE`,
/// then outside parentheses `BEGIN` opens a block, `CASE` inside a block opens one too (it also closes with
/// `END`), and `END` closes one. Identifiers inside strings, comments and dollar bodies are never seen here.
struct AtomicBodyTracker {
    /// The keyword at each of the statement's first four identifiers, when it is one psql looks for.
    private var leading: [Keyword?] = []
    /// Whether the statement starts `CREATE FUNCTION`, `CREATE PROCEDURE` or `CREATE OR REPLACE` either.
    private var definesRoutine = false
    /// How many blocks are open; a `;` ends the statement only when this is 0.
    private(set) var depth = 0

    /// Whether the next identifier's keyword matters; when not, the lexer may pass nil without looking.
    var wantsKeywords: Bool { leading.count < 4 || definesRoutine }

    mutating func noteIdentifier(_ keyword: Keyword?, parenthesisDepth: Int) {
        if leading.count < 4 {
            leading.append(keyword)
            definesRoutine = Self.definesRoutine(leading)
        }
        guard parenthesisDepth == 0, definesRoutine else { return }
        switch keyword {
        case .begin:
            depth += 1
        case .case where depth > 0:
            depth += 1
        case .end where depth > 0:
            depth -= 1
        default:
            break
        }
    }

    private static func definesRoutine(_ leading: [Keyword?]) -> Bool {
        func isRoutine(_ index: Int) -> Bool {
            index < leading.count && (leading[index] == .function || leading[index] == .procedure)
        }
        guard leading.first == .create else { return false }
        if isRoutine(1) { return true }
        return leading.count == 4 && leading[1] == .or && leading[2] == .replace && isRoutine(3)
    }
}
