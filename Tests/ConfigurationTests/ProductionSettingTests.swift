import Configuration
import Testing
import TestSupport

@Suite struct ProductionSettingTests {
    static let toml = """
        [environments.test]
        url = "postgresql://localhost/test"

        [environments.prod]
        url = "postgresql://prod.example.com/prod"
        production = true
        """

    @Test("an environment marked production = true is production; others are not")
    func marksProduction() throws {
        let directory = try TemporaryDirectory()
        try directory.write("slipway.toml", Self.toml)
        #expect(try load(["environment": "prod"], in: directory).production)
        #expect(try load(["environment": "test"], in: directory).production == false)
        #expect(try load(in: directory).production == false)
    }

    @Test("neither a variable nor a flag can switch a production environment's protection off")
    func cannotBeSwitchedOff() throws {
        let directory = try TemporaryDirectory()
        try directory.write("slipway.toml", Self.toml)
        let settings = try load(
            ["environment": "prod", "production": "false"], environment: ["SLIPWAY_PRODUCTION": "false"], in: directory)
        #expect(settings.production)
    }

    @Test("a variable can mark any run as production")
    func variableMarksProduction() throws {
        let directory = try TemporaryDirectory()
        #expect(try load(environment: ["SLIPWAY_PRODUCTION": "true"], in: directory).production)
    }

    @Test("production must be a boolean")
    func wrongType() throws {
        let directory = try TemporaryDirectory()
        try directory.write("slipway.toml", """
            [environments.prod]
            production = "yes please"
            """)
        let errors = loadErrors(["environment": "prod"], in: directory)
        #expect(errors.map(\.code) == ["wrong-type"])
    }
}
