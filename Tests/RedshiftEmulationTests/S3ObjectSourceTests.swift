import AWS
import Configuration
import Foundation
import PostgresClient
import RedshiftEmulation
import Testing
import TargetDatabase
import TestResults
import TestSupport
@testable import Workflows

/// The two places emulated Redshift's COPY reads `s3://` objects from, held to the same contract: the local folder
/// (`--s3-root`) and an S3 endpoint (moto on 127.0.0.1, through the AWS module's S3 client). The key is a prefix
/// and a manifest lists its entries (copy-parameters-data-source-s3.html).
@Suite("S3 object sources: the folder and an S3 endpoint")
struct S3ObjectSourceTests {
    enum Kind: String, CaseIterable, Sendable { case folder, endpoint }

    /// A fresh, empty bucket `b` in the place of `kind`, and the source that reads it.
    struct Place {
        let source: any S3ObjectSource
        let bucket: String
        private let put: (String, Data) throws -> Void
        /// Kept so that the folder lives as long as the place.
        private let folder: TemporaryDirectory?

        init(_ kind: Kind) throws {
            switch kind {
            case .folder:
                let folder = try TemporaryDirectory()
                self.folder = folder
                bucket = "b"
                source = S3Folder(root: folder.path)
                let bucket = bucket
                put = { key, data in _ = try folder.write("\(bucket)/\(key)", data) }
            case .endpoint:
                let moto = try MotoServer.shared.get()
                folder = nil
                bucket = "emu-\(UUID().uuidString.prefix(8).lowercased())"
                try moto.boto3("boto3.client('s3', endpoint_url=endpoint).create_bucket(Bucket='\(bucket)')")
                let environment = moto.environment
                let objects = try #require(Workflow.s3Objects(
                    Settings(), workingDirectory: "/", environment: environment, interruption: Interruption()))
                source = objects.source
                let client = S3(client: try AWSClient.resolve(environment: environment))
                let bucket = bucket
                put = { key, data in try client.putObject(bucket: bucket, key: key, body: data) }
            }
        }

        func write(_ key: String, _ text: String) throws { try put(key, Data(text.utf8)) }
    }

    @Test("keys by prefix, in key order, and nothing else", arguments: Kind.allCases)
    func keys(_ kind: Kind) throws {
        let place = try Place(kind)
        for key in ["venue/part_01", "venue/part_00", "venue.txt", "other/part_00"] { try place.write(key, "x") }
        #expect(try place.source.keys(bucket: place.bucket, prefix: "venue") == ["venue.txt", "venue/part_00", "venue/part_01"])
        #expect(try place.source.keys(bucket: place.bucket, prefix: "nothing").isEmpty)
    }

    @Test("an object's bytes, and nil for a key with no object", arguments: Kind.allCases)
    func object(_ kind: Kind) throws {
        let place = try Place(kind)
        try place.write("dir/prodücts.csv", "a,b\n")
        #expect(try place.source.object(bucket: place.bucket, key: "dir/prodücts.csv") == Data("a,b\n".utf8))
        #expect(try place.source.object(bucket: place.bucket, key: "dir/missing.csv") == nil)
    }

    @Test("the story's loader reads every object under the prefix into the table", arguments: Kind.allCases)
    func storyLoader(_ kind: Kind) throws {
        let place = try Place(kind)
        try place.write("products.csv", "product_name,price\nWidget,10.50\n")
        try place.write("products.csv.1", "product_name,price\n\"Bracket, large\",3.10\n")
        let rows = try load(place, "copy products (product_name,price) from 's3://\(place.bucket)/products.csv' csv iam_role 'arn:aws:iam::123456789012:role/test' ignoreheader 1")
        #expect(rows == [["Bracket, large", "3.10"], ["Widget", "10.50"]])
    }

    @Test("MANIFEST loads its entries in order, skips a missing optional one and fails at a missing mandatory one",
          arguments: Kind.allCases)
    func manifest(_ kind: Kind) throws {
        let place = try Place(kind)
        let b = place.bucket
        try place.write("custdata.1", "Widget|10.50\n")
        try place.write("custdata.2", "Gadget|2.00\n")
        try place.write("cust.manifest", """
            {"entries": [{"url":"s3://\(b)/custdata.1","mandatory":true}, {"url":"s3://\(b)/custdata.2","mandatory":true},
             {"url":"s3://\(b)/custdata.3","mandatory":false}]}
            """)
        #expect(try load(place, "copy products (product_name, price) from 's3://\(b)/cust.manifest' iam_role default manifest")
            == [["Gadget", "2.00"], ["Widget", "10.50"]])
        try place.write("strict.manifest", #"{"entries": [{"url":"s3://\#(b)/custdata.3","mandatory":true}]}"#)
        #expect {
            try RedshiftEmulation.s3Copy("copy products from 's3://\(b)/strict.manifest' manifest", objects: place.source)
        } throws: { error in
            (error as? S3Copy.Unsupported)?.message.contains("custdata.3") == true
        }
    }

    @Test("UNLOAD writes one slice's part file, pipe-delimited with NULL as an empty field, and refuses to overwrite it (r_UNLOAD.html)",
          arguments: Kind.allCases)
    func unload(_ kind: Kind) throws {
        let place = try Place(kind)
        let b = place.bucket
        let unload = try #require(try RedshiftEmulation.s3Unload(
            "unload ('select * from venue where venueid < 3 order by venueid') to 's3://\(b)/unload/venue_pipe_' iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole'"))
        #expect(unload.dataKey == "unload/venue_pipe_0000_part_00")
        try unload.write(columns: ["venueid", "venuename", "venuecity"], rows: [["1", "Toyota Park", "Bridgeview"], ["2", "Columbus Crew Stadium", nil]], to: place.source)
        #expect(try place.source.object(bucket: b, key: "unload/venue_pipe_0000_part_00")
            == Data("1|Toyota Park|Bridgeview\n2|Columbus Crew Stadium|\n".utf8))
        #expect {
            try unload.write(columns: ["venueid"], rows: [], to: place.source)
        } throws: { error in
            (error as? S3Copy.Unsupported)?.message.contains("would overwrite") == true
        }
    }

    private func load(_ place: Place, _ sql: String) throws -> [[String?]] {
        let connection = try TestServer.connect(database: TestServer.createDatabase(prefix: "s3_source"))
        defer { connection.close() }
        try connection.execute("CREATE TABLE products (product_name varchar(150), price decimal(12,2))")
        let copy = try #require(try RedshiftEmulation.s3Copy(sql, objects: place.source))
        _ = try connection.copyIn(copy.statement, data: try #require(copy.data))
        return try connection.execute("SELECT product_name, price FROM products ORDER BY product_name").rows
    }
}

