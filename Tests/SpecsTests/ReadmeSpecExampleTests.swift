import Foundation
import Testing
@testable import Specs

@Suite struct ReadmeSpecExampleTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md").path

    /// The YAML blocks of the README's "Test specs" section, in order.
    static func yamlBlocks() throws -> [String] {
        let text = try String(contentsOfFile: readme, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "\n## Test specs").dropFirst().first)
            .components(separatedBy: "\n## ").first ?? ""
        return section.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "\n```").first ?? "" }
    }

    @Test("the README's first spec example loads, and writes its SQL as block scalars with a capture")
    func firstExample() throws {
        let first = try #require(try Self.yamlBlocks().first)
        let suite = try SpecLoader.load(text: first, file: "spec/gen_orders.yml")
        let test = try #require(suite.tests.first)
        guard case .capture(let capture) = try #require(test.given.first) else {
            Issue.record("the first step is a capture")
            return
        }
        #expect(capture.names == ["email"])
        #expect(test.then.first?.kind.sqlTexts.first?.captures == ["email"])
        #expect(first.contains("query: |"))
    }

    @Test("the README's shared setup example loads as a _setup.yml")
    func sharedExample() throws {
        let shared = try #require(try Self.yamlBlocks().dropFirst().first)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try shared.write(toFile: directory + "/_setup.yml", atomically: true, encoding: .utf8)
        let loaded = try SpecLoader.loadShared(file: directory + "/_setup.yml")
        #expect(loaded.scope == .suite)
        #expect(loaded.setup.count == 1)
    }
}
