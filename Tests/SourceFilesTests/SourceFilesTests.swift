import Foundation
import SourceFiles
import Testing
import TestSupport

@Suite struct SourceFilesTests {
    @Test("lists regular files below a folder in UTF-8 byte order, skipping hidden folders")
    func listing() throws {
        let directory = try TemporaryDirectory()
        // Names past 15 bytes are stored apart from the string itself; these share a long prefix.
        let long = ["long_migration_name_10.sql", "long_migration_name_1.sql", "long_migration_name_1-x.sql"]
        let short = ["b.sql", "a/Z.sql", "a/b/c.sql", "ä.sql", "B.sql", ".hidden/x.sql", "a/.keep", "é/1.sql"]
        for path in short + long {
            try directory.write(path, "x")
        }
        let sortedLong = ["long_migration_name_1-x.sql", "long_migration_name_1.sql", "long_migration_name_10.sql"]
        #expect(SourceFiles.list(under: directory.path).files
            == ["B.sql", "a/.keep", "a/Z.sql", "a/b/c.sql", "b.sql"] + sortedLong + ["ä.sql", "é/1.sql"])
        #expect(SourceFiles.list(under: directory.path, skipHiddenFiles: true).files
            == ["B.sql", "a/Z.sql", "a/b/c.sql", "b.sql"] + sortedLong + ["ä.sql", "é/1.sql"])
        #expect(SourceFiles.list(under: directory.path + "/missing").files.isEmpty)
    }

    @Test("follows symbolic links to files and folders, and a link back up does not loop")
    func symbolicLinks() throws {
        let directory = try TemporaryDirectory()
        let shared = try TemporaryDirectory()
        try directory.write("own/V1__a.sql", "x")
        try shared.write("V2__b.sql", "x")
        let fileManager = FileManager.default
        try fileManager.createSymbolicLink(atPath: directory.path + "/own/shared", withDestinationPath: shared.path)
        try fileManager.createSymbolicLink(atPath: directory.path + "/own/up", withDestinationPath: directory.path)
        try fileManager.createSymbolicLink(
            atPath: directory.path + "/own/V3__link.sql", withDestinationPath: shared.path + "/V2__b.sql")
        try fileManager.createSymbolicLink(atPath: directory.path + "/own/dangling.sql", withDestinationPath: directory.path + "/gone")
        let listing = SourceFiles.list(under: directory.path)
        #expect(listing.files == ["own/V1__a.sql", "own/V3__link.sql", "own/shared/V2__b.sql"])
        #expect(listing.unreadable.map(\.path) == ["own/dangling.sql"])
    }

    @Test("reads a file's exact bytes, also beyond one read's chunk; nil for a folder or a missing file")
    func reading() throws {
        let directory = try TemporaryDirectory()
        var generator = SeededGenerator(seed: 7)
        let large = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let path = try directory.write("large.bin", bytes: large)
        #expect(SourceFiles.bytes(atPath: path) == large)
        #expect(SourceFiles.bytes(atPath: try directory.write("empty.sql", "")) == [])
        #expect(SourceFiles.bytes(atPath: directory.path) == nil)
        #expect(SourceFiles.bytes(atPath: directory.path + "/missing.sql") == nil)
    }

    @Test("a FIFO is refused at once, never waited on, and listed as unreadable with why")
    func fifo() throws {
        let directory = try TemporaryDirectory()
        #expect(mkfifo(directory.path + "/V1__pipe.sql", 0o644) == 0)
        let failure = #expect(throws: SourceFiles.ReadFailure.self) {
            try SourceFiles.contents(atPath: directory.path + "/V1__pipe.sql")
        }
        #expect(failure?.reason == "it is a FIFO (named pipe), not a regular file")
        let unreadable = SourceFiles.list(under: directory.path).unreadable
        #expect(unreadable.map(\.path) == ["V1__pipe.sql"])
        #expect(unreadable.map(\.reason) == ["it is a FIFO (named pipe), not a regular file"])
    }
}
