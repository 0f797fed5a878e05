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
