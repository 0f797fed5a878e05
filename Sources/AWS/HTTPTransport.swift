import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one HTTP request and waits for the answer, at most `timeout` seconds, checking for an interrupt
/// while it waits. The only place in Slipway that opens a network connection other than libpq's.
struct HTTPTransport: Sendable {
    /// Why a request got no HTTP answer.
    enum Failure: Error, Sendable {
        case timedOut
        case interrupted
        case unreachable(String)
    }

    var isInterrupted: @Sendable () -> Bool

    /// One session for the process: URLSession keeps connections alive between calls, which matters for S3.
    private static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        return URLSession(configuration: configuration)
    }()

    func send(_ request: HTTPRequest, timeout: Double) throws(Failure) -> HTTPResponse {
        guard !isInterrupted() else { throw .interrupted }
        guard let url = request.url else { throw .unreachable("the URL for \(request.endpoint) is not valid") }
        var urlRequest = URLRequest(url: url, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers where name.lowercased() != "host" {
            urlRequest.addValue(value, forHTTPHeaderField: name)
        }
        if !request.body.isEmpty || request.method == "PUT" || request.method == "POST" { urlRequest.httpBody = request.body }
        let outcome = Outcome()
        let task = Self.session.dataTask(with: urlRequest) { data, response, error in
            outcome.finish(data: data, response: response as? HTTPURLResponse, error: error)
        }
        task.resume()
        // Waits in short slices so that SIGINT is noticed; the whole wait is bounded by the timeout.
        let deadline = Date().addingTimeInterval(timeout + 1)
        while !outcome.wait(seconds: 0.1) {
            if isInterrupted() {
                task.cancel()
                throw .interrupted
            }
            if Date() > deadline {
                task.cancel()
                throw .timedOut
            }
        }
        return try outcome.result()
    }
}

/// The answer handed from URLSession's queue to the waiting thread.
private final class Outcome: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var response: HTTPResponse?
    private var failure: HTTPTransport.Failure?

    func finish(data: Data?, response: HTTPURLResponse?, error: Error?) {
        lock.withLock {
            if let response {
                var headers: [String: String] = [:]
                for (name, value) in response.allHeaderFields {
                    if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
                }
                self.response = HTTPResponse(status: response.statusCode, headers: headers, body: data ?? Data())
            } else if let error = error as? URLError, error.code == .timedOut {
                failure = .timedOut
            } else {
                failure = .unreachable(error?.localizedDescription ?? "no response")
            }
        }
        done.signal()
    }

    func wait(seconds: Double) -> Bool {
        done.wait(timeout: .now() + seconds) == .success
    }

    func result() throws(HTTPTransport.Failure) -> HTTPResponse {
        let (response, failure) = lock.withLock { (self.response, self.failure) }
        if let response { return response }
        throw failure ?? .unreachable("no response")
    }
}
