/// Checks the command word of a command line: an unknown one gets the closest known name as a suggestion.
enum CommandName {
    /// What is wrong with the command word in `arguments`, or nil when it names a command (or there is none).
    static func problem(in arguments: [String], known: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        if first == "help" {
            guard let topic = arguments.dropFirst().first, !topic.hasPrefix("-") else { return nil }
            return known.contains(topic) ? nil : unknown(topic, known: known)
        }
        return known.contains(first) ? nil : unknown(first, known: known)
    }

    private static func unknown(_ word: String, known: [String]) -> String {
        let closest = known.map { ($0, distance(word, $0)) }.min { $0.1 < $1.1 }
        let suggestion = closest.flatMap { $0.1 <= max(2, word.count / 3) ? "; did you mean '\($0.0)'?" : nil }
        return "unknown command '\(word)'" + (suggestion ?? "; the commands are: " + known.joined(separator: ", "))
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
