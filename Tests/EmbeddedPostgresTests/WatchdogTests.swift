import Foundation
import Testing

@testable import EmbeddedPostgres

@Suite struct WatchdogTests {
    @Test("when its socket closes, as on the owner's death, the watchdog kills the server and removes the directory")
    func cleansUpOnOwnerDeath() throws {
        let runDirectory = try ServerFixture.temporaryDirectory()
        let watchdog = try Watchdog.start(runDirectory: runDirectory, dataDirectory: "\(runDirectory)/data")
        var standIn = ChildProcess(executable: "sleep", arguments: ["600"])
        standIn.ownProcessGroup = true
        let processID = try standIn.spawn()
        watchdog.watch(serverProcessID: processID)
        // What the kernel does when the owner dies: our end of the socket closes. The stand-in is our child, so we
        // reap it while the watchdog waits for it to go, as init would after a real death.
        let released = DispatchSemaphore(value: 0)
        Thread {
            watchdog.release()
            released.signal()
        }.start()
        #expect(Termination.wait(for: processID) == .signaled(SIGQUIT))
        released.wait()
        #expect(!FileManager.default.fileExists(atPath: runDirectory))
    }

    @Test("neither the server nor the watchdog holds our end of the watchdog's socket")
    func socketNotInherited() throws {
        let server = try EmbeddedServer.start(try ServerFixture.options())
        defer { server.stop() }
        let watchdog = try #require(server.state.withLock { state -> Watchdog? in
            if case .running(let watchdog) = state { return watchdog }
            return nil
        })
        let ourEnd = try #require(Self.openFiles(of: getpid())["\(watchdog.descriptor)"])
        #expect(ourEnd.hasPrefix("socket:"))
        let serverFiles = Self.openFiles(of: server.serverProcessID)
        #expect(!serverFiles.isEmpty)
        #expect(!serverFiles.values.contains(ourEnd))
        #expect(!Self.openFiles(of: watchdog.processID).values.contains(ourEnd))
        #expect(Self.openFiles(of: watchdog.processID)["0"]?.hasPrefix("socket:") == true)
    }

    /// Each open descriptor of a process and what it refers to, from `/proc/<pid>/fd`.
    private static func openFiles(of processID: pid_t) -> [String: String] {
        let directory = "/proc/\(processID)/fd"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return Dictionary(uniqueKeysWithValues: names.compactMap { name in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "\(directory)/\(name)")).map { (name, $0) }
        })
    }
}
