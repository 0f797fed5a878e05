import Diagnostics
import Foundation
import SourceFiles

/// A migration location resolved to an existing directory on disk.
struct LocationPath {
    /// The location as the user wrote it, without its `filesystem:`/`classpath:` prefix (for messages).
    let display: String
    /// The absolute directory path.
    let absolute: String

    /// Resolves a location; `nil` when no directory exists for it.
    init?(_ location: String, baseDirectory: String) {
        var candidates: [String]
        if location.hasPrefix("filesystem:") {
            candidates = [String(location.dropFirst("filesystem:".count))]
        } else if location.hasPrefix("classpath:") {
            let path = String(location.dropFirst("classpath:".count))
            candidates = ["src/main/resources/" + path, "src/test/resources/" + path, path]
        } else {
            candidates = [location]
        }
        let fileManager = FileManager.default
        for candidate in candidates {
            let absolute = candidate.hasPrefix("/") ? candidate : baseDirectory + "/" + candidate
            let standardized = URL(fileURLWithPath: absolute).standardizedFileURL.path
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: standardized, isDirectory: &isDirectory), isDirectory.boolValue,
                fileManager.isReadableFile(atPath: standardized)
            {
                self.display = candidate.hasSuffix("/") ? String(candidate.dropLast()) : candidate
                self.absolute = standardized
                return
            }
        }
        return nil
    }

    /// The regular files below the directory (relative to it with `/` separators, sorted by their UTF-8 bytes)
    /// and the entries that cannot be read; hidden directories are skipped, as in Flyway.
    func sqlCandidateFiles() -> SourceFiles.Listing {
        SourceFiles.list(under: absolute)
    }
}

/// One file in a location, with the paths used to store it and to report on it.
struct LocatedFile {
    let root: LocationPath
    /// The path relative to the location, `/`-separated: Flyway's `script`.
    let relativePath: String
    /// Built once: a no-op run reads every file, and each use built it again.
    let absolutePath: String

    init(root: LocationPath, relativePath: String) {
        self.root = root
        self.relativePath = relativePath
        absolutePath = root.absolute + "/" + relativePath
    }

    var fileName: Substring {
        relativePath.utf8.lastIndex(of: UInt8(ascii: "/")).map { relativePath[relativePath.index(after: $0)...] }
            ?? relativePath[...]
    }
    /// The path shown in diagnostics: the location as written plus the relative path.
    var displayPath: String { root.display.isEmpty ? relativePath : root.display + "/" + relativePath }

    /// Reads the file and its `.conf` settings; the text is decoded in the `.conf`'s encoding, else in
    /// `defaultEncoding` (nil: UTF-8), without its BOM. `hasConf` says whether the listing holds a `.conf` for it:
    /// trying to open one for every migration cost a failed system call and an error text each.
    func read(defaultEncoding: String?, hasConf: Bool) throws(DiagnosticList) -> (String, ScriptConfig) {
        var config = ScriptConfig()
        if hasConf, let confData = SourceFiles.bytes(atPath: absolutePath + ".conf") {
            let confText: String
            do {
                confText = try TextDecoding.decode(confData, encoding: nil, file: displayPath + ".conf")
            } catch {
                throw DiagnosticList([error])
            }
            config = try ScriptConfig.parse(confText, file: displayPath + ".conf")
        }
        let data: [UInt8]
        do {
            data = try SourceFiles.contents(atPath: absolutePath)
        } catch {
            throw DiagnosticList([unreadable(error.reason)])
        }
        do {
            var text = try TextDecoding.decode(data, encoding: config.encoding ?? defaultEncoding, file: displayPath)
            if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
            return (text, config)
        } catch {
            throw DiagnosticList([error])
        }
    }

    /// This entry cannot be read as a migration, for `reason` (never its content).
    func unreadable(_ reason: String) -> Diagnostic {
        Diagnostic(
            category: .input, location: SourceLocation(file: displayPath, line: 1, column: 1),
            code: "unreadable-file", message: "cannot read '\(displayPath)': \(reason)",
            hint: "make it a readable regular file (or folder), or remove it")
    }
}
