import CLibPQ

extension ConnectionParameter {
    /// libpq's keywords whose values it checks before connecting, and what it accepts.
    private static let choices: [String: Set<String>] = [
        "sslmode": ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"],
        "gssencmode": ["disable", "prefer", "require"],
        "target_session_attrs": ["any", "read-write", "read-only", "primary", "standby", "prefer-standby"],
    ]
    private static let integers: Set<String> = [
        "connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout",
    ]

    /// Why libpq would refuse `parameters` without trying to connect (an unknown keyword, a value outside its
    /// choices, a number that is not one), so that a mistake in the URL is bad input, not an unreachable server;
    /// nil when it would try. Values are named only for keywords that are never secret.
    public static func problem(in parameters: [ConnectionParameter]) -> String? {
        let known = knownKeywords()
        for parameter in parameters {
            if !known.isEmpty, !known.contains(parameter.key) {
                return "'\(parameter.key)' is not a libpq connection option"
            }
            if let allowed = choices[parameter.key], !allowed.contains(parameter.value) {
                return "'\(parameter.value)' is not a valid \(parameter.key); expected one of "
                    + allowed.sorted().joined(separator: ", ")
            }
            if integers.contains(parameter.key), Int(parameter.value.trimmingWhitespace) == nil {
                return "\(parameter.key) must be a whole number, not '\(parameter.value)'"
            }
        }
        return nil
    }

    /// Every keyword this libpq knows (PQconndefaults); empty if it cannot say.
    private static func knownKeywords() -> Set<String> {
        guard let options = PQconndefaults() else { return [] }
        defer { PQconninfoFree(options) }
        var keywords: Set<String> = []
        var option = options
        while let keyword = option.pointee.keyword {
            keywords.insert(String(cString: keyword))
            option += 1
        }
        return keywords
    }
}
