@testable import AWS
import Foundation
import Testing

/// AWS's Signature Version 4 test suite, as published in awslabs/aws-c-auth `tests/aws-signing-test-suite/v4`
/// (each case's `request.txt`, `context.json` and `header-signature.txt`): credentials AKIDEXAMPLE, region
/// us-east-1, service `service`, 2015-08-30T12:36:00Z.
@Suite("SigV4 signing")
struct SigV4SignerTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var method = "GET"
        var path = "/"
        var query: [(name: String, value: String)] = []
        var headers: [(name: String, value: String)] = []
        var body = ""
        var token: String?
        var normalize = true
        var signBody = false
        var signature: String
        var testDescription: String { name }
    }

    static let unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    static let stsToken = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="

    static let vectors: [Vector] = [
        Vector(name: "get-vanilla", signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector(name: "get-vanilla-query-order-key-case", query: [("Param2", "value2"), ("Param1", "value1")],
               signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        Vector(name: "get-vanilla-query-order-encoded", query: [("Param-3", "Value3"), ("Param", "Value2"), ("\u{1234}", "Value1")],
               signature: "371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac"),
        Vector(name: "get-vanilla-query-unreserved", query: [(unreserved, unreserved)],
               signature: "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
        Vector(name: "get-vanilla-utf8-query", query: [("\u{1234}", "bar")],
               signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        Vector(name: "get-unreserved", path: "/" + unreserved,
               signature: "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
        Vector(name: "get-utf8", path: "/\u{1234}", signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        Vector(name: "get-space-normalized", path: "/example space/",
               signature: "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
        Vector(name: "get-relative-relative-normalized", path: "/example1/example2/../..",
               signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector(name: "get-slashes-normalized", path: "//example//",
               signature: "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84"),
        Vector(name: "get-slash-pointless-dot-normalized", path: "/./example",
               signature: "ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5"),
        Vector(name: "get-slashes-unnormalized", path: "//example//", normalize: false,
               signature: "87cca117541a147f6df867677d98a7d80dff226d2bfca9e4ffa899665623c7e5"),
        Vector(name: "get-relative-unnormalized", path: "/example/..", normalize: false,
               signature: "eca7ead57bb5aa5c8e28007acd4ff04e1ff9a0ff3b237ec1554a184887ff9282"),
        Vector(name: "get-header-key-duplicate", headers: [("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1")],
               signature: "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
        Vector(name: "get-header-value-multiline", headers: [("My-Header1", "value1\n  value2\n     value3")],
               signature: "cfd34249e4b1c8d6b91ef74165d41a32e5fab3306300901bb65a51a73575eefd"),
        Vector(name: "get-header-value-order",
               headers: [("My-Header1", "value4"), ("My-Header1", "value1"), ("My-Header1", "value3"), ("My-Header1", "value2")],
               signature: "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"),
        Vector(name: "get-header-value-trim", headers: [("My-Header1", " value1"), ("My-Header2", " \"a   b   c\"")],
               signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        Vector(name: "post-vanilla", method: "POST", signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        Vector(name: "post-vanilla-query", method: "POST", query: [("Param1", "value1")],
               signature: "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
        Vector(name: "post-header-key-sort", method: "POST", headers: [("My-Header1", "value1")],
               signature: "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"),
        Vector(name: "post-header-value-case", method: "POST", headers: [("My-Header1", "VALUE1")],
               signature: "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"),
        Vector(name: "post-x-www-form-urlencoded", method: "POST",
               headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Content-Length", "13")],
               body: "Param1=value1", signBody: true,
               signature: "d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b"),
        Vector(name: "post-x-www-form-urlencoded-parameters", method: "POST",
               headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), ("Content-Length", "13")],
               body: "Param1=value1", signBody: true,
               signature: "328d1b9eaadca9f5818ef05e8392801e091653bafec24fcab71e7344e7f51422"),
        Vector(name: "get-vanilla-with-session-token", token: "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267",
               signature: "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8"),
        Vector(name: "post-sts-header-before", method: "POST", token: stsToken,
               signature: "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"),
    ]

    static let date = Date(timeIntervalSince1970: 1_440_938_160)

    static func signed(_ vector: Vector) -> HTTPRequest {
        let credentials = AWSCredentials(
            accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            sessionToken: vector.token, source: "the test suite")
        var signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "service")
        signer.normalizesPath = vector.normalize
        var request = HTTPRequest(
            method: vector.method, endpoint: Endpoint(host: "example.amazonaws.com"), path: vector.path,
            query: vector.query, headers: vector.headers, body: Data(vector.body.utf8))
        signer.sign(&request, at: date, signsPayloadHeader: vector.signBody)
        return request
    }

    @Test("each published case gets AWS's signature", arguments: vectors)
    func signature(_ vector: Vector) {
        let authorization = Self.signed(vector).header("authorization") ?? ""
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders="))
        #expect(authorization.hasSuffix(", Signature=\(vector.signature)"))
    }

    @Test("the canonical request matches the suite's header-canonical-request.txt")
    func canonicalRequest() {
        let vector = Self.vectors[1]
        let request = Self.signed(vector)
        let signer = SigV4Signer(credentials: AWSCredentials(accessKeyId: "a", secretAccessKey: "b", source: "test"),
                                 region: "us-east-1", service: "service")
        let canonical = signer.canonicalRequest(
            HTTPRequest(method: "GET", endpoint: request.endpoint, query: vector.query,
                        headers: request.headers.filter { $0.name != "Authorization" }),
            payloadHash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(canonical.text == """
            GET
            /
            Param1=value1&Param2=value2
            host:example.amazonaws.com
            x-amz-date:20150830T123600Z

            host;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
    }

    @Test("the session token is signed, and the Host header carries a non-default port")
    func tokenAndPort() {
        var request = Self.signed(Self.vectors[23])
        #expect(request.header("x-amz-security-token") == "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267")
        #expect(request.header("authorization")?.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,") == true)
        request = HTTPRequest(method: "GET", endpoint: Endpoint(url: "http://127.0.0.1:5000/")!)
        SigV4Signer(credentials: AWSCredentials(accessKeyId: "a", secretAccessKey: "b", source: "test"),
                    region: "us-east-1", service: "s3").sign(&request, at: Self.date)
        #expect(request.header("host") == "127.0.0.1:5000")
        #expect(request.header("x-amz-content-sha256") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
