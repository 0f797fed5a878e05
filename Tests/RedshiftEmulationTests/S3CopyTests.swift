import Foundation
import PostgresClient
import RedshiftEmulation
import Testing
import TestSupport

/// `COPY ... FROM 's3://bucket/key'` against a local folder, loaded into the embedded PostgreSQL with COPY FROM
/// STDIN. The statements follow r_COPY_command_examples.html and the story's test loader.
@Suite("COPY from S3 on a local folder")
struct S3CopyTests {
    let root: TemporaryDirectory
    let connection: Connection

    init() throws {
        root = try TemporaryDirectory()
        connection = try TestServer.connect(database: TestServer.createDatabase(prefix: "s3_copy"))
        try connection.execute("CREATE TABLE products (id int, product_name varchar(150), price decimal(12,2))")
    }

    private func load(_ sql: String) throws -> [[String?]] {
        let copy = try #require(try RedshiftEmulation.s3Copy(sql, root: root.path))
        _ = try connection.copyIn(copy.statement, data: copy.data)
        return try connection.execute("SELECT id, product_name, price FROM products ORDER BY id").rows
    }

    @Test("the story's loader: CSV with a header line, IAM_ROLE ignored")
    func storyLoader() throws {
        try root.write("test-bucket/products.csv", "product_name,price\nWidget,10.50\n\"Bracket, large\",3.10\n")
        let rows = try load("copy products (product_name,price) from 's3://test-bucket/products.csv' csv iam_role 'arn:aws:iam::123456789012:role/test' ignoreheader 1")
        #expect(rows == [[nil, "Widget", "10.50"], [nil, "Bracket, large", "3.10"]])
    }

    @Test("CRLF line breaks and a byte order mark, as in the story's sampledata files")
    func crlf() throws {
        try root.write("test-bucket/products.csv", "\u{FEFF}product_name,price\r\nTruffle Cups,32.02\r\n\"Octopus - Baby, Cleaned\",12.2")
        let rows = try load("copy products (product_name,price) from 's3://test-bucket/products.csv' csv iam_role 'arn:aws:iam::1:role/r' ignoreheader 1")
        #expect(Set(rows.map { "\($0[1] ?? "NULL") \($0[2] ?? "NULL")" }) == ["Truffle Cups 32.02", "Octopus - Baby, Cleaned 12.20"])
    }

    @Test("the key is a prefix: every object whose key starts with it loads, in key order")
    func prefix() throws {
        try root.write("b/venue/part_00", "1|a|1.00\n")
        try root.write("b/venue/part_01", "2|b|2.00")
        try root.write("b/other/part_00", "3|c|3.00\n")
        #expect(try load("copy products from 's3://b/venue/part_' iam_role default region 'us-east-1'").map { $0[0] } == ["1", "2"])
    }

    @Test("DELIMITER, NULL AS and a literal backslash in the default text format")
    func textOptions() throws {
        try root.write("b/t.txt", #"1;a\b;NULLX"# + "\n")
        #expect(try load("copy products from 's3://b/t.txt' delimiter ';' null as 'NULLX'") == [["1", #"a\b"#, nil]])
    }

    @Test("EMPTYASNULL loads an empty field as NULL")
    func emptyAsNull() throws {
        try root.write("b/e.txt", "1||2.00\n")
        #expect(try load("copy products from 's3://b/e.txt' emptyasnull") == [["1", nil, "2.00"]])
    }

    @Test("GZIP objects are decompressed")
    func gzip() throws {
        let plain = try root.write("b/z.csv", "5,zipped,5.00\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = [plain]
        try process.run()
        process.waitUntilExit()
        #expect(try load("copy products from 's3://b/z.csv.gz' csv gzip") == [["5", "zipped", "5.00"]])
    }

    @Test("an option that is not emulated is an error naming it", arguments: ["MANIFEST", "BLANKSASNULL", "FORMAT PARQUET"])
    func notEmulated(_ option: String) throws {
        try root.write("b/x.csv", "1,a,1.00\n")
        #expect {
            try RedshiftEmulation.s3Copy("copy products from 's3://b/x.csv' \(option)", root: root.path)
        } throws: { error in
            (error as? S3Copy.Unsupported)?.message.contains(option.split(separator: " ").last.map(String.init) ?? option) == true
        }
    }

    @Test("a key that no object starts with is an error naming the folder it looked in")
    func missing() throws {
        #expect {
            try RedshiftEmulation.s3Copy("copy products from 's3://b/nothing' csv", root: root.path)
        } throws: { error in
            (error as? S3Copy.Unsupported)?.message.contains("\(root.path)/b") == true
        }
    }

    @Test("a COPY that is not from S3 is left to the rewrite")
    func notS3() throws {
        #expect(try RedshiftEmulation.s3Copy("copy products from '/tmp/x.csv'", root: root.path) == nil)
    }
}
