import PostgresClient
import RedshiftEmulation
import Testing
import TestSupport

/// Redshift statements from the Developer Guide's examples, rewritten and run on the embedded PostgreSQL with the
/// installed functions; each expected value is the one its page prints.
@Suite("Redshift functions on PostgreSQL")
struct InstalledFunctionsTests {
    struct Example: CustomTestStringConvertible, Sendable {
        let page: String
        let sql: String
        let result: String?
        var testDescription: String { "\(page): \(sql)" }
    }

    static let examples: [Example] = [
        Example(page: "r_DATEDIFF_function.html", sql: "select datediff(week,'2009-01-01','2009-12-31') as numweeks", result: "52"),
        Example(page: "r_DATEDIFF_function.html", sql: "select datediff(hour, '2023-01-01', '2023-01-03 05:04:03')", result: "53"),
        Example(page: "r_DATEDIFF_function.html",
                sql: "select datediff(days, 'Jun 1,2008 09:59:59 EST', 'Jul 4,2008 09:59:59 EST')", result: "33"),
        // The page's prose: one year between 12-31-2008 and 01-01-2009; two hours between 8:30 and 10:00.
        Example(page: "r_DATEDIFF_function.html", sql: "select datediff(year, '2008-12-31', '2009-01-01')", result: "1"),
        Example(page: "r_DATEDIFF_function.html",
                sql: "select datediff(hour, '2009-01-01 8:30:00', '2009-01-01 10:00:00')", result: "2"),
        Example(page: "r_DATEADD_function.html", sql: "select dateadd(month,18,'2008-02-28')", result: "2009-08-28 00:00:00"),
        Example(page: "r_DATEADD_function.html", sql: "select dateadd(m,30,'2008-02-28')", result: "2008-02-28 00:30:00"),
        Example(page: "r_ADD_MONTHS.html", sql: "select add_months('2008-01-01 05:07:30', 1)", result: "2008-02-01 05:07:30"),
        Example(page: "r_ADD_MONTHS.html", sql: "select add_months('2008-03-31',1)", result: "2008-04-30 00:00:00"),
        Example(page: "r_ADD_MONTHS.html", sql: "select add_months('2008-04-30',1)", result: "2008-05-31 00:00:00"),
        Example(page: "r_STRTOL.html", sql: "SELECT STRTOL('0xf',16)", result: "15"),
        Example(page: "r_STRTOL.html", sql: "SELECT STRTOL('abcd1234',16)", result: "2882343476"),
        Example(page: "r_STRTOL.html", sql: "SELECT STRTOL('1234567', 10)", result: "1234567"),
        Example(page: "r_STRTOL.html", sql: "SELECT STRTOL('1234567', 8)", result: "342391"),
        Example(page: "r_STRTOL.html", sql: "SELECT STRTOL('110101', 2)", result: "53"),
        Example(page: "r_STRTOL.html", sql: #"SELECT STRTOL('\0', 2)"#, result: "0"),
        Example(page: "JSON_EXTRACT_PATH_TEXT.html",
                sql: #"SELECT JSON_EXTRACT_PATH_TEXT('{"f2":{"f3":1},"f4":{"f5":99,"f6":"star"}}','f4', 'f6')"#, result: "star"),
        Example(page: "JSON_EXTRACT_PATH_TEXT.html",
                sql: #"SELECT JSON_EXTRACT_PATH_TEXT('{"f2":{"f3":1},"f4":{"f5":99,"f6":"star"}','f4', 'f6',true)"#, result: nil),
        Example(page: "r_LEN.html", sql: "select len('français')", result: "8"),
        Example(page: "r_CHARINDEX.html", sql: "select charindex('dog', 'fish')", result: "0"),
        Example(page: "r_CHARINDEX.html", sql: "select charindex('fish', 'dogfish')", result: "4"),
        Example(page: "r_TRUNC_date.html", sql: "select trunc(timestamp '2011-07-21 10:32:38.248109')", result: "2011-07-21"),
        Example(page: "CONVERT_TIMEZONE.html", sql: "select convert_timezone('EST', 'PST', '20080305 12:25:29')",
                result: "2008-03-05 09:25:29"),
        Example(page: "r_DECODE_expression.html",
                sql: "select decode(date '2008-06-01', '2008-06-01', 'June 1st, 2008', 'Not June 1st, 2008')",
                result: "June 1st, 2008"),
        // NVL2 returns the second argument when the first is not null, else the third (r_NVL2.html).
        Example(page: "r_NVL2.html", sql: "select nvl2(null, 'has value', 'no value')", result: "no value"),
        // DECODE matches NULL with NULL (r_DECODE_expression.html).
        Example(page: "r_DECODE_expression.html", sql: "select decode(null, null, 'null matched', 'no match')",
                result: "null matched"),
        // MEDIAN of DECIMAL returns DECIMAL (r_MEDIAN.html).
        Example(page: "r_MEDIAN.html",
                sql: "select median(x), pg_typeof(median(x)) from (values (1.50::decimal(8,2)), (2.50), (10.00)) v(x)",
                result: "2.50 numeric"),
        // GETDATE and SYSDATE return TIMESTAMP (r_GETDATE.html, r_SYSDATE.html); GETDATE in whole seconds.
        Example(page: "r_GETDATE.html", sql: "select pg_typeof(getdate()), getdate() = date_trunc('second', getdate())",
                result: "timestamp without time zone t"),
        Example(page: "r_SYSDATE.html", sql: "select pg_typeof(sysdate)", result: "timestamp without time zone"),
        // LISTAGG skips NULLs and empty strings; WITHIN GROUP orders the list (r_LISTAGG.html).
        Example(page: "r_LISTAGG.html",
                sql: "select listagg(x, ',') within group (order by x desc) from (values ('a'), (null), (''), ('c')) v(x)",
                result: "c,a"),
        Example(page: "r_SELECT_list.html",
                sql: "select top 2 x from (values (3), (1), (2)) v(x) order by x", result: "1 2"),
        Example(page: "r_UNION.html", sql: "select x from (values (1), (2)) v(x) minus select 2", result: "1"),
        Example(page: "r_names.html", sql: #"select "MixedAlias" from (select 7 as mixedalias) s"#, result: "7"),
    ]

    static let database: Result<String, any Error> = Result {
        let name = try TestServer.createDatabase(prefix: "redshift_functions")
        let connection = try TestServer.connect(database: name)
        defer { connection.close() }
        try connection.executeScript(RedshiftFunctions.script)
        return name
    }

    @Test("a documented example gives the documented result", arguments: examples)
    func documented(_ example: Example) throws {
        let connection = try TestServer.connect(database: Self.database.get())
        defer { connection.close() }
        let emulated = RedshiftEmulation.rewrite(example.sql)
        let rows = try connection.execute(emulated.text).rows
        let text = rows.map { $0.map { $0 ?? "NULL" }.joined(separator: " ") }.joined(separator: " ")
        #expect(text == (example.result ?? "NULL"), "sent: \(emulated.text)")
    }

    @Test("what Redshift refuses fails on the server with SQLSTATE 0A000 and the rule's page", arguments: [
        "savepoint a", "lock table pg_class in share mode", "select pg_advisory_lock(1)", "select string_agg('a', ',')",
    ])
    func refused(_ sql: String) throws {
        let connection = try TestServer.connect(database: Self.database.get())
        defer { connection.close() }
        do {
            try connection.execute(RedshiftEmulation.rewrite(sql).text)
            Issue.record("\(sql) ran")
        } catch .server(let message) {
            #expect(message.sqlstate == "0A000")
            #expect(message.hint?.contains("docs.aws.amazon.com/redshift/latest/dg/") == true)
        }
    }

    @Test("a FOR loop up to NVL(x, 3) runs three times when x is null (r_NVL_function.html, stored-procedure-control-flow.html)")
    func loopBoundCall() throws {
        let connection = try TestServer.connect(database: Self.database.get())
        defer { connection.close() }
        let sql = "do $$ declare x int; n int := 0; begin for i in 1..nvl(x, 3) loop n := n + 1; end loop; "
            + "raise exception using errcode = 'P0001', message = 'loops=' || n; end $$"
        do {
            try connection.execute(RedshiftEmulation.rewrite(sql).text)
            Issue.record("the block did not report its count")
        } catch .server(let message) {
            #expect(message.message == "loops=3")
        }
    }

    @Test("an invalid JSON document is an error unless null_if_invalid is true (JSON_EXTRACT_PATH_TEXT.html)")
    func invalidJSON() throws {
        let connection = try TestServer.connect(database: Self.database.get())
        defer { connection.close() }
        let sql = #"SELECT JSON_EXTRACT_PATH_TEXT('{"f2":{"f3":1},"f4":{"f5":99,"f6":"star"}','f4', 'f6')"#
        #expect(throws: PostgresError.self) { try connection.execute(RedshiftEmulation.rewrite(sql).text) }
    }

    @Test("the script runs again over an older copy of itself")
    func reinstalls() throws {
        let connection = try TestServer.connect(database: Self.database.get())
        defer { connection.close() }
        try connection.executeScript(RedshiftFunctions.script)
        #expect(try connection.execute(RedshiftFunctions.installedQuery).rows.count == 1)
    }
}

@Suite("Redshift functions in the embedded server's template")
struct TemplateFunctionsTests {
    @Test("every new database of the embedded server has the functions, installed once with the template")
    func inTemplate() throws {
        let connection = try TestServer.connect(database: TestServer.createDatabase(prefix: "template_functions"))
        defer { connection.close() }
        #expect(try connection.execute(RedshiftFunctions.installedQuery).rows.count == 1)
        #expect(try connection.execute("select slipway_redshift.datediff('year', '2008-12-31', '2009-01-01')").rows == [["1"]])
    }
}
