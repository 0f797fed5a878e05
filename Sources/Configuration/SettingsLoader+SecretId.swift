import Diagnostics

/// Reads a secret's JSON text by its Secrets Manager name or ARN. The caller supplies it (the AWS module), so
/// Configuration stays free of networking.
public typealias SecretFetcher = @Sendable (_ secretId: String) throws(Diagnostic) -> String

extension SettingsLoader {
    /// The database secret `secretId` names, fetched and parsed; with its name for messages.
    static func fetchedSecret(
        _ secretId: String, alsoNamed secretEnv: String?, fetch: SecretFetcher?
    ) throws(Diagnostic) -> (DatabaseSecret, String) {
        let source = "Secrets Manager secret \(secretId)"
        guard secretEnv == nil else {
            throw Diagnostic(
                category: .input, code: "two-secrets", message: "both secretEnv (\(secretEnv ?? "")) and secretId (\(secretId)) are set",
                hint: "use secretEnv where CodeBuild puts the secret into a variable, secretId elsewhere; not both")
        }
        guard let fetch else {
            throw Diagnostic(category: .input, code: "bad-secret", message: "secretId is not supported by this command")
        }
        return (try DatabaseSecret.parse(try fetch(secretId), source: source, described: source), source)
    }
}
