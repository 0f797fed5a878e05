import Diagnostics
import Foundation
import RedshiftEmulation
import SQLScanner
import Testing
import TestSupport

/// UNLOAD's options on the local folder, each expected file as r_UNLOAD.html describes it.
@Suite("UNLOAD to a local folder")
struct S3UnloadTests {
    let root: TemporaryDirectory
    let objects: S3Folder

    init() throws {
        root = try TemporaryDirectory()
        objects = S3Folder(root: root.path)
    }

    private func unload(_ sql: String, columns: [String] = ["id", "name"], rows: [[String?]]) throws -> S3Unload {
        let unload = try #require(try RedshiftEmulation.s3Unload(sql))
        try unload.write(columns: columns, rows: rows, to: objects)
        return unload
    }

    private func text(_ key: String) throws -> String {
        String(decoding: try #require(try objects.object(bucket: "mybucket", key: key)), as: UTF8.self)
    }

    @Test("CSV quotes a field with the delimiter, a quote or a line break and doubles its quotes; HEADER names the columns")
    func csv() throws {
        _ = try unload("unload ('select id, name from venue') to 's3://mybucket/venue_' iam_role default csv header",
                       rows: [["1", "a,b"], ["2", #"say "hi""#], ["3", "two\nlines"], ["4", nil]])
        #expect(try text("venue_0000_part_00") == "id,name\n1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\n")
    }

    @Test("PARALLEL OFF writes key000; MANIFEST writes prefix + manifest listing the file")
    func serialWithManifest() throws {
        _ = try unload("unload ('select * from venue') to 's3://mybucket/venue_' iam_role default parallel off manifest",
                       rows: [["1", "x"]])
        #expect(try text("venue_000") == "1|x\n")
        #expect(try text("venue_manifest") == #"{"entries":[{"url":"s3://mybucket/venue_000"}]}"#)
    }

    @Test("DELIMITER '\\t' (a tab), NULL AS, ADDQUOTES and ESCAPE")
    func textOptions() throws {
        _ = try unload(#"unload ('select * from venue') to 's3://mybucket/v_' iam_role default delimiter as '\t' null as 'NULL'"#,
                       rows: [["1", nil]])
        #expect(try text("v_0000_part_00") == "1\tNULL\n")
        _ = try unload("unload ('select * from venue') to 's3://mybucket/q_' iam_role default addquotes escape",
                       rows: [["1", #"a|b"c"#]])
        #expect(try text("q_0000_part_00") == #""1"|"a\|b\"c""# + "\n")
    }

    @Test("GZIP writes a .gz file that COPY ... GZIP reads back")
    func gzip() throws {
        _ = try unload("unload ('select * from venue') to 's3://mybucket/z_' iam_role default gzip", rows: [["1", "zipped"]])
        let copy = try #require(try RedshiftEmulation.s3Copy("copy venue from 's3://mybucket/z_0000_part_00.gz' gzip", objects: objects))
        #expect(copy.data == "1|zipped\n")
    }

    @Test("an UNLOAD in a migration is an error at its line that says where it is emulated")
    func inMigration() throws {
        let statements = try SQLScanner.statements(in: "select 1;\nunload ('select 1') to 's3://mybucket/p_' iam_role default;", file: "V2__u.sql")
        #expect {
            try RedshiftEmulation.rewrite(statements, file: "V2__u.sql", objects: objects)
        } throws: { error in
            guard let diagnostic = error as? Diagnostic else { return false }
            return diagnostic.location?.line == 2 && diagnostic.message.contains("UNLOAD in a migration")
                && diagnostic.hint?.contains("spec") == true
        }
    }

    @Test("an UNLOAD option that is not emulated is an error naming it", arguments: ["FORMAT PARQUET", "PARQUET", "MANIFEST VERBOSE", "PARTITION BY (a)"])
    func notEmulated(_ option: String) {
        #expect {
            try RedshiftEmulation.s3Unload("unload ('select 1') to 's3://mybucket/p_' iam_role default \(option)")
        } throws: { error in
            (error as? S3Copy.Unsupported)?.message.contains(option.split(separator: " ").first.map(String.init) ?? option) == true
        }
    }
}
