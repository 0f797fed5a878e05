import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for tests: it answers each request with what `handler` returns, one
/// connection at a time, and closes every connection after its answer.
public final class LocalHTTPServer: @unchecked Sendable {
    public struct Request: Sendable {
        public var method: String
        public var path: String
        /// Lower-cased names.
        public var headers: [String: String]
        public var body: Data
    }

    public struct Response: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: Data

        public init(status: Int = 200, headers: [String: String] = [:], body: Data = Data()) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        public init(status: Int = 200, json: String) {
            self.init(status: status, headers: ["Content-Type": "application/json"], body: Data(json.utf8))
        }
    }

    public let port: Int
    private let socket: Int32
    private let handler: @Sendable (Request) -> Response
    private let lock = NSLock()
    private var seen: [Request] = []

    public var url: String { "http://127.0.0.1:\(port)" }
    /// Every request answered so far.
    public var requests: [Request] { lock.withLock { seen } }

    public init(handler: @escaping @Sendable (Request) -> Response) throws {
        self.handler = handler
        (socket, port) = try LoopbackListener.open()
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// Stops accepting: the accept loop then fails, and closes the socket itself. Closing it here would free its
    /// number while the loop may be about to accept on it again (after a request in progress), and the next
    /// listener opened, by any test, would get that number: its connections would be answered by this
    /// server's handler (a credentials test once received another test's credentials so).
    public func stop() {
        shutdown(socket, Int32(SHUT_RDWR))
    }

    private func serve() {
        while true {
            let client = accept(socket, nil, nil)
            if client < 0, errno == EINTR || errno == ECONNABORTED { continue }
            guard client >= 0 else {
                close(socket)
                return
            }
            if let request = read(client) {
                lock.withLock { seen.append(request) }
                write(handler(request), to: client)
            }
            close(client)
        }
    }

    private func read(_ client: Int32) -> Request? {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        while true {
            if let end = data.range(of: Data("\r\n\r\n".utf8)) {
                let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
                let line = head[0].split(separator: " ")
                guard line.count >= 2 else { return nil }
                var headers: [String: String] = [:]
                for field in head.dropFirst() {
                    guard let colon = field.firstIndex(of: ":") else { continue }
                    headers[field[..<colon].lowercased()] = field[field.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                let length = Int(headers["content-length"] ?? "0") ?? 0
                if data.count - end.upperBound >= length {
                    return Request(method: String(line[0]), path: String(line[1]), headers: headers,
                                   body: data.subdata(in: end.upperBound..<end.upperBound + length))
                }
            }
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            data.append(contentsOf: buffer[0..<count])
        }
    }

    private func write(_ response: Response, to client: Int32) {
        var head = "HTTP/1.1 \(response.status) Status\r\nContent-Length: \(response.body.count)\r\nConnection: close\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        let bytes = Data((head + "\r\n").utf8) + response.body
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(client, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                guard sent > 0 else { return }
                offset += sent
            }
        }
    }
}

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension LocalHTTPServer {
    /// Sends `request` on to `origin` (e.g. moto) as it came, and returns the answer: a proxy that lets a test
    /// put faults in front of a real server.
    public static func forward(_ request: Request, to origin: String) -> Response {
        guard let url = URL(string: origin + request.path) else { return Response(status: 502) }
        var forwarded = URLRequest(url: url, timeoutInterval: 30)
        forwarded.httpMethod = request.method
        for (name, value) in request.headers where !["host", "content-length", "connection"].contains(name) {
            forwarded.setValue(value, forHTTPHeaderField: name)
        }
        forwarded.httpBody = request.body
        let answer = Locked(Response(status: 502))
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: forwarded) { data, response, _ in
            if let response = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (name, value) in response.allHeaderFields {
                    if let name = name as? String, let value = value as? String,
                       !["content-length", "connection", "transfer-encoding", "content-encoding"].contains(name.lowercased())
                    {
                        headers[name] = value
                    }
                }
                answer.withLock { $0 = Response(status: response.statusCode, headers: headers, body: data ?? Data()) }
            }
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + 30)
        return answer.withLock { $0 }
    }
}
