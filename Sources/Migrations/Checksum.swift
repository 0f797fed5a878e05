/// Flyway's migration checksum: CRC-32 over the file's lines without their line breaks.
public enum Checksum {
    /// The checksum Flyway stores for a migration's text (`ChecksumCalculator`).
    ///
    /// Lines split on `\n`, `\r` or `\r\n` and lose their terminators; one leading U+FEFF is dropped from the
    /// first line; the CRC-32 (zlib polynomial) runs over the UTF-8 bytes of the lines concatenated, and its
    /// low 32 bits are read as a signed integer. So CRLF vs LF, a byte-order mark and blank lines change
    /// nothing, while trailing spaces do; an empty text gives 0.
    public static func flyway(_ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { flyway(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// ``flyway(_:)`` over UTF-8 bytes that are already in memory.
    public static func flyway(utf8 bytes: UnsafeRawBufferPointer) -> Int32 {
        var crc = CRC32()
        var start = 0
        // Only the very first line can lose its byte-order mark (EF BB BF in UTF-8).
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                crc.update(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
            }
            index += 1
        }
        crc.update(UnsafeRawBufferPointer(rebasing: bytes[start..<bytes.count]))
        return Int32(bitPattern: crc.value)
    }
}

/// A running CRC-32 with the zlib polynomial (as `java.util.zip.CRC32`), eight bytes at a time.
public struct CRC32: Sendable {
    private var state: UInt32 = 0xFFFF_FFFF

    public init() {}

    /// The CRC-32 of everything passed to ``update(_:)`` so far.
    public var value: UInt32 { ~state }

    /// Adds bytes to the checksum.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        let tables = CRC32Tables.shared
        var crc = state
        var index = 0
        let count = bytes.count
        tables.withUnsafeBufferPointer { table in
            // Slicing-by-8: eight table lookups per eight bytes instead of one dependent lookup per byte.
            while count - index >= 8 {
                let low = crc ^ (UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8
                    | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24)
                crc = table[7 * 256 + Int(low & 0xFF)] ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xFF)] ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(bytes[index + 4])] ^ table[2 * 256 + Int(bytes[index + 5])]
                    ^ table[1 * 256 + Int(bytes[index + 6])] ^ table[Int(bytes[index + 7])]
                index += 8
            }
            while index < count {
                crc = table[Int((crc ^ UInt32(bytes[index])) & 0xFF)] ^ (crc >> 8)
                index += 1
            }
        }
        state = crc
    }

    /// Adds the bytes of a sequence to the checksum.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let array = Array(bytes)
        array.withUnsafeBytes { update($0) }
    }
}

/// The eight 256-entry lookup tables of slicing-by-8 CRC-32, built once.
private enum CRC32Tables {
    static let shared: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            table[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = table[(slice - 1) * 256 + byte]
                table[slice * 256 + byte] = (previous >> 8) ^ table[Int(previous & 0xFF)]
            }
        }
        return table
    }()
}
