import Diagnostics
import Foundation

/// Secrets Manager's GetSecretValue (JSON protocol, `secretsmanager.GetSecretValue`).
public struct SecretsManager: Sendable {
    public var client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// The region in a secret's ARN (`arn:aws:secretsmanager:eu-west-1:123…:secret:name`), nil for a name.
    public static func region(ofSecret id: String) -> String? {
        let parts = id.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 7, parts[0] == "arn", parts[2] == "secretsmanager", !parts[3].isEmpty else { return nil }
        return String(parts[3])
    }

    /// The secret's `SecretString` (current version). Errors never hold the value.
    public func secretString(id: String) throws(Diagnostic) -> String {
        let (endpoint, _) = client.endpoint(.secretsManager)
        let body = (try? JSONSerialization.data(withJSONObject: ["SecretId": id])) ?? Data()
        let request = HTTPRequest(
            method: "POST", endpoint: endpoint,
            headers: [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "secretsmanager.GetSecretValue")],
            body: body)
        let resource = "secret '\(id)'"
        let response: HTTPResponse
        do {
            response = try client.send(request, service: .secretsManager, operation: "GetSecretValue")
        } catch {
            throw error.diagnostic(
                resource: resource, permission: "secretsmanager:GetSecretValue (and kms:Decrypt for a customer-managed key)",
                credentials: client.credentials,
                notFound: "check --secret-id (a name or an ARN) and the region (\(client.region)); names are case-sensitive")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any],
              let text = object["SecretString"] as? String
        else {
            throw Diagnostic(
                category: .input, code: "bad-secret", message: "\(resource) holds no SecretString (a binary secret?)",
                hint: "store the database secret as JSON text: {\"username\", \"password\", \"host\", \"port\", \"dbName\"}")
        }
        return text
    }
}
