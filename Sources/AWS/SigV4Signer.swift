import Crypto
import Foundation

/// Signs requests with AWS Signature Version 4 (header form), as AWS's signing test suite describes it.
public struct SigV4Signer: Sendable {
    public var credentials: AWSCredentials
    public var region: String
    /// The signing name, e.g. `secretsmanager`, `s3`, `redshift`, `redshift-serverless`.
    public var service: String

    /// Whether dot segments and empty segments are removed from the path before signing: every service but S3.
    public var normalizesPath: Bool

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
        normalizesPath = service != "s3"
    }

    /// S3 wants the payload's hash in a header.
    var isS3: Bool { service == "s3" }

    /// Adds `Host`, `X-Amz-Date`, `X-Amz-Security-Token` (temporary credentials), `X-Amz-Content-Sha256`
    /// (S3, or `signsPayloadHeader`) and `Authorization` to the request.
    public func sign(_ request: inout HTTPRequest, at date: Date, signsPayloadHeader: Bool = false) {
        let stamp = AmzDate(date)
        let payloadHash = Self.hex(SHA256.hash(data: request.body))
        if request.header("host") == nil { request.headers.append(("Host", request.endpoint.hostHeader)) }
        request.headers.append(("X-Amz-Date", stamp.dateTime))
        if let token = credentials.sessionToken { request.headers.append(("X-Amz-Security-Token", token)) }
        if isS3 || signsPayloadHeader { request.headers.append(("X-Amz-Content-Sha256", payloadHash)) }
        let (canonical, signedHeaders) = canonicalRequest(request, payloadHash: payloadHash)
        let scope = "\(stamp.date)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", stamp.dateTime, scope, Self.hex(SHA256.hash(data: Data(canonical.utf8)))]
            .joined(separator: "\n")
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: signingKey(date: stamp.date)))
        request.headers.append((
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"))
    }

    /// The canonical request and the signed header names (every header given is signed).
    func canonicalRequest(_ request: HTTPRequest, payloadHash: String) -> (text: String, signedHeaders: String) {
        var values: [String: [String]] = [:]
        for (name, value) in request.headers {
            values[name.lowercased(), default: []].append(Self.trimmed(value))
        }
        let names = values.keys.sorted()
        let headerLines = names.map { "\($0):\(values[$0, default: []].joined(separator: ","))\n" }.joined()
        let path = normalizesPath ? URIEncoding.normalizedPath(request.path) : request.path
        let text = [
            request.method, URIEncoding.encode(request.endpoint.basePath + path, keepingSlashes: true),
            URIEncoding.canonicalQuery(request.query), headerLines, names.joined(separator: ";"), payloadHash,
        ].joined(separator: "\n")
        return (text, names.joined(separator: ";"))
    }

    private func signingKey(date: String) -> SymmetricKey {
        let secret = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        let key = [date, region, service, "aws4_request"].reduce(secret) { key, part in
            SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// Leading and trailing white space removed, inner runs (folded lines too) made one space.
    private static func trimmed(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        bytes.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    }

    static func hex(_ digest: SHA256.Digest) -> String { hex(Array(digest)) }
    static func hex(_ code: HMAC<SHA256>.MAC) -> String { hex(Array(code)) }
}

/// `20150830T123600Z` and `20150830`, in UTC.
struct AmzDate {
    let dateTime: String
    let date: String

    init(_ instant: Date) {
        var seconds = time_t(instant.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        date = "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))"
        dateTime = "\(date)T\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
    }
}
