import Diagnostics
import Foundation

/// AWS's default credential chain, in its order: environment variables, a web identity token (EKS, OIDC), the
/// shared credentials and config files (AWS_PROFILE), the container credentials endpoint (CodeBuild, ECS), then
/// EC2 instance metadata (IMDSv2).
struct CredentialChain {
    var environment: [String: String]
    var transport: HTTPTransport

    /// The region: AWS_REGION, AWS_DEFAULT_REGION, else the profile's `region`.
    var region: String? {
        let files = SharedConfigFiles(environment: environment)
        return [environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"], files.settings()?.values["region"]]
            .compactMap { $0 }.first { !$0.isEmpty }
    }

    /// The first source that has credentials; an error names every source tried.
    func resolve() throws(Diagnostic) -> AWSCredentials {
        if let credentials = try fromEnvironment() { return credentials }
        if let webIdentity = WebIdentityCredentials(environment: environment, region: region) {
            return try webIdentity.fetch(transport)
        }
        if let credentials = try fromProfile() { return credentials }
        var tried = ["environment variables AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: not set",
                     "web identity: AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN not set",
                     "profile \(SharedConfigFiles(environment: environment).profile): not in the shared credentials or config file"]
        if let container = ContainerCredentials(environment: environment) {
            return try container.fetch(transport)
        }
        tried.append("container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI not set")
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() != "true" {
            switch InstanceMetadata(environment: environment).fetch(transport) {
            case .success(let credentials): return credentials
            case .failure(let why): tried.append("EC2 instance metadata: \(why)")
            }
        } else {
            tried.append("EC2 instance metadata: AWS_EC2_METADATA_DISABLED=true")
        }
        throw Diagnostic(
            category: .connection, code: "no-aws-credentials", message: "no AWS credentials found",
            notes: tried.map { "tried \($0)" },
            hint: "export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), set AWS_PROFILE, or run where CodeBuild, ECS or EC2 provides a role")
    }

    private func fromEnvironment() throws(Diagnostic) -> AWSCredentials? {
        let id = environment["AWS_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment["AWS_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        switch (id, secret) {
        case (nil, nil): return nil
        case (let id?, let secret?):
            return AWSCredentials(
                accessKeyId: id, secretAccessKey: secret,
                sessionToken: environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }, source: "environment variables")
        default:
            throw Diagnostic(
                category: .input, code: "bad-aws-credentials",
                message: "only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set",
                hint: "set both, or neither to use a profile or the role of the machine")
        }
    }

    private func fromProfile() throws(Diagnostic) -> AWSCredentials? {
        let files = SharedConfigFiles(environment: environment)
        guard let (values, paths) = files.settings() else {
            guard files.profileNamed else { return nil }
            throw Diagnostic(
                category: .input, code: "no-aws-profile",
                message: "AWS profile '\(files.profile)' is in neither \(files.credentialsPath) nor \(files.configPath)",
                hint: "create it with `aws configure --profile \(files.profile)`, or set AWS_PROFILE to an existing profile")
        }
        let source = "profile \(files.profile) in \(paths.joined(separator: " and "))"
        if let id = values["aws_access_key_id"], let secret = values["aws_secret_access_key"] {
            return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: values["aws_session_token"], source: source)
        }
        if let unsupported = ["credential_process", "sso_session", "sso_start_url", "role_arn", "web_identity_token_file"]
            .first(where: { values[$0] != nil })
        {
            throw Diagnostic(
                category: .input, code: "unsupported-aws-profile",
                message: "\(source) uses \(unsupported), which Slipway does not resolve itself",
                hint: "export the credentials first: eval \"$(aws configure export-credentials --profile \(files.profile) --format env)\"")
        }
        // A profile with only a region (or other settings) lets the chain go on to the machine's role.
        return nil
    }
}

/// Reads the JSON that the container and instance metadata endpoints answer with.
func temporaryCredentials(_ body: Data, source: String) -> AWSCredentials? {
    guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
          let id = object["AccessKeyId"] as? String, let secret = object["SecretAccessKey"] as? String
    else { return nil }
    let expiration = (object["Expiration"] as? String).flatMap { try? Date.ISO8601FormatStyle().parse($0) }
    return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: object["Token"] as? String,
                          expiration: expiration, source: source)
}
