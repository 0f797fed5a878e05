import Foundation
import Testing
import TestSupport

/// The release bundle from scripts/bundle, checked the way a user's machine loads it: every library the loader
/// must find is glibc's or inside the bundle, and no symbol needs a glibc newer than Amazon Linux 2023's 2.34.
/// The archive is `$RELEASE_BUNDLE`, else the one scripts/bundle writes to .build/bundle (.ci/run builds it first).
@Suite(.enabled(if: ReleaseBundle.archive != nil, "no bundle: run scripts/bundle (CI does)"))
struct BundleTests {
    /// glibc's libraries and libgcc_s, which every glibc machine has and the bundle must not carry.
    static let system: Set<String> = [
        "libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libresolv.so.2", "libutil.so.1",
        "ld-linux-x86-64.so.2", "libgcc_s.so.1",
    ]

    /// The archive unpacked: its top directory, and the ELF files in bin/ and lib/.
    struct Unpacked {
        let directory: TemporaryDirectory
        let root: String
        let elves: [String]

        init() throws {
            directory = try TemporaryDirectory()
            let archive = try #require(ReleaseBundle.archive)
            let tar = try OutsideTool.require("/usr/bin/tar")
            #expect(try OutsideTool.run(tar, ["-xzf", archive, "-C", directory.path]).status == 0)
            let top = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path).first)
            let root = "\(directory.path)/\(top)"
            let libraries = try FileManager.default.contentsOfDirectory(atPath: "\(root)/lib").sorted()
            self.root = root
            elves = ["\(root)/bin/slipway"] + libraries.map { "\(root)/lib/\($0)" }
        }
    }

    @Test("every NEEDED library is glibc's, libgcc_s or in lib/, and lib/ holds only what is needed")
    func neededLibraries() throws {
        let bundle = try Unpacked()
        let readelf = try OutsideTool.require("/usr/bin/readelf")
        let bundled = Set(bundle.elves.dropFirst().map { URL(fileURLWithPath: $0).lastPathComponent })
        var needed: Set<String> = []
        for elf in bundle.elves {
            let dynamic = try OutsideTool.run(readelf, ["--dynamic", "--wide", elf]).output
            for line in dynamic.split(separator: "\n") where line.contains("(NEEDED)") {
                guard let name = line.split(separator: "[").last?.split(separator: "]").first else { continue }
                needed.insert(String(name))
            }
        }
        #expect(needed.subtracting(Self.system).subtracting(bundled).isEmpty, "not in the bundle: \(needed.subtracting(Self.system).subtracting(bundled))")
        #expect(bundled.subtracting(needed).isEmpty, "bundled but not needed: \(bundled.subtracting(needed))")
        #expect(bundled.isDisjoint(with: Self.system))
        #expect(bundled.contains("libpq.so.5"))
        // libstdc++ is linked in statically; the pom reader needs neither libxml2 nor the system's ICU.
        let unwanted = needed.union(bundled).filter { ["libstdc++", "libxml2", "libicu"].contains(where: $0.hasPrefix) }
        #expect(unwanted.isEmpty, "\(unwanted)")
    }

    @Test("no binary or library needs a glibc symbol version newer than 2.34")
    func glibcVersions() throws {
        let bundle = try Unpacked()
        let readelf = try OutsideTool.require("/usr/bin/readelf")
        var newest: [String: [Int]] = [:]
        for elf in bundle.elves {
            // The version needs section: what the loader checks against the machine's glibc.
            let versions = try OutsideTool.run(readelf, ["--version-info", "--wide", elf]).output
            for word in versions.split(whereSeparator: \.isWhitespace) where word.hasPrefix("GLIBC_2.") {
                let version = word.dropFirst("GLIBC_".count).split(separator: ".").compactMap { Int($0) }
                if version.lexicographicallyPrecedes(newest[elf] ?? []) == false { newest[elf] = version }
            }
        }
        for (elf, version) in newest {
            #expect(version.lexicographicallyPrecedes([2, 35]), "\(elf) needs GLIBC_\(version.map(String.init).joined(separator: "."))")
        }
        #expect(newest["\(bundle.root)/bin/slipway"] != nil)
    }

    @Test("the binary's run path is $ORIGIN/../lib as DT_RPATH, so libpq's own dependencies are found there too")
    func runPath() throws {
        let bundle = try Unpacked()
        let dynamic = try OutsideTool.run(try OutsideTool.require("/usr/bin/readelf"), ["--dynamic", "--wide", bundle.elves[0]]).output
        let rpath = try #require(dynamic.split(separator: "\n").first { $0.contains("(RPATH)") })
        #expect(rpath.hasSuffix("Library rpath: [$ORIGIN:$ORIGIN/../lib]"), "\(rpath)")
        #expect(!dynamic.contains("(RUNPATH)"))
    }

    @Test("the loader takes every library but glibc's and libgcc_s from the bundle, even with libpq installed here")
    func loaderUsesBundle() throws {
        let bundle = try Unpacked()
        let ldd = try OutsideTool.run(try OutsideTool.require("/usr/bin/ldd"), [bundle.elves[0]]).output
        for line in ldd.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3, fields[1] == "=>", !Self.system.contains(String(fields[0].trimmingCharacters(in: .whitespaces)))
            else { continue }
            #expect(fields[2].hasPrefix("\(bundle.root)/bin/../lib/"), "\(line)")
        }
        #expect(ldd.contains("libpq.so.5 => \(bundle.root)/bin/../lib/libpq.so.5"), "\(ldd)")
    }

    @Test("the bundled binary migrates the example project on the test server")
    func migrates() throws {
        let bundle = try Unpacked()
        let database = try TestServer.createDatabase(prefix: "bundle")
        let migrate = try OutsideTool.run(bundle.elves[0], [
            "migrate", "--url", try TestServer.url(database: database), "--locations", "filesystem:\(ReleaseBundle.repository)/db/migration",
        ])
        #expect(migrate.status == 0, "\(migrate.output)")
        // Every versioned and repeatable file of the example, on an empty database.
        let files = try FileManager.default.contentsOfDirectory(atPath: ReleaseBundle.repository + "/db/migration")
            .filter { ($0.hasPrefix("V") || $0.hasPrefix("R")) && $0.hasSuffix(".sql") }
        #expect(files.count > 1)
        #expect(migrate.output.contains("Applied \(files.count) migrations"), "\(migrate.output)")
    }
}

/// Where the archive under test is.
enum ReleaseBundle {
    static let repository = URL(fileURLWithPath: OutsideTool.listPath).deletingLastPathComponent()
        .deletingLastPathComponent().path

    static let archive: String? = {
        if let explicit = ProcessInfo.processInfo.environment["RELEASE_BUNDLE"], !explicit.isEmpty { return explicit }
        let directory = "\(repository)/.build/bundle"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix("slipway-") && $0.hasSuffix("-linux-x86_64.tar.gz") }.sorted().last
            .map { "\(directory)/\($0)" }
    }()
}
