import Diagnostics
import Migrations
import MigrationResults
import Migrator
import Testing
import TestSupport

@Suite struct TargetedRunTests {
    private func project() throws -> MigrationProject {
        let project = try MigrationProject()
        for minor in 1...4 {
            try project.write("V1_\(minor)__t\(minor).sql", "CREATE TABLE t\(minor) (id int);")
        }
        return project
    }

    @Test("cherry-pick applies only the picked pending versions, in the order given")
    func cherryPick() throws {
        let project = try project()
        project.options.plan.cherryPick = try ["1.4", "1.2"].map { v throws(Diagnostic) in try MigrationVersion.parse(v) }
        project.options.plan.outOfOrder = true
        #expect(try project.migrate().applied.map(\.script) == ["V1_4__t4.sql", "V1_2__t2.sql"])
        #expect(try project.value("SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relname LIKE 't_'") == "t2,t4")
        project.options.plan.cherryPick = nil
        let info = try project.migrator().info(project.discovered(), serverVersion: "")
        #expect(info.entries.map(\.script) == ["V1_4__t4.sql", "V1_2__t2.sql", "V1_1__t1.sql", "V1_3__t3.sql"])
        #expect(try project.migrate().applied.map(\.script) == ["V1_1__t1.sql", "V1_3__t3.sql"])
    }

    @Test("target current applies nothing new, also on an empty database")
    func targetCurrent() throws {
        let project = try project()
        project.options.plan.target = try .parse("current")
        #expect(try project.migrate().applied.isEmpty)
        project.options.plan.target = try .parse("1.2")
        try project.migrate()
        project.options.plan.target = try .parse("current")
        #expect(try project.migrate().applied.isEmpty)
        let states = try project.migrator().info(project.discovered(), serverVersion: "").entries.map(\.state)
        #expect(states == [.success, .success, .aboveTarget, .aboveTarget])
        project.options.plan.target = .latest
        #expect(try project.migrate().applied.map(\.script) == ["V1_3__t3.sql", "V1_4__t4.sql"])
    }
}
