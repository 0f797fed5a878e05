import Diagnostics

/// The database to migrate or test: libpq connection keywords plus what Slipway needs to know about it.
public struct DatabaseTarget: Sendable, Equatable {
    /// libpq keywords in the order they were given: host, port, dbname, user, password, sslmode, options,
    /// application_name, connect_timeout, and any other keyword libpq accepts.
    public var parameters: [ConnectionParameter]
    /// True for a `jdbc:redshift:` URL, a `*.redshift.amazonaws.com` (or serverless) host, or `dialect=redshift`.
    public var isRedshift: Bool
    /// The libpq `PG*` variables that supply what `parameters` lack, e.g. `PGHOST=db.example.com`.
    ///
    /// Non-empty only when the target came from libpq's environment; passwords are never listed.
    public var libpqEnvironment: [ConnectionParameter]
    /// Problems noticed that did not stop parsing, e.g. JDBC parameters Slipway does not understand.
    public var warnings: [Diagnostic]
    /// Set for `jdbc:redshift:iam://` URLs: the user and password come from AWS before connecting.
    public var redshiftIAM: RedshiftIAM?

    public init(
        parameters: [ConnectionParameter] = [], isRedshift: Bool = false,
        libpqEnvironment: [ConnectionParameter] = [], warnings: [Diagnostic] = []
    ) {
        self.parameters = parameters
        self.isRedshift = isRedshift
        self.libpqEnvironment = libpqEnvironment
        self.warnings = warnings
    }

    /// The value of a libpq keyword, if set.
    public subscript(key: String) -> String? {
        parameters.first { $0.key == key }?.value
    }

    /// Sets a keyword, replacing an earlier value in place.
    public mutating func set(_ key: String, _ value: String) {
        if let index = parameters.firstIndex(where: { $0.key == key }) {
            parameters[index].value = value
        } else {
            parameters.append(ConnectionParameter(key, value))
        }
    }

    /// Sets a keyword only when it has no value yet.
    mutating func fill(_ key: String, _ value: String?) {
        guard let value, self[key] == nil else { return }
        set(key, value)
    }

    /// True when the host (or any of several comma-separated hosts) is an Amazon Redshift endpoint.
    var hasRedshiftHost: Bool {
        let hosts = (self["host"] ?? "") + "," + libpqEnvironment.filter { $0.key == "PGHOST" }.map(\.value).joined(separator: ",")
        return hosts.lowercased().split(separator: ",").contains {
            $0.hasSuffix(".redshift.amazonaws.com") || $0.hasSuffix(".redshift-serverless.amazonaws.com")
        }
    }
}
