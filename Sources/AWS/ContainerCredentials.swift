import Diagnostics
import Foundation

/// The credentials endpoint that CodeBuild, ECS and EKS Pod Identity give a container:
/// `http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`, or `AWS_CONTAINER_CREDENTIALS_FULL_URI`
/// with `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or `AWS_CONTAINER_AUTHORIZATION_TOKEN` as its Authorization.
struct ContainerCredentials {
    var url: String
    var authorizationToken: String?
    var tokenFile: String?

    /// Nil when neither variable is set.
    init?(environment: [String: String]) {
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            url = "http://169.254.170.2" + (relative.hasPrefix("/") ? relative : "/" + relative)
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty {
            url = full
            tokenFile = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"]
            authorizationToken = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
        } else {
            return nil
        }
    }

    /// Plain HTTP is allowed only to loopback and the ECS and EKS link-local addresses, as AWS's SDKs do: a
    /// token must not travel unencrypted across a network.
    static func allows(_ endpoint: Endpoint) -> Bool {
        if endpoint.scheme == "https" { return true }
        let host = endpoint.host.lowercased()
        return host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "169.254.170.2"
            || host == "169.254.170.23" || host == "fd00:ec2::23"
    }

    func fetch(_ transport: HTTPTransport) throws(Diagnostic) -> AWSCredentials {
        guard let components = URLComponents(string: url), let endpoint = Endpoint(url: url), Self.allows(endpoint) else {
            throw failure("is not an https URL, nor http to loopback or the ECS/EKS address", category: .input)
        }
        var request = HTTPRequest(method: "GET", endpoint: Endpoint(scheme: endpoint.scheme, host: endpoint.host, port: endpoint.port),
                                  path: components.path.isEmpty ? "/" : components.path,
                                  query: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        if let token = try authorization() { request.headers.append(("Authorization", token)) }
        let response: HTTPResponse
        do {
            response = try transport.send(request, timeout: 5)
        } catch {
            throw failure("did not answer: \(error)", category: .connection)
        }
        guard response.status == 200 else { throw failure("answered HTTP \(response.status)", category: .connection) }
        guard let credentials = temporaryCredentials(response.body, source: "the container credentials endpoint") else {
            throw failure("answered with no AccessKeyId and SecretAccessKey", category: .connection)
        }
        if let expiration = credentials.expiration, expiration <= Date() {
            throw Diagnostic(
                category: .connection, code: "ExpiredToken",
                message: "the credentials from the container credentials endpoint expired at \(expiration)",
                notes: ["endpoint: \(url)"], hint: "the endpoint should hand out fresh credentials; check the task's or project's role")
        }
        return credentials
    }

    private func authorization() throws(Diagnostic) -> String? {
        guard let tokenFile else { return authorizationToken }
        guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
            throw failure("needs the token in \(tokenFile) (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE), which cannot be read", category: .input)
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func failure(_ what: String, category: Diagnostic.Category) -> Diagnostic {
        Diagnostic(
            category: category, code: "container-credentials",
            message: "the container credentials endpoint \(url) \(what)",
            hint: "check AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
    }
}
