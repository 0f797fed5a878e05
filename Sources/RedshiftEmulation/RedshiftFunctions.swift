/// The functions emulated Redshift calls that PostgreSQL lacks or defines differently, as one SQL script run once
/// per database (in the embedded server's template, or at first use on a configured server).
///
/// Every statement ends with `;` and a blank line and no body holds one, so that `postgres --single -j` reads
/// it statement by statement. Bodies qualify built-in types and functions (`pg_catalog.date`): a Redshift
/// project may have a table called `date` (TICKIT does).
public enum RedshiftFunctions {
    /// The schema the functions live in; the rewrite calls them qualified with it.
    public static let schema = "slipway_redshift"
    /// Changes whenever the script does, so a template or database with an older set is brought up to date.
    public static let revision = 2

    /// The schema's comment, which says which revision of the script is installed.
    public static var marker: String { "Redshift functions of the Slipway emulation, revision \(revision)" }

    /// A query that returns one row when this revision is installed in the database.
    public static var installedQuery: String {
        "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = '\(schema)' "
            + "AND pg_catalog.obj_description(oid, 'pg_namespace') = '\(marker)'"
    }

    /// The whole script: drops an older revision, then creates the schema and its functions.
    public static var script: String {
        ([
            "DROP SCHEMA IF EXISTS \(schema) CASCADE",
            "CREATE SCHEMA \(schema)",
            "COMMENT ON SCHEMA \(schema) IS '\(marker)'",
            "GRANT USAGE ON SCHEMA \(schema) TO PUBLIC",
            datePartName,
        ] + dateFunctions + otherFunctions).map { $0 + ";\n\n" }.joined()
    }

    /// Redshift's spelling of a date part → PostgreSQL's name; an unknown part is an error naming it.
    private static var datePartName: String {
        let cases = DateParts.canonical.sorted { $0.key < $1.key }
            .map { "WHEN '\($0.key)' THEN '\($0.value)'" }.joined(separator: " ")
        return """
            CREATE FUNCTION \(schema).date_part_name(part pg_catalog.text) RETURNS pg_catalog.text
            LANGUAGE plpgsql IMMUTABLE STRICT AS $body$ BEGIN
            RETURN CASE pg_catalog.lower(pg_catalog.btrim(part)) \(cases)
            ELSE \(schema).unknown_date_part(part) END;
            END $body$
            """
    }

