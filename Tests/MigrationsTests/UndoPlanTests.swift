import Migrations
import Testing

/// Flyway Teams' `undo` ("Undoes the most recently applied versioned migration"; with a target, in the reverse
/// of the applied order until a version at or below it), from its documentation's Commands/Undo page.
@Suite struct UndoPlanTests {
    typealias F = PlanFixtures
    let v1 = F.file("V1__a.sql"), v2 = F.file("V2__b.sql"), v3 = F.file("V3__c.sql")
    let u1 = F.file("U1__a.sql"), u2 = F.file("U2__b.sql"), u3 = F.file("U3__c.sql")

    /// 1 and 3 applied, then 2 out of order: 2 is the most recently applied, 3 the highest.
    func plan() throws -> MigrationPlan {
        try MigrationPlan(
            migrations: [v1, v2, v3, u1, u2, u3], applied: [F.row(1, v1), F.row(2, v3), F.row(3, v2)],
            options: PlanOptions(outOfOrder: true))
    }

    @Test("undo takes the most recently applied version, not the highest")
    func mostRecentlyApplied() throws {
        let undo = try plan().undoPlan(target: nil)
        #expect(undo.steps.map(\.undo.script) == ["U2__b.sql"])
        #expect(undo.resultingVersion == MigrationVersion("3"))
    }

    @Test("undo --target walks back in applied order until a version at or below the target")
    func targetInAppliedOrder() throws {
        #expect(try plan().undoPlan(target: MigrationVersion("1")).steps.map(\.undo.script) == ["U2__b.sql", "U3__c.sql"])
        #expect(try plan().undoPlan(target: MigrationVersion("2")).steps.isEmpty)
    }

    @Test("Undoable says Yes only for applied versions with an undo file")
    func undoableOnlyWhenApplied() throws {
        let pending = try MigrationPlan(migrations: [v1, v2, u1, u2], applied: [F.row(1, v1)])
        #expect(pending.info.filter { $0.category == .versioned }.map(\.undoable) == ["Yes", "No"])
    }
}
