import Coverage
import Testing

/// Profiles as plpgsql_check 2.3's `plpgsql_profiler_function_statements_tb` returns them for this procedure
/// (rows taken from the extension on PostgreSQL 15, `CALL classify(1)` once):
///
///     1  CREATE PROCEDURE classify(x int) LANGUAGE plpgsql AS $$
///     2  BEGIN
///     3    IF x > 0 THEN
///     4      INSERT INTO t VALUES (x);
///     5    ELSE
///     6      RAISE NOTICE 'negative';
///     7    END IF;
///     8  END;
///     9  $$;
@Suite struct RoutineCoverageTests {
    static let source = RoutineSource(
        file: "db/migration/R__classify.sql", schema: nil, name: "classify", bodyLine: 1, bodyColumn: 55,
        body: "\nBEGIN\n  IF x > 0 THEN\n    INSERT INTO t VALUES (x);\n  ELSE\n    RAISE NOTICE 'negative';\n  END IF;\nEND;\n")

    static func profile(then: Int, otherwise: Int) -> RoutineProfile {
        let calls = then + otherwise
        return RoutineProfile(signature: "classify(integer)", source: source, statements: [
            ProfiledStatement(id: 0, parentID: nil, parentNote: nil, line: 2, executions: calls, name: "statement block"),
            ProfiledStatement(id: 1, parentID: 0, parentNote: "body", line: 3, executions: calls, name: "IF"),
            ProfiledStatement(id: 2, parentID: 1, parentNote: "then body", line: 4, executions: then, name: "SQL statement"),
            ProfiledStatement(id: 3, parentID: 1, parentNote: "else body", line: 6, executions: otherwise, name: "RAISE"),
        ])
    }

    @Test("specs that take one branch of an IF/ELSE cover half its branches, at the file's line numbers")
    func oneBranch() {
        let coverage = RoutineCoverage(Self.profile(then: 1, otherwise: 0))
        #expect(coverage.lines == [
            LineHits(line: 2, hits: 1), LineHits(line: 3, hits: 1), LineHits(line: 4, hits: 1), LineHits(line: 6, hits: 0),
        ])
        #expect(coverage.branches.map(\.line) == [3, 3])
        #expect((coverage.branchesCovered, coverage.branches.count) == (1, 2))
        #expect((coverage.linesCovered, coverage.statementsCovered, coverage.calls) == (3, 3, 1))
    }

    @Test("both branches taken cover every line and branch")
    func bothBranches() {
        let coverage = RoutineCoverage(Self.profile(then: 2, otherwise: 1))
        #expect((coverage.branchesCovered, coverage.branches.count) == (2, 2))
        #expect((coverage.linesCovered, coverage.lines.count) == (4, 4))
        #expect(CoverageReport([Self.profile(then: 2, otherwise: 1)]).lineRate == 1)
    }

    @Test("an IF without ELSE has an implicit else, taken when the IF ran and its branch did not")
    func implicitElse() {
        var profile = Self.profile(then: 1, otherwise: 0)
        profile.statements.removeLast()
        profile.statements[0].executions = 3
        profile.statements[1].executions = 3
        let coverage = RoutineCoverage(profile)
        #expect(coverage.branches.map(\.taken) == [1, 2])
    }

    @Test("a CASE has one branch per WHEN and its ELSE")
    func caseBranches() {
        let profile = RoutineProfile(signature: "c(integer)", source: Self.source, statements: [
            ProfiledStatement(id: 0, parentID: nil, parentNote: nil, line: 2, executions: 1, name: "statement block"),
            ProfiledStatement(id: 1, parentID: 0, parentNote: "body", line: 3, executions: 1, name: "CASE"),
            ProfiledStatement(id: 2, parentID: 1, parentNote: "case when 1", line: 3, executions: 0, name: "RETURN"),
            ProfiledStatement(id: 3, parentID: 1, parentNote: "case when 2", line: 4, executions: 1, name: "RETURN"),
            ProfiledStatement(id: 4, parentID: 1, parentNote: "case else", line: 5, executions: 0, name: "RETURN"),
        ])
        #expect(RoutineCoverage(profile).branches.map(\.taken) == [0, 1, 0])
    }

    @Test("profiles of the same routine from two workers add up statement by statement")
    func workersAddUp() {
        let sum = Self.profile(then: 1, otherwise: 0).adding(Self.profile(then: 0, otherwise: 2))
        #expect(sum == Self.profile(then: 1, otherwise: 2))
    }

    @Test("the table lists the worst routine first and ends with the total")
    func table() {
        let full = Self.profile(then: 1, otherwise: 1)
        var half = Self.profile(then: 1, otherwise: 0)
        half.signature = "half(integer)"
        half.source.bodyLine = 20
        let report = CoverageReport([full, half])
        #expect(report.routines.map(\.signature) == ["half(integer)", "classify(integer)"])
        let lines = report.table.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines == [
            "routine file lines branches calls",
            "half(integer) db/migration/R__classify.sql:20 3/4 75% 1/2 50% 1",
            "classify(integer) db/migration/R__classify.sql:1 4/4 100% 2/2 100% 2",
            "total 1 file 7/8 87% 3/4 75% 3",
        ])
        #expect(report.linePercent == 87)
    }

    @Test("on Redshift each procedure counts its calls, with or without the schema in the CALL")
    func procedureCalls() {
        let text = """
            CREATE PROCEDURE sales.merge_products() AS $$ BEGIN NULL; END $$ LANGUAGE plpgsql;
            CREATE PROCEDURE never_called() AS $$ BEGIN NULL; END $$ LANGUAGE plpgsql;
            CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;
            """
        let sources = RoutineSources(appliedFiles: [("R__p.sql", text)])
        let profiles = ProcedureCalls.profiles(
            calls: ["call sales.merge_products()", "CALL  \"sales\" . merge_products ()", "call merge_products()", "select 1"],
            sources: sources)
        #expect(profiles.map(\.signature) == ["sales.merge_products", "never_called"])
        #expect(profiles.map { $0.statements.first?.executions } == [3, 0])
        #expect(CoverageReport(profiles, procedureLevel: true).linesCovered == 1)
    }
}
