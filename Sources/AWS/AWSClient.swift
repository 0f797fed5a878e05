import Diagnostics
import Foundation

/// Signed calls to AWS for one region and one set of credentials, retried with backoff on throttling and
/// transient faults; every wait is bounded and notices an interrupt.
public struct AWSClient: Sendable {
    public var region: String
    public var credentials: AWSCredentials
    public var environment: [String: String]
    public var retry: RetryPolicy
    var transport: HTTPTransport

    public init(
        region: String, credentials: AWSCredentials, environment: [String: String], retry: RetryPolicy? = nil,
        isInterrupted: @escaping @Sendable () -> Bool = { false }
    ) {
        self.region = region
        self.credentials = credentials
        self.environment = environment
        self.retry = retry ?? .standard(environment: environment)
        transport = HTTPTransport(isInterrupted: isInterrupted)
    }

    /// A client with the region and credentials the environment gives (``Region``, ``CredentialChain``).
    ///
    /// - Parameter region: a region known from elsewhere (an ARN, a `jdbc:redshift:iam://` URL); it wins.
    public static func resolve(
        environment: [String: String], region: String? = nil, isInterrupted: @escaping @Sendable () -> Bool = { false }
    ) throws(Diagnostic) -> AWSClient {
        let transport = HTTPTransport(isInterrupted: isInterrupted)
        let chain = CredentialChain(environment: environment, transport: transport)
        let credentials = try chain.resolve()
        guard let region = region ?? chain.region else {
            throw Diagnostic(
                category: .input, code: "no-aws-region", message: "no AWS region is configured",
                hint: "set AWS_REGION (or AWS_DEFAULT_REGION, or region in the AWS profile)")
        }
        return AWSClient(region: region, credentials: credentials, environment: environment, isInterrupted: isInterrupted)
    }

    /// Where `service` is called, and whether it was configured (custom endpoints use path-style S3 URLs).
    public func endpoint(_ service: AWSService) -> (endpoint: Endpoint, custom: Bool) {
        service.endpoint(region: region, environment: environment) ?? (Endpoint(host: "\(service.endpointPrefix).\(region).amazonaws.com"), false)
    }

    /// Signs and sends `request`, retrying throttling and transient faults; a non-2xx answer is an ``AWSError``.
    public func send(_ request: HTTPRequest, service: AWSService, operation: String) throws(AWSError) -> HTTPResponse {
        let name = "\(service.displayName) \(operation)"
        if let expiration = credentials.expiration, expiration <= Date() {
            throw AWSError(operation: name, code: "ExpiredToken",
                           message: "the credentials from \(credentials.source) expired at \(expiration)", attempts: 0)
        }
        let signer = SigV4Signer(credentials: credentials, region: region, service: service.signingName)
        var attempt = 0
        while true {
            attempt += 1
            var signed = request
            signer.sign(&signed, at: Date())
            let failure: AWSError
            do {
                let response = try transport.send(signed, timeout: retry.timeout)
                if (200..<300).contains(response.status) { return response }
                failure = AWSError(operation: name, response: response, attempts: attempt)
            } catch {
                switch error {
                case .interrupted:
                    throw AWSError(operation: name, code: "Interrupted", message: "interrupted", attempts: attempt)
                case .timedOut:
                    failure = AWSError(operation: name, code: "Timeout", message: "no answer from \(signed.endpoint) within \(retry.timeout) s", attempts: attempt)
                case .unreachable(let why):
                    failure = AWSError(operation: name, code: "Unreachable", message: "\(signed.endpoint): \(why)", attempts: attempt)
                }
            }
            guard failure.isRetryable, attempt < retry.maxAttempts,
                  pause(retry.delay(after: attempt), isInterrupted: transport.isInterrupted)
            else { throw failure }
        }
    }
}

extension AWSClient {
    /// The same client, deaf to interrupts: for the cleanup that must still run after a SIGINT (removing a staged
    /// fixture). Its waits stay bounded by the timeout and retries; a second SIGINT exits at once.
    public func uninterruptible() -> AWSClient {
        var copy = self
        copy.transport = HTTPTransport { false }
        return copy
    }

    /// The same client with another retry policy.
    public func with(retry: RetryPolicy) -> AWSClient {
        var copy = self
        copy.retry = retry
        return copy
    }
}
