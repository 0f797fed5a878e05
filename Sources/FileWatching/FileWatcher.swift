import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells which files below some folders changed, through Linux's inotify: the kernel reports each change as it
/// happens, so a save is seen at once, and nothing runs while nothing changes (polling modification times would
/// add up to its interval to every re-run and read every file's metadata on every tick).
///
/// Folders are watched recursively; folders created later are watched from their creation. Hidden files (an
/// editor's swap and backup files, a report's temporary file) and `~` backups are ignored.
public final class FileWatcher {
    private let descriptor: Int32
    /// Watch descriptor → the folder it watches.
    private var folders: [Int32: String] = [:]

    /// Why watching could not start: the system's reason, and what to do.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Watches `roots` (absolute folder paths) and every folder below them.
    public init(roots: [String]) throws(Failure) {
        descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else { throw Failure(description: "inotify: \(String(cString: strerror(errno)))") }
        for root in roots { try watchTree(root) }
    }

    deinit {
        close(descriptor)
    }

    /// Waits for changes and returns the changed files' absolute paths, once `settle` has passed without another
    /// change (an editor's save is several events); nil when `shouldStop` turns true. Checks `shouldStop` every
    /// `tick`, so a wait is never longer than that past a SIGINT.
    public func nextChanges(
        settle: Duration = .milliseconds(40), tick: Duration = .milliseconds(100), shouldStop: () -> Bool
    ) -> Set<String>? {
        var changed = Set<String>()
        while changed.isEmpty {
            if shouldStop() { return nil }
            guard waitReadable(tick) else { continue }
            changed.formUnion(readEvents())
        }
        // More events of the same save arrive within milliseconds; a steady stream is cut after a second.
        let deadline = ContinuousClock.now + .seconds(1)
        while ContinuousClock.now < deadline, waitReadable(settle) { changed.formUnion(readEvents()) }
        return changed
    }

    private func watchTree(_ folder: String) throws(Failure) {
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE)
        let watch = inotify_add_watch(descriptor, folder, mask)
        guard watch >= 0 else {
            let reason = String(cString: strerror(errno))
            throw Failure(description: "cannot watch \(folder): \(reason)"
                + (errno == ENOSPC ? " (raise fs.inotify.max_user_watches)" : ""))
        }
        folders[watch] = folder
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in entries where !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory), isDirectory.boolValue {
                try watchTree(folder + "/" + name)
            }
        }
    }

    private func waitReadable(_ timeout: Duration) -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1_000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        return poll(&poller, 1, milliseconds) > 0
    }

    /// The files the pending events name; a new folder is watched (and counts as a change).
    private func readEvents() -> Set<String> {
        var changed = Set<String>()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return changed }
            var offset = 0
            // struct inotify_event: wd, mask, cookie, len (4 bytes each), then len bytes of NUL-padded name.
            while offset + 16 <= count {
                let (watch, mask, length) = buffer.withUnsafeBytes { bytes in
                    (bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
                offset += 16 + length
                let name = String(decoding: nameBytes, as: UTF8.self)
                guard let folder = folders[watch], !name.isEmpty, !name.hasPrefix("."), !name.hasSuffix("~") else { continue }
                let path = folder + "/" + name
                if mask & UInt32(IN_ISDIR) != 0 {
                    if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { try? watchTree(path) }
                    changed.insert(path)
                } else if mask & UInt32(IN_CREATE) == 0 {
                    // A created file is reported again when it is closed after writing.
                    changed.insert(path)
                }
            }
        }
    }
}
