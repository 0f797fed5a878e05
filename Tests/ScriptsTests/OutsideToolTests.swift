import Foundation
import Testing
import TestSupport

/// A test that needs an outside program says which package provides it, and the list scripts/test installs from
/// names every program the suite runs.
@Suite struct OutsideToolTests {
    @Test("a listed program that is missing fails naming its Debian package")
    func missingNamesPackage() throws {
        let directory = try TemporaryDirectory()
        let list = try directory.write("test-tools", "# kind what package\nprogram /nonexistent/xmllint libxml2-utils\n")
        let error = #expect(throws: OutsideTool.Missing.self) { try OutsideTool.require("/nonexistent/xmllint", list: list) }
        #expect(error?.description.hasPrefix("/nonexistent/xmllint is not installed: install the package libxml2-utils") == true)
    }

    @Test("a program the list does not name fails even when it is installed, so scripts/test would install it")
    func unlistedFails() throws {
        let directory = try TemporaryDirectory()
        let list = try directory.write("test-tools", "program /usr/bin/xmllint libxml2-utils\n")
        let error = #expect(throws: OutsideTool.Missing.self) { try OutsideTool.require("/bin/sh", list: list) }
        #expect(error?.description == "/bin/sh is not listed in \(list): add `program /bin/sh <package>` so scripts/test installs it")
    }

    @Test("a listed program that is installed is returned as it is")
    func installedProgram() throws {
        let directory = try TemporaryDirectory()
        let list = try directory.write("test-tools", "program /bin/sh dash\n")
        #expect(try OutsideTool.require("/bin/sh", list: list) == "/bin/sh")
    }

    @Test("scripts/install-missing finds nothing to install once scripts/test has run")
    func nothingLeftToInstall() throws {
        let script = URL(fileURLWithPath: OutsideTool.listPath).deletingLastPathComponent().appendingPathComponent("install-missing")
        let run = try OutsideTool.run(script.path, ["test", "--check"])
        #expect(run.status == 0 && run.output.isEmpty, "\(run.output)")
    }
}
