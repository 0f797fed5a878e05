/// A line of a migration file that holds statements, and how often the first of them ran.
public struct LineHits: Sendable, Equatable {
    /// 1-based, in the migration file.
    public var line: Int
    public var hits: Int

    public init(line: Int, hits: Int) {
        self.line = line
        self.hits = hits
    }
}

/// One way through an `IF` or `CASE`, and how often it was taken.
public struct BranchHits: Sendable, Equatable {
    /// The file line of the `IF` or `CASE` the branch belongs to.
    public var line: Int
    /// The deciding statement's number in its routine, so branches of two decisions on one line stay apart.
    public var decision: Int
    /// 0-based, in source order; an `IF` without `ELSE` has its implicit else last.
    public var index: Int
    public var taken: Int
}

/// Statement, line and branch coverage of one routine, in lines of its migration file.
///
/// A line counts when a statement starts on it; its hits are the most any statement starting there ran. The
/// branches are those of `IF` (then, each elsif, else — the implicit one too, taken as often as the `IF` ran and no
/// branch did) and `CASE` (each when, else); a branch counts as taken when its first statement ran. An empty
/// branch (`ELSE NULL;`) has no statement to observe and counts as the implicit else.
public struct RoutineCoverage: Sendable, Equatable {
    public var signature: String
    public var source: RoutineSource
    public var lines: [LineHits]
    public var branches: [BranchHits]
    public var statementsCovered: Int
    public var statementsValid: Int
    /// How often the routine was entered (its outermost block ran).
    public var calls: Int

    public init(_ profile: RoutineProfile) {
        signature = profile.signature
        source = profile.source
        let statements = profile.statements
        var hits: [Int: Int] = [:]
        for statement in statements {
            hits[statement.line] = max(hits[statement.line] ?? 0, statement.executions)
        }
        lines = hits.keys.sorted().map { LineHits(line: profile.source.fileLine(ofBodyLine: $0), hits: hits[$0] ?? 0) }
        branches = statements.filter { $0.name == "IF" || $0.name == "CASE" }.flatMap { decision in
            Self.branches(of: decision, in: statements, source: profile.source)
        }
        statementsValid = statements.count
        statementsCovered = statements.filter { $0.executions > 0 }.count
        calls = statements.first { $0.parentID == nil }?.executions ?? 0
    }

    private static func branches(
        of decision: ProfiledStatement, in statements: [ProfiledStatement], source: RoutineSource
    ) -> [BranchHits] {
        // A branch's first statement is the lowest-numbered child with its note.
        var firsts: [(note: String, statement: ProfiledStatement)] = []
        for child in statements where child.parentID == decision.id {
            let note = child.parentNote ?? ""
            if !firsts.contains(where: { $0.note == note }) { firsts.append((note, child)) }
        }
        var taken = firsts.sorted { $0.statement.id < $1.statement.id }.map(\.statement.executions)
        if decision.name == "IF", !firsts.contains(where: { $0.note == "else body" }) {
            taken.append(max(0, decision.executions - taken.reduce(0, +)))
        }
        let line = source.fileLine(ofBodyLine: decision.line)
        return taken.enumerated().map { BranchHits(line: line, decision: decision.id, index: $0.offset, taken: $0.element) }
    }

    public var linesCovered: Int { lines.filter { $0.hits > 0 }.count }
    public var branchesCovered: Int { branches.filter { $0.taken > 0 }.count }
}
