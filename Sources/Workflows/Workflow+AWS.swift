import AWS
import Configuration
import Diagnostics
import SpecRunner
import Synchronization
import TargetDatabase

extension Workflow {
    /// Fetches `secretId` secrets with Secrets Manager, using the run's AWS environment; the region of an ARN
    /// wins over AWS_REGION. A SIGINT ends the wait.
    static func secretsManager(environment: [String: String], interruption: Interruption) -> SecretFetcher {
        { id throws(Diagnostic) in
            let client = try AWSClient.resolve(
                environment: environment, region: SecretsManager.region(ofSecret: id),
                isInterrupted: { interruption.isInterrupted })
            return try SecretsManager(client: client).secretString(id: id)
        }
    }
}

extension Workflow {
    /// For a `jdbc:redshift:iam://` URL: asks AWS for a temporary user and password (and the cluster's endpoint
    /// when the URL names only the cluster) and puts them into the settings; the password becomes a secret.
    static func useRedshiftIAM(_ settings: inout Settings, environment: [String: String], interruption: Interruption) throws(Diagnostic) {
        guard var target = settings.database, let iam = target.redshiftIAM else { return }
        let redshift = RedshiftCredentials(client: try AWSClient.resolve(
            environment: environment, region: iam.region, isInterrupted: { interruption.isInterrupted }))
        let credentials: RedshiftCredentials.Credentials
        switch iam.source {
        case .cluster(let cluster):
            guard let user = iam.dbUser ?? target["user"] else {
                throw Diagnostic(
                    category: .input, code: "no-db-user", message: "the IAM URL for cluster '\(cluster)' names no database user",
                    hint: "add ?DbUser=<user> to the URL, or give --user / FLYWAY_USER")
            }
            if target["host"] == nil {
                let endpoint = try redshift.clusterEndpoint(cluster: cluster)
                target.set("host", endpoint.host)
                target.set("port", String(endpoint.port ?? 5439))
            }
            credentials = try redshift.clusterCredentials(
                cluster: cluster, dbUser: user, dbName: target["dbname"], autoCreate: iam.autoCreate, dbGroups: iam.dbGroups)
        case .workgroup(let workgroup):
            credentials = try redshift.serverlessCredentials(workgroup: workgroup, dbName: target["dbname"])
        }
        target.set("user", credentials.user)
        target.set("password", credentials.password)
        settings.database = target
        settings.secrets.append(credentials.password)
    }
}

extension Workflow {
    /// Local fixtures staged in the test-data bucket for Redshift's COPY; AWS is asked only when one is loaded.
    /// The object is deleted even after a SIGINT, which cancels the COPY.
    var s3Staging: S3Staging {
        let aws = LazyAWSClient(environment: invocation.environment, interruption: interruption)
        return S3Staging(
            put: { bucket, key, csv in try S3(client: aws.get()).putObject(bucket: bucket, key: key, body: csv) },
            delete: { bucket, key in try S3(client: aws.get().uninterruptible()).deleteObject(bucket: bucket, key: key) })
    }
}

/// The AWS client, resolved on first use and kept: credentials from a container endpoint cost a request.
final class LazyAWSClient: Sendable {
    private let environment: [String: String]
    private let interruption: Interruption
    private let client = Mutex<AWSClient?>(nil)

    init(environment: [String: String], interruption: Interruption) {
        self.environment = environment
        self.interruption = interruption
    }

    func get() throws(Diagnostic) -> AWSClient {
        try client.withLock { (cached: inout AWSClient?) throws(Diagnostic) -> AWSClient in
            if let cached { return cached }
            let resolved = try AWSClient.resolve(environment: environment, isInterrupted: { [interruption] in interruption.isInterrupted })
            cached = resolved
            return resolved
        }
    }
}
