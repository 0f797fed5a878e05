import Diagnostics
import Foundation

/// A failed AWS call: AWS's error code and message, or why no answer came.
public struct AWSError: Error, Sendable, CustomStringConvertible {
    /// `Secrets Manager GetSecretValue`, `S3 PutObject`, ….
    public var operation: String
    /// The HTTP status, nil when no answer came.
    public var status: Int?
    /// AWS's code (`ResourceNotFoundException`, `AccessDenied`, …), or `Timeout`, `Unreachable`, `Interrupted`.
    public var code: String
    public var message: String
    public var requestId: String?
    /// How many times the call was sent.
    public var attempts: Int

    public var description: String { "\(operation): \(code): \(message)" }

    /// Codes AWS's SDKs retry with backoff (their "standard" retry mode): throttling and transient faults.
    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ]
    static let transientCodes: Set<String> = ["RequestTimeout", "RequestTimeoutException", "InternalError", "Timeout", "Unreachable"]
    static let expiredCodes: Set<String> = ["ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired"]
    static let rejectedCredentialCodes: Set<String> = [
        "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "InvalidSignatureException",
        "InvalidAccessKeyId", "AuthFailure", "IncompleteSignature", "MissingAuthenticationToken",
    ]
    static let deniedCodes: Set<String> = ["AccessDenied", "AccessDeniedException", "UnauthorizedOperation"]

    var isThrottling: Bool { Self.throttlingCodes.contains(code) || status == 429 }
    var isRetryable: Bool { isThrottling || Self.transientCodes.contains(code) || [500, 502, 503, 504].contains(status ?? 0) }

    /// AWS's error from an answer's headers and JSON or XML body.
    init(operation: String, response: HTTPResponse, attempts: Int) {
        self.operation = operation
        status = response.status
        self.attempts = attempts
        requestId = response.headers["x-amzn-requestid"] ?? response.headers["x-amz-request-id"] ?? XMLText.first("RequestId", in: response.text)
        let json = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        let type = (json?["__type"] as? String) ?? response.headers["x-amzn-errortype"] ?? XMLText.first("Code", in: response.text)
        // `aws.protocols#ResourceNotFoundException` and `ResourceNotFoundException:http://…` both name the code last/first.
        code = type.map { String($0.split(separator: "#").last ?? "").split(separator: ":").first.map(String.init) ?? "" }
            .flatMap { $0.isEmpty ? nil : $0 } ?? "HTTP\(response.status)"
        message = (json?["message"] as? String) ?? (json?["Message"] as? String) ?? XMLText.first("Message", in: response.text)
            ?? "HTTP status \(response.status)"
    }

    init(operation: String, code: String, message: String, attempts: Int) {
        self.operation = operation
        self.code = code
        self.message = message
        self.attempts = attempts
    }

    /// What the user sees: the call, AWS's code and message, who called, and what to do next.
    ///
    /// - Parameters:
    ///   - resource: what the call was about, e.g. `secret 'prod/db'`.
    ///   - permission: the IAM action the call needs, e.g. `secretsmanager:GetSecretValue`.
    ///   - notFound: the hint for a missing resource; such errors are input errors (exit 4), the others
    ///     connection errors (exit 5).
    public func diagnostic(
        resource: String, permission: String, credentials: AWSCredentials?, notFound: String? = nil
    ) -> Diagnostic {
        let who = credentials.map { "\($0.accessKeyId) from \($0.source)" } ?? "no credentials"
        var notes = ["aws: \(code)\(status.map { " (HTTP \($0))" } ?? ""): \(message)", "credentials: \(who)"]
        if let requestId { notes.append("request id: \(requestId)") }
        if attempts > 1 { notes.append("attempts: \(attempts)") }
        let (category, text, hint): (Diagnostic.Category, String, String) =
            if Self.deniedCodes.contains(code) {
                (.connection, "AWS denied \(operation) on \(resource)",
                 "allow \(permission) on \(resource) for these credentials (README, section On AWS, lists each feature's permissions)")
            } else if Self.expiredCodes.contains(code) {
                (.connection, "the AWS credentials for \(operation) have expired",
                 "refresh them (a new session token, `aws sso login`, or a new role session) and run again")
            } else if Self.rejectedCredentialCodes.contains(code) {
                (.connection, "AWS did not accept the credentials for \(operation)",
                 "check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN or the profile they come from")
            } else if isThrottling {
                (.connection, "AWS kept throttling \(operation) after \(attempts) attempts",
                 "run again later, or allow more attempts with AWS_MAX_ATTEMPTS")
            } else if let notFound, status == 400 || status == 404 {
                (.input, "\(resource) was not found (\(operation))", notFound)
            } else if status == nil {
                (.connection, "\(operation) got no answer: \(message)",
                 "check the network, AWS_REGION and AWS_ENDPOINT_URL; timeouts and retries are bounded (AWS_MAX_ATTEMPTS)")
            } else {
                (.connection, "\(operation) failed on \(resource)", "see AWS's message above")
            }
        return Diagnostic(category: category, code: code, message: text, notes: notes, hint: hint)
    }
}

/// The text of elements in AWS's XML answers, without an XML parser (the answers are small and flat).
enum XMLText {
    static func first(_ tag: String, in xml: String) -> String? { all(tag, in: xml).first }

    static func all(_ tag: String, in xml: String) -> [String] {
        var results: [String] = []
        var rest = xml[...]
        while let open = rest.range(of: "<\(tag)>"), let close = rest[open.upperBound...].range(of: "</\(tag)>") {
            results.append(unescape(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return results
    }

    static func unescape(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&#13;", with: "\r").replacingOccurrences(of: "&amp;", with: "&")
    }
}
