import Diagnostics
import Testing
@testable import Specs
import TestSupport

@Suite struct FullExampleTests {
    static let spec = """
        # spec/merge_staged_products.yml
        description: SCD2 merge of staged products
        tags: [products]
        isolation: transaction
        setup:
          - sql: DELETE FROM products_staging
          - load: products
          - load: { table: users, csv: fixtures/users.csv }
          - load:
              table: products_staging
              columns: [product_name, price]
              rows:
                - [Widget, 10.50]
                - [Gadget, null]
        teardown: [TRUNCATE products]
        before_each:
          - sql: CALL gen_orders($1, $2)
            params: [a@x.com, 3]
        after_each: []
        tests:
          - name: closed count equals staged duplicates
            tags: [scd2]
            when: CALL merge_staged_products()
            then:
              - query: SELECT count(*) FROM products WHERE status = 'CLOSED'
                equals: 2
                description: one closed row per duplicate
              - query: SELECT product_name, status FROM products ORDER BY 1
                rows: [[Gadget, ACTIVE], [Widget, CLOSED]]
              - query: SELECT product_name FROM products
                rows_any_order:
                  - [Widget]
                  - [Gadget]
              - query: SELECT status FROM products
                rows_as_set: [ACTIVE, CLOSED]
              - query: SELECT * FROM products
                count: 3
              - query: SELECT * FROM products_staging
                empty: true
              - query: SELECT * FROM products
                not_empty: true
              - query: SELECT max(close_date) FROM products WHERE status = 'ACTIVE'
                is_null: true
              - query: SELECT max(close_date) FROM products WHERE status = $1
                params: [CLOSED]
                not_null: true
              - query: SELECT product_name FROM products ORDER BY 1
                same_rows_as: SELECT product_name FROM expected ORDER BY 1
              - query: SELECT product_name FROM products
                same_rows_any_order_as: SELECT product_name FROM expected
          - name: rejects a product without a name
            skip: "needs NOT NULL"
            given: ["INSERT INTO products_staging VALUES ('x', 1)"]
            when:
              sql: CALL merge_staged_products()
            then:
              - sql: INSERT INTO products (product_name) VALUES (NULL)
                fails: { sqlstate: "23502", message: "null value.*" }
              - sql: CALL gen_orders('a@b.c', 3)
                succeeds: true
              - table_exists: products
              - table_exists: analytics.products
              - column_exists: products.close_date
              - procedure_exists: merge_staged_products
              - function_exists: public.f
          - name: skipped without a reason
            skip: true
            when:
              - sql: SELECT 1
              - load: { table: users, columns: [id, email], rows: [[1, a@b.c]] }
        """

    let directory: TemporaryDirectory
    let suite: SpecSuite
    let file: String

    init() throws {
        directory = try TemporaryDirectory()
        file = try directory.write("spec/merge_staged_products.yml", Self.spec)
        try directory.write("spec/fixtures/products.csv", "product_name,price,status\nWidget,9.99,ACTIVE\nGadget,,ACTIVE\n")
        try directory.write("spec/fixtures/users.csv", "id,email\r\n1,\"a@b.c\"\r\n2,\"\"\r\n")
        suite = try SpecLoader.load(file: file)
    }

    private func at(_ line: Int, _ column: Int) -> Diagnostics.SourceLocation {
        Diagnostics.SourceLocation(file: file, line: line, column: column)
    }

