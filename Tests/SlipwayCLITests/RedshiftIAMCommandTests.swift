import Foundation
import Testing
import TestSupport

/// `jdbc:redshift:iam://` end to end: slipway asks moto's GetClusterCredentials (through a proxy that keeps the
/// answer) and logs in with what it got; the temporary password never shows.
@Suite struct RedshiftIAMCommandTests {
    static let server = Result { try PasswordServer(role: "etl", password: "not-the-iam-one") }

    @Test("the temporary user is used to log in and the temporary password is never printed")
    func temporaryCredentials() throws {
        let moto = try MotoServer.shared.get()
        let cluster = "cli-\(UUID().uuidString.prefix(8).lowercased())"
        try moto.boto3("""
            boto3.client('redshift', endpoint_url=endpoint).create_cluster(ClusterIdentifier='\(cluster)', NodeType='ra3.xlplus',
                MasterUsername='admin', MasterUserPassword='Admin-Passw0rd', DBName='dev')
            """)
        let answers = Locked<[String]>([])
        let proxy = try LocalHTTPServer { request in
            let response = LocalHTTPServer.forward(request, to: moto.url)
            answers.withLock { $0.append(String(decoding: response.body, as: UTF8.self)) }
            return response
        }
        defer { proxy.stop() }
        let project = try ExampleProject(.postgresql)
        let port = try Self.server.get().port
        let run = try project.run(
            ["info", "--verbose", "--url", "jdbc:redshift:iam://127.0.0.1:\(port)/dev?ClusterID=\(cluster)&DbUser=etl&ssl=false"],
            environment: moto.environment.merging(["AWS_ENDPOINT_URL_REDSHIFT": proxy.url]) { $1 })
        // moto's user IAM:etl does not exist on this server: the login fails, with the temporary user's name.
        #expect(run.status == 5, "\(run.output)")
        #expect(run.stderr.contains("IAM:etl"), "\(run.output)")
        let answer = try #require(answers.withLock { $0 }.first)
        let password = try #require(answer.components(separatedBy: "<DbPassword>").dropFirst().first?.components(separatedBy: "</DbPassword>").first)
        #expect(password.count >= 32)
        #expect(!run.output.contains(password))
    }

    @Test("--ephemeral ignores an IAM URL without asking AWS")
    func ephemeral() throws {
        let closed = try MotoServer.freePort()
        let run = try ExampleProject(.postgresql).run(
            ["info", "--ephemeral", "--url", "jdbc:redshift:iam://etl:us-east-1/dev?DbUser=etl"],
            environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:\(closed)", "AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b"])
        #expect(run.status == 0, "\(run.output)")
    }
}