    private static var dateFunctions: [String] {
        [
            """
            CREATE FUNCTION \(schema).unknown_date_part(part pg_catalog.text) RETURNS pg_catalog.text
            LANGUAGE plpgsql IMMUTABLE AS $body$ BEGIN
            RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = pg_catalog.format('%L is not a Redshift date part', part),
            HINT = 'see docs.aws.amazon.com/redshift/latest/dg/r_Dateparts_for_datetime_functions.html';
            END $body$
            """,
            // Boundaries crossed, not time elapsed (r_DATEDIFF_function.html): a year from Dec 31 to Jan 1.
            """
            CREATE FUNCTION \(schema).datediff(part pg_catalog.text, a pg_catalog.timestamp, b pg_catalog.timestamp)
            RETURNS pg_catalog.int8 LANGUAGE plpgsql IMMUTABLE STRICT AS $body$
            DECLARE p pg_catalog.text := \(schema).date_part_name(part);
            BEGIN
            IF p IN ('millennium', 'century', 'decade', 'year', 'quarter', 'month') THEN
              RETURN pg_catalog.floor((pg_catalog.date_part('year', b) * 12 + pg_catalog.date_part('month', b) - 1)
                / CASE p WHEN 'millennium' THEN 12000 WHEN 'century' THEN 1200 WHEN 'decade' THEN 120
                  WHEN 'year' THEN 12 WHEN 'quarter' THEN 3 ELSE 1 END)
                - pg_catalog.floor((pg_catalog.date_part('year', a) * 12 + pg_catalog.date_part('month', a) - 1)
                / CASE p WHEN 'millennium' THEN 12000 WHEN 'century' THEN 1200 WHEN 'decade' THEN 120
                  WHEN 'year' THEN 12 WHEN 'quarter' THEN 3 ELSE 1 END);
            ELSIF p = 'week' THEN
              RETURN (pg_catalog.date_trunc('week', b)::pg_catalog.date - pg_catalog.date_trunc('week', a)::pg_catalog.date) / 7;
            ELSIF p IN ('day', 'dow', 'doy') THEN
              RETURN b::pg_catalog.date - a::pg_catalog.date;
            ELSIF p IN ('hour', 'minute', 'second', 'milliseconds', 'microseconds') THEN
              RETURN pg_catalog.floor(pg_catalog.date_part('epoch',
                pg_catalog.date_trunc(pg_catalog.rtrim(p, 's'), b) - pg_catalog.date_trunc(pg_catalog.rtrim(p, 's'), a))
                * CASE p WHEN 'hour' THEN 1.0 / 3600 WHEN 'minute' THEN 1.0 / 60 WHEN 'second' THEN 1
                  WHEN 'milliseconds' THEN 1000 ELSE 1000000 END + 0.0000005);
            END IF;
            RETURN \(schema).unknown_date_part(part)::pg_catalog.int8;
            END $body$
            """,
            // A DATE comes back as a TIMESTAMP at midnight (r_DATEADD_function.html).
            """
            CREATE FUNCTION \(schema).dateadd(part pg_catalog.text, amount pg_catalog.int8, t pg_catalog.timestamp)
            RETURNS pg_catalog.timestamp LANGUAGE plpgsql IMMUTABLE STRICT AS $body$
            DECLARE p pg_catalog.text := \(schema).date_part_name(part);
            BEGIN
            RETURN t + amount * CASE p
              WHEN 'millennium' THEN pg_catalog.interval '1000 years' WHEN 'century' THEN pg_catalog.interval '100 years'
              WHEN 'decade' THEN pg_catalog.interval '10 years' WHEN 'year' THEN pg_catalog.interval '1 year'
              WHEN 'quarter' THEN pg_catalog.interval '3 months' WHEN 'month' THEN pg_catalog.interval '1 month'
              WHEN 'week' THEN pg_catalog.interval '7 days' WHEN 'day' THEN pg_catalog.interval '1 day'
              WHEN 'dow' THEN pg_catalog.interval '1 day' WHEN 'doy' THEN pg_catalog.interval '1 day'
              WHEN 'hour' THEN pg_catalog.interval '1 hour' WHEN 'minute' THEN pg_catalog.interval '1 minute'
              WHEN 'second' THEN pg_catalog.interval '1 second' WHEN 'milliseconds' THEN pg_catalog.interval '1 millisecond'
              WHEN 'microseconds' THEN pg_catalog.interval '1 microsecond'
              ELSE \(schema).unknown_date_part(part)::pg_catalog.interval END;
            END $body$
            """,
            // The last day of a month stays the last day of the result's month (r_ADD_MONTHS.html).
            """
            CREATE FUNCTION \(schema).add_months(t pg_catalog.timestamp, months pg_catalog.int4)
            RETURNS pg_catalog.timestamp LANGUAGE sql IMMUTABLE STRICT AS $body$
            SELECT CASE WHEN t::pg_catalog.date = (pg_catalog.date_trunc('month', t) + pg_catalog.interval '1 month - 1 day')::pg_catalog.date
              THEN (pg_catalog.date_trunc('month', t + pg_catalog.make_interval(months => months))
                + pg_catalog.interval '1 month - 1 day') + (t - pg_catalog.date_trunc('day', t))
              ELSE t + pg_catalog.make_interval(months => months) END
            $body$
            """,
            // TRUNC of a timestamp is its date (r_TRUNC_date.html); of a number, PostgreSQL's trunc.
            """
            CREATE FUNCTION \(schema).trunc(t pg_catalog.timestamp) RETURNS pg_catalog.date
            LANGUAGE sql IMMUTABLE STRICT AS $body$ SELECT t::pg_catalog.date $body$
            """,
            """
            CREATE FUNCTION \(schema).trunc(n pg_catalog.numeric) RETURNS pg_catalog.numeric
            LANGUAGE sql IMMUTABLE STRICT AS $body$ SELECT pg_catalog.trunc(n) $body$
            """,
            """
            CREATE FUNCTION \(schema).trunc(n pg_catalog.numeric, places pg_catalog.int4) RETURNS pg_catalog.numeric
            LANGUAGE sql IMMUTABLE STRICT AS $body$ SELECT pg_catalog.trunc(n, places) $body$
            """,
            """
            CREATE FUNCTION \(schema).trunc(n pg_catalog.float8) RETURNS pg_catalog.float8
            LANGUAGE sql IMMUTABLE STRICT AS $body$ SELECT pg_catalog.trunc(n) $body$
            """,
            // The source zone defaults to UTC (CONVERT_TIMEZONE.html).
            """
            CREATE FUNCTION \(schema).convert_timezone(target pg_catalog.text, t pg_catalog.timestamp)
            RETURNS pg_catalog.timestamp LANGUAGE sql STABLE STRICT AS $body$
            SELECT (t AT TIME ZONE 'UTC') AT TIME ZONE target $body$
            """,
            """
            CREATE FUNCTION \(schema).convert_timezone(source pg_catalog.text, target pg_catalog.text, t pg_catalog.timestamp)
            RETURNS pg_catalog.timestamp LANGUAGE sql STABLE STRICT AS $body$
            SELECT (t AT TIME ZONE source) AT TIME ZONE target $body$
            """,
        ]
    }

