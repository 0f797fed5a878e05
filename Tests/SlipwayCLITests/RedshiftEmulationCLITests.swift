import Foundation
import Testing

/// A project written for a Redshift cluster, in the shape of the story's sample repository (Maven layout,
/// `IDENTITY(seed, step)` columns, PL/pgSQL procedures, specs for its four JUnit tests), run unmodified on the
/// embedded PostgreSQL with one setting. The files are our own, with the sample's Redshift constructs.
@Suite("Redshift project on the embedded server")
struct RedshiftEmulationCLITests {
    static let migrations = [
        "V1.0__CreateUsersTable.sql": """
            CREATE TABLE users(
                email varchar(100) not null,
                first_name varchar(100) not null,
                last_name varchar(100) not null
            );
            """,
        "V1.0.1__Products.sql": """
            /* Products, a slowly changing dimension. */
            create table products (
                id int not null identity(1, 1),
                product_name varchar(150) not null,
                price decimal(12,2) not null,
                status varchar(25) not null default 'ACTIVE',
                close_date date null
            ) diststyle auto sortkey auto;

            create table products_staging (
                id int not null identity (1, 1),
                product_name varchar(150) not null encode zstd,
                price decimal(12,2) not null
            );
            """,
        "V1.0.2__Orders.sql": """
            create table orders (
                id bigint identity (1, 1) not null,
                email varchar(100) not null distkey,
                product_id int not null references products(id),
                quantity int not null,
                date_created timestamp default getdate()
            )
            """,
        "R__GenerateOrdersForUsers.sql": """
            create or replace procedure gen_orders(in_email varchar, num_items integer)
            as $$
            DECLARE
                i INTEGER;
            BEGIN
                FOR i in 1..num_items LOOP
                    insert into orders(email, date_created, product_id, quantity)
                    values(in_email, getdate(), (select top 1 id from products where status='ACTIVE' order by random()), 1);
                END LOOP;
            END;
            $$ LANGUAGE plpgsql;
            """,
    ]

    /// The story's fixed procedure, and its first attempt (no close_date, no TRUNCATE).
    static let merge = """
        create or replace procedure merge_staged_products()
        as $$
        BEGIN
            update products set status='CLOSED', close_date=trunc(sysdate) where product_name in (select product_name from products_staging) and status='ACTIVE';
            insert into products(product_name,price) select product_name, price from products_staging;
            truncate products_staging;
        END;
        $$ LANGUAGE plpgsql;
        """
    static let firstAttempt = """
        create or replace procedure merge_staged_products()
        as $$
        BEGIN
            update products set status='CLOSED' where product_name in (select product_name from products_staging) and status='ACTIVE';
            insert into products(product_name,price) select product_name, price from products_staging;
        END;
        $$ LANGUAGE plpgsql;
        """

    static let specs = [
        "sp_merge_staged_products.yml": """
            suite: SpMergeStagedProductsTests
            isolation: none
            before_each:
              - sql: delete from products; delete from products_staging
              # The story's loader, reading sampledata/test-data-bucket/ through s3Root.
              - sql: copy products(product_name,price) from 's3://test-data-bucket/products.csv' csv iam_role 'arn:aws:iam::123456789012:role/test' ignoreheader 1
              - sql: copy products_staging(product_name,price) from 's3://test-data-bucket/products_staging.csv' csv iam_role 'arn:aws:iam::123456789012:role/test' ignoreheader 1
            tests:
              - name: closed count equals the staged duplicates
                when: call merge_staged_products()
                then:
                  - query: select count(*) from products where status = 'CLOSED'
                    equals: 2
              - name: close date is set on retired products
                when: call merge_staged_products()
                then:
                  - query: select count(*) from products where status = 'CLOSED' and nvl(close_date, '1900-01-01') = trunc(getdate())
                    equals: 2
              - name: staging table is empty after the merge
                when: call merge_staged_products()
                then:
                  - query: select count(*) from products_staging
                    equals: 0
            """,
        "sp_gen_orders.yml": """
            suite: SpGenOrdersTests
            isolation: none
            before_each:
              - sql: delete from orders; delete from products
              - sql: insert into products (product_name, price) values ('Widget', 10.50)
            tests:
              - name: the number of orders generated is the number asked for
                when: call gen_orders('someone@example.com', 3)
                then:
                  - query: select count(*) from orders where datediff(day, date_created, getdate()) = 0
                    equals: 3
            """,
    ]

