import AWS
import Diagnostics
import Foundation
import Testing
import TestSupport

@Suite("Secrets Manager against moto")
struct SecretsManagerTests {
    static let secretJSON = #"{"username": "etl", "password": "p@ss'word$1", "host": "db.example.com", "port": 5439, "dbName": "dev"}"#

    static func client(_ environment: [String: String], retry: RetryPolicy = RetryPolicy(baseDelay: 0.01)) throws -> SecretsManager {
        SecretsManager(client: try AWSClient.resolve(environment: environment).with(retry: retry))
    }

    static func problem(_ body: () throws -> Void) -> Diagnostic? {
        do {
            try body()
            return nil
        } catch {
            return error as? Diagnostic
        }
    }

    @Test("GetSecretValue returns the secret's JSON text, by name and by ARN")
    func fetches() throws {
        let moto = try Moto.open.get()
        let name = "slipway/\(UUID().uuidString)"
        let arn = try moto.boto3("""
            sm = boto3.client('secretsmanager', endpoint_url=endpoint)
            print(sm.create_secret(Name='\(name)', SecretString='''\(Self.secretJSON)''')['ARN'], end='')
            """)
        let secrets = try Self.client(moto.environment)
        #expect(try secrets.secretString(id: name) == Self.secretJSON)
        #expect(try secrets.secretString(id: arn) == Self.secretJSON)
        #expect(SecretsManager.region(ofSecret: arn) == "us-east-1")
        #expect(SecretsManager.region(ofSecret: name) == nil)
    }

    @Test("a wrong secret id is an input error that names the id and the region")
    func wrongId() throws {
        let secrets = try Self.client(try Moto.open.get().environment)
        let problem = Self.problem { _ = try secrets.secretString(id: "no/such/secret") }
        #expect(problem?.category == .input)
        #expect(problem?.code == "ResourceNotFoundException")
        #expect(problem?.message == "secret 'no/such/secret' was not found (Secrets Manager GetSecretValue)")
        #expect(problem?.hint?.contains("us-east-1") == true)
    }

    @Test("moto's IAM accepts the signature; a user without the permission is denied, wrong keys are rejected")
    func iam() throws {
        let (moto, identities) = try Moto.iam.get()
        func environment(_ key: [String]) -> [String: String] {
            moto.environment.merging(["AWS_ACCESS_KEY_ID": key[0], "AWS_SECRET_ACCESS_KEY": key[1]]) { $1 }
        }
        let text = try Self.client(environment(identities.reader)).secretString(id: identities.secretArn)
        #expect(text.contains("iam-guarded"))

        let denied = Self.problem { _ = try Self.client(environment(identities.nobody)).secretString(id: identities.secretArn) }
        // AWS documents AccessDeniedException for Secrets Manager; moto answers with the generic AccessDenied.
        #expect(["AccessDeniedException", "AccessDenied"].contains(denied?.code ?? ""))
        #expect(denied?.message.hasPrefix("AWS denied Secrets Manager GetSecretValue on secret 'arn:aws:secretsmanager:") == true)
        #expect(denied?.category == .connection)
        #expect(denied?.hint?.contains("secretsmanager:GetSecretValue") == true)
        #expect(denied?.notes.contains { $0.hasPrefix("credentials: \(identities.nobody[0]) from environment variables") } == true)

        let badSecret = Self.problem { _ = try Self.client(environment([identities.reader[0], "wrong"])).secretString(id: identities.secretArn) }
        #expect(badSecret?.message == "AWS did not accept the credentials for Secrets Manager GetSecretValue")
        #expect(badSecret.map { "\($0)".contains(identities.reader[1]) } == false)
        let unknownKey = Self.problem { _ = try Self.client(environment(["AKIDUNKNOWN", "x"])).secretString(id: identities.secretArn) }
        #expect(unknownKey?.message == "AWS did not accept the credentials for Secrets Manager GetSecretValue")
    }

    @Test("throttling is retried with backoff until it passes, and reported after the last attempt")
    func throttling() throws {
        let moto = try Moto.open.get()
        let name = "slipway/\(UUID().uuidString)"
        try moto.boto3("boto3.client('secretsmanager', endpoint_url=endpoint).create_secret(Name='\(name)', SecretString='{}')")
        let throttles = Locked(2)
        let proxy = try LocalHTTPServer { request in
            let throttle = throttles.withLock { remaining in
                remaining -= 1
                return remaining >= 0
            }
            return throttle ? .init(status: 400, json: #"{"__type": "ThrottlingException", "message": "Rate exceeded"}"#)
                : LocalHTTPServer.forward(request, to: moto.url)
        }
        defer { proxy.stop() }
        let environment = moto.environment.merging(["AWS_ENDPOINT_URL_SECRETS_MANAGER": proxy.url]) { $1 }
        #expect(try Self.client(environment).secretString(id: name) == "{}")
        #expect(proxy.requests.count == 3)

        throttles.withLock { $0 = 10 }
        let problem = Self.problem {
            _ = try Self.client(environment, retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.01)).secretString(id: name)
        }
        #expect(problem?.message == "AWS kept throttling Secrets Manager GetSecretValue after 2 attempts")
        #expect(proxy.requests.count == 5)
    }

    @Test("expired credentials are reported as expired, whether the client or AWS notices")
    func expired() throws {
        let moto = try Moto.open.get()
        var client = try AWSClient.resolve(environment: moto.environment)
        client.credentials.expiration = Date(timeIntervalSinceNow: -60)
        let local = Self.problem { _ = try SecretsManager(client: client).secretString(id: "any") }
        #expect(local?.message == "the AWS credentials for Secrets Manager GetSecretValue have expired")

        let expiring = try LocalHTTPServer { _ in
            .init(status: 400, json: #"{"__type": "ExpiredTokenException", "message": "The security token included in the request is expired"}"#)
        }
        defer { expiring.stop() }
        let remote = Self.problem {
            _ = try Self.client(moto.environment.merging(["AWS_ENDPOINT_URL": expiring.url]) { $1 }).secretString(id: "any")
        }
        #expect(remote?.code == "ExpiredTokenException")
        #expect(remote?.hint?.contains("refresh") == true)
        #expect(expiring.requests.count == 1)
    }

    @Test("an endpoint that does not answer gives up within the timeout")
    func unreachable() throws {
        let closed = try MotoServer.freePort()
        let environment = try Moto.open.get().environment.merging(["AWS_ENDPOINT_URL": "http://127.0.0.1:\(closed)"]) { $1 }
        let problem = Self.problem {
            _ = try Self.client(environment, retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.01, timeout: 2)).secretString(id: "x")
        }
        #expect(problem?.category == .connection)
        #expect(problem?.message.hasPrefix("Secrets Manager GetSecretValue got no answer") == true)
    }
}

@Suite("AWS calls and SIGINT")
struct InterruptTests {
    @Test("an interrupted run stops calling AWS at once, but cleanup with an uninterruptible client still runs")
    func interrupted() throws {
        let moto = try Moto.open.get()
        let name = "slipway/\(UUID().uuidString)"
        try moto.boto3("boto3.client('secretsmanager', endpoint_url=endpoint).create_secret(Name='\(name)', SecretString='{}')")
        let interrupted = try AWSClient.resolve(environment: moto.environment, isInterrupted: { true })
        do throws(Diagnostic) {
            _ = try SecretsManager(client: interrupted).secretString(id: name)
            Issue.record("no error")
        } catch {
            #expect(error.code == "Interrupted")
        }
        #expect(try SecretsManager(client: interrupted.uninterruptible()).secretString(id: name) == "{}")
    }
}
