/// One PL/pgSQL statement of a routine and how often it ran, as plpgsql_check's profiler reports it
/// (`plpgsql_profiler_function_statements_tb`).
public struct ProfiledStatement: Sendable, Equatable {
    /// The statement's number in the routine (0: the outermost block), in source order.
    public var id: Int
    /// The statement it is nested in, nil for the outermost block.
    public var parentID: Int?
    /// Which part of the parent holds it: `then body`, `elsif 1`, `else body`, `case when 1`, `case else`, `body`, ...
    public var parentNote: String?
    /// The 1-based line in the routine's body.
    public var line: Int
    public var executions: Int
    /// The statement's kind: `IF`, `CASE`, `RETURN`, `SQL statement`, ...
    public var name: String

    public init(id: Int, parentID: Int?, parentNote: String?, line: Int, executions: Int, name: String) {
        self.id = id
        self.parentID = parentID
        self.parentNote = parentNote
        self.line = line
        self.executions = executions
        self.name = name
    }
}

/// A routine of the database with its statements' execution counts, and where its body is in the migrations.
public struct RoutineProfile: Sendable, Equatable {
    /// The routine as `regprocedure` prints it, e.g. `merge_staged_products(integer)`.
    public var signature: String
    public var source: RoutineSource
    public var statements: [ProfiledStatement]

    public init(signature: String, source: RoutineSource, statements: [ProfiledStatement]) {
        self.signature = signature
        self.source = source
        self.statements = statements
    }

    /// This profile with `other`'s counts added, statement by statement: the same routine run on another worker.
    public func adding(_ other: RoutineProfile) -> RoutineProfile {
        let counts = Dictionary(other.statements.map { ($0.id, $0.executions) }, uniquingKeysWith: +)
        var sum = self
        sum.statements = statements.map { statement in
            var added = statement
            added.executions += counts[statement.id] ?? 0
            return added
        }
        return sum
    }
}