    private static var otherFunctions: [String] {
        var functions = [
            // VARCHAR(n) holds n bytes; a longer value fails unless what is over is blanks (r_Character_types.html).
            """
            CREATE FUNCTION \(schema).fits_bytes(value pg_catalog.text, bytes pg_catalog.int4) RETURNS pg_catalog.bool
            LANGUAGE plpgsql IMMUTABLE AS $body$ BEGIN
            IF pg_catalog.octet_length(pg_catalog.rtrim(value, ' ')) > bytes THEN
            RAISE EXCEPTION USING ERRCODE = '22001',
            MESSAGE = pg_catalog.format('value too long for type character varying(%s)', bytes),
            DETAIL = pg_catalog.format('the value has %s bytes; Redshift counts VARCHAR lengths in bytes',
            pg_catalog.octet_length(value)),
            HINT = 'see docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html';
            END IF; RETURN true; END $body$
            """,
            // Leading blanks, a sign, `0x` in base 16, then digits up to the first that is not one (r_STRTOL.html).
            """
            CREATE FUNCTION \(schema).strtol(num pg_catalog.text, base pg_catalog.int4) RETURNS pg_catalog.int8
            LANGUAGE plpgsql IMMUTABLE STRICT AS $body$
            DECLARE s pg_catalog.text := pg_catalog.lower(pg_catalog.ltrim(num, E' \\t\\n\\r\\f\\v'));
              negative pg_catalog.bool := false; result pg_catalog.numeric := 0; digit pg_catalog.int4; c pg_catalog.text;
            BEGIN
            IF base < 2 OR base > 36 THEN
              RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = pg_catalog.format('STRTOL base %s is not between 2 and 36', base);
            END IF;
            IF pg_catalog.left(s, 1) IN ('+', '-') THEN negative := pg_catalog.left(s, 1) = '-'; s := pg_catalog.substr(s, 2); END IF;
            IF base = 16 AND pg_catalog.left(s, 2) = '0x' THEN s := pg_catalog.substr(s, 3); END IF;
            FOREACH c IN ARRAY pg_catalog.regexp_split_to_array(s, '') LOOP
              digit := pg_catalog.strpos('0123456789abcdefghijklmnopqrstuvwxyz', c) - 1;
              EXIT WHEN digit < 0 OR digit >= base;
              result := result * base + digit;
            END LOOP;
            RETURN CASE WHEN negative THEN -result ELSE result END;
            END $body$
            """,
            // Redshift's takes the JSON as text; a trailing boolean returns NULL for invalid JSON
            // (JSON_EXTRACT_PATH_TEXT.html).
            """
            CREATE FUNCTION \(schema).json_extract_path_text(document pg_catalog.text, VARIADIC path pg_catalog.text[])
            RETURNS pg_catalog.text LANGUAGE sql IMMUTABLE STRICT AS $body$
            SELECT pg_catalog.json_extract_path_text(document::pg_catalog.json, VARIADIC path) $body$
            """,
            // CHARINDEX(needle, haystack) is STRPOS with its arguments swapped (r_CHARINDEX.html).
            """
            CREATE FUNCTION \(schema).charindex(needle pg_catalog.text, haystack pg_catalog.text) RETURNS pg_catalog.int4
            LANGUAGE sql IMMUTABLE STRICT AS $body$ SELECT pg_catalog.strpos(haystack, needle) $body$
            """,
        ]
        // MEDIAN of DECIMAL is DECIMAL, not double precision (r_MEDIAN.html): the middle value, or the mean of
        // the two middle ones.
        for type in ["numeric", "float8"] {
            functions.append("""
                CREATE FUNCTION \(schema).median_final(v pg_catalog.\(type)[]) RETURNS pg_catalog.\(type)
                LANGUAGE sql IMMUTABLE AS $body$
                SELECT CASE WHEN pg_catalog.max(n) % 2 = 1 THEN pg_catalog.min(x) FILTER (WHERE r = (n + 1) / 2)
                  ELSE (pg_catalog.min(x) FILTER (WHERE r = n / 2) + pg_catalog.min(x) FILTER (WHERE r = n / 2 + 1)) / 2 END
                FROM (SELECT x, pg_catalog.row_number() OVER (ORDER BY x) AS r, pg_catalog.count(*) OVER () AS n
                  FROM pg_catalog.unnest(v) AS x WHERE x IS NOT NULL) s
                $body$
                """)
            functions.append("""
                CREATE AGGREGATE \(schema).median(pg_catalog.\(type)) (SFUNC = pg_catalog.array_append,
                  STYPE = pg_catalog.\(type)[], FINALFUNC = \(schema).median_final, INITCOND = '{}')
                """)
        }
        // Up to five path elements, then `null_if_invalid`.
        for count in 1...5 {
            let names = (1...count).map { "p\($0)" }
            let parameters = names.map { "\($0) pg_catalog.text" }.joined(separator: ", ")
            functions.append("""
                CREATE FUNCTION \(schema).json_extract_path_text(document pg_catalog.text, \(parameters), null_if_invalid pg_catalog.bool)
                RETURNS pg_catalog.text LANGUAGE plpgsql IMMUTABLE AS $body$ BEGIN
                RETURN pg_catalog.json_extract_path_text(document::pg_catalog.json, \(names.joined(separator: ", ")));
                EXCEPTION WHEN invalid_text_representation THEN
                IF null_if_invalid THEN RETURN NULL; END IF;
                RAISE;
                END $body$
                """)
        }
        return functions
    }
}
