import Diagnostics
import Migrations
import Testing

@Suite struct MigrationVersionTests {
    @Test("stores the version as written with '_' turned into '.'", arguments: [
        ("1", "1"), ("1.2", "1.2"), ("1_2_3", "1.2.3"), ("1_0_1", "1.0.1"), ("2024.01.15.1", "2024.01.15.1"),
        ("01", "01"), ("1.0", "1.0"), ("1_0.0", "1.0.0"), ("123456789012345678901234567890", "123456789012345678901234567890"),
    ])
    func storedText(text: String, stored: String) throws {
        #expect(try #require(MigrationVersion(text)).description == stored)
    }

    @Test("rejects anything but digits separated by single dots or underscores", arguments: [
        "", "a", "1.", ".1", "1..2", "1__2", "1.2a", " 1", "1 ", "-1", "+1", "1,2", "v1", "١",
    ])
    func rejects(text: String) {
        #expect(MigrationVersion(text) == nil)
        #expect(throws: Diagnostic.self) { try MigrationVersion.parse(text) }
    }

    @Test("compares part by part as unbounded integers", arguments: [
        ("1", "2"), ("1.9", "1.10"), ("1", "1.0.1"), ("2", "10"), ("99999999999999999999", "100000000000000000000"),
        ("1.2.3", "1.3"), ("2023.12.31", "2024.01.01"), ("0", "0.0.1"), ("9223372036854775807", "9223372036854775808"),
        ("9999999999999999999", "10000000000000000000"), ("1.99999999999999999999", "2"),
        ("1.2.99999999999999999999", "1.3"), ("99999999999999999999.1", "99999999999999999999.2"),
    ])
    func ordering(lower: String, higher: String) throws {
        let low = try #require(MigrationVersion(lower))
        let high = try #require(MigrationVersion(higher))
        #expect(low < high)
        #expect(!(high < low))
        #expect(low != high)
    }

    @Test("treats trailing zero parts and leading zeros as equal, with equal hashes", arguments: [
        ("1", "1.0"), ("1", "1.0.0"), ("1_0", "1.0.0.0"), ("01", "1"), ("1.02", "1.2"), ("0", "0.0"), ("0", "00"),
        ("99999999999999999999.0", "099999999999999999999"), ("1.00000000000000000000000", "1"),
    ])
    func equality(left: String, right: String) throws {
        let a = try #require(MigrationVersion(left))
        let b = try #require(MigrationVersion(right))
        #expect(a == b)
        #expect(!(a < b) && !(b < a))
        #expect(Set([a, b]).count == 1)
    }

    @Test("a leading zero part still counts: 0.1 is below 1")
    func zeroMajor() throws {
        #expect(try #require(MigrationVersion("0.1")) < .one)
        #expect(MigrationVersion.one.description == "1")
    }
}
