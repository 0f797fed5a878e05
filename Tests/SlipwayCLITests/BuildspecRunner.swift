import Foundation
import Yams

/// A buildspec (version 0.2) as CodeBuild reads it: `env: variables`, `env: shell`, the four phases with
/// `commands`, `finally` and `on-failure`, and `reports:`. What it does not model (artifacts, cache, batch,
/// parameter-store, secrets-manager) is ignored: the shipped buildspecs use none of it in their phases.
struct Buildspec {
    struct Phase {
        var name: String
        var commands: [String]
        var finally: [String]
        /// `ABORT` (CodeBuild's default) or `CONTINUE`.
        var continuesOnFailure: Bool
    }

    struct ReportGroup {
        var name: String
        var baseDirectory: String
        var files: [String]
        var fileFormat: String
    }

    /// CodeBuild's order; a phase the file leaves out is skipped.
    static let phaseNames = ["install", "pre_build", "build", "post_build"]

    var variables: [String: String]
    var shell: String
    var phases: [Phase]
    var reports: [ReportGroup]

    init(file: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        guard let root = try Yams.load(yaml: text) as? [String: Any] else { throw BuildspecError("\(file): not a mapping") }
        guard "\(root["version"] ?? "")" == "0.2" else { throw BuildspecError("\(file): version must be 0.2") }
        let env = root["env"] as? [String: Any] ?? [:]
        variables = (env["variables"] as? [String: Any] ?? [:]).mapValues { "\($0)" }
        // CodeBuild's Linux shells: bash or /bin/sh, the latter the default.
        shell = env["shell"] as? String == "bash" ? "/bin/bash" : "/bin/sh"
        let phaseMap = root["phases"] as? [String: Any] ?? [:]
        phases = Self.phaseNames.compactMap { name in
            guard let body = phaseMap[name] as? [String: Any] else { return nil }
            return Phase(
                name: name, commands: body["commands"] as? [String] ?? [],
                finally: body["finally"] as? [String] ?? [],
                continuesOnFailure: body["on-failure"] as? String == "CONTINUE")
        }
        reports = (root["reports"] as? [String: Any] ?? [:]).sorted { $0.key < $1.key }.map { name, value in
            let group = value as? [String: Any] ?? [:]
            return ReportGroup(
                name: name, baseDirectory: group["base-directory"] as? String ?? ".",
                files: group["files"] as? [String] ?? [], fileFormat: group["file-format"] as? String ?? "JUNITXML")
        }
    }
}

struct BuildspecError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// What one local build did.
struct BuildRun {
    /// Each phase that ran, in order, with its exit status (0 = succeeded).
    var phases: [(name: String, status: Int32)]
    /// Standard output and error of every command, interleaved as written.
    var log: String
    /// Report group name → the files `reports:` collected, relative to the group's base directory.
    var reports: [String: [String]]

    var succeeded: Bool { phases.allSatisfy { $0.status == 0 } }
    func status(of phase: String) -> Int32? { phases.first { $0.name == phase }?.status }
}

/// Runs a buildspec's phases the way CodeBuild's buildspec reference and "Build phase transitions" describe them:
/// all commands in one shell, so `export`s carry from command to command and phase to phase; a failed command
/// skips the rest of its phase's `commands` but not its `finally`; a failed INSTALL or PRE_BUILD (with
/// `on-failure: ABORT`) ends the build, a failed BUILD still runs POST_BUILD, with `CODEBUILD_BUILD_SUCCEEDING=0`;
/// then `reports:` collects its files whatever happened, as UPLOAD_ARTIFACTS is always attempted.
enum BuildspecRunner {
    /// - Parameters:
    ///   - sourceDirectory: the checkout (`CODEBUILD_SRC_DIR`), where commands start.
    ///   - environment: the project's environment variables; they override the buildspec's `env: variables`.
    ///   - replacing: phase name → commands to run instead of the file's (the test says which and why).
    ///   - timeout: CodeBuild's build timeout: the shell is killed after it.
    static func run(
        _ buildspec: Buildspec, in sourceDirectory: String, environment: [String: String],
        replacing: [String: [String]] = [:], timeout: TimeInterval = 600
    ) throws -> BuildRun {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("buildspec-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let statusFile = scratch + "/phases", logFile = scratch + "/log", scriptFile = scratch + "/build.sh"
        try script(buildspec, replacing: replacing, statusFile: statusFile).write(toFile: scriptFile, atomically: true, encoding: .utf8)
        guard FileManager.default.createFile(atPath: logFile, contents: nil) else { throw BuildspecError("cannot create \(logFile)") }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: buildspec.shell)
        process.arguments = [scriptFile]
        process.currentDirectoryURL = URL(fileURLWithPath: sourceDirectory)
        process.environment = buildspec.variables
            .merging(environment) { _, project in project }
            .merging(["CODEBUILD_SRC_DIR": sourceDirectory, "CODEBUILD_BUILD_SUCCEEDING": "1"]) { _, fixed in fixed }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        defer { try? log.close() }
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        try process.run()
        if ended.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            ended.wait()
            throw BuildspecError("the build did not finish within \(Int(timeout)) s; log:\n" + (try String(contentsOfFile: logFile, encoding: .utf8)))
        }

