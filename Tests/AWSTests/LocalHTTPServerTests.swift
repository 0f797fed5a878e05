import Dispatch
import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The test HTTP server the credential tests stand their endpoints up with.
@Suite struct LocalHTTPServerTests {
    /// One GET on a fresh connection; the body of the answer.
    static func get(port: Int) -> String? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { return nil }
        let request = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        guard send(fd, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else { return nil }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            answer += buffer[0..<count]
        }
        let text = String(decoding: answer, as: UTF8.self)
        return text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) }
    }

    @Test("a server stopped during a request never answers for the server opened after it")
    func stoppedServerKeepsToItself() throws {
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let first = try LocalHTTPServer { _ in
            entered.signal()
            _ = release.wait(timeout: .now() + 10)
            return LocalHTTPServer.Response(json: "first")
        }
        let inFlight = Thread { _ = Self.get(port: first.port) }
        inFlight.start()
        #expect(entered.wait(timeout: .now() + 10) == .success)
        // Stopped while its handler runs: its accept loop comes back to its socket only afterwards.
        first.stop()
        let second = try LocalHTTPServer { _ in LocalHTTPServer.Response(json: "second") }
        defer { second.stop() }
        release.signal()
        let answers = (0..<20).map { _ in Self.get(port: second.port) }
        #expect(answers.allSatisfy { $0 == "second" }, "\(answers)")
    }
}
