import FileWatching
import Foundation
import Testing

@Suite struct FileWatcherTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)").standardizedFileURL.path

    init() throws {
        try FileManager.default.createDirectory(atPath: root + "/spec", withIntermediateDirectories: true)
    }

    func write(_ path: String, _ text: String = "x") throws {
        try text.write(toFile: root + "/" + path, atomically: false, encoding: .utf8)
    }

    @Test("reports saved, renamed-into-place and deleted files; watches folders created later; ignores hidden files and ~ backups")
    func changes() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let watcher = try FileWatcher(roots: [root])
        try write("spec/a.yml")
        #expect(watcher.nextChanges(shouldStop: { false }) == [root + "/spec/a.yml"])
        // An editor's save: a hidden swap file and a backup, then the file renamed into place.
        try write("spec/.b.yml.swp")
        try write("spec/b.yml~")
        try write("spec/.b.tmp")
        try FileManager.default.moveItem(atPath: root + "/spec/.b.tmp", toPath: root + "/spec/b.yml")
        #expect(watcher.nextChanges(shouldStop: { false }) == [root + "/spec/b.yml"])
        try FileManager.default.createDirectory(atPath: root + "/spec/more", withIntermediateDirectories: false)
        #expect(watcher.nextChanges(shouldStop: { false }) == [root + "/spec/more"])
        try write("spec/more/c.yml")
        try FileManager.default.removeItem(atPath: root + "/spec/a.yml")
        #expect(watcher.nextChanges(shouldStop: { false }) == [root + "/spec/more/c.yml", root + "/spec/a.yml"])
    }

    @Test("a wait ends when it is told to stop, without a change")
    func stops() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let watcher = try FileWatcher(roots: [root])
        var asked = 0
        #expect(watcher.nextChanges(tick: .milliseconds(10), shouldStop: { asked += 1; return asked > 2 }) == nil)
    }

    @Test("a folder that does not exist cannot be watched, with the system's reason")
    func missingFolder() {
        #expect(throws: FileWatcher.Failure.self) { try FileWatcher(roots: [root + "/nope"]) }
    }
}
