import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Reports and dry-run files on a disk that fills up: each file is complete or absent, and the run exits 74.
@Suite(.enabled(if: getuid() == 0, "mounting a small tmpfs needs root (CI runs as root)"))
struct FullDiskTests {
    /// Every file in `directory`, hidden ones too, by name and size.
    static func files(in directory: String) throws -> [String: Int] {
        var files: [String: Int] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            files[name] = try FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size] as? Int
        }
        return files
    }

    /// A spec of `count` passing tests, so that its report is larger than the space left.
    static func manyTests(_ count: Int) -> String {
        "suite: many\ntests:\n" + (1...count).map { "  - name: test number \($0) of many\n    then:\n      - query: SELECT 1\n        rows: [[1]]\n" }.joined()
    }

    @Test("test --report-dir on a full disk leaves no report, not even an empty one, and exits 74", arguments: [0, 8192])
    func reports(free: Int) throws {
        let disk = try FullFilesystem(free: free)
        let project = try ExampleProject()
        try project.write("spec/many.yml", Self.manyTests(300))
        let reports = disk.path + "/reports"
        try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
        let run = try project.run(["test", "--report-dir", reports])
        #expect(run.status == 74, "\(run.output)")
        #expect(run.stderr.contains("cannot write test reports to"), "\(run.stderr)")
        #expect(run.stderr.contains("No space left on device"), "\(run.stderr)")
        #expect(run.stdout.contains("✓ test number 300 of many"), "\(run.stdout)")
        let left = try Self.files(in: reports)
        #expect(left["TEST-many.xml"] == nil, "\(left)")
        for (name, size) in left {
            // What fitted is whole; nothing partial or hidden stays.
            #expect(name.hasPrefix("TEST-") && name.hasSuffix(".xml"), "\(left)")
            #expect(size > 0)
            #expect(try String(contentsOfFile: reports + "/" + name, encoding: .utf8).hasSuffix("</testsuite>\n"))
        }
    }

    @Test("migrate --dry-run-output on a full disk leaves no script, changes nothing and exits 74", arguments: [0, 4096])
    func dryRun(free: Int) throws {
        let disk = try FullFilesystem(free: free)
        let project = try ExampleProject()
        // Longer than the space left, so that a direct write would leave a truncated script.
        try project.write("db/migration/V9__long.sql", "-- " + String(repeating: "long ", count: 4000) + "\nSELECT 1;\n")
        let database = try ScratchDatabase()
        let run = try project.run(["migrate", "--url", database.url, "--dry-run-output", disk.path + "/release.sql"])
        #expect(run.status == 74, "\(run.output)")
        #expect(run.stderr.contains("cannot write the dry-run SQL to '\(disk.path)/release.sql'"), "\(run.stderr)")
        #expect(run.stderr.contains("No space left on device"), "\(run.stderr)")
        #expect(try Self.files(in: disk.path).keys.sorted() == ["fill"])
        #expect(try database.rows("SELECT count(*) FROM pg_tables WHERE tablename = 'flyway_schema_history'") == [["0"]])
    }
}

/// A tmpfs of `size` bytes on a fresh directory, filled by the file `fill` so that `free` bytes (whole pages)
/// are left; unmounted when released.
final class FullFilesystem {
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    let path: String

    init(size: Int = 1 << 20, free: Int) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-full-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard mount("tmpfs", path, "tmpfs", 0, "size=\(size),mode=0777") == 0 else {
            throw Failed(description: "mount tmpfs on \(path): \(String(cString: strerror(errno)))")
        }
        let fd = open(path + "/fill", O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failed(description: "open fill: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let zeros = [UInt8](repeating: 0, count: 1 << 16)
        var written = 0
        while true {
            let count = write(fd, zeros, zeros.count)
            guard count > 0 else { break }
            written += count
        }
        guard errno == ENOSPC else { throw Failed(description: "filling \(path): \(String(cString: strerror(errno)))") }
        guard ftruncate(fd, off_t(written - free)) == 0 else { throw Failed(description: "ftruncate: \(String(cString: strerror(errno)))") }
    }

    deinit {
        umount2(path, Int32(MNT_DETACH))
        rmdir(path)
    }
}
