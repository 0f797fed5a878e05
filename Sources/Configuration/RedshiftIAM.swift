/// Redshift IAM authentication from a `jdbc:redshift:iam://` URL: temporary database credentials are asked of
/// AWS (GetClusterCredentials for a provisioned cluster, Redshift Serverless GetCredentials for a workgroup)
/// before connecting.
public struct RedshiftIAM: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case cluster(String)
        case workgroup(String)
    }

    public var source: Source
    /// From the URL (`cluster:region`, the endpoint's host name, `Region=`); nil means the AWS environment's.
    public var region: String?
    /// The database user credentials are asked for (`DbUser`, else the URL's `user`); provisioned clusters only.
    public var dbUser: String?
    /// Groups the user joins for the session (`DbGroups=a,b`).
    public var dbGroups: [String]
    /// Create the user when it does not exist (`AutoCreate=true`).
    public var autoCreate: Bool

    public init(source: Source, region: String? = nil, dbUser: String? = nil, dbGroups: [String] = [], autoCreate: Bool = false) {
        self.source = source
        self.region = region
        self.dbUser = dbUser
        self.dbGroups = dbGroups
        self.autoCreate = autoCreate
    }
}
