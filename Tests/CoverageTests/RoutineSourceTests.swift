import Coverage
import Testing

@Suite struct RoutineSourceTests {
    static let twoRoutines = """
        -- Two routines in one file.
        CREATE OR REPLACE FUNCTION sales.Price_Of(p_id int) RETURNS numeric
        LANGUAGE plpgsql
        AS $fn$
        BEGIN
          RETURN 1;
        END
        $fn$;

        CREATE TABLE t (a int);
        CREATE PROCEDURE "Merge Staged"() LANGUAGE plpgsql AS $$BEGIN
          NULL;
        END$$;
        """

    @Test("finds each routine of a file with the line its body opens on, its folded name and schema")
    func twoRoutinesInOneFile() {
        let found = RoutineSource.find(in: Self.twoRoutines, file: "db/migration/R__sales.sql")
        #expect(found.map(\.name) == ["price_of", "Merge Staged"])
        #expect(found.map(\.schema) == ["sales", nil])
        #expect(found.map(\.bodyLine) == [4, 11])
        #expect(found.map(\.isProcedure) == [false, true])
        #expect(found[0].body == "\nBEGIN\n  RETURN 1;\nEND\n")
        // The second body starts right after `AS $$` on line 11, column 57.
        #expect(found[1].bodyColumn == 57)
        #expect(found[1].fileLine(ofBodyLine: 2) == 12)
        #expect(found[1].firstColumn(ofBodyLine: 2) == 3)
    }

    @Test("reads a single-quoted body, and skips a BEGIN ATOMIC one and statements that are not routines")
    func otherBodies() {
        let text = """
            CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS '
            BEGIN RETURN ''x''::text::int; END';
            CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;
            CREATE INDEX i ON t (a);
            """
        let found = RoutineSource.find(in: text, file: "V1__f.sql")
        #expect(found.map(\.name) == ["f"])
        #expect(found.first?.body == "\nBEGIN RETURN 'x'::text::int; END")
        #expect(found.first?.bodyLine == 1)
    }

    @Test("a routine replaced by a later migration maps to the later definition; an unchanged body to its own")
    func latestDefinition() {
        let first = "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;\n"
        let second = "\n\nCREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 2; END $$;\n"
        let sources = RoutineSources(appliedFiles: [("V1__f.sql", first), ("V2__f.sql", second)])
        #expect(sources.source(schema: "public", name: "f", body: " BEGIN RETURN 2; END ")?.file == "V2__f.sql")
        #expect(sources.source(schema: "public", name: "f", body: " BEGIN RETURN 2; END ")?.bodyLine == 3)
        // Placeholders changed the body on the way: the latest definition by name.
        #expect(sources.source(schema: "public", name: "f", body: "changed")?.file == "V2__f.sql")
        #expect(sources.source(schema: "public", name: "g", body: "") == nil)
        let qualified = RoutineSources(appliedFiles: [("V1__f.sql", "CREATE FUNCTION other.f() RETURNS int LANGUAGE plpgsql AS $$x$$;")])
        #expect(qualified.source(schema: "public", name: "f", body: "x") == nil)
    }
}
