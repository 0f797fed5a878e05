import Foundation
import Dialect
import PostgresClient
import Specs

/// Loads a fixture's rows into its table: `COPY ... FROM STDIN` in CSV where the server has it, else
/// multi-row INSERTs with bind parameters. Values never go into SQL text. A fixture in S3 is read by the server
/// itself (Redshift's `COPY ... FROM 's3://...'`).
struct FixtureLoader {
    let connection: Connection
    let dialect: Dialect
    var s3 = S3Fixtures()

    /// A fixture that cannot be loaded as written (an S3 fixture without a role, ...).
    struct Unloadable: Error {
        let message: String
        let hint: String
    }

    func load(_ fixture: Fixture) throws -> Int {
        if case .s3(let location) = fixture.source { return try copyFromS3(fixture, location: location) }
        guard !fixture.rows.isEmpty else { return 0 }
        let columns = fixture.columns.map(columnName)
        if dialect.supportsCopyFromS3, let staging = s3.staging, let bucket = s3.bucket, !bucket.isEmpty,
           let role = s3.iamRole, !role.isEmpty
        {
            return try copyThroughS3(fixture, columns: columns, staging: staging, bucket: bucket, role: role)
        }
        if dialect.supportsCopyFromStdin {
            // Row by row into 64 KiB chunks: the CSV text is never held whole.
            return try connection.copyIn(
                "COPY \(tableName(fixture.table)) (\(columns.joined(separator: ", "))) FROM STDIN WITH (FORMAT csv)"
            ) { input in
                for row in fixture.rows { input.append(Self.csvLine(row)) }
            }
        }
        return try insertInBatches(fixture, columns: columns)
    }

    /// One INSERT per batch of ``InsertBatches``, within the parameter limit and Redshift's statement size.
    private func insertInBatches(_ fixture: Fixture, columns: [String]) throws -> Int {
        let batches = InsertBatches.split(
            fixture.rows, width: columns.count, maxParameters: dialect.maxParametersPerStatement,
            maxBytes: dialect.maxFixtureBatchBytes)
        for batch in batches {
            try connection.execute(
                dialect.insertRows(table: tableName(fixture.table), columns: columns, rows: batch.count),
                parameters: Array(fixture.rows[batch].joined()))
        }
        return fixture.rows.count
    }

    /// Redshift's documentation recommends COPY over INSERTs for bulk loads: the rows go to S3 under a key of
    /// their own, COPY reads them, and the object is removed afterwards, also when COPY fails or is cancelled.
    private func copyThroughS3(
        _ fixture: Fixture, columns: [String], staging: S3Staging, bucket: String, role: String
    ) throws -> Int {
        let key = "slipway-fixtures/\(UUID().uuidString.lowercased())/\(fixture.table).csv"
        guard let sql = dialect.copyFromS3(table: fixture.table, columns: columns, location: "s3://\(bucket)/\(key)", iamRole: role) else {
            throw Unloadable(
                message: "the test-data bucket '\(bucket)', the table name or the IAM role holds a backslash or a control character",
                hint: "name the bucket, the table and the role without backslashes or control characters")
        }
        let header = Self.csvLine(fixture.columns)
        try staging.put(bucket, key, Data((header + fixture.rows.map(Self.csvLine).joined()).utf8))
        do {
            try connection.execute(sql)
        } catch {
            try? staging.delete(bucket, key)
            throw error
        }
        try staging.delete(bucket, key)
        return fixture.rows.count
    }

    /// Redshift reads the file from S3 itself; the number of rows loaded is not reported back.
    private func copyFromS3(_ fixture: Fixture, location: String) throws -> Int {
        guard dialect.supportsCopyFromS3 || dialect.emulatesRedshift else {
            throw Unloadable(
                message: "the fixture '\(location)' is in S3, which only Amazon Redshift can load from "
                    + "(this server is \(dialect.server.rawValue))",
                hint: "run this suite against Redshift, or keep a local copy of the CSV file and load that")
        }
        // Emulated Redshift reads the local folder: no role is assumed.
        guard let role = dialect.emulatesRedshift ? s3.iamRole ?? "local" : s3.iamRole, !role.isEmpty else {
            throw Unloadable(
                message: "loading '\(location)' from S3 needs an IAM role that Redshift may assume to read it",
                hint: "set TEST_REDSHIFT_IAM_ROLE (or SLIPWAY_REDSHIFT_IAM_ROLE, or redshiftIamRole in slipway.toml)")
        }
        let url = try s3.url(for: location)
        guard let sql = dialect.copyFromS3(
            table: tableName(fixture.table), columns: fixture.columns.map(columnName), location: url, iamRole: role)
        else {
            throw Unloadable(
                message: "the S3 location '\(url)' or the IAM role holds a backslash or a control character",
                hint: "name the file and the role without backslashes or control characters")
        }
        try dialect.run(sql, on: connection, objects: s3.objects)
        return 0
    }

    /// `table` or `schema.table`, each part as ``columnName(_:)`` writes it: a name is never SQL text.
    private func tableName(_ name: String) -> String {
        name.split(separator: ".", omittingEmptySubsequences: false).map { columnName(String($0)) }.joined(separator: ".")
    }

    /// A column name as written when it is a plain identifier (so it folds as in the user's SQL), else quoted.
    private func columnName(_ name: String) -> String {
        let plain = name.first.map { $0 == "_" || $0.isLetter } == true
            && name.allSatisfy { $0 == "_" || $0 == "$" || $0.isLetter || $0.isNumber } && name.isASCII
        return plain ? name : dialect.quoteIdentifier(name)
    }

    /// CSV as COPY reads it: NULL is an unquoted empty field, every value is quoted so "" stays an empty string.
    static func csvLine(_ row: [String?]) -> String {
        row.map { value in
            guard let value else { return "" }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\n"
    }
}

extension String {
    var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }
}