    private func project(merge: String) throws -> ExampleProject {
        let project = try ExampleProject(.postgresql)
        let root = project.directory
        try FileManager.default.removeItem(atPath: root + "/db")
        try FileManager.default.removeItem(atPath: root + "/spec")
        try FileManager.default.createDirectory(atPath: root + "/src/main/resources/db/migration", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/spec", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/sampledata/test-data-bucket", withIntermediateDirectories: true)
        try project.write("sampledata/test-data-bucket/products.csv", "\u{FEFF}product_name,price\nWidget,10.50\nGadget,25.00\n\"Gizmo, small\",5.25\n")
        try project.write("sampledata/test-data-bucket/products_staging.csv", "product_name,price\nWidget,11.00\n\"Gizmo, small\",6.00\nBracket,3.10\n")
        try project.write("slipway.toml", """
            dialect = "redshift"
            s3Root = "sampledata"
            [flyway]
            locations = ["filesystem:src/main/resources/db/migration"]
            """)
        for (name, text) in Self.migrations.merging(["R__MergeStagedProducts.sql": merge], uniquingKeysWith: { $1 }) {
            try project.write("src/main/resources/db/migration/" + name, text)
        }
        for (name, text) in Self.specs { try project.write("spec/" + name, text) }
        return project
    }

    @Test("slipway test runs the Redshift project as written and says it was emulated")
    func passes() throws {
        let project = try project(merge: Self.merge)
        let run = try project.run(["test", "--jobs", "1"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("Tests: 4 passed, 0 failed, 0 errored, 0 skipped (2 suites,"), "\(run.output)")
        #expect(run.stdout.contains("on redshift (emulated on PostgreSQL 1"), "\(run.output)")
        #expect(!run.output.contains("note:"), "\(run.output)")
        // Read before the filtered run, which removes the reports of the run before it.
        let report = try project.read("target/slipway-reports/TEST-SpMergeStagedProductsTests.xml")
        #expect(report.contains("name=\"dialect\" value=\"redshift (emulated on PostgreSQL 1"), "\(report)")
        let verbose = try project.run(["test", "--jobs", "1", "--verbose", "--filter", "SpGenOrdersTests"])
        #expect(verbose.stderr.contains("spec/sp_gen_orders.yml:10:9: note: emulated Redshift rewrote this: getdate"), "\(verbose.output)")
        #expect(verbose.stderr.contains("note: emulated Redshift rewrote this: datediff"), "\(verbose.output)")
    }

    @Test("the story's first-attempt procedure fails exactly the close-date and staging tests")
    func firstAttemptFails() throws {
        let project = try project(merge: Self.firstAttempt)
        let run = try project.run(["test", "--jobs", "1"])
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stdout.contains("Tests: 2 passed, 2 failed, 0 errored, 0 skipped"), "\(run.output)")
        let failed = run.stdout.split(separator: "\n").filter { $0.contains("✗") || $0.contains("FAIL") }
        #expect(failed.contains { $0.contains("close date is set on retired products") }, "\(run.output)")
        #expect(failed.contains { $0.contains("staging table is empty after the merge") }, "\(run.output)")
    }

