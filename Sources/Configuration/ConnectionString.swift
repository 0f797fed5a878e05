import Diagnostics
import Foundation

/// Reads the database URL forms users bring: PostgreSQL URIs, libpq keyword strings, and Flyway's JDBC URLs.
public enum ConnectionString {
    /// The forms ``parse(_:)`` accepts, for hints.
    static let acceptedForms = "postgresql://user:password@host:5432/db (or postgres://), "
        + "libpq keywords 'host=... port=5432 dbname=... user=...', "
        + "jdbc:postgresql://host:5432/db?user=...&password=..., jdbc:redshift://host:5439/db?user=..."

    /// Parses a URL or keyword string into libpq parameters.
    ///
    /// JDBC parameters are mapped to libpq keywords (`ssl=true` → `sslmode=require`, `currentSchema` →
    /// `options=-c search_path=…`, `ApplicationName` → `application_name`, `connectTimeout` → `connect_timeout`);
    /// unknown ones become ``DatabaseTarget/warnings``. A `jdbc:redshift:` URL defaults to port 5439 and
    /// `sslmode=require`, as Redshift's JDBC driver does.
    /// - Throws: a ``Diagnostic`` (category `.input`) that shows the URL with its password masked.
    public static func parse(_ url: String) throws(Diagnostic) -> DatabaseTarget {
        let text = url.trimmingCharacters(in: .whitespacesAndNewlines)
        let lowercased = text.lowercased()
        for scheme in ["postgresql://", "postgres://"] where lowercased.hasPrefix(scheme) {
            return try parseURI(text, body: text.dropFirst(scheme.count))
        }
        for flavour in JDBCFlavour.allCases where lowercased.hasPrefix(flavour.prefix) {
            return try parseJDBC(text, body: text.dropFirst(flavour.prefix.count), flavour: flavour)
        }
        if !lowercased.contains("://"), !lowercased.hasPrefix("jdbc:"), text.contains("=") {
            return try parseKeywords(text)
        }
        throw invalid(text, "it is none of the accepted forms")
    }

    /// A diagnostic about `url` that shows it masked, says why it was rejected and which forms work.
    static func invalid(_ url: String, _ reason: String) -> Diagnostic {
        Diagnostic(
            category: .input, code: "bad-url",
            message: "cannot read the database URL '\(abbreviated(mask(url)))': \(reason)",
            hint: "use one of: \(acceptedForms)")
    }

    /// At most 200 characters of `text`, saying how long it was: a 100 KB URL must not make a 100 KB error line.
    static func abbreviated(_ text: String) -> String {
        text.count <= 200 ? text : text.prefix(200) + "… (\(text.count) characters)"
    }

    /// Checks that every comma-separated port is a number from 1 to 65535.
    static func validatePorts(_ ports: [String], in url: String) throws(Diagnostic) {
        for port in ports where !port.isEmpty {
            guard let number = Int(port), (1...65535).contains(number) else {
                throw invalid(url, "port '\(abbreviated(port))' is not a number from 1 to 65535")
            }
        }
    }

    /// Percent-decodes one part of a URL, or throws naming the part.
    static func decoded(_ part: Substring, _ name: String, in url: String) throws(Diagnostic) -> String {
        guard let value = PercentEncoding.decode(part) else {
            throw invalid(url, "the \(name) has a malformed %-escape")
        }
        return value
    }
}
