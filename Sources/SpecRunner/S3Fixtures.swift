import Foundation
import RedshiftEmulation

/// What Redshift needs to load a fixture from Amazon S3: the IAM role it assumes to read the bucket, and the
/// bucket that `s3:key` fixtures name implicitly.
public struct S3Fixtures: Sendable {
    /// The role's ARN, e.g. `arn:aws:iam::123456789012:role/redshift-test-data`.
    public var iamRole: String?
    /// The bucket for `s3:key` fixtures (the story's `TEST_DATA_S3_BUCKET`).
    public var bucket: String?
    /// Where emulated Redshift's COPY finds S3 objects (a folder `DIR/bucket/key`, or an S3 endpoint).
    public var objects: (any S3ObjectSource)?
    /// With a role and a bucket, local CSV fixtures go through S3 to Redshift's COPY instead of INSERTs.
    public var staging: S3Staging?

    public init(iamRole: String? = nil, bucket: String? = nil, objects: (any S3ObjectSource)? = nil, staging: S3Staging? = nil) {
        self.iamRole = iamRole
        self.bucket = bucket
        self.objects = objects
        self.staging = staging
    }

    /// `s3://bucket/key` as written, or `s3:key` joined to the configured bucket.
    func url(for location: String) throws(FixtureLoader.Unloadable) -> String {
        let rest = location.dropFirst("s3:".count)
        if rest.hasPrefix("//") { return "s3:" + rest }
        guard let bucket, !bucket.isEmpty else {
            throw FixtureLoader.Unloadable(
                message: "the fixture '\(location)' names no bucket, and no test-data bucket is configured",
                hint: "write s3://<bucket>/\(rest), or set TEST_DATA_S3_BUCKET (or SLIPWAY_TEST_DATA_S3_BUCKET)")
        }
        return "s3://\(bucket)/\(rest.drop { $0 == "/" })"
    }
}

/// Puts a fixture's CSV into the test-data bucket and removes it again. The caller supplies it (the AWS module),
/// so the spec runner opens no network connection itself; errors are ``Diagnostics/Diagnostic``s.
public struct S3Staging: Sendable {
    public var put: @Sendable (_ bucket: String, _ key: String, _ csv: Data) throws -> Void
    public var delete: @Sendable (_ bucket: String, _ key: String) throws -> Void

    public init(
        put: @escaping @Sendable (_ bucket: String, _ key: String, _ csv: Data) throws -> Void,
        delete: @escaping @Sendable (_ bucket: String, _ key: String) throws -> Void
    ) {
        self.put = put
        self.delete = delete
    }
}
