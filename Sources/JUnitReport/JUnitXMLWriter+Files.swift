import Diagnostics
import Foundation
import TestResults

extension JUnitXMLWriter {
    /// Writes one `TEST-<suite>.xml` per suite into `directory`, creating it if needed, and returns the
    /// paths written; nothing but those `.xml` files is written there.
    ///
    /// - Parameters:
    ///   - fileNames: the file name for each suite; by default ``ReportFileNames/assign(_:)`` of their names.
    ///   - redact: applied to each whole document, so that a password in a value, SQL text or server message
    ///     is hidden as on the console (give it the secrets' ``escapedForms(of:)`` too).
    /// - Throws: a `Diagnostic` naming the directory (category `.input`) or the file (`.output`: a full disk) that
    ///   could not be written; no partial report is left.
    @discardableResult
    public static func write(
        _ suites: [SuiteResult],
        fileNames: [String]? = nil,
        to directory: String,
        properties: [(String, String)] = [],
        redacting redact: @Sendable (String) -> String = { $0 }
    ) throws(Diagnostic) -> [String] {
        try prepare(directory)
        let names = fileNames ?? ReportFileNames.assign(suites.map(\.name))
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        // One report per suite, on every core: with many short suites, writing reports rivals running them.
        var failures = [Diagnostic?](repeating: nil, count: min(suites.count, names.count))
        failures.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: slots.count) { index in
                do throws(ReportFile.WriteFailure) {
                    try ReportFile.write(redact(document(for: suites[index], properties: properties)), to: base + "/" + names[index])
                } catch {
                    slots[index] = unwritable(directory, file: names[index], reason: error.reason, category: .output)
                }
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        return names.prefix(failures.count).map { base + "/" + $0 }
    }

    /// A secret as it may appear in a report: as is, and escaped for element content and for attributes.
    public static func escapedForms(of secret: String) -> [String] {
        Array(Set([secret, XMLText.content(secret), XMLText.attribute(secret)]))
    }

    /// Creates `directory` if needed, so that a run can find out before it starts that its reports cannot be
    /// written.
    public static func prepare(_ directory: String) throws(Diagnostic) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw unwritable(directory, reason: error.localizedDescription, category: .input)
        }
    }

    private static func unwritable(
        _ directory: String, file: String? = nil, reason: String, category: Diagnostic.Category
    ) -> Diagnostic {
        let target = file.map { "'\($0)' in '\(directory)'" } ?? "'\(directory)'"
        return Diagnostic(
            category: category,
            code: "report-directory",
            message: "cannot write test reports to \(target)",
            notes: ["reason: \(reason)"],
            hint: "make '\(directory)' a writable directory with free space (check that no file has that name), "
                + "or choose another report directory"
        )
    }
}