    @Test("migrate --verbose lists each rewrite at its line and column; without it they stay quiet")
    func listsRewrites() throws {
        let project = try project(merge: Self.merge)
        let quiet = try project.run(["migrate", "--ephemeral"])
        #expect(quiet.status == 0 && !quiet.output.contains("note:"), "\(quiet.output)")
        try project.write("src/main/resources/db/migration/V1.0.3__More.sql", "create table more (id int identity(1, 1), n varchar(max))")
        let verbose = try project.run(["migrate", "--ephemeral", "--verbose"])
        #expect(verbose.status == 0, "\(verbose.output)")
        #expect(verbose.output.contains(
            "V1.0.3__More.sql:1:27: note: emulated Redshift rewrote this: identity (docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html)"),
            "\(verbose.output)")
        #expect(verbose.output.contains("V1.0.3__More.sql:1:45: note: emulated Redshift rewrote this: varchar-max"), "\(verbose.output)")
    }

    @Test("the story's COPY-from-S3 loader reads the local folder given by --s3-root or SLIPWAY_S3_ROOT", arguments: [true, false])
    func copyFromS3(flag: Bool) throws {
        let project = try project(merge: Self.merge)
        try project.write("slipway.toml", """
            dialect = "redshift"
            [flyway]
            locations = ["filesystem:src/main/resources/db/migration"]
            """)
        try FileManager.default.createDirectory(atPath: project.directory + "/sampledata/test-bucket", withIntermediateDirectories: true)
        try project.write("sampledata/test-bucket/products.csv", "product_name,price\nWidget,10.50\nGizmo,5.25\n")
        try project.write("spec/load.yml", """
            suite: load
            isolation: none
            setup:
              - sql: delete from products
              - sql: copy products (product_name,price) from 's3://test-bucket/products.csv' csv iam_role 'arn:aws:iam::123456789012:role/test' ignoreheader 1
            tests:
              - name: the sample data is loaded
                then:
                  - query: select product_name, price from products order by product_name
                    rows: [[Gizmo, "5.25"], [Widget, "10.50"]]
            """)
        let run = flag
            ? try project.run(["test", "--jobs", "1", "--filter", "load", "--s3-root", "sampledata"])
            : try project.run(["test", "--jobs", "1", "--filter", "load"], environment: ["SLIPWAY_S3_ROOT": "sampledata"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("Tests: 1 passed"), "\(run.output)")
    }

    @Test("a jdbc:redshift: environment run with --ephemeral is emulated Redshift on the embedded server")
    func ephemeralRedshiftURL() throws {
        let project = try ExampleProject(.postgresql)
        let environment = [
            "TEST_HOST": "cluster.example.invalid", "TEST_PORT": "5439", "TEST_DB_NAME": "dev",
            "TEST_JDBC_USER": "awsuser", "TEST_JDBC_PASSWORD": "not-a-secret",
        ]
        let run = try project.run(["info", "--environment", "test", "--ephemeral"], environment: environment)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("on redshift (emulated on PostgreSQL 1"), "\(run.output)")
    }

    @Test("a procedure that truncates fails when called inside a suite's transaction, as on Redshift (r_TRUNCATE.html)")
    func truncateInTransaction() throws {
        let project = try project(merge: Self.merge)
        try project.write("spec/sp_merge_staged_products.yml", """
            suite: in_a_transaction
            tests:
              - name: merge inside the suite's transaction
                when: call merge_staged_products()
                then:
                  - query: select 1
                    equals: 1
            """)
        let run = try project.run(["test", "--jobs", "1", "--filter", "in_a_transaction"])
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stdout.contains("0 passed, 0 failed, 1 errored"), "\(run.output)")
        #expect(run.stdout.contains("2D000"), "\(run.output)")
    }

    @Test("a migration's COPY from S3 loads the local folder; what Redshift refuses fails the migration with 0A000")
    func migrationCopyAndRefusal() throws {
        let project = try project(merge: Self.merge)
        try project.write("src/main/resources/db/migration/V1.0.3__Seed.sql", """
            copy users (email, first_name, last_name) from 's3://test-data-bucket/users' csv ignoreheader 1 region 'us-east-1';
            """)
        try project.write("sampledata/test-data-bucket/users_part_00.csv", "email,first_name,last_name\na@example.com,Ann,Lee\n")
        try project.write("sampledata/test-data-bucket/users_part_01.csv", "email,first_name,last_name\nb@example.com,Bo,Ng\n")
        // Both objects under the prefix were loaded, or the check fails before the refused LOCK.
        try project.write("src/main/resources/db/migration/V1.0.4__Lock.sql", """
            do $$ begin if (select count(*) from users) <> 2 then raise exception 'loaded % rows', (select count(*) from users); end if; end $$;
            lock table users in share mode;
            """)
        let run = try project.run(["migrate", "--ephemeral"])
        #expect(run.status == 3, "\(run.output)")
        #expect(run.output.contains("applied before the failure: V1.0__CreateUsersTable.sql, V1.0.1__Products.sql, V1.0.2__Orders.sql, V1.0.3__Seed.sql"), "\(run.output)")
        #expect(run.output.contains("V1.0.4__Lock.sql:2:1: error: Redshift's LOCK takes no lock mode or NOWAIT"), "\(run.output)")
        #expect(run.output.contains("code: 0A000"), "\(run.output)")
    }

    @Test("migrate records the checksums of the files as written")
    func checksums() throws {
        let project = try project(merge: Self.merge)
        let migrate = try project.run(["migrate", "--ephemeral"])
        #expect(migrate.status == 0, "\(migrate.output)")
        let emulated = try project.run(["info", "--json"])
        let plain = try project.run(["info", "--json", "--dialect", "postgresql"])
        // Pending on a fresh server, so each checksum is the file's own, computed the same whatever the dialect.
        #expect(emulated.status == 0 && plain.status == 0, "\(emulated.output)\(plain.output)")
        #expect(checksums(emulated.stdout) == checksums(plain.stdout))
        #expect(checksums(emulated.stdout).count == 5)
    }

    private func checksums(_ json: String) -> [Int] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let migrations = object["migrations"] as? [[String: Any]]
        else { return [] }
        return migrations.compactMap { $0["checksum"] as? Int }
    }

    @Test("without the setting, a syntax error at a Redshift-only word names the setting")
    func hintsTheSetting() throws {
        let project = try project(merge: Self.merge)
        try project.write("slipway.toml", """
            [flyway]
            locations = ["filesystem:src/main/resources/db/migration"]
            """)
        let run = try project.run(["migrate", "--ephemeral"])
        #expect(run.status == 3, "\(run.output)")
        #expect(run.output.contains("V1.0.1__Products.sql:3:21: error: syntax error at or near \"identity\""), "\(run.output)")
        #expect(run.output.contains("set dialect = \"redshift\""), "\(run.output)")
    }
}
