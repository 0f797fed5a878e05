import Diagnostics
import Foundation

extension ConnectionString {
    /// The JDBC URL prefixes Flyway users bring.
    enum JDBCFlavour: CaseIterable {
        case postgresql, redshift

        var prefix: String {
            switch self {
            case .postgresql: "jdbc:postgresql:"
            case .redshift: "jdbc:redshift:"
            }
        }
    }

    /// JDBC parameter names (lower-cased: Redshift's driver ignores case) and the libpq keyword each becomes.
    private static let jdbcKeywords: [String: String] = [
        "user": "user", "uid": "user", "password": "password", "pwd": "password",
        "sslmode": "sslmode", "sslrootcert": "sslrootcert", "sslcert": "sslcert", "sslkey": "sslkey",
        "applicationname": "application_name", "connecttimeout": "connect_timeout", "options": "options",
    ]

    /// Parses `jdbc:postgresql://host:port/db?…`, `jdbc:postgresql:db`, or `jdbc:redshift://host:5439/db?…`.
    static func parseJDBC(_ url: String, body: Substring, flavour: JDBCFlavour) throws(Diagnostic) -> DatabaseTarget {
        if body.lowercased().hasPrefix("iam:") {
            guard flavour == .redshift else { throw invalid(url, "IAM authentication URLs are jdbc:redshift:iam://…") }
            return try parseRedshiftIAM(url, body: body.dropFirst("iam:".count))
        }
        // `jdbc:postgresql:db` and `jdbc:postgresql:/` mean the local server, as in pgjdbc.
        let parts = URLParts(body.hasPrefix("//") ? body.dropFirst(2) : body.hasPrefix("/") ? body : Substring("/" + body))
        if parts.userInfo != nil {
            throw invalid(url, "JDBC URLs carry the user and password as ?user=…&password=… parameters, not before '@'")
        }
        var target = DatabaseTarget(isRedshift: flavour == .redshift)
        try setHosts(parts.hosts, of: url, on: &target)
        if let path = parts.path, !path.isEmpty { target.set("dbname", try decoded(path, "database name", in: url)) }
        var ssl: String?
        var currentSchema: String?
        var unknown: [String] = []
        for (key, value) in parts.query {
            let name = try decoded(key, "query parameter name", in: url)
            let text = try decoded(value, "value of query parameter \(name)", in: url)
            switch name.lowercased() {
            case "ssl":
                // The JDBC drivers take true or false; anything else must not quietly mean "no TLS".
                guard ["true", "false"].contains(text.lowercased()) else {
                    throw invalid(url, "ssl=\(text) is neither true nor false")
                }
                ssl = text.lowercased()
            case "currentschema": currentSchema = text
            default:
                if let keyword = jdbcKeywords[name.lowercased()] { target.set(keyword, text) } else { unknown.append(name) }
            }
        }
        if let currentSchema {
            let searchPath = "-c search_path=" + escapeOptionValue(currentSchema)
            target.set("options", target["options"].map { $0 + " " + searchPath } ?? searchPath)
        }
        target.fill("sslmode", ssl == "true" ? "require" : ssl == "false" ? "disable" : nil)
        if flavour == .redshift {
            target.fill("sslmode", "require")
            if target["host"] != nil { target.fill("port", "5439") }
        }
        if let port = target["port"] { try validatePorts(port.split(separator: ",").map(String.init), in: url) }
        if !unknown.isEmpty {
            target.warnings.append(Diagnostic(
                .warning, category: .input, code: "unused-jdbc-parameter",
                message: "JDBC parameters that Slipway does not use: \(unknown.joined(separator: ", "))",
                hint: "Slipway maps user, password, ssl, sslmode, sslrootcert, sslcert, sslkey, currentSchema, "
                    + "ApplicationName, connectTimeout and options; libpq reads other settings from PG* variables"))
        }
        return target
    }

    /// Escapes spaces and backslashes, which libpq's `options` keyword treats as separators and escapes.
    private static func escapeOptionValue(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: " ", with: "\\ ")
    }
}
