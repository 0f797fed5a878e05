import AWS
import Foundation
import PostgresClient
import Testing
import TestSupport

/// What a Secrets Manager look-up and an S3 upload cost against moto on loopback, as multiples of a plain
/// connect to the embedded PostgreSQL measured in the same run, turn by turn. Run by hand:
/// `SLIPWAY_MEASURE=1 swift test --filter AWSCostTests`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SLIPWAY_MEASURE"] == "1"))
struct AWSCostTests {
    static func median(_ seconds: [Double]) -> Double { seconds.sorted()[seconds.count / 2] }

    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    @Test("a secret look-up and a 64 KB upload, as ratios to a database connect")
    func ratios() throws {
        let moto = try Moto.open.get()
        let bucket = "cost-\(UUID().uuidString.prefix(8).lowercased())"
        try moto.boto3("""
            boto3.client('s3', endpoint_url=endpoint).create_bucket(Bucket='\(bucket)')
            boto3.client('secretsmanager', endpoint_url=endpoint).create_secret(Name='\(bucket)', SecretString='{"password": "x"}')
            """)
        let client = try AWSClient.resolve(environment: moto.environment)
        let secrets = SecretsManager(client: client)
        let s3 = S3(client: client)
        let csv = Data(String(repeating: "1,product name,42.50\n", count: 3_200).utf8)
        _ = try secrets.secretString(id: bucket)
        try TestServer.connect().close()
        var connects: [Double] = [], lookups: [Double] = [], uploads: [Double] = []
        for round in 0..<30 {
            connects.append(try Self.time { try TestServer.connect().close() })
            lookups.append(try Self.time { _ = try secrets.secretString(id: bucket) })
            uploads.append(try Self.time { try s3.putObject(bucket: bucket, key: "k\(round).csv", body: csv) })
        }
        let connect = Self.median(connects)
        print(String(format: "AWS cost: connect %.2f ms; GetSecretValue %.2f ms (%.1f× connect); PutObject 64 KB %.2f ms (%.1f× connect)",
                     connect * 1e3, Self.median(lookups) * 1e3, Self.median(lookups) / connect,
                     Self.median(uploads) * 1e3, Self.median(uploads) / connect))
        #expect(connect > 0)
    }
}
