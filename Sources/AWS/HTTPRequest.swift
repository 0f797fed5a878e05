import Foundation

/// One HTTP request to an AWS endpoint, with its path and query kept decoded so that signing and sending
/// encode them the same way.
public struct HTTPRequest: Sendable {
    public var method: String
    public var endpoint: Endpoint
    /// The decoded path, e.g. `/bucket/fixtures/my file.csv`.
    public var path: String
    /// Decoded query parameters in the order given.
    public var query: [(name: String, value: String)]
    /// Header fields in the order given; repeated names are allowed.
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(
        method: String, endpoint: Endpoint, path: String = "/", query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], body: Data = Data()
    ) {
        self.method = method
        self.endpoint = endpoint
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The value of the first header with this name, compared ignoring case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The URL sent: the endpoint, the path encoded once, the query encoded as SigV4 encodes it.
    var url: URL? {
        let path = endpoint.basePath + URIEncoding.encode(path, keepingSlashes: true)
        let query = query.isEmpty ? "" : "?" + URIEncoding.canonicalQuery(query)
        return URL(string: endpoint.origin + path + query)
    }
}

/// Where a service listens: scheme, host, port, and a path prefix for endpoints such as `http://proxy/aws`.
public struct Endpoint: Sendable, Equatable, CustomStringConvertible {
    public var scheme: String
    public var host: String
    public var port: Int?
    public var basePath: String

    public init(scheme: String = "https", host: String, port: Int? = nil, basePath: String = "") {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.basePath = basePath
    }

    /// Parses `https://host[:port][/path]`; nil for anything else.
    public init?(url text: String) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return nil }
        self.init(scheme: scheme, host: host, port: components.port,
                  basePath: components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path)
    }

    /// The `Host` header: the host, and the port when it is not the scheme's default.
    public var hostHeader: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        guard let port, port != (scheme == "https" ? 443 : 80) else { return bracketed }
        return "\(bracketed):\(port)"
    }

    var origin: String { "\(scheme)://\(hostHeader)" }

    public var description: String { origin + basePath }
}
