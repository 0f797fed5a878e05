import Migrations
import Testing

@Suite struct ChecksumTests {
    @Test("matches Flyway's checksums", arguments: [
        ("CREATE TABLE t (id int);\n", Int32(92_137_680)),
        ("CREATE TABLE t\n(id int);", Int32(-66_220_931)),
        ("CREATE TABLE t(id int);", Int32(-66_220_931)),
        ("", Int32(0)),
        ("\n", Int32(0)),
        ("\r\n\r\n", Int32(0)),
    ])
    func vectors(text: String, checksum: Int32) {
        #expect(Checksum.flyway(text) == checksum)
    }

    @Test("ignores line endings, a first-line BOM and blank lines", arguments: [
        "CREATE TABLE t (id int);\r\n", "CREATE TABLE t (id int);\r", "\u{FEFF}CREATE TABLE t (id int);\n",
        "CREATE TABLE t (id int);", "\n\nCREATE TABLE t (id int);\n\n\n", "\u{FEFF}CREATE TABLE t (id int);\r\n\r\n",
    ])
    func insensitive(text: String) {
        #expect(Checksum.flyway(text) == 92_137_680)
    }

    @Test("sees trailing spaces, inner BOMs and character changes", arguments: [
        "CREATE TABLE t (id int); \n", "\n\u{FEFF}CREATE TABLE t (id int);\n", "create TABLE t (id int);\n",
        " CREATE TABLE t (id int);\n",
    ])
    func sensitive(text: String) {
        #expect(Checksum.flyway(text) != 92_137_680)
    }

    @Test("hashes non-ASCII text as UTF-8")
    func nonASCII() {
        // CRC-32 of the UTF-8 bytes of "é€😀" (C3 A9 E2 82 AC F0 9F 98 80), computed independently.
        var crc = CRC32()
        crc.update([0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80] as [UInt8])
        #expect(Checksum.flyway("é€\n😀") == Int32(bitPattern: crc.value))
    }

    @Test("computes the standard CRC-32 check value and handles every length")
    func crcCheckValue() {
        var crc = CRC32()
        crc.update(Array("123456789".utf8))
        #expect(crc.value == 0xCBF4_3926)
        // Slicing-by-8 and the byte loop must agree for every split of the input.
        let bytes = Array("The quick brown fox jumps over the lazy dog".utf8)
        for split in 0...bytes.count {
            var pieces = CRC32()
            pieces.update(bytes[..<split])
            pieces.update(bytes[split...])
            #expect(pieces.value == 0x414F_A339)
        }
    }

    @Test("checksums a 10 MB migration quickly")
    func largeFile() {
        let line = "INSERT INTO t VALUES (1, 'some text here');\n"
        let text = String(repeating: line, count: 240_000)
        let expected = Checksum.flyway(String(repeating: String(line.dropLast()), count: 240_000))
        #expect(Checksum.flyway(text) == expected)
    }
}
