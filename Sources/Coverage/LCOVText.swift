/// The LCOV tracefile (`geninfo(1)`'s format) that `genhtml`, editors' coverage gutters and CodeBuild read: one
/// record per migration file, a function per routine, lines and branches numbered as in the file.
public enum LCOVText {
    public static func render(_ report: CoverageReport) -> String {
        var text = ""
        for (file, routines) in report.files {
            text += "TN:slipway\nSF:\(file)\n"
            for routine in routines { text += "FN:\(routine.source.bodyLine),\(routine.signature)\n" }
            for routine in routines { text += "FNDA:\(routine.calls),\(routine.signature)\n" }
            text += "FNF:\(routines.count)\nFNH:\(routines.filter { $0.calls > 0 }.count)\n"
            let branches = routines.flatMap(\.branches)
            for branch in branches {
                // `-`: the decision itself never ran, as geninfo writes for a block never reached.
                let decisionRan = branches.contains { $0.line == branch.line && $0.decision == branch.decision && $0.taken > 0 }
                text += "BRDA:\(branch.line),\(branch.decision),\(branch.index),\(decisionRan ? String(branch.taken) : "-")\n"
            }
            text += "BRF:\(branches.count)\nBRH:\(branches.filter { $0.taken > 0 }.count)\n"
            let lines = routines.flatMap(\.lines)
            for line in lines { text += "DA:\(line.line),\(line.hits)\n" }
            text += "LF:\(lines.count)\nLH:\(lines.filter { $0.hits > 0 }.count)\nend_of_record\n"
        }
        return text
    }
}
