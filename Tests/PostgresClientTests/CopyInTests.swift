import PostgresClient
import Testing

@Suite struct CopyInTests {
    @Test("copyIn loads text and csv data and returns the row count")
    func textAndCSV() throws {
        let connection = try connectToSharedServer()
        try connection.execute("create temp table words (n int, word text)")
        #expect(try connection.copyIn("copy words from stdin", data: "1\tone\n2\t\\N\n") == 2)
        #expect(try connection.copyIn("copy words from stdin with (format csv)", data: "3,\"th,ree\"\n4,ü\n") == 2)
        let rows = try connection.execute("select n, word from words order by n").rows
        #expect(rows == [["1", "one"], ["2", nil], ["3", "th,ree"], ["4", "ü"]])
    }

    @Test("copyIn sends data larger than one chunk")
    func largeData() throws {
        let connection = try connectToSharedServer()
        try connection.execute("create temp table many (n int)")
        let data = (1...20_000).map { "\($0)\n" }.joined()
        #expect(try connection.copyIn("copy many from stdin", data: data) == 20_000)
        #expect(try connection.execute("select sum(n) from many").rows == [["200010000"]])
    }

    @Test("a bad row comes back as a server error naming the line, and the connection stays usable")
    func badRow() throws {
        let connection = try connectToSharedServer()
        try connection.execute("create temp table numbers (n int)")
        let message = try #require(postgresError {
            try connection.copyIn("copy numbers from stdin", data: "1\nzwei\n3\n")
        }?.serverMessage)
        #expect(message.sqlstate == "22P02")
        #expect(message.message == "invalid input syntax for type integer: \"zwei\"")
        #expect(message.context?.contains("line 2") == true)
        #expect(connection.transactionStatus == .idle)
        #expect(try connection.execute("select count(*) from numbers").rows == [["0"]])
    }

    @Test("copyIn of a statement that is not COPY FROM STDIN is refused")
    func notACopy() throws {
        let connection = try connectToSharedServer()
        #expect(postgresError { try connection.copyIn("select 1", data: "") }
            == .client("copyIn needs a COPY ... FROM STDIN statement"))
        #expect(postgresError { try connection.copyIn("copy no_such_table from stdin", data: "") }?
            .serverMessage?.sqlstate == "42P01")
    }

    struct Stop: Error {}

    @Test("streamed input: a row split across appends and across 64 KiB chunks arrives whole")
    func streamedRowsAcrossChunks() throws {
        let connection = try connectToSharedServer()
        try connection.execute("create temp table wide (n int, v text)")
        let long = String(repeating: "ü", count: 50_000)
        let copied = try connection.copyIn("copy wide from stdin with (format csv)") { input in
            for n in 1...3 {
                // Each row in pieces; the 100 000-byte value alone spans a chunk boundary.
                input.append("\(n),\"")
                input.append(long)
                input.append("\"\n")
            }
        }
        #expect(copied == 3)
        #expect(try connection.execute("select count(*), min(length(v)), max(octet_length(v)) from wide").rows
            == [["3", "50000", "100000"]])
    }

    @Test("when the producer fails, the COPY is abandoned, its error comes back and the connection stays usable")
    func producerFails() throws {
        let connection = try connectToSharedServer()
        try connection.execute("create temp table partial (n int)")
        #expect(throws: Stop.self) {
            try connection.copyIn("copy partial from stdin") { input in
                for n in 1...100_000 { input.append("\(n)\n") }
                throw Stop()
            }
        }
        #expect(connection.transactionStatus == .idle)
        #expect(try connection.execute("select count(*) from partial").rows == [["0"]])
    }
}
