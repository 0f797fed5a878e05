import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestResults

extension JUnitXMLWriter {
    /// Writes one `TEST-<suite>.xml` per suite into `directory`, creating it if needed, and returns the
    /// paths written; nothing but those `.xml` files is written there.
    ///
    /// - Parameter fileNames: the file name for each suite; by default ``ReportFileNames/assign(_:)`` of their names.
    /// - Throws: a `Diagnostic` (category `.input`) naming the directory or file that could not be written.
    @discardableResult
    public static func write(
        _ suites: [SuiteResult],
        fileNames: [String]? = nil,
        to directory: String,
        properties: [(String, String)] = []
    ) throws(Diagnostic) -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw unwritable(directory, reason: error)
        }
        let names = ReportFileNames.assign(suites.map(\.name))
        var written: [String] = []
        for (suite, name) in zip(suites, fileNames ?? names) {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            do {
                try writeFile(path, document(for: suite, properties: properties))
            } catch {
                throw unwritable(directory, file: name, reason: error)
            }
            written.append(path)
        }
        return written
    }

    /// Plain open/write/close. Not `Data.write`: on Linux it fsyncs and copies extended attributes for every
    /// file, which made writing 200 reports cost more than running their tests; and not `.atomic`, which would
    /// leave a non-XML temporary file behind if interrupted.
    private static func writeFile(_ path: String, _ text: String) throws {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { Glibc.close(descriptor) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            bytes = bytes.dropFirst(written)
        }
    }

    private static func unwritable(_ directory: String, file: String? = nil, reason: any Error) -> Diagnostic {
        let target = file.map { "'\($0)' in '\(directory)'" } ?? "'\(directory)'"
        return Diagnostic(
            category: .input,
            code: "report-directory",
            message: "cannot write test reports to \(target)",
            notes: ["reason: \(reason.localizedDescription)"],
            hint: "make '\(directory)' a writable directory (check that no file has that name), "
                + "or choose another report directory"
        )
    }
}
