import Foundation
import Testing
import TestSupport

/// A long migration shows that it runs, on a terminal: its stderr is a pseudo-terminal here, read as it comes.
@Suite struct MigrationProgressTests {
    /// A pseudo-terminal pair: the child writes to `terminal`, the test reads `reader`.
    final class PseudoTerminal {
        let reader: Int32
        let terminal: FileHandle

        /// posix_openpt and its friends are not in Swift's Glibc module; these are their Linux ioctls.
        init() throws {
            reader = open("/dev/ptmx", O_RDWR | O_NOCTTY)
            var unlock: Int32 = 0
            var number: UInt32 = 0
            let (TIOCSPTLCK, TIOCGPTN): (UInt, UInt) = (0x4004_5431, 0x8004_5430)
            guard reader >= 0, ioctl(reader, TIOCSPTLCK, &unlock) == 0, ioctl(reader, TIOCGPTN, &number) == 0 else {
                throw POSIXError(.ENXIO)
            }
            let descriptor = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
            guard descriptor >= 0 else { throw POSIXError(.ENXIO) }
            terminal = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        }

        deinit {
            close(reader)
        }

        /// Reads until `text` has appeared, for at most `limit`; returns everything read.
        func read(until text: String, limit: Duration = .seconds(60)) -> String {
            read(limit: limit) { $0.contains(text) }
        }

        /// Reads until what was read satisfies `done`, for at most `limit`; returns everything read.
        func read(limit: Duration = .seconds(60), until done: (String) -> Bool) -> String {
            var seen = Data()
            let deadline = ContinuousClock.now + limit
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !done(String(decoding: seen, as: UTF8.self)), ContinuousClock.now < deadline {
                var poller = pollfd(fd: reader, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 100) > 0 else { continue }
                let count = buffer.withUnsafeMutableBytes { Glibc.read(reader, $0.baseAddress, $0.count) }
                if count > 0 { seen.append(contentsOf: buffer[..<count]) }
            }
            return String(decoding: seen, as: UTF8.self)
        }
    }

    @Test("a migration running over 2 s shows its file and elapsed time on a terminal, without --verbose", arguments: ["migrate", "test"])
    func progressOnTerminal(command: String) throws {
        let project = try ExampleProject()
        let database = try ScratchDatabase()
        try SlowMigration().write(into: project)
        let terminal = try PseudoTerminal()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = [command, "--url", database.url, "--placeholder", "pause=3600"]
        process.currentDirectoryURL = URL(fileURLWithPath: project.directory)
        process.environment = CLI.environment(["TERM": "xterm"])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = terminal.terminal
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // Redrawn every half second from 2 s on; a loaded machine may skip a tick, so any count of seconds will do.
        let line = /\r\x1B\[K  V9__Slow\.sql: running for (?<seconds>\d+) s/
        let seen = terminal.read { $0.contains(line) }
        let seconds = try #require(seen.firstMatch(of: line)?.seconds, "\(seen)")
        #expect(Int(seconds) ?? 0 >= 2, "\(seen)")
        process.interrupt()
        // The error that ends the run starts on a line of its own: the progress line was erased first.
        let rest = terminal.read(until: "error: interrupted")
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(rest.contains("\r\u{1B}[K" + "db/migration/V9__Slow.sql:2:"), "\(rest)")
    }
}
