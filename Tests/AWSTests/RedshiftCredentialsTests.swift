import AWS
import Diagnostics
import Foundation
import Testing
import TestSupport

@Suite("Redshift credentials against moto")
struct RedshiftCredentialsTests {
    /// A provisioned cluster in moto, created once.
    static let cluster: Result<String, any Error> = Result {
        let name = "etl-\(UUID().uuidString.prefix(8).lowercased())"
        try Moto.open.get().boto3("""
            boto3.client('redshift', endpoint_url=endpoint).create_cluster(ClusterIdentifier='\(name)', NodeType='ra3.xlplus',
                MasterUsername='admin', MasterUserPassword='Admin-Passw0rd', DBName='dev')
            """)
        return name
    }

    static func redshift() throws -> RedshiftCredentials {
        RedshiftCredentials(client: try AWSClient.resolve(environment: try Moto.open.get().environment))
    }

    @Test("DescribeClusters gives the endpoint, GetClusterCredentials a temporary user and password")
    func cluster() throws {
        let cluster = try Self.cluster.get()
        let redshift = try Self.redshift()
        let endpoint = try redshift.clusterEndpoint(cluster: cluster)
        #expect(endpoint.host.hasPrefix("\(cluster).") && endpoint.host.hasSuffix(".us-east-1.redshift.amazonaws.com"))
        #expect(endpoint.port == 5439)
        let created = try redshift.clusterCredentials(cluster: cluster, dbUser: "loader", dbName: "dev", autoCreate: true, dbGroups: ["etl", "readers"])
        // GetClusterCredentials documents the user as returned prefixed: IAM: for existing users, IAMA: for AutoCreate.
        #expect(created.user == "IAMA:loader")
        #expect(created.password.count >= 32)
        #expect(!created.description.contains(created.password))
        let expires = try #require(created.expiration).timeIntervalSinceNow
        #expect(expires > 800 && expires <= 900)
        #expect(try redshift.clusterCredentials(cluster: cluster, dbUser: "loader", dbName: nil, autoCreate: false, dbGroups: []).user == "IAM:loader")
    }

    @Test("an unknown cluster is an input error naming it")
    func unknownCluster() throws {
        do {
            _ = try Self.redshift().clusterCredentials(cluster: "nope", dbUser: "u", dbName: "dev", autoCreate: false, dbGroups: [])
            Issue.record("no error")
        } catch let error as Diagnostic {
            #expect(error.code == "ClusterNotFound" && error.category == .input)
            #expect(error.message == "cluster 'nope' was not found (Redshift GetClusterCredentials)")
        }
    }

    /// moto has no Redshift Serverless: a local endpoint answers in the shape the API reference documents.
    @Test("Redshift Serverless GetCredentials sends the workgroup and database, and reads user, password and expiry")
    func serverless() throws {
        let server = try LocalHTTPServer { request in
            guard request.headers["x-amz-target"] == "RedshiftServerless.GetCredentials",
                  request.headers["authorization"]?.contains("/us-east-1/redshift-serverless/aws4_request") == true
            else { return .init(status: 400, json: #"{"__type": "ValidationException", "message": "bad request"}"#) }
            return .init(json: #"{"dbUser": "IAMR:ci-role", "dbPassword": "serverless-temp", "expiration": 1.9E9, "nextRefreshTime": 1.9E9}"#)
        }
        defer { server.stop() }
        let environment = try Moto.open.get().environment.merging(["AWS_ENDPOINT_URL_REDSHIFT_SERVERLESS": server.url]) { $1 }
        let credentials = try RedshiftCredentials(client: AWSClient.resolve(environment: environment))
            .serverlessCredentials(workgroup: "default-wg", dbName: "dev")
        #expect(credentials == RedshiftCredentials.Credentials(
            user: "IAMR:ci-role", password: "serverless-temp", expiration: Date(timeIntervalSince1970: 1.9e9)))
        let body = try JSONSerialization.jsonObject(with: try #require(server.requests.first).body) as? [String: Any]
        #expect(body?["workgroupName"] as? String == "default-wg" && body?["dbName"] as? String == "dev")
        #expect(body?["durationSeconds"] as? Int == 900)
    }
}