@Suite("Where emulated Redshift's COPY reads S3 objects")
struct S3ObjectSourceChoiceTests {
    private func place(s3Root: String?, _ environment: [String: String]) -> String? {
        var settings = Settings()
        settings.s3Root = s3Root
        return Workflow.s3Objects(settings, workingDirectory: "/project", environment: environment, interruption: Interruption())?
            .source.place
    }

    @Test("the s3Root folder, relative to the project; else the configured S3 endpoint; else nowhere")
    func choice() {
        let endpoint = ["AWS_ENDPOINT_URL_S3": "http://127.0.0.1:9000"]
        #expect(place(s3Root: "sampledata", endpoint) == "the folder /project/sampledata")
        #expect(place(s3Root: nil, endpoint) == "the S3 endpoint http://127.0.0.1:9000")
        #expect(place(s3Root: nil, ["AWS_ENDPOINT_URL": "http://127.0.0.1:5000"]) == "the S3 endpoint http://127.0.0.1:5000")
        #expect(place(s3Root: nil, ["AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]) == nil)
        #expect(place(s3Root: nil, [:]) == nil)
    }
}

/// `slipway test --dialect redshift` with `AWS_ENDPOINT_URL_S3` set and no `s3Root`: the migration's and the
/// spec's COPY read the objects from the S3 endpoint (moto) through the whole workflow.
@Suite("Emulated Redshift's COPY from an S3 endpoint, end to end")
struct S3EndpointWorkflowTests {
    @Test("a migration's CSV COPY and a spec's JSON COPY load the endpoint's objects; a spec's UNLOAD writes there")
    func endToEnd() throws {
        let moto = try MotoServer.shared.get()
        let bucket = "flow-\(UUID().uuidString.prefix(8).lowercased())"
        try moto.boto3("""
            s3 = boto3.client('s3', endpoint_url=endpoint)
            s3.create_bucket(Bucket='\(bucket)')
            s3.put_object(Bucket='\(bucket)', Key='products.csv', Body=b'product_name,price\\nWidget,10.50\\nGadget,2.00\\n')
            s3.put_object(Bucket='\(bucket)', Key='more.json', Body=b'{"product_name": "Gizmo", "price": 7.25}')
            """)
        let project = try TemporaryDirectory()
        try project.write("db/migration/V1__products.sql", """
            create table products (id int identity(1, 1), product_name varchar(150) not null, price decimal(12,2));
            copy products (product_name, price) from 's3://\(bucket)/products.csv' csv iam_role 'arn:aws:iam::1:role/r' ignoreheader 1;
            """)
        try project.write("spec/products.yml", """
            suite: products
            tests:
              - name: the migration loaded the CSV
                then:
                  - query: SELECT count(*) FROM products
                    equals: 2
              - name: a step loads the JSON
                when:
                  - sql: copy products (product_name, price) from 's3://\(bucket)/more.json' iam_role default json 'auto'
                then:
                  - query: SELECT price FROM products WHERE product_name = 'Gizmo'
                    equals: 7.25
              - name: what a step unloads, a COPY reads back
                when:
                  - sql: >-
                      unload ('select product_name, price from products') to 's3://\(bucket)/export/products_'
                      iam_role default csv header parallel off;
                      create temp table back (product_name varchar(150), price decimal(12,2));
                      copy back from 's3://\(bucket)/export/products_000' iam_role default csv ignoreheader 1
                then:
                  - query: SELECT count(*) FROM back
                    equals: 2
            """)
        let workflow = try Workflow(Invocation(
            commandLine: ["dialect": "redshift"], environment: moto.environment, currentDirectory: project.path,
            ephemeral: true, keep: false))
        let result = try workflow.test(
            TestRequest(specDirectory: project.path + "/spec", reportDirectory: project.path + "/reports", filter: []),
            migrationEvents: { _ in }, testEvents: { _ in })
        #expect(result.counts == TestCounts(passed: 3), "\(result.suites)")
        #expect(result.emulation?.hasPrefix("redshift (emulated on PostgreSQL") == true)
    }
}