    @Test("the suite's own keys: name from the file, description, tags, isolation")
    func suiteKeys() {
        #expect(suite.name == "merge_staged_products")
        #expect(suite.file == file)
        #expect(suite.description == "SCD2 merge of staged products")
        #expect(suite.tags == ["products"])
        #expect(suite.isolation == .transaction)
        #expect(suite.tests.map(\.name) == [
            "closed count equals staged duplicates", "rejects a product without a name", "skipped without a reason",
        ])
    }

    @Test("setup steps: SQL, a default CSV fixture, a named CSV fixture and inline rows")
    func setup() {
        let fixtures = directory.path + "/spec/fixtures"
        #expect(suite.setup == [
            .sql(SQLText(sql: "DELETE FROM products_staging", location: at(6, 10))),
            .load(Fixture(table: "products", columns: ["product_name", "price", "status"],
                          rows: [["Widget", "9.99", "ACTIVE"], ["Gadget", nil, "ACTIVE"]],
                          source: .csv(path: "\(fixtures)/products.csv"), location: at(7, 11))),
            .load(Fixture(table: "users", columns: ["id", "email"], rows: [["1", "a@b.c"], ["2", ""]],
                          source: .csv(path: "\(fixtures)/users.csv"), location: at(8, 11))),
            .load(Fixture(table: "products_staging", columns: ["product_name", "price"],
                          rows: [["Widget", "10.50"], ["Gadget", nil]], source: .inline, location: at(10, 7))),
        ])
    }

    @Test("teardown, before_each with params, and an empty after_each")
    func aroundSteps() {
        #expect(suite.teardown == [.sql(SQLText(sql: "TRUNCATE products", location: at(15, 12)))])
        #expect(suite.beforeEach == [
            .sql(SQLText(sql: "CALL gen_orders($1, $2)", params: ["a@x.com", "3"], location: at(17, 10))),
        ])
        #expect(suite.afterEach == [])
    }

    @Test("the first test: tags, a SQL string as `when`, and every query assertion")
    func queryAssertions() throws {
        let test = try #require(suite.tests.first)
        #expect(test.tags == ["scd2"])
        #expect(test.skip == nil)
        #expect(test.given == [])
        #expect(test.location == at(21, 5))
        #expect(test.when == [.sql(SQLText(sql: "CALL merge_staged_products()", location: at(23, 11)))])
        func query(_ sql: String, _ line: Int, params: [String?] = []) -> SQLText {
            SQLText(sql: sql, params: params, location: at(line, 16))
        }
        #expect(test.then == [
            Assertion(description: "one closed row per duplicate",
                      kind: .equals(query: query("SELECT count(*) FROM products WHERE status = 'CLOSED'", 25),
                                    expected: "2"),
                      location: at(25, 9)),
            Assertion(kind: .rows(query: query("SELECT product_name, status FROM products ORDER BY 1", 28),
                                  expected: [["Gadget", "ACTIVE"], ["Widget", "CLOSED"]]), location: at(28, 9)),
            Assertion(kind: .rowsAnyOrder(query: query("SELECT product_name FROM products", 30),
                                          expected: [["Widget"], ["Gadget"]]), location: at(30, 9)),
            Assertion(kind: .rowsAsSet(query: query("SELECT status FROM products", 34),
                                       expected: [["ACTIVE"], ["CLOSED"]]), location: at(34, 9)),
            Assertion(kind: .count(query: query("SELECT * FROM products", 36), expected: 3), location: at(36, 9)),
            Assertion(kind: .empty(query: query("SELECT * FROM products_staging", 38)), location: at(38, 9)),
            Assertion(kind: .notEmpty(query: query("SELECT * FROM products", 40)), location: at(40, 9)),
            Assertion(kind: .isNull(query: query("SELECT max(close_date) FROM products WHERE status = 'ACTIVE'", 42)),
                      location: at(42, 9)),
            Assertion(kind: .notNull(query: query("SELECT max(close_date) FROM products WHERE status = $1", 44,
                                                  params: ["CLOSED"])), location: at(44, 9)),
            Assertion(kind: .sameRowsAs(query: query("SELECT product_name FROM products ORDER BY 1", 47),
                                        expected: SQLText(sql: "SELECT product_name FROM expected ORDER BY 1",
                                                          location: at(48, 23))), location: at(47, 9)),
            Assertion(kind: .sameRowsAnyOrderAs(query: query("SELECT product_name FROM products", 49),
                                                expected: SQLText(sql: "SELECT product_name FROM expected",
                                                                  location: at(50, 33))), location: at(49, 9)),
        ])
    }

    @Test("the second test: skip reason, given, a `when` mapping, statement and catalog assertions")
    func statementAndCatalogAssertions() throws {
        let test = try #require(suite.tests.dropFirst().first)
        #expect(test.skip == "needs NOT NULL")
        #expect(test.given == [.sql(SQLText(sql: "INSERT INTO products_staging VALUES ('x', 1)", location: at(53, 13)))])
        #expect(test.when == [.sql(SQLText(sql: "CALL merge_staged_products()", location: at(55, 12)))])
        #expect(test.then.map(\.kind) == [
            .fails(statement: SQLText(sql: "INSERT INTO products (product_name) VALUES (NULL)", location: at(57, 14)),
                   sqlstate: "23502", message: "null value.*"),
            .succeeds(statement: SQLText(sql: "CALL gen_orders('a@b.c', 3)", location: at(59, 14))),
            .tableExists(name: "products"),
            .tableExists(name: "analytics.products"),
            .columnExists(table: "products", column: "close_date"),
            .procedureExists(name: "merge_staged_products"),
            .functionExists(name: "public.f"),
        ])
        #expect(test.then.map(\.location.line) == [57, 59, 61, 62, 63, 64, 65])
    }

    @Test("the third test: `skip: true` is an empty reason; `when` may load a fixture")
    func skipWithoutReason() throws {
        let test = try #require(suite.tests.last)
        #expect(test.skip == "")
        #expect(test.then == [])
        #expect(test.when == [
            .sql(SQLText(sql: "SELECT 1", location: at(69, 14))),
            .load(Fixture(table: "users", columns: ["id", "email"], rows: [["1", "a@b.c"]], source: .inline,
                          location: at(70, 15))),
        ])
    }
}
