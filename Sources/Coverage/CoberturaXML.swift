import Foundation

/// Cobertura's XML (coverage-04.dtd), the format CodeBuild's `COBERTURAXML` report groups read: a package per
/// migration folder, a class per migration file, a method per routine, lines numbered as in the file.
public enum CoberturaXML {
    /// - Parameters:
    ///   - sourceRoot: the directory the files' paths are relative to (the `<source>` element).
    ///   - timestamp: when the run ended, in milliseconds since 1970.
    public static func render(_ report: CoverageReport, sourceRoot: String, timestamp: Int64) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">
            <coverage line-rate="\(rate(report.lineRate))" branch-rate="\(rate(report.branchRate))" \
            lines-covered="\(report.linesCovered)" lines-valid="\(report.linesValid)" \
            branches-covered="\(report.branchesCovered)" branches-valid="\(report.branchesValid)" \
            complexity="0" version="slipway" timestamp="\(timestamp)">
              <sources>
                <source>\(escaped(sourceRoot))</source>
              </sources>
              <packages>

            """
        let packages = Dictionary(grouping: report.files) { directory(of: $0.file) }.sorted { $0.key < $1.key }
        for (package, files) in packages {
            let routines = files.flatMap(\.routines)
            xml += "    <package name=\"\(escaped(package))\" \(rates(routines)) complexity=\"0\">\n      <classes>\n"
            for (file, routines) in files {
                let name = String(file.split(separator: "/").last ?? Substring(file))
                xml += "        <class name=\"\(escaped(name))\" filename=\"\(escaped(file))\" \(rates(routines)) complexity=\"0\">\n"
                xml += "          <methods>\n"
                for routine in routines {
                    let (name, signature) = split(routine.signature)
                    xml += "            <method name=\"\(escaped(name))\" signature=\"\(escaped(signature))\" \(rates([routine])) complexity=\"0\">\n"
                    xml += lines([routine], indent: "              ")
                    xml += "            </method>\n"
                }
                xml += "          </methods>\n"
                xml += lines(routines, indent: "          ")
                xml += "        </class>\n"
            }
            xml += "      </classes>\n    </package>\n"
        }
        return xml + "  </packages>\n</coverage>\n"
    }

    private static func lines(_ routines: [RoutineCoverage], indent: String) -> String {
        var text = indent + "<lines>\n"
        for routine in routines {
            for line in routine.lines {
                let branches = routine.branches.filter { $0.line == line.line }
                var attributes = "number=\"\(line.line)\" hits=\"\(line.hits)\" branch=\"\(!branches.isEmpty)\""
                if !branches.isEmpty {
                    let taken = branches.filter { $0.taken > 0 }.count
                    attributes += " condition-coverage=\"\(taken * 100 / branches.count)% (\(taken)/\(branches.count))\""
                }
                text += indent + "  <line \(attributes)/>\n"
            }
        }
        return text + indent + "</lines>\n"
    }

    private static func rates(_ routines: [RoutineCoverage]) -> String {
        let lines = (routines.map(\.linesCovered).reduce(0, +), routines.map(\.lines.count).reduce(0, +))
        let branches = (routines.map(\.branchesCovered).reduce(0, +), routines.map(\.branches.count).reduce(0, +))
        return "line-rate=\"\(rate(CoverageReport.rate(lines.0, lines.1)))\" branch-rate=\"\(rate(CoverageReport.rate(branches.0, branches.1)))\""
    }

    /// `db/migration` for `db/migration/R__x.sql`; `.` for a file in the working directory.
    private static func directory(of file: String) -> String {
        let parts = file.split(separator: "/")
        return parts.count > 1 ? parts.dropLast().joined(separator: "/") : "."
    }

    /// `merge(integer)` → (`merge`, `(integer)`).
    private static func split(_ signature: String) -> (String, String) {
        guard let open = signature.firstIndex(of: "(") else { return (signature, "()") }
        return (String(signature[..<open]), String(signature[open...]))
    }

    private static func rate(_ value: Double) -> String {
        String(format: "%.4f", value)
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
