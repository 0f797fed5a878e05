import AWS
import Configuration
import Diagnostics
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
