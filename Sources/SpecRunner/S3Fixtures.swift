/// What Redshift needs to load a fixture from Amazon S3: the IAM role it assumes to read the bucket, and the
/// bucket that `s3:key` fixtures name implicitly.
public struct S3Fixtures: Sendable, Equatable {
    /// The role's ARN, e.g. `arn:aws:iam::123456789012:role/redshift-test-data`.
    public var iamRole: String?
    /// The bucket for `s3:key` fixtures (the story's `TEST_DATA_S3_BUCKET`).
    public var bucket: String?
    /// The folder that stands for S3 on emulated Redshift (`DIR/bucket/key`).
    public var localRoot: String?

    public init(iamRole: String? = nil, bucket: String? = nil, localRoot: String? = nil) {
        self.iamRole = iamRole
        self.bucket = bucket
        self.localRoot = localRoot
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
