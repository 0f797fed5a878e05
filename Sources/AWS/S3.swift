import Diagnostics
import Foundation

/// S3's PutObject, GetObject, DeleteObject and ListObjectsV2 (REST). Buckets are addressed virtual-hosted on AWS's own
/// endpoints and path-style on a configured one (moto, MinIO, a VPC endpoint URL), as the SDKs do by default.
public struct S3: Sendable {
    public var client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// The S3 endpoint the environment configures (`AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL`); nil for AWS's own.
    public static func configuredEndpoint(environment: [String: String]) -> Endpoint? {
        guard let (endpoint, custom) = AWSService.s3.endpoint(region: "us-east-1", environment: environment), custom
        else { return nil }
        return endpoint
    }

    public func putObject(bucket: String, key: String, body: Data, contentType: String = "text/csv") throws(Diagnostic) {
        _ = try call("PutObject", "PUT", bucket: bucket, key: key, body: body, headers: [("Content-Type", contentType)],
                     permission: "s3:PutObject")
    }

    /// The object's bytes; nil when the bucket has no object with that key.
    public func getObject(bucket: String, key: String) throws(Diagnostic) -> Data? {
        do {
            return try send("GetObject", "GET", bucket: bucket, key: key).body
        } catch {
            if error.code == "NoSuchKey" { return nil }
            throw diagnostic(error, bucket: bucket, key: key, permission: "s3:GetObject")
        }
    }

    public func deleteObject(bucket: String, key: String) throws(Diagnostic) {
        _ = try call("DeleteObject", "DELETE", bucket: bucket, key: key, permission: "s3:DeleteObject")
    }

    /// Every key under `prefix`, following continuation tokens; `pageSize` keys per request (S3's default 1,000).
    public func listObjects(bucket: String, prefix: String, pageSize: Int? = nil) throws(Diagnostic) -> [String] {
        var keys: [String] = []
        var token: String?
        repeat {
            var query = [(name: "list-type", value: "2"), (name: "prefix", value: prefix)]
            if let pageSize { query.append((name: "max-keys", value: String(pageSize))) }
            if let token { query.append((name: "continuation-token", value: token)) }
            let xml = try call("ListObjectsV2", "GET", bucket: bucket, key: "", query: query, permission: "s3:ListBucket").text
            keys += XMLText.all("Key", in: xml)
            token = XMLText.first("IsTruncated", in: xml) == "true" ? XMLText.first("NextContinuationToken", in: xml) : nil
        } while token != nil
        return keys
    }

    /// The endpoint and path for an object: `bucket.s3.region.amazonaws.com/key`, or `endpoint/bucket/key`.
    func location(bucket: String, key: String) -> (Endpoint, String) {
        var (endpoint, custom) = client.endpoint(.s3)
        // Names with dots break the wildcard certificate of virtual-hosted URLs.
        if !custom, !bucket.contains(".") {
            endpoint.host = "\(bucket).\(endpoint.host)"
            return (endpoint, "/" + key)
        }
        return (endpoint, "/\(bucket)/" + key)
    }

    private func call(
        _ operation: String, _ method: String, bucket: String, key: String, query: [(name: String, value: String)] = [],
        body: Data = Data(), headers: [(name: String, value: String)] = [], permission: String
    ) throws(Diagnostic) -> HTTPResponse {
        do {
            return try send(operation, method, bucket: bucket, key: key, query: query, body: body, headers: headers)
        } catch {
            throw diagnostic(error, bucket: bucket, key: key, permission: permission)
        }
    }

    private func send(
        _ operation: String, _ method: String, bucket: String, key: String, query: [(name: String, value: String)] = [],
        body: Data = Data(), headers: [(name: String, value: String)] = []
    ) throws(AWSError) -> HTTPResponse {
        let (endpoint, path) = location(bucket: bucket, key: key)
        let request = HTTPRequest(method: method, endpoint: endpoint, path: path, query: query, headers: headers, body: body)
        return try client.send(request, service: .s3, operation: operation)
    }

    private func diagnostic(_ error: AWSError, bucket: String, key: String, permission: String) -> Diagnostic {
        let resource = key.isEmpty ? "bucket '\(bucket)'" : "s3://\(bucket)/\(key)"
        return error.diagnostic(
            resource: resource, permission: "\(permission) on arn:aws:s3:::\(bucket)\(key.isEmpty ? "" : "/*")",
            credentials: client.credentials,
            notFound: "check the test-data bucket (TEST_DATA_S3_BUCKET or testDataS3Bucket) and the region (\(client.region))")
    }
}
