@testable import AWS
import Diagnostics
import Foundation
import Testing
import TestSupport

@Suite("AWS credential chain")
struct CredentialChainTests {
    /// No files, no metadata service: only what a test puts in.
    static let bare = ["HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true"]

    static func resolve(_ environment: [String: String]) throws(Diagnostic) -> AWSCredentials {
        try CredentialChain(environment: bare.merging(environment) { $1 }, transport: HTTPTransport { false }).resolve()
    }

    static func problem(_ environment: [String: String]) -> Diagnostic? {
        do {
            _ = try resolve(environment)
            return nil
        } catch {
            return error
        }
    }

    static let credentialsJSON = #"{"AccessKeyId": "ASIACONTAINER", "SecretAccessKey": "container-secret", "Token": "container-token", "Expiration": "2999-01-01T00:00:00Z"}"#

    @Test("environment variables come first, with the session token")
    func environment() throws {
        let credentials = try Self.resolve([
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token",
            "AWS_PROFILE": "unused", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:1/",
        ])
        #expect(credentials == AWSCredentials(accessKeyId: "AKIDENV", secretAccessKey: "env-secret", sessionToken: "env-token",
                                              source: "environment variables"))
        #expect(!credentials.description.contains("env-secret"))
    }

    @Test("a key id without its secret is an error, not a fall-through")
    func halfEnvironment() {
        #expect(Self.problem(["AWS_ACCESS_KEY_ID": "AKIDENV"])?.code == "bad-aws-credentials")
    }

    @Test("AWS_PROFILE picks a profile; the credentials file wins over the config file, and the region comes from config")
    func profiles() throws {
        let directory = try TemporaryDirectory()
        let credentialsFile = try directory.write("credentials", """
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = default-secret
            # a comment
            [ci]
            aws_access_key_id=AKIDCI
            aws_secret_access_key = ci-secret
            aws_session_token = ci-token
            """)
        let configFile = try directory.write("config", """
            [default]
            region = us-east-2
            [profile ci]
            region = eu-west-1
            aws_access_key_id = AKIDFROMCONFIG
            s3 =
              addressing_style = path
            """)
        let environment = ["AWS_SHARED_CREDENTIALS_FILE": credentialsFile, "AWS_CONFIG_FILE": configFile]
        let ci = try Self.resolve(environment.merging(["AWS_PROFILE": "ci"]) { $1 })
        #expect(ci.accessKeyId == "AKIDCI" && ci.secretAccessKey == "ci-secret" && ci.sessionToken == "ci-token")
        #expect(ci.source == "profile ci in \(credentialsFile) and \(configFile)")
        let chain = CredentialChain(environment: Self.bare.merging(environment) { $1 }.merging(["AWS_PROFILE": "ci"]) { $1 },
                                    transport: HTTPTransport { false })
        #expect(chain.region == "eu-west-1")
        #expect(try Self.resolve(environment).accessKeyId == "AKIDDEFAULT")
        #expect(CredentialChain(environment: Self.bare.merging(environment) { $1 }.merging(["AWS_REGION": "ap-south-1"]) { $1 },
                                transport: HTTPTransport { false }).region == "ap-south-1")
    }

    @Test("a named profile that exists nowhere, or one that needs the AWS CLI, is an error that says what to do")
    func badProfiles() throws {
        let directory = try TemporaryDirectory()
        let configFile = try directory.write("config", "[profile sso]\nsso_session = corp\nregion = eu-west-1\n")
        let missing = Self.problem(["AWS_PROFILE": "nope", "AWS_CONFIG_FILE": configFile])
        #expect(missing?.code == "no-aws-profile")
        #expect(missing?.message.contains("'nope'") == true)
        let sso = Self.problem(["AWS_PROFILE": "sso", "AWS_CONFIG_FILE": configFile])
        #expect(sso?.code == "unsupported-aws-profile")
        #expect(sso?.hint?.contains("aws configure export-credentials --profile sso") == true)
    }

    @Test("the container endpoint (FULL_URI) is asked with the authorization token, from the variable or the file")
    func container() throws {
        let server = try LocalHTTPServer { request in
            request.headers["authorization"] == "Bearer tok" ? .init(json: Self.credentialsJSON) : .init(status: 403)
        }
        defer { server.stop() }
        let credentials = try Self.resolve([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/v1/credentials?id=7", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer tok",
        ])
        #expect(credentials.accessKeyId == "ASIACONTAINER" && credentials.sessionToken == "container-token")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 32_472_144_000))
        #expect(server.requests.first?.path == "/v1/credentials?id=7")

        let directory = try TemporaryDirectory()
        let tokenFile = try directory.write("token", "Bearer tok\n")
        #expect(try Self.resolve(["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
                                  "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer wrong"]).accessKeyId == "ASIACONTAINER")
        let refused = Self.problem(["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url])
        #expect(refused?.message.contains("answered HTTP 403") == true)
    }

    @Test("CodeBuild's RELATIVE_URI means 169.254.170.2, and plain http elsewhere than loopback is refused")
    func containerAddresses() {
        #expect(ContainerCredentials(environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"])?.url
            == "http://169.254.170.2/v2/credentials/abc")
        let problem = Self.problem(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://credentials.example.com/creds"])
        #expect(problem?.category == .input)
        #expect(problem?.message.contains("nor http to loopback") == true)
    }

    @Test("expired credentials from the container endpoint are an error naming the time")
    func expired() throws {
        let server = try LocalHTTPServer { _ in
            .init(json: #"{"AccessKeyId": "ASIAOLD", "SecretAccessKey": "old", "Token": "t", "Expiration": "2020-01-01T00:00:00Z"}"#)
        }
        defer { server.stop() }
        let problem = Self.problem(["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url])
        #expect(problem?.code == "ExpiredToken")
        #expect(problem?.message.contains("expired at 2020-01-01") == true)
    }

    @Test("EC2 instance metadata is asked the IMDSv2 way: a session token first, then the role and its credentials")
    func instanceMetadata() throws {
        let server = try LocalHTTPServer { request in
            switch (request.method, request.path) {
            case ("PUT", "/latest/api/token") where request.headers["x-aws-ec2-metadata-token-ttl-seconds"] == "21600":
                return .init(body: Data("imds-token".utf8))
            case (_, _) where request.headers["x-aws-ec2-metadata-token"] != "imds-token":
                return .init(status: 401)
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                return .init(body: Data("build-role\n".utf8))
            case ("GET", "/latest/meta-data/iam/security-credentials/build-role"):
                return .init(json: #"{"Code": "Success", "AccessKeyId": "ASIAEC2", "SecretAccessKey": "s", "Token": "t", "Expiration": "2999-01-01T00:00:00Z"}"#)
            default:
                return .init(status: 404)
            }
        }
        defer { server.stop() }
        let credentials = try Self.resolve(["AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url])
        #expect(credentials.accessKeyId == "ASIAEC2")
        #expect(credentials.source == "EC2 instance metadata (role build-role)")
        #expect(server.requests.map(\.method) == ["PUT", "GET", "GET"])
    }

    @Test("with nothing configured the error lists every source tried")
    func nothing() throws {
        let closed = try MotoServer.freePort()
        let problem = Self.problem(["AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:\(closed)"])
        #expect(problem?.code == "no-aws-credentials")
        #expect(problem?.category == .connection)
        #expect(problem?.notes.count == 5)
        #expect(problem?.notes.last?.hasPrefix("tried EC2 instance metadata: no answer") == true)
    }

    @Test("a web identity token is exchanged for role credentials with moto's STS AssumeRoleWithWebIdentity")
    func webIdentity() throws {
        let moto = try Moto.open.get()
        let directory = try TemporaryDirectory()
        let tokenFile = try directory.write("token", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl\n")
        let credentials = try Self.resolve([
            "AWS_ENDPOINT_URL": moto.url, "AWS_REGION": "us-east-1", "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
            "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/ci", "AWS_ROLE_SESSION_NAME": "build-42",
        ])
        #expect(credentials.source == "web identity (role arn:aws:iam::123456789012:role/ci)")
        #expect(credentials.sessionToken?.isEmpty == false)
        #expect(try #require(credentials.expiration) > Date())
        let missing = Self.problem([
            "AWS_ENDPOINT_URL": moto.url, "AWS_WEB_IDENTITY_TOKEN_FILE": directory.path + "/none", "AWS_ROLE_ARN": "arn:aws:iam::1:role/x",
        ])
        #expect(missing?.code == "web-identity" && missing?.category == .input)
    }

    @Test("AWS_ENDPOINT_URL_<SERVICE> wins over AWS_ENDPOINT_URL, which wins over AWS's default")
    func endpoints() {
        let environment = ["AWS_ENDPOINT_URL": "http://127.0.0.1:4566", "AWS_ENDPOINT_URL_SECRETS_MANAGER": "https://sm.internal:8443/aws/"]
        #expect(AWSService.secretsManager.endpoint(region: "eu-west-1", environment: environment)?.endpoint.description == "https://sm.internal:8443/aws")
        #expect(AWSService.s3.endpoint(region: "eu-west-1", environment: environment)?.endpoint.description == "http://127.0.0.1:4566")
        #expect(AWSService.redshiftServerless.endpoint(region: "eu-west-1", environment: [:])?.endpoint.description
            == "https://redshift-serverless.eu-west-1.amazonaws.com")
        #expect(AWSService.s3.endpoint(region: "eu-west-1", environment: environment.merging(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]) { $1 })?
            .custom == false)
    }
}
