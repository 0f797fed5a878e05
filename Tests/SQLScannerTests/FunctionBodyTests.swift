import SQLScanner
import Testing

@Suite struct FunctionBodyTests {
    static let cases: [ScriptCase<[String]>] = [
        .init("BEGIN ATOMIC function",
              """
              CREATE FUNCTION add(a integer, b integer) RETURNS integer
                  LANGUAGE SQL
                  BEGIN ATOMIC
                      SELECT a + b;
                  END;
              SELECT add(1, 2);
              """,
              ["CREATE FUNCTION add(a integer, b integer) RETURNS integer\n    LANGUAGE SQL\n    BEGIN ATOMIC\n"
                  + "        SELECT a + b;\n    END", "SELECT add(1, 2)"]),
        .init("create or replace procedure, lower case",
              "create or replace procedure p() language sql begin atomic insert into t values (1); "
                  + "insert into t values (2); end; call p()",
              ["create or replace procedure p() language sql begin atomic insert into t values (1); "
                  + "insert into t values (2); end", "call p()"]),
        .init("CASE inside the body closes with END",
              "CREATE FUNCTION f(x int) RETURNS text LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN x > 0 THEN 'p' "
                  + "ELSE 'n' END; SELECT 'two;'; END; SELECT 1",
              ["CREATE FUNCTION f(x int) RETURNS text LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN x > 0 THEN 'p' "
                  + "ELSE 'n' END; SELECT 'two;'; END", "SELECT 1"]),
        .init("CASE outside a body does not nest",
              "SELECT CASE WHEN true THEN 1 END; SELECT 2", ["SELECT CASE WHEN true THEN 1 END", "SELECT 2"]),
        .init("CASE before BEGIN in a routine",
              "CREATE FUNCTION f() RETURNS int LANGUAGE sql RETURN CASE WHEN true THEN 1 END; SELECT 2",
              ["CREATE FUNCTION f() RETURNS int LANGUAGE sql RETURN CASE WHEN true THEN 1 END", "SELECT 2"]),
        .init("transaction BEGIN and END", "BEGIN; SELECT 1; END;", ["BEGIN", "SELECT 1", "END"]),
        .init("plpgsql body in $$", "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql; SELECT 2",
              ["CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql", "SELECT 2"]),
        .init("plpgsql body in a string",
              "CREATE FUNCTION f() RETURNS int AS 'BEGIN RETURN 1; END;' LANGUAGE plpgsql; SELECT 2",
              ["CREATE FUNCTION f() RETURNS int AS 'BEGIN RETURN 1; END;' LANGUAGE plpgsql", "SELECT 2"]),
        .init("BEGIN inside parentheses is a parameter name",
              "CREATE FUNCTION f(begin int) RETURNS int LANGUAGE sql RETURN 1; SELECT 2",
              ["CREATE FUNCTION f(begin int) RETURNS int LANGUAGE sql RETURN 1", "SELECT 2"]),
        .init("other CREATE statements ignore BEGIN",
              "CREATE TABLE begin_log (x int); CREATE RULE r AS ON INSERT TO t DO ALSO NOTIFY begin; SELECT 1",
              ["CREATE TABLE begin_log (x int)", "CREATE RULE r AS ON INSERT TO t DO ALSO NOTIFY begin", "SELECT 1"]),
        .init("quoted BEGIN is not a keyword",
              "CREATE FUNCTION \"begin\"() RETURNS int LANGUAGE sql RETURN 1; SELECT 2",
              ["CREATE FUNCTION \"begin\"() RETURNS int LANGUAGE sql RETURN 1", "SELECT 2"]),
        .init("tracking stops at the statement's end",
              "CREATE PROCEDURE p() BEGIN ATOMIC SELECT 1; END; BEGIN; SELECT 2; COMMIT",
              ["CREATE PROCEDURE p() BEGIN ATOMIC SELECT 1; END", "BEGIN", "SELECT 2", "COMMIT"]),
    ]

    @Test("SQL-standard bodies keep their ; as psql does", arguments: cases)
    func splits(_ row: ScriptCase<[String]>) throws {
        #expect(try texts(row.script) == row.expected)
    }

    @Test("a realistic plpgsql procedure with $$ is one statement")
    func plpgsqlProcedure() throws {
        let procedure = """
            CREATE OR REPLACE PROCEDURE gen_orders(p_email VARCHAR, p_count INT)
            AS $$
            DECLARE
                v_user_id BIGINT; -- the user's id; looked up once
            BEGIN
                SELECT user_id INTO v_user_id FROM users WHERE email = p_email;
                IF v_user_id IS NULL THEN
                    RAISE EXCEPTION 'no user with email %; aborting', p_email;
                END IF;
                /* one order per step; amounts grow */
                FOR i IN 1..p_count LOOP
                    INSERT INTO orders (user_id, amount) VALUES (v_user_id, i * 10);
                END LOOP;
                EXECUTE $q$SELECT 'it''s fine;'$q$;
            END;
            $$ LANGUAGE plpgsql
            """
        let script = "-- Inserts n orders.\n" + procedure + ";\n\nCALL gen_orders('a@b.c', 3);\n"
        let statements = try SQLScanner.statements(in: script, file: "R__gen_orders.sql")
        #expect(statements.map(\.text) == [procedure, "CALL gen_orders('a@b.c', 3)"])
        #expect(statements.map(\.line) == [2, 19])
        #expect(statements.first?.words.prefix(6) == ["CREATE", "OR", "REPLACE", "PROCEDURE", "GEN_ORDERS", "P_EMAIL"])
    }
}
