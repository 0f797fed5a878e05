import Diagnostics
import Foundation

/// EKS (IRSA) and other OIDC set-ups: `AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN` are exchanged for role
/// credentials with STS AssumeRoleWithWebIdentity, a call that is not signed (the token is the proof).
struct WebIdentityCredentials {
    var tokenFile: String
    var roleArn: String
    var sessionName: String
    var endpoint: Endpoint?

    /// Nil unless both variables are set.
    init?(environment: [String: String], region: String?) {
        guard let tokenFile = environment["AWS_WEB_IDENTITY_TOKEN_FILE"], !tokenFile.isEmpty,
              let roleArn = environment["AWS_ROLE_ARN"], !roleArn.isEmpty
        else { return nil }
        self.tokenFile = tokenFile
        self.roleArn = roleArn
        sessionName = environment["AWS_ROLE_SESSION_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? "slipway"
        // STS has a global endpoint for when no region is known.
        endpoint = AWSService.sts.endpoint(region: region ?? "us-east-1", environment: environment)?.endpoint
        if region == nil, environment["AWS_ENDPOINT_URL_STS"] == nil, environment["AWS_ENDPOINT_URL"] == nil {
            endpoint = Endpoint(host: "sts.amazonaws.com")
        }
    }

    func fetch(_ transport: HTTPTransport) throws(Diagnostic) -> AWSCredentials {
        guard let token = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
            throw failure("cannot read the token file \(tokenFile) (AWS_WEB_IDENTITY_TOKEN_FILE)", category: .input)
        }
        guard let endpoint else { throw failure("has no valid STS endpoint (AWS_ENDPOINT_URL_STS)", category: .input) }
        let form = [("Action", "AssumeRoleWithWebIdentity"), ("Version", "2011-06-15"), ("RoleArn", roleArn),
                    ("RoleSessionName", sessionName), ("WebIdentityToken", token.trimmingCharacters(in: .whitespacesAndNewlines))]
        let request = HTTPRequest(
            method: "POST", endpoint: endpoint, headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Data(form.map { "\(URIEncoding.encode($0.0))=\(URIEncoding.encode($0.1))" }.joined(separator: "&").utf8))
        let response: HTTPResponse
        do {
            response = try transport.send(request, timeout: 10)
        } catch {
            throw failure("got no answer from \(endpoint): \(error)", category: .connection)
        }
        guard response.status == 200, let credentials = XMLText.first("Credentials", in: response.text),
              let id = XMLText.first("AccessKeyId", in: credentials), let secret = XMLText.first("SecretAccessKey", in: credentials)
        else {
            let error = AWSError(operation: "STS AssumeRoleWithWebIdentity", response: response, attempts: 1)
            throw failure("was refused: \(error.code): \(error.message)", category: .connection)
        }
        return AWSCredentials(
            accessKeyId: id, secretAccessKey: secret, sessionToken: XMLText.first("SessionToken", in: credentials),
            expiration: XMLText.first("Expiration", in: credentials).flatMap { try? Date.ISO8601FormatStyle(includingFractionalSeconds: $0.contains(".")).parse($0) },
            source: "web identity (role \(roleArn))")
    }

    private func failure(_ what: String, category: Diagnostic.Category) -> Diagnostic {
        Diagnostic(
            category: category, code: "web-identity", message: "assuming role \(roleArn) with a web identity token \(what)",
            hint: "check AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE and the role's trust policy (sts:AssumeRoleWithWebIdentity)")
    }
}
