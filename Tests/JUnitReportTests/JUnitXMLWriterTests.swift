import Foundation
import Testing
import TestResults
@testable import JUnitReport

@Suite struct JUnitXMLWriterTests {
    @Test("a small suite gives exactly the Surefire-style document")
    func golden() {
        let xml = JUnitXMLWriter.document(for: Fixtures.small, properties: [("database", "postgres 15")])
        #expect(xml == """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- written by slipway test -->
            <testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.xsd" name="orders" time="0.840" tests="3" errors="0" skipped="1" failures="1">
              <properties>
                <property name="timestamp" value="2024-05-01T12:00:00"/>
                <property name="file" value="tests/orders.sql"/>
                <property name="database" value="postgres 15"/>
              </properties>
              <testcase name="counts rows" classname="orders" time="0.012"/>
              <testcase name="status &lt;closed&gt;" classname="orders" time="0.500">
                <failure message="Results differ beginning at row 2" type="rows">Results differ beginning at row 2:
                have: (Widget,CLOSED)
                want: (Widget,ACTIVE)</failure>
                <system-out>NOTICE:  hi</system-out>
              </testcase>
              <testcase name="later" classname="orders" time="0.012">
                <skipped message="not on Redshift"/>
              </testcase>
            </testsuite>

            """)
    }

    @Test("escapes markup, keeps non-ASCII, replaces characters XML 1.0 forbids")
    func escaping() {
        #expect(XMLText.content(Fixtures.weird) == "tab\there &amp; &lt;b&gt; &quot;q&quot; &apos;a&apos; ]]&gt; "
            + "bell\\x07 nul\\x00 esc\\x1B cr&#13; ffff\\u{FFFF} é 日本 🚀")
        #expect(XMLText.attribute("a\tb\nc\rd") == "a&#9;b&#10;c&#13;d")
    }

    @Test("times are plain decimal seconds with three decimals", arguments: [
        (0.012, "0.012"), (0, "0.000"), (1234.5678, "1234.568"), (1e-9, "0.000"), (-3, "0.000"),
        (Double.nan, "0.000"), (Double.infinity, "0.000"), (12_345_678.9, "12345678.900"),
    ])
    func times(seconds: Double, text: String) {
        #expect(JUnitXMLWriter.seconds(seconds) == text)
    }

    @Test("long messages and names are cut with an ellipsis and kept in full in the body")
    func truncation() {
        let message = String(repeating: "m", count: 6_000)
        let element = JUnitXMLWriter.problem("failure", TestFailure(message: message, type: "equals", details: "d"))
        #expect(element.hasPrefix("<failure message=\"\(String(repeating: "m", count: 4_999))…\" type=\"equals\">"))
        #expect(element.hasSuffix(">\(message)\n\nd</failure>"))

        let name = String(repeating: "n", count: 1_001)
        let testCase = JUnitXMLWriter.testCase(
            TestCaseResult(name: name, suite: "s", duration: 0, outcome: .passed), className: "s")
        #expect(testCase.contains("name=\"\(String(repeating: "n", count: 999))…\""))
        #expect(testCase.contains("<system-out>full test name: \(name)</system-out>"))
    }

    @Test("cutting counts UTF-16 units and never splits a character")
    func truncationUnits() {
        let cut = TextLimit.truncated(String(repeating: "🚀", count: 10), toUTF16: 6)
        #expect(cut.text == "🚀🚀…")
        #expect(cut.wasCut)
        #expect(TextLimit.truncated("abc", toUTF16: 3) == ("abc", false))
    }

    @Test("an error element carries the SQLSTATE type and message")
    func errorElement() {
        let failure = TestFailure.unexpected(ServerError(sqlState: "23505", message: "dup"))
        #expect(JUnitXMLWriter.problem("error", failure)
            == "<error message=\"23505: dup\" type=\"SQLSTATE 23505\">23505: dup</error>")
    }
}
