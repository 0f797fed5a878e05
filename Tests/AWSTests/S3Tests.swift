@testable import AWS
import Diagnostics
import Foundation
import Testing
import TestSupport

@Suite("S3 against moto")
struct S3Tests {
    static func s3(_ environment: [String: String]) throws -> S3 {
        S3(client: try AWSClient.resolve(environment: environment))
    }

    @Test("PutObject, ListObjectsV2 and DeleteObject, with a key that needs encoding")
    func objects() throws {
        let moto = try Moto.open.get()
        let bucket = "test-data-\(UUID().uuidString.prefix(8).lowercased())"
        try moto.boto3("boto3.client('s3', endpoint_url=endpoint).create_bucket(Bucket='\(bucket)')")
        let s3 = try Self.s3(moto.environment)
        let key = "fixtures/run 1/prodücts+€.csv"
        try s3.putObject(bucket: bucket, key: key, body: Data("id,name\n1,a\n".utf8))
        try s3.putObject(bucket: bucket, key: "other/x.csv", body: Data())
        #expect(try s3.listObjects(bucket: bucket, prefix: "fixtures/") == [key])
        let stored = try moto.boto3("""
            body = boto3.client('s3', endpoint_url=endpoint).get_object(Bucket='\(bucket)', Key='\(key)')['Body'].read()
            print(body.decode(), end='')
            """)
        #expect(stored == "id,name\n1,a\n")
        try s3.deleteObject(bucket: bucket, key: key)
        #expect(try s3.listObjects(bucket: bucket, prefix: "fixtures/").isEmpty)
    }

    @Test("listing follows continuation tokens from page to page")
    func pages() throws {
        let moto = try Moto.open.get()
        let bucket = "pages-\(UUID().uuidString.prefix(8).lowercased())"
        try moto.boto3("""
            s3 = boto3.client('s3', endpoint_url=endpoint)
            s3.create_bucket(Bucket='\(bucket)')
            for i in range(5): s3.put_object(Bucket='\(bucket)', Key='k/%d' % i, Body=b'')
            """)
        #expect(try Self.s3(moto.environment).listObjects(bucket: bucket, prefix: "k/", pageSize: 2) == (0..<5).map { "k/\($0)" })
    }

    /// moto recomputes the signature from the path as its web server re-encodes it, which differs from AWS for
    /// sub-delimiters such as `'`, `!`, `+` and for non-ASCII (boto3 fails there too), and from the query as it
    /// re-encodes it (`%2F`); space and `~` in a path agree.
    @Test("moto's S3 checks the signature of an encoded key; a missing bucket is an input error")
    func signedAndMissing() throws {
        let (moto, identities) = try Moto.iam.get()
        let environment = moto.environment.merging(["AWS_ACCESS_KEY_ID": identities.reader[0], "AWS_SECRET_ACCESS_KEY": identities.reader[1]]) { $1 }
        let s3 = try Self.s3(environment)
        try s3.putObject(bucket: "guarded", key: "run 1/a~b.csv", body: Data("x\n".utf8))
        #expect(try s3.listObjects(bucket: "guarded", prefix: "run") == ["run 1/a~b.csv"])
        try s3.deleteObject(bucket: "guarded", key: "run 1/a~b.csv")
        do throws(Diagnostic) {
            try s3.putObject(bucket: "no-such-bucket-here", key: "k", body: Data())
            Issue.record("no error")
        } catch {
            #expect(error.code == "NoSuchBucket" && error.category == .input)
            #expect(error.message == "s3://no-such-bucket-here/k was not found (S3 PutObject)")
        }
    }

    @Test("AWS's own endpoints address buckets virtual-hosted, configured ones path-style")
    func addressing() throws {
        let credentials = AWSCredentials(accessKeyId: "a", secretAccessKey: "b", source: "test")
        let aws = S3(client: AWSClient(region: "eu-west-1", credentials: credentials, environment: [:]))
        #expect(aws.location(bucket: "data", key: "k.csv").0.host == "data.s3.eu-west-1.amazonaws.com")
        #expect(aws.location(bucket: "data.v2", key: "k.csv").1 == "/data.v2/k.csv")
        let custom = S3(client: AWSClient(region: "eu-west-1", credentials: credentials, environment: ["AWS_ENDPOINT_URL_S3": "http://127.0.0.1:9000"]))
        #expect(custom.location(bucket: "data", key: "k.csv").1 == "/data/k.csv")
    }
}
