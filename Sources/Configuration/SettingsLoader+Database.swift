import Diagnostics

extension SettingsLoader {
    /// libpq's variables that name a server, and those shown with them in ``DatabaseTarget/display``.
    private static let libpqServerVariables = ["PGHOST", "PGSERVICE"]
    private static let libpqDisplayedVariables = ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE", "PGSSLMODE"]

    /// The database the settings name: the URL, then `user`/`password` over it, then the secret filling gaps;
    /// or libpq's own `PG*` variables. Nil when none of these is given.
    ///
    /// Every password seen is appended to `secrets`, even one that a higher source overrides.
    static func resolveDatabase(
        _ layer: SettingsLayer, dialect: DatabaseDialect?, environment: [String: String], fetchSecret: SecretFetcher?,
        secrets: inout [String]
    ) throws(Diagnostic) -> DatabaseTarget? {
        let url = layer.text(.url)
        let secretEnv = layer.text(.secretEnv)
        let usesLibpqEnvironment = libpqServerVariables.contains { environment[$0] != nil }
        let secretId = layer.text(.secretId)
        guard url != nil || secretEnv != nil || secretId != nil || usesLibpqEnvironment else { return nil }

        var target = DatabaseTarget()
        if let url {
            do {
                target = try ConnectionString.parse(url)
            } catch var diagnostic {
                // Point at the config file's line, or name the variable or flag the URL came from.
                if let origin = layer.values[.url]?.origin {
                    diagnostic.location = diagnostic.location ?? origin.location
                    if origin.location == nil { diagnostic.notes.append("from \(origin.description)") }
                }
                throw diagnostic
            }
            secrets += [target["password"]].compactMap { $0 }
        }
        if let user = layer.text(.user) { target.set("user", user) }
        if let password = layer.text(.password) { target.set("password", password) }
        if let secretEnv {
            let secret = try DatabaseSecret.read(variable: secretEnv, environment: environment)
            secrets += [secret.password].compactMap { $0 }
            try fill(&target, from: secret, variable: secretEnv)
        }
        if let secretId {
            let (secret, source) = try fetchedSecret(secretId, alsoNamed: secretEnv, fetch: fetchSecret)
            secrets += [secret.password].compactMap { $0 }
            try fill(&target, from: secret, variable: source)
        }
        if url == nil, target["host"] == nil, usesLibpqEnvironment {
            target.libpqEnvironment = libpqDisplayedVariables.compactMap { name in
                environment[name].map { ConnectionParameter(name, $0) }
            }
        }
        target.isRedshift = dialect.map { $0 == .redshift } ?? (target.isRedshift || target.hasRedshiftHost)
        try refuseNUL(in: target)
        return target
    }

    /// libpq reads keywords as C strings: `mydb%00_staging` would connect to `mydb`. The value is never shown.
    private static func refuseNUL(in target: DatabaseTarget) throws(Diagnostic) {
        guard let bad = target.parameters.first(where: { $0.key.utf8.contains(0) || $0.value.utf8.contains(0) }) else {
            return
        }
        throw Diagnostic(
            category: .input, code: "nul-character",
            message: "the connection setting '\(bad.key.filter { $0 != "\0" })' holds a NUL character (%00 or \\u0000)",
            hint: "remove the NUL from the URL, the user, the password or the secret's fields")
    }

    /// Fills the keywords the target lacks from the secret; a needed field the secret lacks is an error.
    private static func fill(_ target: inout DatabaseTarget, from secret: DatabaseSecret, variable: String) throws(Diagnostic) {
        for field in secret.fields where target[field.keyword] == nil {
            if let value = field.value {
                target.set(field.keyword, value)
            } else if field.required {
                throw DatabaseSecret.problem(variable, "the secret in \(variable) has no field '\(field.jsonName)', and no other setting gives it")
            }
        }
        target.isRedshift = target.isRedshift || secret.isRedshift
    }
}
