import Foundation

/// moto's AWS server (PyPI `moto[server]`) on 127.0.0.1, one per test process, started on first use and
/// stopped when the process exits (a shell watches the test process's end of a pipe).
public final class MotoServer: Sendable {
    public let url: String

    public static let shared: Result<MotoServer, any Error> = Result { try MotoServer() }

    /// The environment a client uses against this server: endpoint, region, throwaway keys, no profile files
    /// and no instance metadata.
    public var environment: [String: String] {
        ["AWS_ENDPOINT_URL": url, "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "AKIDMOTO", "AWS_SECRET_ACCESS_KEY": "moto-secret",
         "AWS_EC2_METADATA_DISABLED": "true", "HOME": "/nonexistent", "AWS_MAX_ATTEMPTS": "3"]
    }

    public init() throws {
        guard let executable = Self.find("moto_server") else {
            throw MotoError(message: "moto_server is not on PATH: run scripts/test, which installs moto[server] from PyPI")
        }
        let port = try Self.freePort()
        url = "http://127.0.0.1:\(port)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The server runs until the test process's end of stdin closes, even if the test process is killed. KILL,
        // not TERM: moto's server waits on its request threads at TERM, and it has nothing to save.
        process.arguments = ["-c", "\"$0\" -H 127.0.0.1 -p \"$1\" 2>&1 & m=$!; cat >/dev/null; kill -KILL $m", executable, String(port)]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONUNBUFFERED"] = "1"
        process.environment = environment
        try process.run()
        Self.keepOpen.withLock { $0.append(input.fileHandleForWriting) }
        // Ready when werkzeug says it is running; bounded so a broken install fails the test instead of hanging.
        let ready = DispatchSemaphore(value: 0)
        let seen = Locked(Data())
        let started = Locked(false)
        output.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            if chunk.isEmpty { handle.readabilityHandler = nil }
            // Read on after the start, discarding, so the request log never fills the pipe and blocks the server.
            guard !started.withLock({ $0 }) else { return }
            let text = seen.withLock { data -> String in
                data.append(chunk)
                return String(decoding: data, as: UTF8.self)
            }
            if text.contains("Running on") || chunk.isEmpty {
                started.withLock { $0 = true }
                ready.signal()
            }
        }
        guard ready.wait(timeout: .now() + 120) == .success,
              String(decoding: seen.withLock { $0 }, as: UTF8.self).contains("Running on")
        else {
            throw MotoError(message: "moto_server did not start: " + String(decoding: seen.withLock { $0 }, as: UTF8.self))
        }
    }

    /// Runs a Python script with boto3 clients pointed at this server (`endpoint`, region us-east-1) and
    /// returns its standard output; the script fails the call by exiting non-zero.
    @discardableResult
    public func boto3(_ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import boto3, json\nendpoint = '\(url)'\n" + script]
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in self.environment { environment[name] = value }
        environment["AWS_DEFAULT_REGION"] = "us-east-1"  // botocore does not read AWS_REGION
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw MotoError(message: "boto3 script failed: \(problems)") }
        return text
    }

    /// Turns on moto's IAM checks: from now on every call must be signed with keys created in its IAM and be
    /// allowed by their policies.
    public func requireIAM() throws {
        try boto3("import urllib.request\nurllib.request.urlopen(urllib.request.Request(endpoint + '/moto-api/reset-auth', data=b'0', method='POST', headers={'Content-Type': 'text/plain'}))")
    }

    private static let keepOpen = Locked<[FileHandle]>([])

    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A TCP port nothing listens on now (the kernel's choice for port 0).
    public static func freePort() throws -> Int {
        let server = try LocalHTTPServer { _ in LocalHTTPServer.Response(status: 500) }
        defer { server.stop() }
        return server.port
    }
}

public struct MotoError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// A value behind a lock, for the few places tests share state with a callback queue.
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    public init(_ value: Value) {
        self.value = value
    }

    public func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        try lock.withLock { try body(&value) }
    }
}
