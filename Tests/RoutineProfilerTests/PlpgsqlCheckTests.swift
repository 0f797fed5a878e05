import Coverage
import PostgresClient
import RoutineProfiler
import Testing
import TestSupport

/// plpgsql_check on the embedded server (which preloads it and has it in its template): routines found through
/// their migration files, line and branch coverage, and the static check at file:line.
@Suite struct PlpgsqlCheckTests {
    static let file = "db/migration/R__classify.sql"
    /// Two routines in one file; `classify` has an IF/ELSE (file lines 3-11), `doubled` none.
    static let migration = "CREATE TABLE t (a int);\n\n" + CoverageFixture.classify + """

        CREATE FUNCTION doubled(x int) RETURNS int LANGUAGE plpgsql AS $$
        BEGIN
          RETURN 2 * x;
        END;
        $$;

        """

    /// A fresh database with `text` applied, and the extension opened in it.
    static func database(_ text: String) throws -> (Connection, PlpgsqlCheck, [PlpgsqlCheck.Routine]) {
        let connection = try TestServer.connect(database: TestServer.createDatabase(prefix: "plpgsql_check"))
        try connection.executeScript(text)
        let check = try PlpgsqlCheck.open(connection, createIfAvailable: false)
        let routines = try check.routines(definedBy: RoutineSources(appliedFiles: [(file, text)]))
        return (connection, check, routines)
    }

    @Test("the embedded server has the extension in every new database, preloaded")
    func preloaded() throws {
        let (connection, check, routines) = try Self.database(Self.migration)
        defer { connection.close() }
        #expect(check.isPreloaded)
        #expect(routines.map(\.signature) == ["classify(integer)", "doubled(integer)"])
        #expect(routines.map(\.source.bodyLine) == [3, 13])
    }

    @Test("one branch of an IF/ELSE taken: half the branches, the ELSE's line 8 not run; then both: all")
    func branches() throws {
        let (connection, check, routines) = try Self.database(Self.migration)
        defer { connection.close() }
        try check.resetProfiles(routines)
        try check.startProfiling()
        try connection.execute("CALL classify(1)")
        let once = CoverageReport(try check.profiles(routines))
        let classify = try #require(once.routines.first { $0.signature == "classify(integer)" })
        #expect(classify.lines.map(\.line) == [4, 5, 6, 8])
        #expect(classify.lines.filter { $0.hits == 0 }.map(\.line) == [8])
        #expect((classify.branchesCovered, classify.branches.count) == (1, 2))
        #expect(classify.branches.map(\.line) == [5, 5])
        let doubled = try #require(once.routines.first { $0.signature == "doubled(integer)" })
        #expect((doubled.linesCovered, doubled.lines.map(\.line)) == (0, [14, 15]))

        try connection.execute("CALL classify(-1)")
        let twice = try #require(CoverageReport(try check.profiles(routines)).routines.first { $0.signature == "classify(integer)" })
        #expect((twice.branchesCovered, twice.linesCovered, twice.calls) == (2, 4, 2))
    }

    @Test("a session's counts are seen from another session of the same database (shared memory)")
    func acrossSessions() throws {
        let (connection, check, routines) = try Self.database(Self.migration)
        defer { connection.close() }
        try check.resetProfiles(routines)
        let other = try TestServer.connect(database: connection.database)
        try other.execute("SET plpgsql_check.profiler = on")
        try other.execute("SELECT doubled(2)")
        other.close()
        let doubled = try #require(CoverageReport(try check.profiles(routines)).routines.first { $0.signature == "doubled(integer)" })
        #expect(doubled.calls == 1)
    }

    @Test("a routine replaced by a later migration is measured in the later file")
    func redefined() throws {
        let later = "\n\nCREATE OR REPLACE FUNCTION doubled(x int) RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN x + x;\nEND;\n$$;\n"
        let connection = try TestServer.connect(database: TestServer.createDatabase(prefix: "plpgsql_check"))
        defer { connection.close() }
        try connection.executeScript(Self.migration)
        try connection.executeScript(later)
        let check = try PlpgsqlCheck.open(connection, createIfAvailable: false)
        let routines = try check.routines(definedBy: RoutineSources(appliedFiles: [
            (Self.file, Self.migration), ("db/migration/V2__doubled.sql", later),
        ]))
        let doubled = try #require(routines.first { $0.signature == "doubled(integer)" })
        #expect(doubled.source.file == "db/migration/V2__doubled.sql")
        #expect(doubled.source.bodyLine == 3)
    }

    @Test("static check: a column that does not exist, a wrong type and an unused variable, at file:line:col")
    func staticCheck() throws {
        let text = """
            CREATE TABLE t (a int);

            CREATE FUNCTION bad() RETURNS int LANGUAGE plpgsql AS $$
            DECLARE
              v int;
              unused text;
            BEGIN
              SELECT no_such_col INTO v FROM t;
              v := 'abc'::text;
              RETURN v;
            END;
            $$;
            """
        let (connection, check, routines) = try Self.database(text)
        defer { connection.close() }
        let findings = try check.check(routines).map { $1.diagnostic(source: $0.source) }
        let heads = findings.map { $0.description.split(separator: "\n")[0] }
        #expect(heads.contains("db/migration/R__classify.sql:8:10: error: column \"no_such_col\" does not exist [42703]"), "\(heads)")
        #expect(heads.contains("db/migration/R__classify.sql:9:3: error: invalid input syntax for type integer: \"abc\" [22P02]"), "\(heads)")
        #expect(heads.contains("db/migration/R__classify.sql:6:3: warning: unused variable \"unused\" [plpgsql_check warning]"), "\(heads)")
        #expect(findings.filter { $0.severity == .error }.count == 2)
    }
}
