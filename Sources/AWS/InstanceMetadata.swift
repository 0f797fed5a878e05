import Foundation

/// EC2 instance metadata, version 2: a session token from `PUT /latest/api/token`, then the role's name and
/// its credentials under `/latest/meta-data/iam/security-credentials/`.
struct InstanceMetadata {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    var endpoint: Endpoint?
    /// Seconds per request: short, since off EC2 nothing answers (AWS_METADATA_SERVICE_TIMEOUT, default 1).
    var timeout: Double

    init(environment: [String: String]) {
        endpoint = Endpoint(url: environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? "http://169.254.169.254")
        timeout = environment["AWS_METADATA_SERVICE_TIMEOUT"].flatMap(Double.init) ?? 1
    }

    func fetch(_ transport: HTTPTransport) -> Result<AWSCredentials, Unavailable> {
        guard let endpoint else { return .failure(Unavailable(description: "AWS_EC2_METADATA_SERVICE_ENDPOINT is not an http(s) URL")) }
        let base = "/latest/meta-data/iam/security-credentials/"
        do {
            let token = try call(transport, HTTPRequest(
                method: "PUT", endpoint: endpoint, path: "/latest/api/token",
                headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")]))
            let header = [(name: "X-aws-ec2-metadata-token", value: token.text)]
            let roles = try call(transport, HTTPRequest(method: "GET", endpoint: endpoint, path: base, headers: header))
            guard let role = roles.text.split(whereSeparator: \.isNewline).first.map(String.init) else {
                return .failure(Unavailable(description: "the instance has no IAM role"))
            }
            let answer = try call(transport, HTTPRequest(method: "GET", endpoint: endpoint, path: base + role, headers: header))
            guard let credentials = temporaryCredentials(answer.body, source: "EC2 instance metadata (role \(role))") else {
                return .failure(Unavailable(description: "role \(role) has no AccessKeyId and SecretAccessKey"))
            }
            return .success(credentials)
        } catch {
            return .failure(error)
        }
    }

    private func call(_ transport: HTTPTransport, _ request: HTTPRequest) throws(Unavailable) -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try transport.send(request, timeout: timeout)
        } catch {
            throw Unavailable(description: "no answer from \(request.endpoint) within \(timeout) s")
        }
        guard response.status == 200 else {
            throw Unavailable(description: "\(request.method) \(request.path) answered HTTP \(response.status)")
        }
        return response
    }
}
