import AWS
import Configuration
import Diagnostics
import Foundation
import RedshiftEmulation
import TargetDatabase

extension Workflow {
    /// Where emulated Redshift's COPY reads `s3://` objects: the `s3Root` folder when one is set, else the S3
    /// endpoint the environment configures (`AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL`: moto, MinIO, LocalStack),
    /// else nowhere (a COPY from S3 then says what to set).
    static func s3Objects(
        _ settings: Settings, workingDirectory: String, environment: [String: String], interruption: Interruption
    ) -> S3Objects? {
        if let root = settings.s3Root {
            return S3Objects(S3Folder(root: root.hasPrefix("/") ? root : workingDirectory + "/" + root))
        }
        guard let endpoint = S3.configuredEndpoint(environment: environment) else { return nil }
        return S3Objects(S3EndpointObjects(
            endpoint: endpoint, client: LazyAWSClient(environment: environment, interruption: interruption)))
    }
}

/// The objects of an S3 endpoint, through the AWS module's S3 client; credentials are resolved at the first COPY.
struct S3EndpointObjects: S3ObjectSource {
    let endpoint: Endpoint
    let client: LazyAWSClient

    var place: String { "the S3 endpoint \(endpoint)" }

    func keys(bucket: String, prefix: String) throws(S3Copy.Unsupported) -> [String] {
        do {
            return try S3(client: client.get()).listObjects(bucket: bucket, prefix: prefix)
        } catch {
            throw Self.unsupported(error)
        }
    }

    func object(bucket: String, key: String) throws(S3Copy.Unsupported) -> Data? {
        do {
            return try S3(client: client.get()).getObject(bucket: bucket, key: key)
        } catch {
            throw Self.unsupported(error)
        }
    }

    func put(bucket: String, key: String, data: Data) throws(S3Copy.Unsupported) {
        do {
            try S3(client: client.get()).putObject(bucket: bucket, key: key, body: data, contentType: "application/octet-stream")
        } catch {
            throw Self.unsupported(error)
        }
    }

    func missingHint(bucket: String, key: String) -> String {
        "upload it (aws --endpoint-url \(endpoint) s3 cp FILE s3://\(bucket)/\(key)), or set --s3-root DIR to read "
            + "a local folder instead"
    }

    private static func unsupported(_ diagnostic: Diagnostic) -> S3Copy.Unsupported {
        S3Copy.Unsupported(
            message: ([diagnostic.message] + diagnostic.notes).joined(separator: "; "),
            hint: diagnostic.hint ?? "check the S3 endpoint and the credentials")
    }
}
