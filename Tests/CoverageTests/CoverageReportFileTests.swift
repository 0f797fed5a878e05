import Coverage
import Foundation
import Testing
import TestSupport

/// The Cobertura and LCOV files, read by real consumers: xmllint against Cobertura's DTD, PyPI's pycobertura,
/// and Debian's lcov and genhtml, each given the migration file the lines belong to.
@Suite struct CoverageReportFileTests {
    static let migration = CoverageFixture.classify
    static let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Schemas").path

    /// A project holding the migration, with both reports written for one call that took the THEN branch.
    static func project() throws -> (TemporaryDirectory, CoverageReport) {
        let directory = try TemporaryDirectory()
        try directory.write("db/migration/R__classify.sql", migration)
        let report = CoverageReport([RoutineCoverageTests.profile(then: 1, otherwise: 0)])
        try directory.write("cobertura.xml", CoberturaXML.render(report, sourceRoot: directory.path, timestamp: 1_764_547_200_000))
        try directory.write("lcov.info", LCOVText.render(report))
        return (directory, report)
    }

    @Test("the Cobertura file is valid against coverage-04.dtd")
    func coberturaValidates() throws {
        let (directory, _) = try Self.project()
        let xmllint = try OutsideTool.require("/usr/bin/xmllint")
        let run = try OutsideTool.run(xmllint, ["--noout", "--nonet", "--dtdvalid", Self.schemas + "/coverage-04.dtd", directory.path + "/cobertura.xml"])
        #expect(run.status == 0, "\(run.output)")
    }

    @Test("pycobertura reads the Cobertura file: the migration's lines, 3 of 4 covered, line 6 missed")
    func pycoberturaReads() throws {
        let (directory, _) = try Self.project()
        let pycobertura = try Self.onPath("pycobertura", package: "pycobertura")
        let json = try OutsideTool.run(pycobertura, ["show", "--format", "json", directory.path + "/cobertura.xml"])
        try #require(json.status == 0, "\(json.output)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let files = try #require(parsed["files"] as? [[String: Any]])
        #expect(files.first?["Filename"] as? String == "db/migration/R__classify.sql", "\(json.output)")
        // `~3`: the IF on line 3 took one of its two branches.
        #expect(files.first?["Missing"] as? String == "~3, 6", "\(json.output)")
        #expect(files.first?["Stmts"] as? Int == 4, "\(json.output)")
        let html = try OutsideTool.run(pycobertura, [
            "show", "--format", "html", "--source", directory.path, "--output", directory.path + "/cobertura.html",
            directory.path + "/cobertura.xml",
        ])
        try #require(html.status == 0, "\(html.output)")
        let page = try String(contentsOfFile: directory.path + "/cobertura.html", encoding: .utf8)
        #expect(page.contains("RAISE NOTICE &#39;negative&#39;") || page.contains("RAISE NOTICE 'negative'"), "\(page)")
    }

    @Test("lcov summarises the LCOV file and genhtml renders the migration with its lines")
    func lcovReads() throws {
        let (directory, _) = try Self.project()
        let lcov = try OutsideTool.require("/usr/bin/lcov")
        let summary = try OutsideTool.run(lcov, ["--summary", directory.path + "/lcov.info", "--rc", "lcov_branch_coverage=1"])
        #expect(summary.status == 0, "\(summary.output)")
        #expect(summary.output.contains("lines......: 75.0% (3 of 4 lines)"), "\(summary.output)")
        #expect(summary.output.contains("functions..: 100.0% (1 of 1 function)"), "\(summary.output)")
        #expect(summary.output.contains("branches...: 50.0% (1 of 2 branches)"), "\(summary.output)")
        let genhtml = try OutsideTool.require("/usr/bin/genhtml")
        let render = try OutsideTool.run("/bin/sh", [
            "-c", "cd \"$1\" && \"$2\" --branch-coverage --prefix \"$1\" --quiet -o html lcov.info", "sh", directory.path, genhtml,
        ])
        try #require(render.status == 0, "\(render.output)")
        let page = try String(contentsOfFile: directory.path + "/html/db/migration/R__classify.sql.gcov.html", encoding: .utf8)
        #expect(page.contains("INSERT INTO t VALUES (x);"), "\(page)")
        #expect(page.contains("lineNoCov"), "line 6 is shown as not run")
    }

    /// A PyPI program from `scripts/test-tools`, looked up on PATH (scripts/test puts its virtual environment first).
    static func onPath(_ program: String, package: String) throws -> String {
        let listed = try String(contentsOfFile: OutsideTool.listPath, encoding: .utf8)
            .split(separator: "\n").contains { $0.split(whereSeparator: \.isWhitespace) == ["pypi-program", Substring(program), Substring(package)] }
        try #require(listed, "\(program) is not listed in scripts/test-tools")
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(program)" }
            .first(where: FileManager.default.isExecutableFile)
        return try #require(path, "\(program) is not on PATH: scripts/test installs \(package) from PyPI")
    }
}
