import Foundation

extension EmbeddedServer {
    /// How to run an embedded server.
    public struct Options: Sendable {
        public var binaries: PostgresBinaries
        /// Where template clusters are kept between runs (under `templates/`).
        public var cacheDirectory: String
        /// Where each server's private run directory is made; every directory on the way must be searchable by the
        /// account that runs the server (`postgres` when Slipway runs as root).
        public var runParent: String
        /// A TCP port to listen on at `localhost`, or `nil` for the unix socket only.
        public var tcpPort: Int?
        /// More server settings, passed as `-c name=value` after (so overriding) the built-in ones.
        public var extraSettings: [String: String]

        /// Options with defaults taken from `environment`: the cache in `$XDG_CACHE_HOME/slipway` (else
        /// `~/.cache/slipway`), runs in `/dev/shm` when writable (else `$TMPDIR` or `/tmp`).
        public init(
            binaries: PostgresBinaries,
            cacheDirectory: String? = nil,
            runParent: String? = nil,
            tcpPort: Int? = nil,
            extraSettings: [String: String] = [:],
            environment: [String: String] = ProcessInfo.processInfo.environment
        ) {
            self.binaries = binaries
            self.cacheDirectory = cacheDirectory ?? Self.defaultCacheDirectory(environment: environment)
            self.runParent = runParent ?? Self.defaultRunParent(environment: environment)
            self.tcpPort = tcpPort
            self.extraSettings = extraSettings
        }

        private static func defaultCacheDirectory(environment: [String: String]) -> String {
            if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return "\(cache)/slipway" }
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            return "\(home)/.cache/slipway"
        }

        private static func defaultRunParent(environment: [String: String]) -> String {
            // Memory-backed: the data never needs to reach a disk.
            if access("/dev/shm", W_OK) == 0 { return "/dev/shm" }
            let temporary = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            return temporary.hasSuffix("/") && temporary.count > 1 ? String(temporary.dropLast()) : temporary
        }
    }
}
