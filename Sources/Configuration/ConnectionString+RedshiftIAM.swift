import Diagnostics

extension ConnectionString {
    /// JDBC parameters of Redshift's IAM URLs, lower-cased (the driver ignores case); the others are read as in
    /// any `jdbc:redshift:` URL.
    private static let iamParameters: Set<String> = ["clusterid", "region", "dbuser", "dbgroups", "autocreate"]

    /// Parses `jdbc:redshift:iam://cluster:region/db`, `jdbc:redshift:iam://cluster.id.region.redshift.amazonaws.com:5439/db`
    /// or `jdbc:redshift:iam://workgroup.account.region.redshift-serverless.amazonaws.com:5439/db`, with `DbUser`,
    /// `DbGroups`, `AutoCreate`, `ClusterID` and `Region` parameters. `body` follows `jdbc:redshift:iam:`.
    static func parseRedshiftIAM(_ url: String, body: Substring) throws(Diagnostic) -> DatabaseTarget {
        guard body.hasPrefix("//") else {
            throw invalid(url, "an IAM URL is jdbc:redshift:iam://cluster:region/db or jdbc:redshift:iam://endpoint:5439/db")
        }
        let (location, queryText) = split(body.dropFirst(2), at: "?")
        let (authority, path) = split(location, at: "/")
        let (host, portOrRegion) = authority.lastIndex(of: ":").map {
            (authority[..<$0], Optional(authority[authority.index(after: $0)...]))
        } ?? (authority, nil)
        var region: String?
        var cluster: String?
        var workgroup: String?
        var hostKnown = true
        if let portOrRegion, !portOrRegion.isEmpty, Int(portOrRegion) == nil {
            (cluster, region, hostKnown) = (String(host), String(portOrRegion), false)
        } else {
            let labels = host.lowercased().split(separator: ".")
            if labels.count >= 3, host.lowercased().hasSuffix(".redshift-serverless.amazonaws.com") {
                (workgroup, region) = (String(labels[0]), String(labels[2]))
            } else if labels.count >= 3, host.lowercased().hasSuffix(".redshift.amazonaws.com") {
                (cluster, region) = (String(labels[0]), String(labels[2]))
            }
        }
        var passed: [Substring] = []
        var dbUser: String?
        var groups: [String] = []
        var autoCreate = false
        for pair in queryText?.split(separator: "&") ?? [] {
            let (key, value) = split(pair, at: "=")
            let name = try decoded(key, "query parameter name", in: url).lowercased()
            guard iamParameters.contains(name) else {
                passed.append(pair)
                continue
            }
            let text = try decoded(value ?? "", "value of query parameter \(name)", in: url)
            switch name {
            case "clusterid": cluster = text
            case "region": region = text
            case "dbuser": dbUser = text
            case "dbgroups": groups = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            default: autoCreate = text.lowercased() == "true"
            }
        }
        let plain = (hostKnown ? "//" + authority : "") + "/" + (path ?? "") + (passed.isEmpty ? "" : "?" + passed.joined(separator: "&"))
        var target = try parseJDBC(url, body: Substring(plain), flavour: .redshift)
        guard let source = workgroup.map(RedshiftIAM.Source.workgroup) ?? cluster.map(RedshiftIAM.Source.cluster) else {
            throw invalid(url, "the host is no Redshift endpoint, so the URL needs ?ClusterID=<cluster identifier>")
        }
        guard target["dbname"] != nil else { throw invalid(url, "an IAM URL names the database: jdbc:redshift:iam://cluster:region/db") }
        target.redshiftIAM = RedshiftIAM(
            source: source, region: region, dbUser: dbUser ?? target["user"], dbGroups: groups, autoCreate: autoCreate)
        return target
    }

    private static func split(_ text: Substring, at separator: Character) -> (Substring, Substring?) {
        guard let index = text.firstIndex(of: separator) else { return (text, nil) }
        return (text[..<index], text[text.index(after: index)...])
    }
}
