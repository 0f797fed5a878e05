import Foundation

/// An AWS access key pair and, for temporary credentials, the session token and when they expire.
///
/// The description names the access key id and the source only: the secret key and the token are secrets.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var sessionToken: String?
    public var expiration: Date?
    /// Where they came from, for messages: `environment variables`, `profile ci in /root/.aws/credentials`, ….
    public var source: String

    public init(
        accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil,
        source: String
    ) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.source = source
    }

    public var description: String { "AWS credentials \(accessKeyId) from \(source)" }

    /// The values a redactor must hide.
    public var secrets: [String] { [secretAccessKey] + [sessionToken].compactMap { $0 } }
}