        let phases = try String(contentsOfFile: statusFile, encoding: .utf8).split(separator: "\n").map { line in
            let parts = line.split(separator: " ")
            // A phase with no status: a command ended the shell itself (`exit`, a failed `${VAR:?}` in sh).
            return (name: String(parts[0]), status: parts.count > 1 ? Int32(parts[1]) ?? -1 : process.terminationStatus)
        }
        var reports: [String: [String]] = [:]
        for group in buildspec.reports {
            reports[group.name] = try collect(group, in: sourceDirectory)
        }
        return BuildRun(phases: phases, log: try String(contentsOfFile: logFile, encoding: .utf8), reports: reports)
    }

    /// One shell script for the whole build; each command goes through `eval` so a multi-line `|` block runs as
    /// written and its `export`s stay in this shell. Each phase that runs appends "name " to `statusFile` as it starts and its status as it ends.
    static func script(_ buildspec: Buildspec, replacing: [String: [String]], statusFile: String) -> String {
        var lines = ["__aborted_in=", ": > \(quoted(statusFile))"]
        for phase in buildspec.phases {
            let commands = replacing[phase.name] ?? phase.commands
            let runs = switch phase.name {
            case "install": "true"
            case "post_build": "[ -z \"$__aborted_in\" ] || [ \"$__aborted_in\" = build ]"
            default: "[ -z \"$__aborted_in\" ]"
            }
            lines.append("if \(runs); then")
            lines.append("  __rc=0; printf '%s ' \(phase.name) >> \(quoted(statusFile))")
            for command in commands {
                lines.append("  if [ $__rc -eq 0 ]; then eval \(quoted(command)); __rc=$?; fi")
            }
            for command in phase.finally {
                lines.append("  eval \(quoted(command)); __f=$?; if [ $__rc -eq 0 ]; then __rc=$__f; fi")
            }
            lines.append("  echo $__rc >> \(quoted(statusFile))")
            lines.append("  if [ $__rc -ne 0 ]; then export CODEBUILD_BUILD_SUCCEEDING=0; "
                + (phase.continuesOnFailure ? ":" : "__aborted_in=\(phase.name)") + "; fi")
            lines.append("fi")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The files of `group` below its base directory whose relative paths match one of its `files` globs.
    static func collect(_ group: Buildspec.ReportGroup, in sourceDirectory: String) throws -> [String] {
        let base = sourceDirectory + "/" + group.baseDirectory
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        let patterns = try group.files.map { try NSRegularExpression(pattern: regex(glob: $0)) }
        var found: [String] = []
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            let range = NSRange(path.startIndex..., in: path)
            if patterns.contains(where: { $0.firstMatch(in: path, range: range) != nil }) { found.append(path) }
        }
        return found.sorted()
    }

    /// CodeBuild's file globs: `**/` any number of directories (also none), `*` and `?` within one name.
    static func regex(glob: String) -> String {
        var pattern = "^"
        var rest = Substring(glob)
        while let first = rest.first {
            if rest.hasPrefix("**/") {
                pattern += "(?:.*/)?"
                rest = rest.dropFirst(3)
            } else if rest.hasPrefix("**") {
                pattern += ".*"
                rest = rest.dropFirst(2)
            } else {
                pattern += first == "*" ? "[^/]*" : first == "?" ? "[^/]" : NSRegularExpression.escapedPattern(for: String(first))
                rest = rest.dropFirst()
            }
        }
        return pattern + "$"
    }

    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
