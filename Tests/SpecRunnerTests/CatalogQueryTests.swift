import Dialect
import PostgresClient
import Testing
import TestSupport

/// The existence checks' catalog queries, in the form sent to a real Redshift, run on PostgreSQL: Redshift lists
/// the "schema visibility inquiry functions" among unsupported PostgreSQL functions
/// (docs.aws.amazon.com/redshift/latest/dg/c_unsupported-postgresql-functions.html), so that form uses
/// CURRENT_SCHEMAS (r_CURRENT_SCHEMAS.html) and must still find exactly what is on the search path.
@Suite struct CatalogQueryTests {
    @Test("the queries for a real Redshift use no schema visibility inquiry function")
    func noVisibilityFunctions() {
        let queries = [
            Dialect.redshift.tableExistsQuery, Dialect.redshift.columnExistsQuery,
            Dialect.redshift.routineExistsQuery(procedure: true), Dialect.redshift.routineExistsQuery(procedure: false),
        ]
        for query in queries {
            // pg_table_is_visible, pg_function_is_visible, pg_type_is_visible, ...
            #expect(!query.contains("_is_visible"), "\(query)")
        }
    }

    @Test("without a schema, the Redshift form finds a table, column and function on the search path only")
    func searchPath() throws {
        let connection = try TestServer.connect(database: try TestServer.createDatabase(prefix: "catalog"))
        _ = try connection.execute("""
            CREATE SCHEMA other; CREATE TABLE public.shown (c int); CREATE TABLE other.hidden (c int);
            CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
            CREATE FUNCTION other.g() RETURNS int LANGUAGE sql AS 'SELECT 1';
            """)
        func found(_ query: String, _ parameters: [String?]) throws -> Bool {
            try !connection.execute(query, parameters: parameters).rows.isEmpty
        }
        let dialect = Dialect(kind: .redshift, server: .redshift)
        #expect(try found(dialect.tableExistsQuery, ["shown", nil]))
        #expect(try !found(dialect.tableExistsQuery, ["hidden", nil]))
        #expect(try found(dialect.tableExistsQuery, ["hidden", "other"]))
        #expect(try found(dialect.columnExistsQuery, ["shown", nil, "c"]))
        #expect(try !found(dialect.columnExistsQuery, ["hidden", nil, "c"]))
        #expect(try found(dialect.routineExistsQuery(procedure: false), ["f", nil]))
        #expect(try !found(dialect.routineExistsQuery(procedure: false), ["g", nil]))
        _ = try connection.execute("SET search_path TO other, public")
        #expect(try found(dialect.tableExistsQuery, ["hidden", nil]))
        #expect(try found(dialect.routineExistsQuery(procedure: false), ["g", nil]))
    }
}
