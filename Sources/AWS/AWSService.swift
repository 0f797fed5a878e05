/// An AWS service as SigV4 and endpoint resolution name it.
public struct AWSService: Sendable, Equatable {
    /// The name in the signature's scope, e.g. `secretsmanager`.
    public var signingName: String
    /// The first label of the default endpoint, `https://<prefix>.<region>.amazonaws.com`.
    public var endpointPrefix: String
    /// The suffix of `AWS_ENDPOINT_URL_<ID>`: the service id upper-cased, spaces as underscores.
    public var environmentId: String
    /// For messages: `Secrets Manager`.
    public var displayName: String

    public static let secretsManager = AWSService(
        signingName: "secretsmanager", endpointPrefix: "secretsmanager", environmentId: "SECRETS_MANAGER", displayName: "Secrets Manager")
    public static let sts = AWSService(signingName: "sts", endpointPrefix: "sts", environmentId: "STS", displayName: "STS")
    public static let s3 = AWSService(signingName: "s3", endpointPrefix: "s3", environmentId: "S3", displayName: "S3")
    public static let redshift = AWSService(
        signingName: "redshift", endpointPrefix: "redshift", environmentId: "REDSHIFT", displayName: "Redshift")
    public static let redshiftServerless = AWSService(
        signingName: "redshift-serverless", endpointPrefix: "redshift-serverless", environmentId: "REDSHIFT_SERVERLESS",
        displayName: "Redshift Serverless")

    /// The endpoint: `AWS_ENDPOINT_URL_<ID>`, else `AWS_ENDPOINT_URL` (unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`
    /// is true), else AWS's default for the region. `custom` is true for a configured one.
    func endpoint(region: String, environment: [String: String]) -> (endpoint: Endpoint, custom: Bool)? {
        let ignore = environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
        if !ignore, let text = environment["AWS_ENDPOINT_URL_\(environmentId)"] ?? environment["AWS_ENDPOINT_URL"], !text.isEmpty {
            return Endpoint(url: text).map { ($0, true) }
        }
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return (Endpoint(host: "\(endpointPrefix).\(region).\(suffix)"), false)
    }
}
