import Configuration
import Diagnostics
import Testing

@Suite struct ConnectionStringTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var url: String
        var parameters: [ConnectionParameter]
        var isRedshift = false
        var display: String
        var testDescription: String { url }
    }

    static let cases: [Case] = [
        Case(url: "postgresql://u:secret@h:5432/db",
             parameters: [.init("host", "h"), .init("port", "5432"), .init("dbname", "db"), .init("user", "u"), .init("password", "secret")],
             display: "postgresql://u:***@h:5432/db"),
        Case(url: "postgres://app%40corp:p%2Fw%3A1@db.example.com/my%20db?sslmode=verify-full&application_name=ci",
             parameters: [.init("host", "db.example.com"), .init("dbname", "my db"), .init("user", "app@corp"),
                          .init("password", "p/w:1"), .init("sslmode", "verify-full"), .init("application_name", "ci")],
             display: "postgresql://app%40corp:***@db.example.com/my%20db?sslmode=verify-full&application_name=ci"),
        Case(url: "postgresql://[::1]:6543/db",
             parameters: [.init("host", "::1"), .init("port", "6543"), .init("dbname", "db")],
             display: "postgresql://[::1]:6543/db"),
        Case(url: "postgresql://h1:5432,h2:5433/db",
             parameters: [.init("host", "h1,h2"), .init("port", "5432,5433"), .init("dbname", "db")],
             display: "postgresql://h1:5432,h2:5433/db"),
        Case(url: "postgresql:///db?host=/var/run/postgresql",
             parameters: [.init("dbname", "db"), .init("host", "/var/run/postgresql")],
             display: "postgresql:///var/run/postgresql/db"),
        Case(url: "host=localhost port=5433 dbname='my db' user=me password='it\\'s secret'",
             parameters: [.init("host", "localhost"), .init("port", "5433"), .init("dbname", "my db"),
                          .init("user", "me"), .init("password", "it's secret")],
             display: "postgresql://me:***@localhost:5433/my%20db"),
        Case(url: "jdbc:postgresql://h:5432/db?user=u&password=pw1&ssl=true&currentSchema=app&ApplicationName=slip&connectTimeout=10",
             parameters: [.init("host", "h"), .init("port", "5432"), .init("dbname", "db"), .init("user", "u"),
                          .init("password", "pw1"), .init("application_name", "slip"), .init("connect_timeout", "10"),
                          .init("options", "-c search_path=app"), .init("sslmode", "require")],
             display: "postgresql://u:***@h:5432/db?application_name=slip&connect_timeout=10&options=-c%20search_path%3Dapp&sslmode=require"),
        Case(url: "jdbc:postgresql://h/db?ssl=true&sslmode=verify-ca",
             parameters: [.init("host", "h"), .init("dbname", "db"), .init("sslmode", "verify-ca")],
             display: "postgresql://h/db?sslmode=verify-ca"),
        Case(url: "jdbc:postgresql:localdb",
             parameters: [.init("dbname", "localdb")],
             display: "postgresql:///localdb"),
        Case(url: "jdbc:redshift://cluster.abc.us-east-1.redshift.amazonaws.com/dev?user=awsuser&password=Redshift1",
             parameters: [.init("host", "cluster.abc.us-east-1.redshift.amazonaws.com"), .init("dbname", "dev"),
                          .init("user", "awsuser"), .init("password", "Redshift1"), .init("sslmode", "require"), .init("port", "5439")],
             isRedshift: true,
             display: "postgresql://awsuser:***@cluster.abc.us-east-1.redshift.amazonaws.com:5439/dev?sslmode=require"),
        Case(url: "jdbc:redshift://rs:5440/dev?ssl=false",
             parameters: [.init("host", "rs"), .init("port", "5440"), .init("dbname", "dev"), .init("sslmode", "disable")],
             isRedshift: true,
             display: "postgresql://rs:5440/dev?sslmode=disable"),
    ]

    @Test("parses every accepted URL form into libpq keywords with a masked display", arguments: cases)
    func parses(_ example: Case) throws {
        let target = try ConnectionString.parse(example.url)
        #expect(target.parameters == example.parameters)
        #expect(target.isRedshift == example.isRedshift)
        #expect(target.display == example.display)
        #expect(target.warnings.isEmpty)
    }

    @Test("names unknown JDBC parameters in a warning without their values")
    func warnsAboutUnknownJDBCParameters() throws {
        let target = try ConnectionString.parse("jdbc:postgresql://h/db?loginTimeout=5&socketTimeout=hush&user=u")
        #expect(target["user"] == "u")
        #expect(target.warnings.count == 1)
        let warning = try #require(target.warnings.first)
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("loginTimeout, socketTimeout"))
        #expect(!warning.description.contains("hush"))
    }

    @Test("appends currentSchema to options given in the JDBC URL")
    func combinesOptions() throws {
        let target = try ConnectionString.parse("jdbc:postgresql://h/db?options=-c%20work_mem%3D64MB&currentSchema=a,my%20schema")
        #expect(target["options"] == "-c work_mem=64MB -c search_path=a,my\\ schema")
    }

    static let junk: [(url: String, reason: String, masked: String)] = [
        ("mysql://root:Hunter22@h/db", "none of the accepted forms", "mysql://root:***@h/db"),
        ("jdbc:mysql://h/db?password=Hunter22", "none of the accepted forms", "jdbc:mysql://h/db?password=***"),
        ("localhost:5432", "none of the accepted forms", "localhost:5432"),
        ("postgresql://u:Hunter22@h:99999/db", "port '99999'", "postgresql://u:***@h:99999/db"),
        ("postgresql://u:Hunter22@h:abc/db", "port 'abc'", "postgresql://u:***@h:abc/db"),
        ("jdbc:redshift://h:0/db?PWD=Hunter22", "port '0'", "jdbc:redshift://h:0/db?PWD=***"),
        ("host=h port=x password=Hunter22", "port 'x'", "host=h port=x password=***"),
        ("host=h password='Hunter22", "no closing quote", "host=h password=***"),
        ("postgresql://u:Hunter%2@h/db", "malformed %-escape", "postgresql://u:***@h/db"),
        ("postgresql://[::1/db", "IPv6", "postgresql://[::1/db"),
        ("jdbc:postgresql://u:Hunter22@h/db", "not before '@'", "jdbc:postgresql://u:***@h/db"),
        ("jdbc:redshift:iam://proxy.example.com:5439/dev?PWD=Hunter22", "needs ?ClusterID=", "jdbc:redshift:iam://proxy.example.com:5439/dev?PWD=***"),
    ]

    @Test("rejects junk URLs with the reason, the masked URL and the accepted forms", arguments: junk)
    func rejectsJunk(_ url: String, _ reason: String, _ masked: String) {
        #expect {
            _ = try ConnectionString.parse(url)
        } throws: { error in
            guard let diagnostic = error as? Diagnostic else { return false }
            return diagnostic.category == .input
                && diagnostic.message.contains(reason)
                && diagnostic.message.contains("'\(masked)'")
                && !diagnostic.description.contains("Hunter22")
                && diagnostic.hint?.contains("jdbc:redshift://") == true
        }
    }

    @Test("masks passwords in URIs, JDBC parameters and keyword strings", arguments: [
        ("postgresql://u:pa:ss@h/db", "postgresql://u:***@h/db"),
        ("jdbc:postgresql://h/db?user=u&Password=x1&ssl=true", "jdbc:postgresql://h/db?user=u&Password=***&ssl=true"),
        ("host=h password = 'a b' user=u", "host=h password = *** user=u"),
        ("postgresql://h/db?passwordless=1", "postgresql://h/db?passwordless=1"),
    ])
    func masks(_ url: String, _ expected: String) {
        #expect(ConnectionString.mask(url) == expected)
    }
}
