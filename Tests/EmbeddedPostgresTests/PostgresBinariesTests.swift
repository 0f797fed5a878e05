import Diagnostics
import EmbeddedPostgres
import Foundation
import Testing

@Suite struct PostgresBinariesTests {
    @Test("finds initdb and postgres and reads their version")
    func locatesInstalledServer() throws {
        let binaries = try ServerFixture.binaries()
        #expect(FileManager.default.isExecutableFile(atPath: "\(binaries.directory)/initdb"))
        #expect(FileManager.default.isExecutableFile(atPath: "\(binaries.directory)/postgres"))
        let parts = binaries.version.split(separator: ".")
        #expect(parts.count == 2 && parts.allSatisfy { Int($0) != nil }, "version \(binaries.version)")
    }

    @Test("SLIPWAY_PG_BIN wins over every other place")
    func explicitDirectoryWins() throws {
        let found = try ServerFixture.binaries()
        let explicit = try PostgresBinaries.locate(environment: ["SLIPWAY_PG_BIN": found.directory, "PATH": ""])
        #expect(explicit == found)
    }

    @Test("SLIPWAY_PG_BIN without a server is a connection diagnostic with a hint")
    func explicitDirectoryWithoutServer() throws {
        let empty = try ServerFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let error = #expect(throws: Diagnostic.self) {
            try PostgresBinaries.locate(environment: ["SLIPWAY_PG_BIN": empty])
        }
        #expect(error?.category == .connection)
        #expect(error?.message.contains(empty) == true)
        #expect(error?.hint != nil)
    }
}
