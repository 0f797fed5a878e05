import Diagnostics
import Foundation

/// A database secret in AWS Secrets Manager's JSON shape, as CodeBuild puts it into an environment variable:
/// `{"username", "password", "host", "port", "dbName", "engine"}`.
struct DatabaseSecret: Sendable, Equatable {
    var username: String?
    var password: String?
    var host: String?
    /// The port as text, read from a JSON number or string.
    var port: String?
    var dbname: String?
    var isRedshift: Bool

    /// The secret's fields that fill libpq keywords, with the JSON name used in messages; port is optional
    /// because libpq has a default.
    var fields: [(keyword: String, jsonName: String, value: String?, required: Bool)] {
        [("host", "host", host, true), ("port", "port", port, false), ("dbname", "dbName", dbname, true),
         ("user", "username", username, true), ("password", "password", password, true)]
    }

    /// Reads the secret from the environment variable `variable`.
    ///
    /// Errors name the variable and the field, never a value: the whole variable is secret.
    static func read(variable: String, environment: [String: String]) throws(Diagnostic) -> DatabaseSecret {
        guard let json = environment[variable] else {
            throw problem(variable, "environment variable \(variable), named by secretEnv, is not set")
        }
        return try parse(json, source: variable, described: "environment variable \(variable)")
    }

    /// Reads the secret's JSON text; `source` names it in messages (`PROD_DB_SECRET`), `described` at length.
    static func parse(_ json: String, source variable: String, described: String) throws(Diagnostic) -> DatabaseSecret {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else {
            throw problem(variable, "\(described) does not hold a JSON object")
        }
        let engine = try text(object, ["engine"], variable)
        var secret = DatabaseSecret(
            username: try text(object, ["username"], variable),
            password: try text(object, ["password"], variable),
            host: try text(object, ["host"], variable),
            port: try text(object, ["port"], variable),
            dbname: try text(object, ["dbName", "dbname", "database"], variable),
            isRedshift: engine?.lowercased() == "redshift")
        if let port = secret.port, Int(port).map({ (1...65535).contains($0) }) != true {
            throw problem(variable, "field 'port' of the secret in \(variable) is not a number from 1 to 65535")
        }
        secret.isRedshift = secret.isRedshift || DatabaseTarget(parameters: [ConnectionParameter("host", secret.host ?? "")]).hasRedshiftHost
        return secret
    }

    /// The first of `names` present, as text; JSON numbers are accepted (ports often are numbers).
    private static func text(_ object: [String: Any], _ names: [String], _ variable: String) throws(Diagnostic) -> String? {
        guard let name = names.first(where: { object[$0] != nil }), let value = object[name] else { return nil }
        if let string = value as? String { return string }
        // JSON's true and false arrive as numbers of C type char, which would read as the ports 1 and 0.
        let isBoolean = (value as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? false
        if !isBoolean, let number = value as? Int { return String(number) }
        throw problem(variable, "field '\(name)' of the secret in \(variable) must be a string or a number")
    }

    static func problem(_ variable: String, _ message: String) -> Diagnostic {
        Diagnostic(
            category: .input, code: "bad-secret", message: message,
            hint: "\(variable) must hold Secrets Manager JSON: {\"username\", \"password\", \"host\", \"port\", \"dbName\"}")
    }
}
