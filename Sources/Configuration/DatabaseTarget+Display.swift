extension DatabaseTarget {
    /// Keywords that the URL form shows outside its query string.
    private static let urlPartKeys: Set<String> = ["host", "port", "dbname", "user", "password"]

    /// The target for people to read, with the password masked: `postgresql://u:***@h:5432/db?sslmode=require`,
    /// or `libpq environment (PGHOST=h)` when libpq's own variables supply the server.
    public var display: String {
        if !libpqEnvironment.isEmpty, self["host"] == nil {
            let environment = "libpq environment (\(libpqEnvironment.map(\.description).joined(separator: ", ")))"
            return parameters.isEmpty ? environment : environment + " with " + parameters.map(\.description).joined(separator: " ")
        }
        var url = "postgresql://"
        if let user = self["user"] {
            url += PercentEncoding.encode(user) + (self["password"] == nil ? "" : ":***") + "@"
        } else if self["password"] != nil {
            url += ":***@"
        }
        url += hostList
        if let dbname = self["dbname"] { url += "/" + PercentEncoding.encode(dbname) }
        let query = parameters.filter { !Self.urlPartKeys.contains($0.key) }
        if !query.isEmpty {
            url += "?" + query.map { "\($0.key)=\(PercentEncoding.encode($0.value))" }.joined(separator: "&")
        }
        return url
    }

    /// `host:port` pairs, comma-separated as libpq lists several hosts; IPv6 addresses in brackets.
    private var hostList: String {
        let hosts = (self["host"] ?? "").split(separator: ",", omittingEmptySubsequences: false).map { host in
            host.contains(":") ? "[\(host)]" : String(host)
        }
        let ports = (self["port"] ?? "").split(separator: ",").map(String.init)
        if ports.count == hosts.count {
            return zip(hosts, ports).map { "\($0):\($1)" }.joined(separator: ",")
        }
        return hosts.joined(separator: ",") + (ports.isEmpty ? "" : ":" + ports.joined(separator: ","))
    }
}
