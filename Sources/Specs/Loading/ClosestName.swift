/// Finds the valid name that a misspelt one was most likely meant to be.
enum ClosestName {
    /// The candidate nearest to `name` by edit distance, if it is near enough to be a plausible typo: at most
    /// 2 edits, and fewer than half of the candidate's characters.
    static func suggestion(for name: String, among candidates: [String]) -> String? {
        let scored = candidates.map { (candidate: $0, distance: editDistance(name, $0)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        guard best.distance <= 2, best.distance * 2 < best.candidate.count else { return nil }
        return best.candidate
    }

    /// The number of single-character insertions, deletions, substitutions and swaps of neighbours that turn
    /// one string into the other (optimal string alignment distance), ignoring letter case.
    static func editDistance(_ left: String, _ right: String) -> Int {
        let left = Array(left.lowercased())
        let right = Array(right.lowercased())
        // distance[i][j]: the distance between the first i characters of left and the first j of right.
        var distance = [[Int]](repeating: [Int](repeating: 0, count: right.count + 1), count: left.count + 1)
        for i in 0...left.count { distance[i][0] = i }
        for j in 0...right.count { distance[0][j] = j }
        for i in stride(from: 1, through: left.count, by: 1) {
            for j in stride(from: 1, through: right.count, by: 1) {
                let cost = left[i - 1] == right[j - 1] ? 0 : 1
                var best = min(distance[i - 1][j] + 1, distance[i][j - 1] + 1, distance[i - 1][j - 1] + cost)
                if i > 1, j > 1, left[i - 1] == right[j - 2], left[i - 2] == right[j - 1] {
                    best = min(best, distance[i - 2][j - 2] + 1)
                }
                distance[i][j] = best
            }
        }
        return distance[left.count][right.count]
    }
}
