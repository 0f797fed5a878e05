import Configuration
import Diagnostics
import Testing

/// The IAM URL forms of Redshift's JDBC driver: `cluster:region`, a cluster endpoint, a serverless workgroup
/// endpoint, and a host of one's own with `ClusterID`.
@Suite("jdbc:redshift:iam URLs")
struct RedshiftIAMURLTests {
    @Test("cluster:region names the cluster and region; DbUser, DbGroups and AutoCreate are read, other parameters kept")
    func clusterAndRegion() throws {
        let target = try ConnectionString.parse("jdbc:redshift:iam://etl:us-east-1/dev?DbUser=loader&DbGroups=etl,%20readers&AutoCreate=true&ApplicationName=ci")
        #expect(target.redshiftIAM == RedshiftIAM(
            source: .cluster("etl"), region: "us-east-1", dbUser: "loader", dbGroups: ["etl", "readers"], autoCreate: true))
        #expect(target["host"] == nil && target["dbname"] == "dev" && target["application_name"] == "ci")
        #expect(target["sslmode"] == "require" && target.isRedshift && target.warnings.isEmpty)
    }

    @Test("a cluster endpoint gives host, port, cluster and region; the URL's user is the database user")
    func clusterEndpoint() throws {
        let target = try ConnectionString.parse("jdbc:redshift:iam://examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com:5439/dev?user=awsuser")
        #expect(target["host"] == "examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com" && target["port"] == "5439")
        #expect(target.redshiftIAM == RedshiftIAM(source: .cluster("examplecluster"), region: "us-west-2", dbUser: "awsuser"))
    }

    @Test("a serverless endpoint names the workgroup")
    func serverless() throws {
        let target = try ConnectionString.parse("jdbc:redshift:iam://default-wg.123456789012.eu-central-1.redshift-serverless.amazonaws.com:5439/dev")
        #expect(target.redshiftIAM == RedshiftIAM(source: .workgroup("default-wg"), region: "eu-central-1"))
    }

    @Test("a host of one's own needs ClusterID, and Region may come from the URL")
    func ownHost() throws {
        let target = try ConnectionString.parse("jdbc:redshift:iam://127.0.0.1:6000/dev?ClusterID=etl&Region=eu-west-1&ssl=false")
        #expect(target["host"] == "127.0.0.1" && target["port"] == "6000" && target["sslmode"] == "disable")
        #expect(target.redshiftIAM == RedshiftIAM(source: .cluster("etl"), region: "eu-west-1"))
        #expect(throws: Diagnostic.self) { try ConnectionString.parse("jdbc:redshift:iam://etl:us-east-1") }
        #expect(throws: Diagnostic.self) { try ConnectionString.parse("jdbc:postgresql:iam://etl:us-east-1/dev") }
    }
}
