/// Redshift's spellings of date and time parts, mapped to the names PostgreSQL's `date_part` and `date_trunc`
/// know (r_Dateparts_for_datetime_functions.html). `m` is minutes, not months, on both.
enum DateParts {
    static let canonical: [String: String] = {
        let spellings: [String: [String]] = [
            "millennium": ["millennium", "millennia", "mil", "mils"],
            "century": ["century", "centuries", "c", "cent", "cents"],
            "decade": ["decade", "decades", "dec", "decs"],
            "epoch": ["epoch"],
            "year": ["year", "years", "y", "yr", "yrs"],
            "quarter": ["quarter", "quarters", "qtr", "qtrs"],
            "month": ["month", "months", "mon", "mons"],
            "week": ["week", "weeks", "w"],
            "dow": ["dayofweek", "dow", "dw", "weekday"],
            "doy": ["dayofyear", "doy", "dy", "yearday"],
            "day": ["day", "days", "d"],
            "hour": ["hour", "hours", "h", "hr", "hrs"],
            "minute": ["minute", "minutes", "m", "min", "mins"],
            "second": ["second", "seconds", "s", "sec", "secs"],
            "milliseconds": ["millisecond", "milliseconds", "ms", "msec", "msecs", "msecond", "mseconds",
                             "millisec", "millisecs", "millisecon"],
            "microseconds": ["microsecond", "microseconds", "microsec", "microsecs", "usecond", "useconds", "us",
                             "usec", "usecs"],
            "timezone": ["timezone"], "timezone_hour": ["timezone_hour"], "timezone_minute": ["timezone_minute"],
        ]
        var names: [String: String] = [:]
        for (name, words) in spellings { for word in words { names[word] = name } }
        return names
    }()

    /// PostgreSQL's name for a Redshift spelling (any case); nil when Redshift has no such part.
    static func name(_ spelling: String) -> String? {
        canonical[spelling.lowercased()]
    }
}
