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
        let copy = try #require(try RedshiftEmulation.s3Copy(sql, objects: S3Folder(root: root.path)))
        _ = try connection.copyIn(copy.statement, data: try #require(copy.data))
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

    @Test("DELIMITER '\\t' is a tab and '\\174' the octal code of | (copy-parameters-data-format.html)")
    func tabDelimiter() throws {
        try root.write("b/tab.txt", "1\ttab\t1.00\n")
        try root.write("b/octal.txt", "2|octal|2.00\n")
        #expect(try load(#"copy products from 's3://b/tab.txt' delimiter '\t'"#) == [["1", "tab", "1.00"]])
        #expect(try load(#"copy products from 's3://b/octal.txt' delimiter '\174'"#).last == ["2", "octal", "2.00"])
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

    @Test("BLANKSASNULL loads a field of three spaces as NULL; without it the spaces load as they are (copy-parameters-data-conversion.html)")
    func blanksAsNull() throws {
        try root.write("b/blank.txt", "1|   |1.00\n")
        #expect(try load("copy products from 's3://b/blank.txt' blanksasnull") == [["1", nil, "1.00"]])
        try connection.execute("TRUNCATE products")
        #expect(try load("copy products from 's3://b/blank.txt'") == [["1", "   ", "1.00"]])
    }

    @Test("BLANKSASNULL in CSV leaves a quoted field and a field with text alone")
    func blanksAsNullCSV() throws {
        try root.write("b/blank.csv", "1,\"  \",1.00\r\n2,  ,2.00\r\n3, x ,3.00\r\n")
        #expect(try load("copy products from 's3://b/blank.csv' csv blanksasnull") == [["1", "  ", "1.00"], ["2", nil, "2.00"], ["3", " x ", "3.00"]])
    }

    static let category = """
        {
            "catdesc": "Major League Baseball",
            "catid": 1,
            "catgroup": "Sports",
            "catname": "MLB"
        }
        {
            "catgroup": "Sports",
            "catid": 2,
            "catname": "NHL",
            "catdesc": "National Hockey League"
        }{
            "catid": 3,
            "catname": "NFL",
            "catgroup": "Sports",
            "catdesc": "National Football League"
        }
        {
            "bogus": "Bogus Sports LLC",
            "catid": 4,
            "catgroup": "Sports",
            "catname": "NBA",
            "catdesc": "National Basketball Association"
        }
        {
            "catid": 5,
            "catgroup": "Shows",
            "catname": "Musicals",
            "catdesc": "All symphony, concerto, and choir concerts"
        }
        """

    /// The CATEGORY rows r_COPY_command_examples.html loads from its JSON files.
    static let categoryRows: [[String?]] = [
        ["1", "Sports", "MLB", "Major League Baseball"], ["2", "Sports", "NHL", "National Hockey League"],
        ["3", "Sports", "NFL", "National Football League"], ["4", "Sports", "NBA", "National Basketball Association"],
        ["5", "Shows", "Musicals", "All symphony, concerto, and choir concerts"],
    ]

    private func loadCategory(_ sql: String) throws -> [[String?]] {
        try connection.execute("CREATE TABLE category (catid smallint, catgroup varchar(10), catname varchar(10), catdesc varchar(50))")
        let copy = try #require(try RedshiftEmulation.s3Copy(sql, objects: S3Folder(root: root.path)))
        #expect(copy.data == nil)
        try connection.execute(copy.statement)
        return try connection.execute("SELECT catid, catgroup, catname, catdesc FROM category ORDER BY catid").rows
    }

    @Test("JSON 'auto' loads each object's fields into the columns of the same names (r_COPY_command_examples.html)")
    func jsonAuto() throws {
        try root.write("mybucket/category_object_auto.json", Self.category)
        #expect(try loadCategory("copy category from 's3://mybucket/category_object_auto.json' iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole' json 'auto'") == Self.categoryRows)
    }

    @Test("JSON 'auto ignorecase' matches keys of any case; 'auto' matches only lower-case keys (copy-parameters-data-format.html)")
    func jsonIgnoreCase() throws {
        let mixed = Self.category.replacingOccurrences(of: "\"cat", with: "\"Cat").replacingOccurrences(of: "id\"", with: "ID\"")
        try root.write("mybucket/category_object_auto ignorecase.json", mixed)
        #expect(try loadCategory("copy category from 's3://mybucket/category_object_auto ignorecase.json' iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole' json 'auto ignorecase'") == Self.categoryRows)
        try connection.execute("TRUNCATE category")
        let copy = try #require(try RedshiftEmulation.s3Copy(
            "copy category from 's3://mybucket/category_object_auto ignorecase.json' json 'auto'", objects: S3Folder(root: root.path)))
        try connection.execute(copy.statement)
        #expect(try connection.execute("SELECT count(*), count(catid) FROM category").rows == [["5", "0"]])
    }

    @Test("an option that is not emulated is an error naming it", arguments: ["ENCRYPTED", "FORMAT PARQUET", "JSON 's3://b/paths.json'", "DATEFORMAT 'MM-DD-YYYY'"])
    func notEmulated(_ option: String) throws {
        try root.write("b/x.csv", "1,a,1.00\n")
        #expect {
            try RedshiftEmulation.s3Copy("copy products from 's3://b/x.csv' \(option)", objects: S3Folder(root: root.path))
        } throws: { error in
            (error as? S3Copy.Unsupported)?.message.contains(option.split(separator: " ").first.map(String.init) ?? option) == true
        }
    }

    @Test("a key that no object starts with is an error naming the folder it looked in")
    func missing() throws {
        #expect {
            try RedshiftEmulation.s3Copy("copy products from 's3://b/nothing' csv", objects: S3Folder(root: root.path))
        } throws: { error in
            (error as? S3Copy.Unsupported)?.message.contains(root.path) == true
        }
    }

    @Test("a COPY that is not from S3 is left to the rewrite")
    func notS3() throws {
        #expect(try RedshiftEmulation.s3Copy("copy products from '/tmp/x.csv'", objects: S3Folder(root: root.path)) == nil)
    }
}
