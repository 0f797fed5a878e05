import Diagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ConnectionString {
    /// The parts of a URL after its scheme: `[userinfo@]hosts[/path][?query]`, not yet decoded.
    struct URLParts {
        var userInfo: Substring?
        var hosts: [Substring]
        var path: Substring?
        var query: [(key: Substring, value: Substring)]

        /// Splits `body` (the URL after `scheme://`); the authority ends at the first `/` or `?`.
        init(_ body: Substring) {
            let authorityEnd = body.firstIndex { $0 == "/" || $0 == "?" } ?? body.endIndex
            var authority = body[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                userInfo = authority[..<at]
                authority = authority[authority.index(after: at)...]
            }
            hosts = Self.splitHosts(authority)
            var rest = body[authorityEnd...]
            var queryText: Substring = ""
            if let mark = rest.firstIndex(of: "?") {
                queryText = rest[rest.index(after: mark)...]
                rest = rest[..<mark]
            }
            path = rest.isEmpty ? nil : rest.dropFirst()
            query = queryText.split(separator: "&").map { pair in
                guard let equals = pair.firstIndex(of: "=") else { return (pair, "") }
                return (pair[..<equals], pair[pair.index(after: equals)...])
            }
        }

        /// Splits `host1:5432,[::1]:5433` at commas outside brackets.
        private static func splitHosts(_ authority: Substring) -> [Substring] {
            var parts: [Substring] = []
            var start = authority.startIndex
            var inBrackets = false
            for index in authority.indices {
                switch authority[index] {
                case "[": inBrackets = true
                case "]": inBrackets = false
                case "," where !inBrackets:
                    parts.append(authority[start..<index])
                    start = authority.index(after: index)
                default: break
                }
            }
            parts.append(authority[start...])
            return parts
        }
    }

    /// Reads the hosts and ports of a URL's authority into `host` and `port` keywords (comma-separated when
    /// several, as libpq takes them); IPv6 addresses stand in brackets.
    static func setHosts(_ hosts: [Substring], of url: String, on target: inout DatabaseTarget) throws(Diagnostic) {
        var names: [String] = []
        var ports: [String] = []
        for host in hosts {
            var name = host
            var port: Substring = ""
            if host.hasPrefix("[") {
                guard let close = host.firstIndex(of: "]") else { throw invalid(url, "an IPv6 address lacks its ']'") }
                name = host[host.index(after: host.startIndex)..<close]
                // Otherwise libpq would look `[::zz]` up as a host name.
                guard isIPv6Address(name) else { throw invalid(url, "'[\(name)]' is not an IPv6 address") }
                let after = host[host.index(after: close)...]
                if after.hasPrefix(":") { port = after.dropFirst() } else if !after.isEmpty {
                    throw invalid(url, "unexpected text after an IPv6 address")
                }
            } else if let colon = host.lastIndex(of: ":") {
                name = host[..<colon]
                port = host[host.index(after: colon)...]
            }
            names.append(try decoded(name, "host", in: url))
            ports.append(String(port))
        }
        try validatePorts(ports, in: url)
        if names.contains(where: { !$0.isEmpty }) { target.set("host", names.joined(separator: ",")) }
        if ports.contains(where: { !$0.isEmpty }) {
            target.set("port", ports.allSatisfy { $0 == ports[0] } ? ports[0] : ports.joined(separator: ","))
        }
    }

    /// Whether `text` is an IPv6 address, with or without a zone (`fe80::1%eth0`, `%25` in a URI; libpq's part).
    static func isIPv6Address(_ text: Substring) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET6, String(text.prefix { $0 != "%" }), &address) == 1
    }

    /// Parses `postgresql://[user[:password]@][host][:port][,…][/dbname][?keyword=value&…]` as libpq does.
    static func parseURI(_ url: String, body: Substring) throws(Diagnostic) -> DatabaseTarget {
        let parts = URLParts(body)
        var target = DatabaseTarget()
        try setHosts(parts.hosts, of: url, on: &target)
        if let path = parts.path, !path.isEmpty { target.set("dbname", try decoded(path, "database name", in: url)) }
        if let userInfo = parts.userInfo {
            let colon = userInfo.firstIndex(of: ":")
            let user = userInfo[..<(colon ?? userInfo.endIndex)]
            if !user.isEmpty { target.set("user", try decoded(user, "user name", in: url)) }
            if let colon { target.set("password", try decoded(userInfo[userInfo.index(after: colon)...], "password", in: url)) }
        }
        for (key, value) in parts.query {
            let name = try decoded(key, "query parameter name", in: url)
            let text = try decoded(value, "value of query parameter \(name)", in: url)
            // libpq takes JDBC's ssl=true in URIs too.
            if name == "ssl", text == "true" { target.set("sslmode", "require") } else { target.set(name, text) }
        }
        if let port = target["port"] { try validatePorts(port.split(separator: ",").map(String.init), in: url) }
        return target
    }
}
