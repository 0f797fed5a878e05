import AWS
import Dialect
import Diagnostics
import Foundation
import PostgresClient
@testable import SpecRunner
import Specs
import Testing
import TestSupport

/// Local fixtures on Redshift go through the test-data bucket (moto here) and are removed afterwards. PostgreSQL
/// cannot run Redshift's `COPY ... FROM 's3://…' IAM_ROLE`, so the COPY fails here: which also shows that the
/// object is removed when the load fails.
@Suite struct S3StagingTests {
    @Test("a local fixture is put under a unique key, COPY names it with the role, and it is deleted even though COPY failed")
    func stagedAndRemoved() throws {
        let moto = try MotoServer.shared.get()
        let bucket = "staging-\(UUID().uuidString.prefix(8).lowercased())"
        try moto.boto3("boto3.client('s3', endpoint_url=endpoint).create_bucket(Bucket='\(bucket)')")
        let s3 = S3(client: try AWSClient.resolve(environment: moto.environment))
        let seen = Locked<[String]>([])
        let staging = S3Staging(
            put: { bucket, key, csv in
                try s3.putObject(bucket: bucket, key: key, body: csv)
                let stored = try s3.listObjects(bucket: bucket, prefix: "").joined()
                seen.withLock { $0.append(stored + "|" + String(decoding: csv, as: UTF8.self)) }
            },
            delete: { bucket, key in try s3.deleteObject(bucket: bucket, key: key) })
        let database = try TestServer.createDatabase(prefix: "s3")
        let connection = try TestServer.connect(database: database)
        defer { connection.close() }
        try connection.execute("CREATE TABLE items (id int, name text)")
        let loader = FixtureLoader(
            connection: connection, dialect: Dialect(kind: .redshift, server: .redshift),
            s3: S3Fixtures(iamRole: "arn:aws:iam::123456789012:role/loader", bucket: bucket, staging: staging))
        let fixture = Fixture(table: "items", columns: ["id", "name"], rows: [["1", "a,b"], ["2", nil]], source: .inline,
                              location: SourceLocation(file: "spec/t.yml", line: 1, column: 1))
        #expect(throws: PostgresError.self) { try loader.load(fixture) }
        let put = try #require(seen.withLock { $0 }.first)
        #expect(put.hasPrefix("slipway-fixtures/") && put.contains("/items.csv|"))
        #expect(put.hasSuffix("|\"id\",\"name\"\n\"1\",\"a,b\"\n\"2\",\n"))
        #expect(try s3.listObjects(bucket: bucket, prefix: "").isEmpty)
    }
}
