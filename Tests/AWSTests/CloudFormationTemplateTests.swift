import Foundation
import Testing

/// `cloudformation/slipway-pipeline.yml`: cfn-lint (PyPI `cfn-lint`, which `.ci/run` installs) finds nothing, and
/// the pipeline is the story's with Slipway: its stages, variables, approval and least-privilege roles.
@Suite("CloudFormation template")
struct CloudFormationTemplateTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let template = root + "/cloudformation/slipway-pipeline.yml"

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    /// The template as JSON, decoded by cfn-lint's own reader (which knows the `!Ref` short forms).
    static func decoded() throws -> [String: Any] {
        let script = "import json, sys\nfrom cfnlint.decode import decode\ntemplate, problems = decode(sys.argv[1])\n"
            + "print(json.dumps(template))"
        let (status, output) = try run(["python3", "-c", script, template])
        guard status == 0, let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: output])
        }
        return object
    }

    @Test("cfn-lint reports no errors and no warnings")
    func lint() throws {
        let (status, output) = try Self.run(["cfn-lint", "--format", "parseable", Self.template])
        #expect(status != 127, "cfn-lint is not installed: pip install cfn-lint")
        #expect(status == 0 && output.isEmpty, "\(output)")
    }

    @Test("source, bundle, test, plan and approval, prod; the bundle reaches every later stage")
    func stages() throws {
        let resources = try #require(try Self.decoded()["Resources"] as? [String: Any])
        let pipeline = try #require((resources["Pipeline"] as? [String: Any])?["Properties"] as? [String: Any])
        let stages = try #require(pipeline["Stages"] as? [[String: Any]])
        #expect(stages.map { $0["Name"] as? String } == ["Source", "Build", "Test", "Approval", "Prod"])
        let actions = stages.dropFirst().flatMap { $0["Actions"] as? [[String: Any]] ?? [] }
        let inputs = actions.map { (($0["InputArtifacts"] as? [[String: Any]]) ?? []).compactMap { $0["Name"] as? String } }
        #expect(inputs == [["SourceOutput"], ["SourceOutput", "SlipwayBundle"], ["SourceOutput", "SlipwayBundle"], [], ["SourceOutput", "SlipwayBundle"]])
        let approval = try #require(actions.first { ($0["ActionTypeId"] as? [String: Any])?["Category"] as? String == "Approval" })
        let configuration = try #require(approval["Configuration"] as? [String: Any])
        #expect((configuration["CustomData"] as? String)?.contains("#{Plan.DRY_RUN_SQL}") == true)
        // CodePipeline limits an approval's CustomData to 500 characters; the plan exports at most 380 of SQL.
        #expect(((configuration["CustomData"] as? String)?.count ?? 999) + 380 - "#{Plan.DRY_RUN_SQL}".count <= 500)
        let plan = try #require((resources["PlanProject"] as? [String: Any])?["Properties"] as? [String: Any])
        let buildSpec = try #require((plan["Source"] as? [String: Any])?["BuildSpec"] as? String)
        #expect(buildSpec.contains("exported-variables: [DRY_RUN_SQL, PLAN_URL]"))
        #expect(buildSpec.contains("slipway migrate --dry-run-output"))
    }

    @Test("the test project gets the story's variables, TEST_* from the test secret")
    func variables() throws {
        let resources = try #require(try Self.decoded()["Resources"] as? [String: Any])
        let project = try #require((resources["TestProject"] as? [String: Any])?["Properties"] as? [String: Any])
        let variables = try #require((project["Environment"] as? [String: Any])?["EnvironmentVariables"] as? [[String: Any]])
        #expect(variables.compactMap { $0["Name"] as? String } == [
            "TEST_HOST", "TEST_PORT", "TEST_DB_NAME", "TEST_JDBC_USER", "TEST_JDBC_PASSWORD", "TEST_REDSHIFT_IAM_ROLE", "TEST_DATA_S3_BUCKET",
        ])
        let fromSecrets = variables.filter { $0["Type"] as? String == "SECRETS_MANAGER" }
        #expect(fromSecrets.count == 5)
        #expect(fromSecrets.allSatisfy { "\($0["Value"] ?? "")".contains("${TestClusterSecret}:") })
    }

    @Test("no role is allowed every action, and secrets are readable only by the stages that use them")
    func leastPrivilege() throws {
        let resources = try #require(try Self.decoded()["Resources"] as? [String: Any])
        var secretReaders: [String: String] = [:]
        for (name, resource) in resources {
            let properties = (resource as? [String: Any])?["Properties"] as? [String: Any] ?? [:]
            let documents = ((properties["Policies"] as? [[String: Any]]) ?? []).compactMap { $0["PolicyDocument"] as? [String: Any] }
                + [properties["PolicyDocument"] as? [String: Any]].compactMap { $0 }
            for statement in documents.flatMap({ $0["Statement"] as? [[String: Any]] ?? [] }) {
                let actions = (statement["Action"] as? [String]) ?? [statement["Action"] as? String].compactMap { $0 }
                #expect(!actions.contains { $0 == "*" || $0.hasSuffix(":*") }, "\(name): \(actions)")
                if actions.contains("secretsmanager:GetSecretValue") { secretReaders[name] = "\(statement["Resource"] ?? "")" }
            }
        }
        #expect(secretReaders.keys.sorted() == ["ProdBuildRole", "TestBuildRole"])
        #expect(secretReaders["TestBuildRole"]?.contains("TestClusterSecret") == true)
        #expect(secretReaders["ProdBuildRole"]?.contains("ProdClusterSecret") == true)
    }
}
