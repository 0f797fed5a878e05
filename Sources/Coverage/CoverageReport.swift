import Foundation

/// Coverage of every profiled routine over a whole test run, by routine and by migration file.
public struct CoverageReport: Sendable, Equatable {
    /// Worst first: lowest line rate, then lowest branch rate, then by file and line.
    public var routines: [RoutineCoverage]
    /// Each routine counted as one line, hit once per call (Amazon Redshift has no line profiler).
    public var isProcedureLevel: Bool

    public init(_ profiles: [RoutineProfile], procedureLevel: Bool = false) {
        isProcedureLevel = procedureLevel
        routines = profiles.map(RoutineCoverage.init).sorted { left, right in
            let (l, r) = (Self.rate(left.linesCovered, left.lines.count), Self.rate(right.linesCovered, right.lines.count))
            if l != r { return l < r }
            let (lb, rb) = (Self.rate(left.branchesCovered, left.branches.count), Self.rate(right.branchesCovered, right.branches.count))
            if lb != rb { return lb < rb }
            return (left.source.file, left.source.bodyLine) < (right.source.file, right.source.bodyLine)
        }
    }

    /// The migration files with a profiled routine, in path order, each with its routines in line order.
    public var files: [(file: String, routines: [RoutineCoverage])] {
        Dictionary(grouping: routines, by: \.source.file).sorted { $0.key < $1.key }
            .map { ($0.key, $0.value.sorted { $0.source.bodyLine < $1.source.bodyLine }) }
    }

    public var linesCovered: Int { routines.map(\.linesCovered).reduce(0, +) }
    public var linesValid: Int { routines.map(\.lines.count).reduce(0, +) }
    public var branchesCovered: Int { routines.map(\.branchesCovered).reduce(0, +) }
    public var branchesValid: Int { routines.map(\.branches.count).reduce(0, +) }

    /// The share of lines covered, 0 to 1; 1 when there are no lines (nothing left untested).
    public var lineRate: Double { Self.rate(linesCovered, linesValid) }
    public var branchRate: Double { Self.rate(branchesCovered, branchesValid) }

    static func rate(_ covered: Int, _ valid: Int) -> Double {
        valid == 0 ? 1 : Double(covered) / Double(valid)
    }

    /// The console's table, worst first, then the total:
    /// `  routine  file:line  lines 4/5 80%  branches 1/2 50%  calls 3`.
    public var table: String {
        let rows = routines.map { routine in
            [routine.signature, "\(routine.source.file):\(routine.source.bodyLine)",
             Self.ratio(routine.linesCovered, routine.lines.count), Self.ratio(routine.branchesCovered, routine.branches.count),
             String(routine.calls)]
        } + [["total", "\(files.count) file\(files.count == 1 ? "" : "s")", Self.ratio(linesCovered, linesValid),
              Self.ratio(branchesCovered, branchesValid), String(routines.map(\.calls).reduce(0, +))]]
        let header = ["routine", "file", "lines", "branches", "calls"]
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            "  " + row.enumerated().map { column, text in
                column == row.count - 1 ? text : text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// `4/5 80%`, or `-` when there is nothing to cover.
    static func ratio(_ covered: Int, _ valid: Int) -> String {
        valid == 0 ? "-" : "\(covered)/\(valid) \(Int((rate(covered, valid) * 100).rounded(.down)))%"
    }

    /// The line coverage in whole percent, rounded down (so 79.9% is below a minimum of 80).
    public var linePercent: Int { Int((lineRate * 100).rounded(.down)) }
}
