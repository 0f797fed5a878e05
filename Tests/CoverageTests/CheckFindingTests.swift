import Coverage
import Testing

/// plpgsql_check's rows, as `plpgsql_check_function_tb` returned them on PostgreSQL 15 for this function, placed
/// at the statement in the migration file.
@Suite struct CheckFindingTests {
    static let text = """
        -- line 1
        CREATE FUNCTION bad() RETURNS int LANGUAGE plpgsql AS $$
        DECLARE v int; w text;
        BEGIN
          SELECT no_such_col INTO v FROM t;
          RETURN v;
        END $$;
        """
    static let source = RoutineSource.find(in: text, file: "db/migration/V1__bad.sql")[0]

    @Test("a column that does not exist is an error at its place in the file, with its SQLSTATE")
    func missingColumn() {
        let finding = CheckFinding(
            signature: "bad()", line: 4, statement: "SQL statement", sqlstate: "42703",
            message: "column \"no_such_col\" does not exist", detail: nil, hint: nil, level: "error", position: 8,
            query: "SELECT no_such_col        FROM t")
        let diagnostic = finding.diagnostic(source: Self.source)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.description.hasPrefix(
            "db/migration/V1__bad.sql:5:10: error: column \"no_such_col\" does not exist [42703]"), "\(diagnostic)")
    }

    @Test("an unused variable is a warning at its DECLARE line")
    func unusedVariable() {
        let finding = CheckFinding(
            signature: "bad()", line: 2, statement: "DECLARE", sqlstate: "00000", message: "unused variable \"w\"",
            detail: nil, hint: nil, level: "warning", position: nil, query: nil)
        let diagnostic = finding.diagnostic(source: Self.source)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.description.hasPrefix(
            "db/migration/V1__bad.sql:3:1: warning: unused variable \"w\" [plpgsql_check warning]"), "\(diagnostic)")
    }
}
