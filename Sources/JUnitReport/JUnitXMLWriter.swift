import Foundation
import TestResults

/// Writes suite results as JUnit XML in Maven Surefire 3.0's layout, for CodeBuild, Jenkins, GitLab and
/// GitHub.
///
/// Documents validate against both Surefire's `surefire-test-report-3.0.xsd` and Jenkins xUnit's
/// `junit-10.xsd`. Surefire's schema allows no `timestamp` or `hostname` attribute on `<testsuite>`, so the
/// start time is the `timestamp` property (UTC, `2024-05-01T12:00:00`) and the spec file the `file`
/// property; pass a host name in `properties` if wanted.
public enum JUnitXMLWriter {
    /// The most characters a `message` attribute carries (AWS CodeBuild's limit); longer ones are cut with
    /// `…` and given in full in the element body.
    public static let messageLimit = 5_000
    /// The most characters a test or suite name carries (AWS CodeBuild's limit); a cut test name is given in
    /// full in `<system-out>`.
    public static let nameLimit = 1_000

    /// The comment after the XML declaration by which a later run knows its own reports (and removes them) from
    /// other tools' files in the same folder.
    static let signature = "<!-- written by slipway test -->"

    /// The report for one suite; `properties` (name, value) follow the `timestamp` and `file` properties.
    public static func document(for suite: SuiteResult, properties: [(String, String)] = []) -> String {
        let counts = suite.counts
        let suiteName = TextLimit.truncated(suite.name, toUTF16: nameLimit).text
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            \(signature)
            <testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:noNamespaceSchemaLocation="https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.xsd" \
            name="\(XMLText.attribute(suiteName))" time="\(seconds(suite.duration))" tests="\(counts.tests)" \
            errors="\(counts.errors)" skipped="\(counts.skipped)" failures="\(counts.failures)">

            """
        xml += "  <properties>\n"
        let allProperties = [("timestamp", timestampText(suite.timestamp)), ("file", suite.file)] + properties
        for (name, value) in allProperties {
            xml += "    <property name=\"\(XMLText.attribute(name))\" value=\"\(XMLText.attribute(value))\"/>\n"
        }
        xml += "  </properties>\n"
        for test in suite.reportedTests {
            xml += testCase(test, className: suiteName)
        }
        xml += "</testsuite>\n"
        return xml
    }

    /// One `<testcase>` element with its result element and output.
    static func testCase(_ test: TestCaseResult, className: String) -> String {
        let name = TextLimit.truncated(test.name, toUTF16: nameLimit)
        let start = "  <testcase name=\"\(XMLText.attribute(name.text))\" "
            + "classname=\"\(XMLText.attribute(className))\" time=\"\(seconds(test.duration))\""
        var children: [String] = []
        switch test.outcome {
        case .passed: break
        case .failed(let failure): children.append(problem("failure", failure))
        case .errored(let failure): children.append(problem("error", failure))
        case .skipped(let reason):
            children.append(reason.map { "<skipped message=\"\(XMLText.attribute($0))\"/>" } ?? "<skipped/>")
        }
        let output = [name.wasCut ? "full test name: \(test.name)" : nil, test.output]
            .compactMap { $0 }
            .joined(separator: "\n")
        if !output.isEmpty { children.append("<system-out>\(XMLText.content(output))</system-out>") }
        guard !children.isEmpty else { return start + "/>\n" }
        return start + ">\n" + children.map { "    \($0)\n" }.joined() + "  </testcase>\n"
    }

    /// A `<failure>` or `<error>` element: the message attribute cut to ``messageLimit``, the details as body,
    /// preceded by the full message when it was cut.
    static func problem(_ element: String, _ failure: TestFailure) -> String {
        let message = TextLimit.truncated(failure.message, toUTF16: messageLimit)
        let body = [message.wasCut || failure.details.isEmpty ? failure.message : nil, failure.details]
            .compactMap { $0 }
            .filter { !$0.isEmpty }
            .joined(separator: "\n\n")
        return "<\(element) message=\"\(XMLText.attribute(message.text))\" type=\"\(XMLText.attribute(failure.type))\">"
            + XMLText.content(body) + "</\(element)>"
    }

    /// Seconds with millisecond precision, as both schemas' time pattern allows (at most three decimals).
    static func seconds(_ value: Double) -> String {
        DecimalText.fixed(value, fractionDigits: 3)
    }

    /// `2024-05-01T12:00:00` in UTC: the Ant/JUnit timestamp form, without a zone.
    static func timestampText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func padded(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(parts.year, 4))-\(padded(parts.month, 2))-\(padded(parts.day, 2))"
            + "T\(padded(parts.hour, 2)):\(padded(parts.minute, 2)):\(padded(parts.second, 2))"
    }
}
