import Diagnostics
import Foundation

/// Temporary database credentials from Redshift (GetClusterCredentials, DescribeClusters: query protocol) and
/// Redshift Serverless (GetCredentials: JSON protocol).
public struct RedshiftCredentials: Sendable {
    /// A database user and its temporary password; the description never shows the password.
    public struct Credentials: Sendable, Equatable, CustomStringConvertible {
        public var user: String
        public var password: String
        public var expiration: Date?
        public var description: String { "temporary credentials for \(user)" }

        public init(user: String, password: String, expiration: Date?) {
            self.user = user
            self.password = password
            self.expiration = expiration
        }
    }

    public var client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// GetClusterCredentials: a password for `dbUser` valid `durationSeconds` (900 to 3600).
    public func clusterCredentials(
        cluster: String, dbUser: String, dbName: String?, autoCreate: Bool, dbGroups: [String], durationSeconds: Int = 900
    ) throws(Diagnostic) -> Credentials {
        var parameters = [("ClusterIdentifier", cluster), ("DbUser", dbUser), ("DurationSeconds", String(durationSeconds))]
        if let dbName { parameters.append(("DbName", dbName)) }
        if autoCreate { parameters.append(("AutoCreate", "true")) }
        parameters += dbGroups.enumerated().map { ("DbGroups.member.\($0.offset + 1)", $0.element) }
        let xml = try query("GetClusterCredentials", parameters, cluster: cluster, permission: "redshift:GetClusterCredentials (and redshift:CreateClusterUser, redshift:JoinGroup for AutoCreate and DbGroups)")
        guard let user = XMLText.first("DbUser", in: xml), let password = XMLText.first("DbPassword", in: xml) else {
            throw Diagnostic(category: .connection, code: "bad-aws-answer", message: "GetClusterCredentials answered without DbUser and DbPassword")
        }
        return Credentials(user: user, password: password, expiration: XMLText.first("Expiration", in: xml).flatMap(Self.date))
    }

    /// DescribeClusters: the cluster's endpoint, for `jdbc:redshift:iam://cluster:region/db` URLs.
    public func clusterEndpoint(cluster: String) throws(Diagnostic) -> (host: String, port: Int?) {
        let xml = try query("DescribeClusters", [("ClusterIdentifier", cluster)], cluster: cluster, permission: "redshift:DescribeClusters")
        guard let endpoint = XMLText.first("Endpoint", in: xml), let host = XMLText.first("Address", in: endpoint) else {
            throw Diagnostic(
                category: .connection, code: "no-cluster-endpoint", message: "Redshift cluster '\(cluster)' has no endpoint yet",
                hint: "wait until the cluster is available, or give its endpoint: jdbc:redshift:iam://<endpoint>:5439/db")
        }
        return (host, XMLText.first("Port", in: endpoint).flatMap { Int($0) })
    }

    /// Redshift Serverless GetCredentials: a user mapped from the caller's IAM identity, and its password.
    public func serverlessCredentials(workgroup: String, dbName: String?, durationSeconds: Int = 900) throws(Diagnostic) -> Credentials {
        var body: [String: Any] = ["workgroupName": workgroup, "durationSeconds": durationSeconds]
        if let dbName { body["dbName"] = dbName }
        let request = HTTPRequest(
            method: "POST", endpoint: client.endpoint(.redshiftServerless).endpoint,
            headers: [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "RedshiftServerless.GetCredentials")],
            body: (try? JSONSerialization.data(withJSONObject: body)) ?? Data())
        let response: HTTPResponse
        do {
            response = try client.send(request, service: .redshiftServerless, operation: "GetCredentials")
        } catch {
            throw error.diagnostic(
                resource: "workgroup '\(workgroup)'", permission: "redshift-serverless:GetCredentials", credentials: client.credentials,
                notFound: "check the workgroup name in the URL and the region (\(client.region))")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any],
              let user = object["dbUser"] as? String, let password = object["dbPassword"] as? String
        else {
            throw Diagnostic(category: .connection, code: "bad-aws-answer", message: "GetCredentials answered without dbUser and dbPassword")
        }
        let expiration = (object["expiration"] as? Double).map { Date(timeIntervalSince1970: $0) }
        return Credentials(user: user, password: password, expiration: expiration)
    }

    /// A query-protocol call (form-encoded POST, XML answer) to Redshift.
    private func query(_ action: String, _ parameters: [(String, String)], cluster: String, permission: String) throws(Diagnostic) -> String {
        let form = [("Action", action), ("Version", "2012-12-01")] + parameters
        let request = HTTPRequest(
            method: "POST", endpoint: client.endpoint(.redshift).endpoint,
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Data(form.map { "\(URIEncoding.encode($0.0))=\(URIEncoding.encode($0.1))" }.joined(separator: "&").utf8))
        do {
            return try client.send(request, service: .redshift, operation: action).text
        } catch {
            throw error.diagnostic(
                resource: "cluster '\(cluster)'", permission: permission, credentials: client.credentials,
                notFound: "check the cluster identifier in the URL and the region (\(client.region))")
        }
    }

    private static func date(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle(includingFractionalSeconds: text.contains(".")).parse(text)
    }
}
